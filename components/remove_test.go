package components_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/paxx-dev/paxx/components"
	"github.com/paxx-dev/paxx/filetx"
	"github.com/paxx-dev/paxx/rewrite"
)

// applyChanges returns tree with changes made: what filetx.Commit writes
// (tested on its own in package filetx), without a disk round trip.
func applyChanges(tree map[string]string, changes []*filetx.Change) map[string]string {
	out := make(map[string]string, len(tree)+len(changes))
	for rel, data := range tree {
		out[rel] = data
	}
	for _, c := range changes {
		if c.New == nil {
			delete(out, c.Path)
		} else {
			out[c.Path] = string(c.New)
		}
	}
	return out
}

// roundTrip writes the project in dir with the changes of plan, the
// result of adding names to it, to a fresh directory, removes remove (in
// that order of arguments) there, and returns the trees after the add and
// after the remove, and remove's result.
func roundTrip(t *testing.T, dir string, before map[string]string, plan *components.Result, remove []string) (added, after map[string]string, res *components.Result) {
	t.Helper()
	added = applyChanges(before, plan.Changes)
	root := writeTemp(t, dir, added)
	res, err := components.Remove(components.Options{Root: filepath.Join(root, caseDir(t, filepath.Dir(dir)))}, remove)
	if err != nil {
		t.Fatalf("remove %v: %v", remove, err)
	}
	inTree(t, root, res)
	return added, applyChanges(added, res.Changes), res
}

// TestRemoveUndoesAddOnEveryProject adds every component of the catalogue
// to every project fixture and removes it again — a component that
// requires another is removed alone, which takes away the one add
// installed automatically with it, and also together with it — then all
// of them together removed in catalogue order and in the reverse order
// (the catalogue in full, so nothing is automatic): every removal is
// delete-only (but for an image set back), and the tree is byte-identical
// to the fixture. postgis joins the whole-catalogue runs on the projects
// it can be added to (those with a Postgres service). Each project, and
// each run, is a parallel subtest; add only reads the fixture, and each
// run writes one directory for remove to work in.
func TestRemoveUndoesAddOnEveryProject(t *testing.T) {
	cases, err := filepath.Glob("../testdata/projects/*/input")
	if err != nil {
		t.Fatal(err)
	}
	if testing.Short() {
		cases = cases[:min(len(cases), 10)]
	}
	var catalogue []string
	for _, c := range components.Catalogue() {
		catalogue = append(catalogue, c.Name)
	}
	for _, dir := range cases {
		t.Run(filepath.Base(filepath.Dir(dir)), func(t *testing.T) {
			t.Parallel()
			run := filepath.Join(dir, caseDir(t, filepath.Dir(dir)))
			if rec, _, err := components.Recorded(run); err != nil || len(rec) > 0 {
				t.Skip("installed already: remove takes away more than this add puts in")
			}
			before := readTree(t, dir)
			// Add only reads the fixture: each set of components is
			// planned once, and the runs that add it share the plan.
			plans := map[string]*components.Result{}
			plan := func(names []string) *components.Result {
				key := strings.Join(names, "+")
				if res, ok := plans[key]; ok {
					return res
				}
				res, err := components.Add(components.Options{Root: run}, names)
				if err != nil {
					res = nil // a refusal is add's business, tested elsewhere
				} else {
					inTree(t, dir, res)
				}
				plans[key] = res
				return res
			}
			all := slices.DeleteFunc(slices.Clone(catalogue), func(name string) bool {
				return name == "postgis" && plan([]string{name}) == nil // no Postgres service to move
			})
			reversed := slices.Clone(all)
			slices.Reverse(reversed)
			runs := [][2][]string{{all, all}, {all, reversed}}
			for _, name := range catalogue {
				// Removing only the component named in add takes away
				// what it required too: add recorded that as automatic
				// (in .paxx.toml for a project without pyproject.toml).
				runs = append(runs, [2][]string{{name}, {name}})
				if required := withRequired(t, []string{name}); len(required) > 1 {
					runs = append(runs, [2][]string{{name}, required})
				}
			}
			// A component of the project's own, as `paxx infra new` writes
			// it, goes back out as the built-ins do.
			t.Run("generated", func(t *testing.T) {
				t.Parallel()
				checkGenerated(t, dir, before)
			})
			for _, run := range runs {
				add, remove := run[0], run[1]
				res := plan(add)
				t.Run(strings.Join(remove, "+"), func(t *testing.T) {
					if res == nil {
						t.Skip("add refuses this project")
					}
					t.Parallel()
					added, after, removed := roundTrip(t, dir, before, res, remove)
					checkIdentity(t, dir, before, added, after, removed, add)
				})
			}
		})
	}
}

