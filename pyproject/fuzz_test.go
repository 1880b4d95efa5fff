package pyproject

import (
	"bytes"
	"errors"
	"testing"

	"github.com/paxx-dev/paxx/internal/casetest"
	"github.com/paxx-dev/paxx/requirements"

	"github.com/paxx-dev/paxx/rewrite"
)

// addFunc is one of the package's add operations.
type addFunc func(path string, src []byte, arg string) ([]byte, []rewrite.Action, error)

// onBytes gives an edit of a parsed file, with its argument, the form of
// an addFunc: parse src, edit it, and return the bytes.
func onBytes[F interface{ Bytes() []byte }](parse func(string, []byte) (F, error), edit func(F, string) (F, []rewrite.Action, error)) addFunc {
	return func(path string, src []byte, arg string) ([]byte, []rewrite.Action, error) {
		f, err := parse(path, src)
		if err != nil {
			return nil, nil, err
		}
		g, acts, err := edit(f, arg)
		if err != nil {
			return nil, nil, err
		}
		return g.Bytes(), acts, nil
	}
}

// The dependency operations, of this package and of package
// requirements, as addFuncs.
var (
	addDependency         = onBytes(Parse, (*File).AddDependency)
	removeDependency      = onBytes(Parse, (*File).RemoveDependency)
	addRequirementLine    = onBytes(requirements.Parse, (*requirements.File).AddLine)
	removeRequirementLine = onBytes(requirements.Parse, (*requirements.File).RemoveLine)
)

// ensureArrayItem and removeArrayItem are File.EnsureArrayItem and
// File.RemoveArrayItem on bytes.
func ensureArrayItem(path string, src []byte, keyPath []string, item string) ([]byte, []rewrite.Action, error) {
	return onBytes(Parse, func(f *File, item string) (*File, []rewrite.Action, error) {
		return f.EnsureArrayItem(keyPath, item)
	})(path, src, item)
}

func removeArrayItem(path string, src []byte, keyPath []string, item string) ([]byte, []rewrite.Action, error) {
	return onBytes(Parse, func(f *File, item string) (*File, []rewrite.Action, error) {
		return f.RemoveArrayItem(keyPath, item)
	})(path, src, item)
}

// paxxKey is the key path of key in the [tool.paxx] table, where the
// tests keep their arrays as paxx keeps its record.
func paxxKey(key string) []string { return []string{"tool", "paxx", key} }

// addInfra ensures name in [tool.paxx] infra.
func addInfra(path string, src []byte, name string) ([]byte, []rewrite.Action, error) {
	return ensureArrayItem(path, src, paxxKey("infra"), name)
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
	for _, src := range casetest.Inputs(f, addCases) {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		checkAdd(t, "AddDependency", addDependency, src, "redis>=5.0", parseTOML)
		checkAdd(t, "AddInfra", addInfra, src, "redis", parseTOML)
	})
}

func FuzzAddRequirementLine(f *testing.F) {
	for _, src := range casetest.Inputs(f, requirementsAddCases) {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		checkAdd(t, "AddRequirementLine", addRequirementLine, src, "redis>=5.0", nil)
	})
}

// groupTargets are the group targets the fuzz targets add to.
var groupTargets = []Target{
	{Kind: DependencyGroup, Group: "server"},
	{Kind: OptionalDependencies, Group: "server"},
	{Kind: PoetryGroup, Group: "server"},
	{Kind: PDMDevGroup, Group: "server"},
}

// FuzzAddDependencyToGroup adds redis to each group of arbitrary files:
// no panic, a placed error or an insert-only, idempotent edit, and its
// removal gives back the input byte for byte.
func FuzzAddDependencyToGroup(f *testing.F) {
	for _, src := range casetest.Inputs(f, addCases) {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, tg := range groupTargets {
			add := onBytes(Parse, func(g *File, req string) (*File, []rewrite.Action, error) { return g.AddDependencyTo(tg, req) })
			remove := onBytes(Parse, func(g *File, req string) (*File, []rewrite.Action, error) { return g.RemoveDependencyFrom(tg, req) })
			checkAdd(t, "AddDependencyTo "+tg.Where(), add, src, "redis>=5.0", parseTOML)
			out, acts, err := add("f", src, "redis>=5.0")
			if err != nil || len(acts) == 0 {
				continue
			}
			back, _, err := remove("f", out, "redis>=5.0")
			if err != nil {
				t.Fatalf("RemoveDependencyFrom %s: %v\n%q", tg.Where(), err, out)
			}
			if !bytes.Equal(back, src) {
				t.Fatalf("add then remove %s:\n%q\ngave\n%q", tg.Where(), src, back)
			}
		}
	})
}
