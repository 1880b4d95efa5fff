package components_test

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/paxx-dev/paxx/components"
	"github.com/paxx-dev/paxx/rewrite"
)

// roundTrip adds names to a copy of the project in dir, commits, removes
// remove (in that order of arguments), commits, and returns the trees
// before, after the add and after the remove. ok is false when add fails
// on this project (a refusal is add's business, tested elsewhere).
func roundTrip(t *testing.T, dir string, add, remove []string) (before, added, after map[string]string, ok bool) {
	t.Helper()
	root := t.TempDir()
	before = readTree(t, dir)
	writeTree(t, root, before)
	if rec, err := components.Recorded(root); err != nil || len(rec) > 0 {
		return nil, nil, nil, false // installed already: remove takes away more than this add put in
	}
	res, err := components.Add(components.Options{Root: root}, add)
	if err != nil {
		return nil, nil, nil, false
	}
	if err := rewrite.Commit(root, res.Changes, rewrite.CommitOptions{}); err != nil {
		t.Fatal(err)
	}
	added = readTree(t, root)
	res, err = components.Remove(components.Options{Root: root}, remove)
	if err != nil {
		t.Fatalf("remove %v: %v", remove, err)
	}
	if err := rewrite.Commit(root, res.Changes, rewrite.CommitOptions{}); err != nil {
		t.Fatal(err)
	}
	after = readTree(t, root)
	// check is clean for what is still recorded; a component removed has
	// nothing left to check.
	if names, err := components.Recorded(root); err == nil && len(names) > 0 {
		if chk, err := components.Check(components.Options{Root: root}, names); err == nil && chk.Has(components.Drift) {
			t.Errorf("check finds drift after remove %v: %v", remove, chk.Findings)
		}
	}
	return before, added, after, true
}

// TestRemoveUndoesAddOnEveryProject adds every component of the catalogue
// to every project fixture and removes it again, then all of them together
// removed in catalogue order and in the reverse order: the tree must be
// byte-identical to the fixture, and every removal delete-only.
func TestRemoveUndoesAddOnEveryProject(t *testing.T) {
	cases, err := filepath.Glob("../testdata/projects/*/input")
	if err != nil {
		t.Fatal(err)
	}
	if testing.Short() {
		cases = cases[:min(len(cases), 10)]
	}
	// A component that retags an image (postgis) changes a value that
	// remove cannot know the old one of: it is left out here, and its
	// image line stays after remove (see TestRemoveKeepsRetag).
	var all []string
	for _, c := range components.Catalogue() {
		if c.Retag == nil {
			all = append(all, c.Name)
		}
	}
	reversed := slices.Clone(all)
	slices.Reverse(reversed)
	runs := [][2][]string{{all, all}, {all, reversed}}
	for _, name := range all {
		runs = append(runs, [2][]string{{name}, {name}})
	}
	for _, dir := range cases {
		for _, run := range runs {
			add, remove := run[0], withRequired(t, run[1])
			label := filepath.Base(filepath.Dir(dir)) + "/" + strings.Join(remove, "+")
			t.Run(label, func(t *testing.T) {
				before, added, after, ok := roundTrip(t, dir, add, remove)
				if !ok {
					t.Skip("add refuses this project")
				}
				for rel, data := range after {
					if old, ok := added[rel]; ok && !rewrite.IsDeleteOnly([]byte(old), []byte(data)) {
						t.Errorf("%s: remove is not delete-only", rel)
					}
				}
				d := cmp.Diff(before, after)
				if d == "" {
					return
				}
				if _, ok := before["pyproject.toml"]; !ok {
					// No record: remove takes only what matches paxx's
					// defaults, which a component wired to another one
					// (tasks's worker to redis) may not.
					t.Logf("no pyproject.toml: remove kept what it could not tell from the user's (-before +after):\n%s", d)
					return
				}
				// Where add is not one-to-one (a compose file without a final
				// line break gets one, an empty record key is filled), the
				// result must at least be a project that add makes the same.
				root := t.TempDir()
				writeTree(t, root, after)
				res, err := components.Add(components.Options{Root: root}, add)
				if err == nil {
					err = rewrite.Commit(root, res.Changes, rewrite.CommitOptions{})
				}
				if err != nil || cmp.Diff(added, readTree(t, root)) != "" {
					t.Errorf("add then remove changed the project (-before +after):\n%s", d)
					return
				}
				t.Logf("add is not one-to-one here; remove gave a project that add makes the same (-before +after):\n%s", d)
			})
		}
	}
}

// withRequired adds to names the components they require, which add
// installs with them and which remove must be asked for too.
func withRequired(t *testing.T, names []string) []string {
	t.Helper()
	comps, err := components.Resolve(names)
	if err != nil {
		t.Fatal(err)
	}
	out := slices.Clone(names)
	for _, c := range comps {
		if !slices.Contains(out, c.Name) {
			out = append(out, c.Name)
		}
	}
	return out
}