// checkIdentity asserts what remove gave back: delete-only changes, and
// the tree before the add, byte for byte. One case cannot be identity,
// and for it it asserts what remove does instead: without a
// pyproject.toml there is no [tool.paxx] replaced record of the image
// postgis changed, so remove leaves the image, says so, and that image
// line is the only difference.
func checkIdentity(t *testing.T, dir string, before, added, after map[string]string, res *components.Result, add []string) {
	t.Helper()
	for rel, data := range after {
		if old, ok := added[rel]; ok && !rewrite.IsDeleteOnly([]byte(maskImages(old)), []byte(maskImages(data))) {
			t.Errorf("%s: remove is not delete-only", rel)
		}
	}
	d := cmp.Diff(before, after)
	if d == "" {
		return
	}
	if _, ok := before["pyproject.toml"]; !ok && slices.Contains(add, "postgis") {
		kept := false
		for _, f := range res.Findings {
			kept = kept || f.Component == "postgis" && f.Kind == components.Note && strings.Contains(f.Message, "set the image back by hand")
		}
		if !kept {
			t.Errorf("no pyproject.toml: remove changed the project without saying that it kept the PostGIS image (-before +after):\n%s", d)
		}
		for rel, data := range after {
			if data != before[rel] && !imageOnly(before[rel], data) {
				t.Errorf("no pyproject.toml: %s differs by more than the image postgis set (-before +after):\n%s", rel, cmp.Diff(before[rel], data))
			}
		}
		return
	}
	t.Errorf("add then remove changed the project (-before +after):\n%s", d)
}

// imageOnly reports whether a and b differ only in the values of lines
// that set an image: what restoring (or keeping) a service's image
// changes.
func imageOnly(a, b string) bool {
	return maskImages(a) == maskImages(b)
}

// maskImages returns a compose file's text with the value of every line
// that sets an image left out, so that what remains of a removal that
// also sets an image back can be checked to be delete-only.
func maskImages(s string) string {
	return imageLine.ReplaceAllString(s, "${1}*${2}")
}

// imageLine matches the key of a compose line that sets an image, quoted
// or not, and its value up to the line break.
var imageLine = regexp.MustCompile(`(?m)^([ \t]*(?:-[ \t]+)?["']?image["']?[ \t]*:).*?(\r?)$`)

// writeTemp writes tree to a fresh directory named like dir (a default
// such as otel_service_name comes from the project directory's name) and
// returns it.
func writeTemp(t *testing.T, dir string, tree map[string]string) string {
	t.Helper()
	root := filepath.Join(t.TempDir(), filepath.Base(dir))
	writeTree(t, root, tree)
	markRepo(t, root)
	return root
}

