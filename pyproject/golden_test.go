package pyproject

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/paxx-dev/paxx/rewrite"
)

var update = flag.Bool("update", false, "rewrite golden files")

// goldenDir holds one directory per case: input.toml or input.txt, an
// optional case.json, and the wanted want.toml / want.txt, want.actions or
// want.err.
const goldenDir = "../testdata/pyproject"

// caseParams are a case's parameters, read from its optional case.json.
type caseParams struct {
	Req   string `json:"req"`   // the requirement to add; "redis>=5.0" when empty
	Infra string `json:"infra"` // the component to record; "redis" when empty
}

// goldenCase is one case directory.
type goldenCase struct {
	name, dir, ext string
	in             []byte
	params         caseParams
}

func loadCases(t testing.TB) []goldenCase {
	t.Helper()
	dirs, err := os.ReadDir(goldenDir)
	if err != nil {
		t.Fatal(err)
	}
	var cases []goldenCase
	for _, d := range dirs {
		if !d.IsDir() || d.Name() == "remove" { // remove holds the Remove functions' cases
			continue
		}
		c := goldenCase{name: d.Name(), dir: filepath.Join(goldenDir, d.Name()), params: caseParams{Req: "redis>=5.0", Infra: "redis"}}
		for _, ext := range []string{".toml", ".txt"} {
			if in, err := os.ReadFile(filepath.Join(c.dir, "input"+ext)); err == nil {
				c.in, c.ext = in, ext
			}
		}
		if c.ext == "" {
			t.Fatalf("%s: no input.toml or input.txt", c.dir)
		}
		if js, err := os.ReadFile(filepath.Join(c.dir, "case.json")); err == nil {
			if err := json.Unmarshal(js, &c.params); err != nil {
				t.Fatalf("%s/case.json: %v", c.dir, err)
			}
		}
		cases = append(cases, c)
	}
	return cases
}

// run applies the case's operations: for a pyproject.toml, AddDependency
// (or nothing when the dependencies live in a requirements file) then
// AddInfra; for a requirements file, AddRequirementLine. It returns the
// output and a log of the target and actions.
func (c goldenCase) run(in []byte) ([]byte, string, error) {
	var log strings.Builder
	logActions := func(acts []rewrite.Action) {
		for _, a := range acts {
			fmt.Fprintf(&log, "%d: %s\n", a.Line, a.What)
		}
	}
	if c.ext == ".txt" {
		out, acts, err := addRequirementLine("requirements.txt", in, c.params.Req)
		logActions(acts)
		return out, log.String(), err
	}
	f, err := Parse("pyproject.toml", in)
	if err != nil {
		return nil, "", err
	}
	t, err := f.DependencyTarget()
	if err != nil {
		return nil, "", err
	}
	fmt.Fprintf(&log, "target: %s %s\n", t.Kind, t.Path)
	out := in
	if t.Kind != Requirements {
		var acts []rewrite.Action
		if out, acts, err = addDependency("pyproject.toml", in, c.params.Req); err != nil {
			return nil, "", err
		}
		logActions(acts)
	}
	out, acts, err := addInfra("pyproject.toml", out, c.params.Infra)
	logActions(acts)
	return out, log.String(), err
}

func TestGolden(t *testing.T) {
	cases := loadCases(t)
	if len(cases) < 20 {
		t.Errorf("only %d golden cases", len(cases))
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, log, err := c.run(c.in)
			wantOut := filepath.Join(c.dir, "want"+c.ext)
			wantLog := filepath.Join(c.dir, "want.actions")
			wantErr := filepath.Join(c.dir, "want.err")
			if *update {
				for _, p := range []string{wantOut, wantLog, wantErr} {
					if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
						t.Fatal(err)
					}
				}
				if err != nil {
					write(t, wantErr, []byte(err.Error()+"\n"))
				} else {
					write(t, wantOut, out)
					write(t, wantLog, []byte(log))
				}
			}
			if err != nil {
				checkError(t, err)
				if diff := cmp.Diff(read(t, wantErr), err.Error()+"\n"); diff != "" {
					t.Fatalf("error (-want +got):\n%s", diff)
				}
				return
			}
			if diff := cmp.Diff(read(t, wantOut), string(out)); diff != "" {
				t.Errorf("output (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(read(t, wantLog), log); diff != "" {
				t.Errorf("actions (-want +got):\n%s", diff)
			}
			checkInvariants(t, c, out)
		})
	}
}

// checkError asserts that a failure is a placed *rewrite.Error of a known
// kind.
func checkError(t *testing.T, err error) {
	t.Helper()
	var re *rewrite.Error
	if !errors.As(err, &re) {
		t.Fatalf("error %v is a %T, not a *rewrite.Error", err, err)
	}
	if !errors.Is(err, rewrite.ErrSyntax) && !errors.Is(err, rewrite.ErrRefused) {
		t.Errorf("error %v has kind %v", err, re.Kind)
	}
	if errors.Is(err, rewrite.ErrSyntax) && (re.Line < 1 || re.Col < 1) {
		t.Errorf("syntax error %v has no line:col", err)
	}
}

// checkInvariants asserts what every successful add keeps: a valid output,
// nothing of the input lost, idempotence, the input's line endings, byte
// order mark and final line break.
func checkInvariants(t *testing.T, c goldenCase, out []byte) {
	t.Helper()
	if c.ext == ".toml" {
		if _, err := Parse("pyproject.toml", out); err != nil {
			t.Errorf("output does not parse: %v", err)
		}
	}
	if !rewrite.IsInsertOnly(c.in, out) {
		t.Errorf("output is not insert-only")
	}
	again, log, err := c.run(out)
	if err != nil {
		t.Fatalf("second run: %v", err)
	}
	if !bytes.Equal(again, out) {
		t.Errorf("second run changed the output:\n%s", cmp.Diff(string(out), string(again)))
	}
	for _, l := range strings.Split(strings.TrimSpace(log), "\n") {
		if l != "" && !strings.HasPrefix(l, "target:") {
			t.Errorf("second run reported an action: %s", l)
		}
	}
	if nl := rewrite.Newline(c.in); bytes.Contains(c.in, []byte("\n")) {
		lf := bytes.Count(out, []byte("\n"))
		crlf := bytes.Count(out, []byte("\r\n"))
		if nl == "\r\n" && crlf != lf || nl == "\n" && crlf != bytes.Count(c.in, []byte("\r\n")) {
			t.Errorf("line endings not kept: %d CRLF of %d line breaks", crlf, lf)
		}
	}
	if bytes.HasPrefix(c.in, []byte(rewrite.BOM)) != bytes.HasPrefix(out, []byte(rewrite.BOM)) {
		t.Errorf("byte order mark not kept")
	}
	if rewrite.EndsWithNewline(c.in) != rewrite.EndsWithNewline(out) {
		t.Errorf("final line break not kept")
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	return string(b)
}

func write(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
