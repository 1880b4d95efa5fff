package dotenv_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/paxx-dev/paxx/dotenv"
	"github.com/paxx-dev/paxx/rewrite"
)

var update = flag.Bool("update", false, "rewrite golden files")

// params are a golden case's arguments, read from its optional case.json.
type params struct {
	Section string
	Vars    []dotenv.Var
}

// defaults are the arguments of a case without case.json: Redis's.
var defaults = params{Section: "Redis", Vars: []dotenv.Var{{Name: "REDIS_URL", Value: "redis://localhost:6379/0"}}}

const goldenPath = ".env.example"

// TestAddVarsGolden runs AddVars on each case under testdata/dotenv: its
// input.env (absent for a missing file) against want.env and want.actions,
// or want.err for a case that must fail.
func TestAddVarsGolden(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("..", "testdata", "dotenv", "*"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no golden cases: %v", err)
	}
	for _, dir := range dirs {
		if filepath.Base(dir) == "remove" { // the RemoveVars cases
			continue
		}
		t.Run(filepath.Base(dir), func(t *testing.T) {
			src, p := readCase(t, dir)
			g, actions, err := addVars(src, p.Section, p.Vars)
			errFile := filepath.Join(dir, "want.err")
			if _, serr := os.Stat(errFile); serr == nil || err != nil {
				if *update && err != nil {
					writeGolden(t, errFile, err.Error()+"\n")
				}
				checkGolden(t, errFile, errText(err))
				if err != nil && !errors.Is(err, rewrite.ErrSyntax) && !errors.Is(err, rewrite.ErrRefused) {
					t.Errorf("error %v is neither ErrSyntax nor ErrRefused", err)
				}
				return
			}
			out := g.Bytes()
			if *update {
				writeGolden(t, filepath.Join(dir, "want.env"), string(out))
				writeGolden(t, filepath.Join(dir, "want.actions"), formatActions(actions))
			}
			checkGolden(t, filepath.Join(dir, "want.env"), string(out))
			checkGolden(t, filepath.Join(dir, "want.actions"), formatActions(actions))
			checkInvariants(t, src, g, actions, p)
		})
	}
}

// addVars parses src as goldenPath and adds vars to it, as paxx does with
// the bytes of .env.example.
func addVars(src []byte, section string, vars []dotenv.Var) (*dotenv.File, []rewrite.Action, error) {
	f, err := dotenv.Parse(goldenPath, src)
	if err != nil {
		return nil, nil, err
	}
	return f.AddVars(section, vars)
}

// removeVars is addVars's twin for RemoveVars.
func removeVars(src []byte, section string, vars []dotenv.Var) (*dotenv.File, []rewrite.Action, error) {
	f, err := dotenv.Parse(goldenPath, src)
	if err != nil {
		return nil, nil, err
	}
	return f.RemoveVars(section, vars)
}

// names returns the variables src sets; src must parse.
func names(t testing.TB, src []byte) []string {
	t.Helper()
	f, err := dotenv.Parse(goldenPath, src)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return f.Names()
}

// readCase reads a case's input (nil when absent) and parameters.
func readCase(t *testing.T, dir string) ([]byte, params) {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(dir, "input.env"))
	if errors.Is(err, fs.ErrNotExist) {
		src = nil
	} else if err != nil {
		t.Fatal(err)
	}
	p := defaults
	data, err := os.ReadFile(filepath.Join(dir, "case.json"))
	switch {
	case err == nil:
		p = params{}
		if err := json.Unmarshal(data, &p); err != nil {
			t.Fatalf("case.json: %v", err)
		}
	case !errors.Is(err, fs.ErrNotExist):
		t.Fatal(err)
	}
	return src, p
}

// checkInvariants asserts what every successful AddVars, which gave g,
// must keep.
func checkInvariants(t *testing.T, src []byte, g *dotenv.File, actions []rewrite.Action, p params) {
	t.Helper()
	out := g.Bytes()
	got := g.Names()
	if d := cmp.Diff(names(t, out), got); d != "" {
		t.Errorf("the File AddVars returns is not the reading of its bytes (-reparsed +returned):\n%s", d)
	}
	for _, v := range p.Vars {
		if !slices.Contains(got, v.Name) {
			t.Errorf("output does not set %s", v.Name)
		}
	}
	for _, n := range names(t, src) {
		if !slices.Contains(got, n) {
			t.Errorf("output no longer sets %s", n)
		}
	}
	if !rewrite.IsInsertOnly(src, out) {
		t.Error("output is not insert-only")
	}
	again, more, err := g.AddVars(p.Section, p.Vars)
	if err != nil || again != g || len(more) != 0 {
		t.Errorf("not idempotent: second run gave %d actions, err %v", len(more), err)
		if again != nil {
			t.Errorf("diff:\n%s", cmp.Diff(string(out), string(again.Bytes())))
		}
	}
	if bytes.HasPrefix(src, []byte(rewrite.BOM)) != bytes.HasPrefix(out, []byte(rewrite.BOM)) {
		t.Error("byte order mark not kept")
	}
	if len(src) > 0 && rewrite.Newline(src) == "\r\n" && bytes.Count(out, []byte("\n"))-bytes.Count(out, []byte("\r\n")) != bytes.Count(src, []byte("\n"))-bytes.Count(src, []byte("\r\n")) {
		t.Error("LF line breaks added to a CRLF file")
	}
	if body := bytes.TrimPrefix(src, []byte(rewrite.BOM)); !rewrite.EndsWithNewline(body) && rewrite.EndsWithNewline(out) {
		t.Error("a file without a final line break got one")
	}
	lines := strings.Split(string(out), "\n")
	for _, a := range actions {
		name := strings.TrimPrefix(a.What, "variable ")
		if a.Line < 1 || a.Line > len(lines) || !strings.Contains(lines[a.Line-1], name+"=") && !strings.Contains(lines[a.Line-1], name+" =") {
			t.Errorf("action %+v does not point at the line setting %s", a, name)
		}
	}
}

func formatActions(actions []rewrite.Action) string {
	var b strings.Builder
	for _, a := range actions {
		fmt.Fprintf(&b, "%d: %s\n", a.Line, a.What)
	}
	return b.String()
}

func errText(err error) string {
	if err == nil {
		return "<no error>\n"
	}
	return err.Error() + "\n"
}

func writeGolden(t *testing.T, name, content string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	want, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(string(want), got); d != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", filepath.Base(name), d)
	}
}
