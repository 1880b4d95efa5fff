package python

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/paxx-dev/paxx/rewrite"
)

var update = flag.Bool("update", false, "rewrite golden files")

// goldenDir holds one directory per AddFields case.
const goldenDir = "../testdata/python"

// redisField is the field every case adds unless its case.json says otherwise.
func redisField() NewField {
	return NewField{Name: "redis_url", Type: "str", Default: "redis://localhost:6379/0", Section: "Redis"}
}

// goldenCase is one directory of goldenDir.
type goldenCase struct {
	name   string
	dir    string
	input  string // file name of the input
	class  string
	fields []NewField
}

// caseParams is a case.json: the class to edit and the fields to add.
type caseParams struct {
	Class  string      `json:"class"`
	Fields []caseField `json:"fields"`
}

// caseField is a NewField in JSON; Default keeps JSON's types apart (1 is
// an int, 1.5 a float) and Expr, when set, is a python.Expr default.
type caseField struct {
	Name    string          `json:"name"`
	Type    string          `json:"type"`
	Default json.RawMessage `json:"default"`
	Expr    string          `json:"expr"`
	Section string          `json:"section"`
}

func (c caseField) newField() (NewField, error) {
	nf := NewField{Name: c.Name, Type: c.Type, Section: c.Section}
	if c.Expr != "" {
		nf.Default = Expr(c.Expr)
		return nf, nil
	}
	d := json.NewDecoder(bytes.NewReader(c.Default))
	d.UseNumber()
	var v any
	if len(c.Default) > 0 {
		if err := d.Decode(&v); err != nil {
			return nf, err
		}
	}
	if n, ok := v.(json.Number); ok {
		if i, err := n.Int64(); err == nil {
			v = int(i)
		} else if v, err = n.Float64(); err != nil {
			return nf, err
		}
	}
	nf.Default = v
	return nf, nil
}

// goldenCases reads every case directory.
func goldenCases(t testing.TB) []goldenCase {
	t.Helper()
	entries, err := os.ReadDir(goldenDir)
	if err != nil {
		t.Fatal(err)
	}
	return goldenCasesIn(t, goldenDir, entries)
}

// goldenCasesIn reads the case directories among entries of dir.
func goldenCasesIn(t testing.TB, goldenDir string, entries []os.DirEntry) []goldenCase {
	t.Helper()
	var cases []goldenCase
	for _, e := range entries {
		if !e.IsDir() || !fileExists(filepath.Join(goldenDir, e.Name(), "input.py")) {
			continue // not a case, or a folder of another operation's cases
		}
		gc := goldenCase{name: e.Name(), dir: filepath.Join(goldenDir, e.Name()), input: "input.py", class: "Settings", fields: []NewField{redisField()}}
		if raw, err := os.ReadFile(filepath.Join(gc.dir, "case.json")); err == nil {
			var p caseParams
			if err := json.Unmarshal(raw, &p); err != nil {
				t.Fatalf("%s/case.json: %v", gc.dir, err)
			}
			if p.Class != "" {
				gc.class = p.Class
			}
			if len(p.Fields) > 0 {
				gc.fields = nil
				for _, cf := range p.Fields {
					nf, err := cf.newField()
					if err != nil {
						t.Fatalf("%s/case.json: field %s: %v", gc.dir, cf.Name, err)
					}
					gc.fields = append(gc.fields, nf)
				}
			}
		}
		cases = append(cases, gc)
	}
	return cases
}

