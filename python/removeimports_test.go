package python

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/paxx-dev/paxx/internal/casetest"
	"github.com/paxx-dev/paxx/rewrite"
)

// removeImportsCases are the cases of RemoveImports: modules holding the
// imports to remove, used elsewhere or not, and the wanted result.
var removeImportsCases = filepath.Join("..", "testdata", "cases", "python", "remove-imports")

// TestRemoveImportsCases runs RemoveImports on each case of
// testdata/cases/python/remove-imports (operations: import MODULE NAME
// lines), holds every edit to casetest.Check, and checks that it is the
// exact inverse of AddImports: adding the removed imports again gives
// the input back.
func TestRemoveImportsCases(t *testing.T) {
	if n := len(casetest.Load(t, removeImportsCases)); n < 10 {
		t.Errorf("%d RemoveImports cases, want at least 10", n)
	}
	casetest.Run(t, removeImportsCases, func(t *testing.T, c *casetest.Case) casetest.Result {
		imports := importArgs(t, c)
		out, actions, err := casetest.Edited(Parse, c.InputName, c.Input, func(f *File) (*File, []rewrite.Action, error) {
			return f.RemoveImports(imports)
		})
		if err != nil {
			return casetest.Result{Err: err}
		}
		casetest.Check(t, casetest.Edit{
			Op:      c.Name + ": RemoveImports",
			In:      c.Input,
			Out:     out,
			Actions: actions,
			Remove:  true,
			Marker:  "import",
			Parse:   parseErr(c.InputName),
			Again: func(src []byte) ([]byte, []rewrite.Action, error) {
				return casetest.Edited(Parse, c.InputName, src, func(f *File) (*File, []rewrite.Action, error) {
					return f.RemoveImports(imports)
				})
			},
		})
		if len(actions) > 0 {
			back, _, err := casetest.Edited(Parse, c.InputName, out, func(f *File) (*File, []rewrite.Action, error) {
				return f.AddImports(imports)
			})
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(back, c.Input) {
				t.Errorf("AddImports after RemoveImports did not give back the input:\n%s", back)
			}
		}
		return casetest.Result{Out: out, Actions: actions}
	})
}

// TestReadUses lists, for small modules, whether the name X counts as
// used outside the imports.
func TestReadUses(t *testing.T) {
	for src, want := range map[string]bool{
		"import X\n":                            false,
		"from m import X\n":                     false,
		"from m import Y as X\n":                false,
		"if T:\n    from m import X\n":          false,
		"# X\n":                                 false,
		"\"\"\"X is documented.\"\"\"\n":        false,
		"def f():\n    \"\"\"X.\"\"\"\n":        false,
		"a.X\n":                                 false,
		"a.b.X()\n":                             false,
		"f(X=1)\n":                              false,
		"print('X')\n":                          false,
		"x = 'X'\n":                             false,
		"X\n":                                   true,
		"X.y\n":                                 true,
		"a: X = 1\n":                            true,
		"a: 'X' = 1\n":                          true,
		"a: \"Optional[X]\" = None\n":           true,
		"a: Optional['X'] = None\n":             true,
		"A = Optional['X']\n":                   true,
		"def f(a: 'X') -> None: ...\n":          true,
		"def f() -> 'list[X]': ...\n":           true,
		"c = cast('X', v)\n":                    true,
		"T = TypeVar('T', bound='X')\n":         true,
		"__all__ = ['X']\n":                     true,
		"__all__ += ('X',)\n":                   true,
		"__all__.append('X')\n":                 true,
		"s = f'{X}'\n":                          true,
		"class S(Base):\n    a: X\n":            true,
		"def X(): ...\n":                        true,
		"@X\ndef f(): ...\n":                    true,
		"try:\n    pass\nexcept X:\n    pass\n": true,
		"y = [X for _ in ()]\n":                 true,
		"y = lambda: X\n":                       true,
		"if TYPE_CHECKING:\n    from m import X\na: X\n": true,
	} {
		f, err := parseChecked("x.py", []byte(src), readUses)
		if err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		if got := f.uses["X"]; got != want {
			t.Errorf("%q: X used = %v, want %v", src, got, want)
		}
	}
}

// BenchmarkRemoveImports removes the imports AddImports added to the
// paxx-shaped settings: the walk over the tree for the names still used
// and the undo search.
func BenchmarkRemoveImports(b *testing.B) {
	src := caseNamed(b, addFieldsCases, "paxx-settings").Input
	added, _, err := casetest.Edited(Parse, "settings.py", src, func(f *File) (*File, []rewrite.Action, error) {
		return f.AddImports(defaultImports())
	})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		out, _, err := casetest.Edited(Parse, "settings.py", added, func(f *File) (*File, []rewrite.Action, error) {
			return f.RemoveImports(defaultImports())
		})
		if err != nil || !bytes.Equal(out, src) {
			b.Fatalf("RemoveImports: %v, or not the input back", err)
		}
	}
}
