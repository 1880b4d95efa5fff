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

// ensureArrayItem and removeArrayItem are File.AddArrayItem and
// File.RemoveArrayItem on bytes.
func ensureArrayItem(path string, src []byte, keyPath []string, item string) ([]byte, []rewrite.Action, error) {
	return onBytes(Parse, func(f *File, item string) (*File, []rewrite.Action, error) {
		return f.AddArrayItem(keyPath, item)
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

// FuzzAddRemove adds redis's dependency, or "redis" to [tool.paxx] infra,
// to arbitrary input (by which) and, when that added something, removes it
// again: the removal must succeed, pass casetest.Check as a removal and
// give back the input byte for byte. It drives rewrite.Undo's search for
// the exact inverse at the speed of one format.
func FuzzAddRemove(f *testing.F) {
	for _, src := range casetest.Inputs(f, addCases) {
		f.Add(src, false)
		f.Add(src, true)
	}
	f.Fuzz(func(t *testing.T, src []byte, infra bool) {
		name, arg, add, undo := "dependency", "redis>=5.0", addDependency, removeDependency
		marker := "redis"
		if infra {
			name, arg, add = "infra", "redis", addInfra
			undo = func(path string, src []byte, item string) ([]byte, []rewrite.Action, error) {
				return removeArrayItem(path, src, paxxKey("infra"), item)
			}
		}
		checkAddRemove(t, name, add, undo, src, arg, marker, parseTOML)
	})
}

// FuzzAddRemoveRequirementLine is FuzzAddRemove for a requirements file.
func FuzzAddRemoveRequirementLine(f *testing.F) {
	for _, src := range casetest.Inputs(f, requirementsAddCases) {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		checkAddRemove(t, "requirement line", addRequirementLine, removeRequirementLine, src, "redis>=5.0", "redis", nil)
	})
}

// checkAddRemove runs add on src (text that paxx edits: UTF-8, one kind
// of line ending) and, when it added something, undo on its output, which
// must give back src, or else another file from which add makes the same
// output.
func checkAddRemove(t *testing.T, name string, add, undo addFunc, src []byte, arg, marker string, parse func([]byte) error) {
	t.Helper()
	if rewrite.CheckEncoding("f", src) != nil || rewrite.CheckNewlines("f", src) != nil {
		return // components reads what it edits through filetx.ReadText, which refuses it
	}
	out, acts, err := add("f", src, arg)
	if err != nil || len(acts) == 0 {
		return // FuzzAdd's business, or nothing for remove to undo
	}
	back, acts, err := undo("f", out, arg)
	if err != nil {
		t.Fatalf("%s: remove after add: %v\ninput:\n%q\nadded:\n%q", name, err, src, out)
	}
	casetest.Check(t, casetest.Edit{
		Op: "remove " + name, In: out, Out: back, Actions: acts, Remove: true, Marker: marker, Parse: parse,
		Again: func(src []byte) ([]byte, []rewrite.Action, error) { return undo("f", src, arg) },
	})
	if !bytes.Equal(back, src) {
		// Another file that the add makes the same output from (an empty
		// [tool.paxx] table, or none) only components' record can tell
		// apart.
		if again, _, err := add("f", back, arg); err != nil || !bytes.Equal(again, out) {
			t.Fatalf("%s: add then remove changed the file\ninput:\n%q\nadded:\n%q\nremoved:\n%q", name, src, out, back)
		}
	}
}
