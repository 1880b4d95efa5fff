package python

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/paxx-dev/paxx/internal/casetest"
	"github.com/paxx-dev/paxx/rewrite"
)

// defaultImports are what the tests ensure outside the cases: the names
// the catalogue's typed fields need most.
func defaultImports() []Import {
	return []Import{{Module: "pydantic", Name: "SecretStr"}, {Module: "typing", Name: "Literal"}}
}

// importArgs reads a case's operations: the imports to ensure.
func importArgs(t testing.TB, c *casetest.Case) []Import {
	t.Helper()
	if len(c.Ops) == 0 {
		t.Fatalf("%s: no operations: want import MODULE NAME lines", c.Path)
	}
	var imports []Import
	for _, o := range c.Ops {
		if o.Args[0] != "import" || len(o.Args) != 3 {
			c.Fatalf(t, o, "want import MODULE NAME")
		}
		imports = append(imports, Import{Module: o.Args[1], Name: o.Args[2]})
	}
	return imports
}

// TestAddImportsCases runs AddImports on each case of
// testdata/cases/python/add-imports, holds every edit to
// casetest.Check, and checks what is python's own: errors with a
// position, and checkImportsKept.
func TestAddImportsCases(t *testing.T) {
	if n := len(casetest.Load(t, addImportsCases)); n < 20 {
		t.Errorf("%d AddImports cases, want at least 20", n)
	}
	casetest.Run(t, addImportsCases, func(t *testing.T, c *casetest.Case) casetest.Result {
		imports := importArgs(t, c)
		out, actions, err := casetest.Edited(Parse, c.InputName, c.Input, func(f *File) (*File, []rewrite.Action, error) {
			return f.AddImports(imports)
		})
		if err != nil {
			var rerr *rewrite.Error
			if !errors.As(err, &rerr) || rerr.Line == 0 {
				t.Errorf("error %v is not a *rewrite.Error with a position", err)
			}
			return casetest.Result{Err: err}
		}
		casetest.Check(t, importEdit(c.Name+": AddImports", c.InputName, c.Input, out, actions, imports))
		checkImportsKept(t, c.InputName, c.Input, out, actions, imports)
		return casetest.Result{Out: out, Actions: actions}
	})
}

// importEdit is the casetest.Edit of an AddImports of imports that gave
// out from in.
func importEdit(op, path string, in, out []byte, actions []rewrite.Action, imports []Import) casetest.Edit {
	return casetest.Edit{
		Op:      op,
		In:      in,
		Out:     out,
		Actions: actions,
		Parse:   parseErr(path),
		Again: func(src []byte) ([]byte, []rewrite.Action, error) {
			return casetest.Edited(Parse, path, src, func(f *File) (*File, []rewrite.Action, error) {
				return f.AddImports(imports)
			})
		},
	}
}

// checkImportsKept asserts what every AddImports result keeps beyond
// casetest.Check: the line ending and the final newline of a file that is
// not empty, every name bound, and each action, "import of NAME from
// MODULE", on a line of the output that holds NAME.
func checkImportsKept(t testing.TB, path string, in, out []byte, actions []rewrite.Action, imports []Import) {
	t.Helper()
	if len(in) > 0 && rewrite.Newline(in) != rewrite.Newline(out) {
		t.Errorf("line ending changed")
	}
	if rewrite.EndsWithNewline(in) != rewrite.EndsWithNewline(out) && len(in) > 0 {
		t.Errorf("final newline changed")
	}
	_, blk, err := readImports(path, out)
	if err != nil {
		t.Fatal(err)
	}
	for _, im := range imports {
		if !blk.bound[im.Name] && !blk.wildcards[im.Module] {
			t.Errorf("%s is not bound", im.Name)
		}
	}
	lines := strings.Split(string(out), "\n")
	for _, a := range actions {
		rest, ok := strings.CutPrefix(a.What, "import of ")
		name, _, _ := strings.Cut(rest, " from ")
		if !ok || name == "" || a.Line < 1 || a.Line > len(lines) || !strings.Contains(lines[a.Line-1], name) {
			t.Errorf("action %q does not name a line of the output that holds its name", casetest.FormatAction(a))
		}
	}
}

