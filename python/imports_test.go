package python

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/paxx-dev/paxx/rewrite"
)

// importsDir holds one directory per EnsureImports case: input.py, and
// want.py or want.err; case.json, when present, lists the imports to ensure.
const importsDir = "../testdata/python/imports"

// defaultImports are what every case ensures unless its case.json says
// otherwise: the names the catalogue's typed fields need most.
func defaultImports() []Import {
	return []Import{{Module: "pydantic", Name: "SecretStr"}, {Module: "typing", Name: "Literal"}}
}

// importCase is one directory of importsDir.
type importCase struct {
	name, dir string
	imports   []Import
}

func importCases(t testing.TB) []importCase {
	t.Helper()
	entries, err := os.ReadDir(importsDir)
	if err != nil {
		t.Fatal(err)
	}
	var cases []importCase
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		ic := importCase{name: e.Name(), dir: filepath.Join(importsDir, e.Name()), imports: defaultImports()}
		if raw, err := os.ReadFile(filepath.Join(ic.dir, "case.json")); err == nil {
			ic.imports = nil
			if err := json.Unmarshal(raw, &ic.imports); err != nil {
				t.Fatalf("%s/case.json: %v", ic.dir, err)
			}
		}
		cases = append(cases, ic)
	}
	if len(cases) < 20 {
		t.Fatalf("%d EnsureImports cases, want at least 20", len(cases))
	}
	return cases
}

func TestEnsureImportsGolden(t *testing.T) {
	for _, ic := range importCases(t) {
		t.Run(ic.name, func(t *testing.T) {
			in, err := os.ReadFile(filepath.Join(ic.dir, "input.py"))
			if err != nil {
				t.Fatal(err)
			}
			out, actions, err := edited("input.py", in, func(f *File) (*File, []rewrite.Action, error) {
				return f.EnsureImports(ic.imports)
			})
			errFile := filepath.Join(ic.dir, "want.err")
			if err != nil {
				var rerr *rewrite.Error
				if !errors.As(err, &rerr) || rerr.Line == 0 {
					t.Errorf("error %v is not a *rewrite.Error with a position", err)
				}
				if *update {
					writeGolden(t, errFile, err.Error()+"\n")
					return
				}
				want, rerr2 := os.ReadFile(errFile)
				if rerr2 != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				if diff := cmp.Diff(strings.TrimSpace(string(want)), err.Error()); diff != "" {
					t.Errorf("error (-want +got):\n%s", diff)
				}
				return
			}
			checkImportInvariants(t, in, out, actions, ic.imports)
			wantFile := filepath.Join(ic.dir, "want.py")
			if *update {
				writeGolden(t, wantFile, string(out))
				return
			}
			want, err := os.ReadFile(wantFile)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), string(out)); diff != "" {
				t.Errorf("output (-want +got):\n%s", diff)
			}
		})
	}
}

// checkImportInvariants asserts what every EnsureImports result keeps: the
// output parses, keeps every input byte, binds every name, keeps the line
// ending, and a second run changes nothing; each action names a line
// that imports its name.
func checkImportInvariants(t *testing.T, in, out []byte, actions []rewrite.Action, imports []Import) {
	t.Helper()
	if _, err := Parse("out.py", out); err != nil {
		t.Fatalf("output does not parse: %v\n%s", err, out)
	}
	if !rewrite.IsInsertOnly(in, out) {
		t.Errorf("output is not insert-only")
	}
	if len(in) > 0 && rewrite.Newline(in) != rewrite.Newline(out) {
		t.Errorf("line ending changed")
	}
	if rewrite.EndsWithNewline(in) != rewrite.EndsWithNewline(out) && len(in) > 0 {
		t.Errorf("final newline changed")
	}
	_, blk, err := readImports("out.py", out)
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
		if a.Line < 1 || a.Line > len(lines) {
			t.Errorf("action %q at line %d, outside the output", a.What, a.Line)
		}
	}
	again, more, err := edited("out.py", out, func(f *File) (*File, []rewrite.Action, error) {
		return f.EnsureImports(imports)
	})
	if err != nil || string(again) != string(out) || len(more) != 0 {
		t.Errorf("second run: err %v, %d actions, changed %v: not idempotent", err, len(more), string(again) != string(out))
	}
}

func writeGolden(t *testing.T, path, data string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestEnsureImportsRejectsBadNames(t *testing.T) {
	for _, im := range []Import{{Module: "pydantic", Name: "not a name"}, {Module: "1x", Name: "X"}, {Module: "a..b", Name: "X"}} {
		if _, _, err := edited("x.py", []byte("x = 1\n"), func(f *File) (*File, []rewrite.Action, error) {
			return f.EnsureImports([]Import{im})
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

func FuzzEnsureImports(f *testing.F) {
	for _, ic := range importCases(f) {
		if in, err := os.ReadFile(filepath.Join(ic.dir, "input.py")); err == nil {
			f.Add(in)
		}
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		out, actions, err := edited("fuzz.py", in, func(f *File) (*File, []rewrite.Action, error) {
			return f.EnsureImports(defaultImports())
		})
		if err != nil {
			var rerr *rewrite.Error
			if !errors.As(err, &rerr) {
				t.Fatalf("error is not a *rewrite.Error: %v", err)
			}
			return
		}
		checkImportInvariants(t, in, out, actions, defaultImports())
	})
}

func BenchmarkEnsureImportsSettings(b *testing.B) {
	src, err := os.ReadFile(filepath.Join(goldenDir, "paxx_settings", "input.py"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := edited("settings.py", src, func(f *File) (*File, []rewrite.Action, error) {
			return f.EnsureImports(defaultImports())
		}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEnsureImportsLarge(b *testing.B) {
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
		if _, _, err := edited("big.py", src, func(f *File) (*File, []rewrite.Action, error) {
			return f.EnsureImports(defaultImports())
		}); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzRemoveImportsUndoesEnsureImports adds each import of defaultImports
// to arbitrary modules that do not mention its name and removes it again:
// whenever EnsureImports adds it, RemoveImports gives back the module
// byte for byte.
func FuzzRemoveImportsUndoesEnsureImports(f *testing.F) {
	for _, ic := range importCases(f) {
		if in, err := os.ReadFile(filepath.Join(ic.dir, "input.py")); err == nil {
			f.Add(in)
		}
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		if rewrite.CheckNewlines("fuzz.py", in) != nil {
			return // paxx refuses the file before it is edited
		}
		for _, im := range defaultImports() {
			if bytes.Contains(in, []byte(im.Name)) {
				continue // the module uses the name: RemoveImports keeps it
			}
			out, actions, err := edited("fuzz.py", in, func(f *File) (*File, []rewrite.Action, error) {
				return f.EnsureImports([]Import{im})
			})
			if err != nil || len(actions) == 0 {
				continue
			}
			back, _, err := edited("fuzz.py", out, func(f *File) (*File, []rewrite.Action, error) {
				return f.RemoveImports([]Import{im})
			})
			if err != nil {
				t.Fatalf("RemoveImports after EnsureImports: %v", err)
			}
			if !bytes.Equal(back, in) {
				t.Fatalf("add then remove %s:\n%q\ngave\n%q", im.Name, in, back)
			}
		}
	})
}
