package pyproject

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/paxx-dev/paxx/rewrite"
)

// addFunc is one of the package's add operations.
type addFunc func(path string, src []byte, arg string) ([]byte, []rewrite.Action, error)

// seedFromGoldens adds the golden inputs with the given extension to the
// fuzzing corpus.
func seedFromGoldens(f *testing.F, ext string) {
	paths, err := filepath.Glob(filepath.Join(goldenDir, "*", "input"+ext))
	if err != nil {
		f.Fatal(err)
	}
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
}

// checkAdd asserts the invariants of an add operation on any input: a
// placed *rewrite.Error, or an output that parses (when parse is given),
// keeps every input byte, and does not change when the operation runs
// again.
func checkAdd(t *testing.T, name string, add addFunc, src []byte, arg string, parse func([]byte) error) {
	t.Helper()
	out, acts, err := add("f", src, arg)
	if err != nil {
		var re *rewrite.Error
		if !errors.As(err, &re) || !errors.Is(err, rewrite.ErrSyntax) && !errors.Is(err, rewrite.ErrRefused) {
			t.Fatalf("%s: error %q is not a syntax error or a refusal", name, err)
		}
		return
	}
	if parse != nil {
		if err := parse(out); err != nil {
			t.Fatalf("%s: output does not parse: %v\n%q", name, err, out)
		}
	}
	if !rewrite.IsInsertOnly(src, out) {
		t.Fatalf("%s: output is not insert-only:\n%q\n%q", name, src, out)
	}
	if len(acts) == 0 && !bytes.Equal(out, src) {
		t.Fatalf("%s: changed the source without an action", name)
	}
	again, acts, err := add("f", out, arg)
	if err != nil {
		t.Fatalf("%s: second run: %v\n%q", name, err, out)
	}
	if !bytes.Equal(again, out) || len(acts) > 0 {
		t.Fatalf("%s: second run changed the output %v:\n%q\n%q", name, acts, out, again)
	}
}

func parseTOML(src []byte) error {
	_, err := Parse("f", src)
	return err
}

func FuzzAddDependency(f *testing.F) {
	seedFromGoldens(f, ".toml")
	f.Fuzz(func(t *testing.T, src []byte) {
		checkAdd(t, "AddDependency", AddDependency, src, "redis>=5.0", parseTOML)
		checkAdd(t, "AddInfra", AddInfra, src, "redis", parseTOML)
	})
}

func FuzzAddRequirementLine(f *testing.F) {
	seedFromGoldens(f, ".txt")
	f.Fuzz(func(t *testing.T, src []byte) {
		checkAdd(t, "AddRequirementLine", AddRequirementLine, src, "redis>=5.0", nil)
	})
}

func FuzzParseRequirement(f *testing.F) {
	for _, s := range []string{"redis>=5.0", "Redis[hiredis] (>=5,<6); python_version >= '3.8'", "pkg @ https://x/y.whl ; os_name == 'nt'", "a===1.0+local.7", "b~=1.4.5a1.post2.dev3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseRequirement(s)
		if err != nil {
			return
		}
		// What parses is a name that normalizes to itself, and excludes
		// never panics on it.
		if k := r.Key(); NormalizeName(k) != k || k == "" {
			t.Fatalf("%q: key %q", s, k)
		}
		want, _ := ParseRequirement("redis>=5.0")
		_ = excludes(r, want)
		_ = excludes(want, r)
		_ = poetryExcludes(r.Constraint(), want)
	})
}