func TestAddImportsRejectsBadNames(t *testing.T) {
	for _, im := range []Import{{Module: "pydantic", Name: "not a name"}, {Module: "1x", Name: "X"}, {Module: "a..b", Name: "X"}} {
		if _, _, err := casetest.Edited(Parse, "x.py", []byte("x = 1\n"), func(f *File) (*File, []rewrite.Action, error) {
			return f.AddImports([]Import{im})
		}); err == nil {
			t.Errorf("%+v: no error", im)
		}
	}
}

func TestReadStyle(t *testing.T) {
	for src, want := range map[string]Style{
		"x: str = 'a'\ny = 'b'\n":                       {Quote: '\'', Unions: false},
		"x: str | None = None\n":                        {Quote: '"', Unions: true},
		"def f(v: int | str) -> None: ...\n":            {Quote: '"', Unions: true},
		"x = 1 | 2\ny: Optional[int] = \"a\"\n":         {Quote: '"', Unions: false},
		"class S:\n    a: dict[str, int | None] = {}\n": {Quote: '"', Unions: true},
	} {
		got, err := ReadStyle("x.py", []byte(src))
		if err != nil || got != want {
			t.Errorf("ReadStyle(%q) = %+v, %v; want %+v", src, got, err, want)
		}
	}
}

// FuzzAddImports runs AddImports on arbitrary modules: it never
// panics, and it either fails with a *rewrite.Error or gives an edit that
// casetest.Check and checkImportsKept accept.
func FuzzAddImports(f *testing.F) {
	for _, in := range casetest.Inputs(f, addImportsCases) {
		f.Add(in)
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		out, actions, err := casetest.Edited(Parse, "fuzz.py", in, func(f *File) (*File, []rewrite.Action, error) {
			return f.AddImports(defaultImports())
		})
		if err != nil {
			var rerr *rewrite.Error
			if !errors.As(err, &rerr) {
				t.Fatalf("error is not a *rewrite.Error: %v", err)
			}
			return
		}
		casetest.Check(t, importEdit("AddImports", "fuzz.py", in, out, actions, defaultImports()))
		checkImportsKept(t, "fuzz.py", in, out, actions, defaultImports())
	})
}

func BenchmarkAddImportsSettings(b *testing.B) {
	src := caseNamed(b, addFieldsCases, "paxx-settings").Input
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := casetest.Edited(Parse, "settings.py", src, func(f *File) (*File, []rewrite.Action, error) {
			return f.AddImports(defaultImports())
		}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAddImportsLarge(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("from typing import Any\nfrom pydantic import Field\n\n")
	for i := range 5000 {
		sb.WriteString("def f")
		sb.WriteString(strings.Repeat("x", i%7))
		sb.WriteString("_")
		sb.WriteString(strings.Repeat("y", i%13))
		sb.WriteString("(a: Any) -> Any:\n    return Field(a)\n\n")
	}
	src := []byte(sb.String())
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := casetest.Edited(Parse, "big.py", src, func(f *File) (*File, []rewrite.Action, error) {
			return f.AddImports(defaultImports())
		}); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzRemoveImportsUndoesAddImports adds each import of defaultImports
// to arbitrary modules that do not mention its name and removes it again:
// whenever AddImports adds it, RemoveImports gives back the module
// byte for byte.
func FuzzRemoveImportsUndoesAddImports(f *testing.F) {
	for _, in := range casetest.Inputs(f, addImportsCases) {
		f.Add(in)
	}
	for _, in := range casetest.Inputs(f, removeImportsCases) {
		f.Add(in)
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		if rewrite.CheckNewlines("fuzz.py", in) != nil {
			return // paxx refuses the file before it is edited
		}
		for _, im := range defaultImports() {
			if bytes.Contains(in, []byte(im.Name)) {
				continue // the module uses the name: RemoveImports keeps it
			}
			out, actions, err := casetest.Edited(Parse, "fuzz.py", in, func(f *File) (*File, []rewrite.Action, error) {
				return f.AddImports([]Import{im})
			})
			if err != nil || len(actions) == 0 {
				continue
			}
			back, _, err := casetest.Edited(Parse, "fuzz.py", out, func(f *File) (*File, []rewrite.Action, error) {
				return f.RemoveImports([]Import{im})
			})
			if err != nil {
				t.Fatalf("RemoveImports after AddImports: %v", err)
			}
			if !bytes.Equal(back, in) {
				t.Fatalf("add then remove %s:\n%q\ngave\n%q", im.Name, in, back)
			}
		}
	})
}