func TestAddFieldsGolden(t *testing.T) {
	cases := goldenCases(t)
	if len(cases) < 20 {
		t.Errorf("%d golden cases, want at least 20", len(cases))
	}
	for _, gc := range cases {
		t.Run(gc.name, func(t *testing.T) {
			in, err := os.ReadFile(filepath.Join(gc.dir, gc.input))
			if err != nil {
				t.Fatal(err)
			}
			out, actions, err := edited("settings.py", in, func(f *File) (*File, []rewrite.Action, error) {
				return f.AddFields(gc.class, gc.fields)
			})
			errFile := filepath.Join(gc.dir, "want.err")
			wantFile := filepath.Join(gc.dir, "want.py")
			if err != nil {
				var rerr *rewrite.Error
				if !errors.As(err, &rerr) || rerr.Kind == nil {
					t.Errorf("error %v is not a *rewrite.Error with a kind", err)
				}
				golden(t, errFile, []byte(err.Error()+"\n"))
				return
			}
			if _, statErr := os.Stat(errFile); statErr == nil && !*update {
				t.Fatalf("no error, want the one in %s", errFile)
			}
			golden(t, wantFile, out)
			checkInvariants(t, in, out, actions, gc.class, gc.fields)
		})
	}
}

// edited parses src and runs one edit method of File on it, giving the
// edited bytes: how the tests that compare sources call the edits. A
// syntax error in src is the error, as it is for an edit of a File that
// Parse gave.
func edited(path string, src []byte, edit func(*File) (*File, []rewrite.Action, error)) ([]byte, []rewrite.Action, error) {
	f, err := Parse(path, src)
	if err != nil {
		return nil, nil, err
	}
	g, actions, err := edit(f)
	if err != nil {
		return nil, nil, err
	}
	return g.Bytes(), actions, nil
}

// golden compares got with the file, or rewrites the file under -update.
func golden(t *testing.T, file string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", file, diff)
	}
}

// checkInvariants asserts what every AddFields output must be: Python that
// parses, the input with lines added and nothing else, a fixed point, in the
// file's line endings, BOM and final-newline style, with every field present
// and every action pointing at its field.
func checkInvariants(t *testing.T, in, out []byte, actions []rewrite.Action, class string, fields []NewField) {
	t.Helper()
	f, err := Parse("settings.py", out)
	if err != nil {
		t.Fatalf("output does not parse: %v", err)
	}
	if !rewrite.IsInsertOnly(in, out) {
		t.Errorf("output is not insert-only")
	}
	again, more, err := edited("settings.py", out, func(f *File) (*File, []rewrite.Action, error) {
		return f.AddFields(class, fields)
	})
	if err != nil || !bytes.Equal(again, out) || len(more) != 0 {
		t.Errorf("second run changed the output (err %v, actions %v)", err, more)
	}
	if bytes.Equal(in, out) != (len(actions) == 0) {
		t.Errorf("output changed: %v, but %d actions", !bytes.Equal(in, out), len(actions))
	}
	if rewrite.Newline(in) == "\r\n" && bytes.Count(out, []byte("\n")) != bytes.Count(out, []byte("\r\n"))+bytes.Count(in, []byte("\n"))-bytes.Count(in, []byte("\r\n")) {
		t.Errorf("inserted line breaks are not CRLF like the file's")
	}
	if bytes.HasPrefix(in, []byte(rewrite.BOM)) != bytes.HasPrefix(out, []byte(rewrite.BOM)) {
		t.Errorf("BOM not kept")
	}
	if rewrite.EndsWithNewline(in) != rewrite.EndsWithNewline(out) {
		t.Errorf("final newline: input %v, output %v", rewrite.EndsWithNewline(in), rewrite.EndsWithNewline(out))
	}
	c, ok := f.Class(class)
	if !ok {
		t.Fatalf("class %s is gone", class)
	}
	for _, nf := range fields {
		if _, ok := c.HasField(nf.Name); !ok {
			t.Errorf("field %s missing from the output", nf.Name)
		}
	}
	lines := strings.Split(string(out), "\n")
	for _, a := range actions {
		if a.Line < 1 || a.Line > len(lines) {
			t.Errorf("action %+v: no such line", a)
			continue
		}
		name := strings.Fields(strings.TrimPrefix(a.What, "field "))[0]
		if !strings.HasPrefix(strings.TrimSpace(lines[a.Line-1]), name+":") {
			t.Errorf("action %+v points at %q", a, lines[a.Line-1])
		}
		if !strings.HasSuffix(a.What, " in "+class) {
			t.Errorf("action %+v does not name class %s", a, class)
		}
	}
}

// fileExists reports whether path names an existing file.
func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