// withRequired adds to names the components they require, which add
// installs with them.
func withRequired(t *testing.T, names []string) []string {
	t.Helper()
	comps, err := components.Builtins().Resolve(names)
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

// checkGenerated scaffolds a component into a copy of the project in dir
// (its files before), adds it, removes it, and requires the copy back byte
// for byte, the scaffolded folder aside. A project add refuses is skipped.
func checkGenerated(t *testing.T, dir string, before map[string]string) {
	t.Helper()
	root := writeTemp(t, dir, before)
	run := filepath.Join(root, caseDir(t, filepath.Dir(dir)))
	if _, _, err := components.New(run, "gen"); err != nil {
		t.Fatalf("new: %v", err)
	}
	scaffolded := readTree(t, root)
	added, err := components.Add(components.Options{Root: run}, []string{"gen"})
	if err != nil {
		t.Skipf("add refuses this project: %v", err)
	}
	if err := filetx.Commit(added.Root, added.Changes, filetx.CommitOptions{}); err != nil {
		t.Fatal(err)
	}
	removed, err := components.Remove(components.Options{Root: run}, []string{"gen"})
	if err != nil {
		t.Fatalf("remove gen: %v", err)
	}
	if err := filetx.Commit(removed.Root, removed.Changes, filetx.CommitOptions{}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(scaffolded, readTree(t, root)); diff != "" {
		t.Errorf("add gen then remove gen changed the project (-before +after):\n%s", diff)
	}
}

// TestRemoveKeepsBlankEnvFile checks that an environment file that was
// there holding only blank lines stays, blank as it was, when remove takes
// out what add wrote to it; a file that add created goes.
func TestRemoveKeepsBlankEnvFile(t *testing.T) {
	for _, blank := range []string{"", "\n", "\n\n"} {
		before := readTree(t, filepath.Join("..", "testdata", "example"))
		before[".env.example"] = blank
		root := writeTemp(t, "example", before)
		added, err := components.Add(components.Options{Root: root}, []string{"redis"})
		if err != nil {
			t.Fatal(err)
		}
		if err := filetx.Commit(added.Root, added.Changes, filetx.CommitOptions{}); err != nil {
			t.Fatal(err)
		}
		removed, err := components.Remove(components.Options{Root: root}, []string{"redis"})
		if err != nil {
			t.Fatal(err)
		}
		if err := filetx.Commit(removed.Root, removed.Changes, filetx.CommitOptions{}); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(before, readTree(t, root)); diff != "" {
			t.Errorf(".env.example %q: add redis then remove redis changed the project (-before +after):\n%s", blank, diff)
		}
	}
}

// TestRemoveUntouchedChangesNothing removes each component of the
// catalogue, and all of them at once, from every project fixture as it
// is, before any add: whatever Redis, worker, dependency or depends_on
// the project has is the user's, and remove changes no file, saying that
// the component is not installed. A fixture that records components
// already keeps those: only the others are removed.
func TestRemoveUntouchedChangesNothing(t *testing.T) {
	cases, err := filepath.Glob("../testdata/projects/*/input")
	if err != nil {
		t.Fatal(err)
	}
	var catalogue []string
	for _, c := range components.Catalogue() {
		catalogue = append(catalogue, c.Name)
	}
	for _, dir := range cases {
		t.Run(filepath.Base(filepath.Dir(dir)), func(t *testing.T) {
			t.Parallel()
			run := filepath.Join(dir, caseDir(t, filepath.Dir(dir)))
			recorded, _, err := components.Recorded(run)
			if err != nil {
				t.Fatal(err)
			}
			absent := slices.DeleteFunc(slices.Clone(catalogue), func(n string) bool { return slices.Contains(recorded, n) })
			runs := [][]string{absent}
			for _, n := range absent {
				runs = append(runs, []string{n})
			}
			for _, names := range runs {
				res, err := components.Remove(components.Options{Root: run}, names)
				if err != nil {
					t.Fatalf("remove %v: %v", names, err)
				}
				for _, c := range res.Changes {
					t.Errorf("remove %v on the untouched project changed %s", names, c.Path)
				}
				for _, n := range names {
					if !slices.ContainsFunc(res.Findings, func(f components.Finding) bool {
						return f.Component == n && strings.Contains(f.Message, "is not installed")
					}) {
						t.Errorf("remove %v: no finding says %s is not installed: %v", names, n, res.Findings)
					}
				}
			}
		})
	}
}

// TestRemoveAfterFieldDeletedByHand adds redis to the example, deletes the
// redis_url field by hand, and removes redis: the "# Redis" comment add
// wrote above the field goes too, and the project is as it was.
func TestRemoveAfterFieldDeletedByHand(t *testing.T) {
	before := readTree(t, "../testdata/example")
	root := copyProject(t, "../testdata/example")
	addAndCommit(t, root, "redis")
	p := filepath.Join(root, "app", "core", "config.py")
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	const field = "    redis_url: str = \"redis://localhost:6379/0\"\n"
	if !strings.Contains(string(data), field) {
		t.Fatalf("config.py after add lacks %q", field)
	}
	if err := os.WriteFile(p, []byte(strings.Replace(string(data), field, "", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := components.Remove(components.Options{Root: root}, []string{"redis"})
	if err != nil {
		t.Fatal(err)
	}
	if err := filetx.Commit(res.Root, res.Changes, filetx.CommitOptions{}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(before, readTree(t, root)); diff != "" {
		t.Errorf("remove after the field was deleted by hand (-before +after):\n%s", diff)
	}
}
