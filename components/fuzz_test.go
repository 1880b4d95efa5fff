package components_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/paxx-dev/paxx/components"
	"github.com/paxx-dev/paxx/compose"
	"github.com/paxx-dev/paxx/filetx"
	"github.com/paxx-dev/paxx/internal/testutil"
	"github.com/paxx-dev/paxx/pyproject"
	pysrc "github.com/paxx-dev/paxx/python"
	"github.com/paxx-dev/paxx/rewrite"
)

// fuzzSeeds are the golden projects whose four files seed FuzzAdd.
var fuzzSeeds = []string{"minimal", "crlf", "compose-anchors-merge", "pyproject-inline-array", "env-prefix", "no-final-newline"}

// FuzzAdd runs the whole of add redis on a project built from fuzzed
// settings.py, docker-compose.yml, pyproject.toml and .env.example. It
// asserts that add never panics and either refuses with a *rewrite.Error
// or plans changes that keep every byte of each file (insert-only), that
// parse with each format's parser, that commit, and after which a second
// add changes nothing.
func FuzzAdd(f *testing.F) {
	for _, name := range fuzzSeeds {
		dir := filepath.Join("../testdata/projects", name, "input")
		read := func(rel string) []byte {
			data, _ := os.ReadFile(filepath.Join(dir, rel)) // a missing file seeds as empty
			return data
		}
		f.Add(read("settings.py"), read("docker-compose.yml"), read("pyproject.toml"), read(".env.example"))
	}
	f.Fuzz(func(t *testing.T, settings, composeFile, pyproj, env []byte) {
		root := t.TempDir()
		files := map[string][]byte{"settings.py": settings, "docker-compose.yml": composeFile, "pyproject.toml": pyproj, ".env.example": env}
		for rel, data := range files {
			if err := os.WriteFile(filepath.Join(root, rel), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		opts := components.Options{Root: root}
		res, err := components.Add(opts, []string{"redis"})
		if err != nil {
			var rerr *rewrite.Error
			if !errors.As(err, &rerr) {
				t.Fatalf("add failed without a *rewrite.Error: %v", err)
			}
			return
		}
		for _, c := range res.Changes {
			if c.Existed && !rewrite.IsInsertOnly(c.Old, c.New) {
				t.Fatalf("%s: the change is not insert-only", c.Path)
			}
			if err := parses(c); err != nil {
				t.Fatalf("%s: the output does not parse: %v\n%s", c.Path, err, c.New)
			}
		}
		if err := filetx.Commit(res.Root, res.Changes, filetx.CommitOptions{}); err != nil {
			t.Fatalf("commit: %v", err)
		}
		again, err := components.Add(opts, []string{"redis"})
		if err != nil {
			t.Fatalf("second add: %v", err)
		}
		for _, c := range again.Changes {
			t.Errorf("second add changes %s: not idempotent\nbefore:\n%s\nafter:\n%s", c.Path, c.Old, c.New)
		}
	})
}

// parses parses a changed file with its format's parser.
func parses(c *filetx.Change) error {
	var err error
	switch filepath.Ext(c.Path) {
	case ".py":
		_, err = pysrc.Parse(c.Path, c.New)
	case ".yml", ".yaml":
		_, err = compose.Parse(c.Path, c.New)
	case ".toml":
		_, err = pyproject.Parse(c.Path, c.New)
	}
	return err
}

// FuzzAddRemove adds a component of the catalogue (chosen by pick) to a
// project built from fuzzed settings.py, docker-compose.yml,
// pyproject.toml and .env.example, commits, and removes that component
// alone (which takes away what add installed automatically for it):
// whenever add succeeds, remove succeeds with delete-only
// changes (but for an image it sets back) and the project is then the
// fuzzed one byte for byte.
func FuzzAddRemove(f *testing.F) {
	catalogue := components.Catalogue()
	for i, name := range fuzzSeeds {
		dir := filepath.Join("../testdata/projects", name, "input")
		read := func(rel string) []byte {
			data, _ := os.ReadFile(filepath.Join(dir, rel)) // a missing file seeds as empty
			return data
		}
		f.Add(read("settings.py"), read("docker-compose.yml"), read("pyproject.toml"), read(".env.example"), uint8(i))
		// The same project with the generated component.
		f.Add(read("settings.py"), read("docker-compose.yml"), read("pyproject.toml"), read(".env.example"), uint8(len(catalogue)))
	}
	f.Fuzz(func(t *testing.T, settings, composeFile, pyproj, env []byte, pick uint8) {
		root := t.TempDir()
		files := map[string]string{"settings.py": string(settings), "docker-compose.yml": string(composeFile), "pyproject.toml": string(pyproj), ".env.example": string(env)}
		for rel, data := range files {
			if err := os.WriteFile(filepath.Join(root, rel), []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		opts := components.Options{Root: root}
		// One pick in len(catalogue)+1 is a component of the project's
		// own, scaffolded as `paxx infra new` does.
		name := "gen"
		if i := int(pick) % (len(catalogue) + 1); i < len(catalogue) {
			name = catalogue[i].Name
		} else {
			_, written, err := components.New(root, name)
			if err != nil {
				return // a project paxx cannot find (FuzzAdd's business)
			}
			for _, rel := range written {
				data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
				if err != nil {
					t.Fatal(err)
				}
				files[rel] = string(data)
			}
		}
		added, err := components.Add(opts, []string{name})
		if err != nil {
			return // refusals are FuzzAdd's business
		}
		if err := filetx.Commit(added.Root, added.Changes, filetx.CommitOptions{}); err != nil {
			t.Fatalf("commit add: %v", err)
		}
		// Only the named component: what add installed for it is
		// recorded as automatic and goes with it.
		removed, err := components.Remove(opts, []string{name})
		if err != nil {
			t.Fatalf("remove %s after add: %v", name, err)
		}
		for _, c := range removed.Changes {
			if c.New != nil && !rewrite.IsDeleteOnly([]byte(maskImages(string(c.Old))), []byte(maskImages(string(c.New)))) {
				t.Fatalf("%s: remove is not delete-only\nbefore:\n%s\nafter:\n%s", c.Path, c.Old, c.New)
			}
		}
		if err := filetx.Commit(removed.Root, removed.Changes, filetx.CommitOptions{}); err != nil {
			t.Fatalf("commit remove: %v", err)
		}
		if d := cmp.Diff(files, readTree(t, root)); d != "" {
			t.Fatalf("add %s then remove changed the project (-before +after):\n%s", name, d)
		}
	})
}

// BenchmarkRemoveExample times `paxx infra remove` of each built-in
// component on the bundled example after its add, without writing: the
// plan, the reads and each edit's undo search (rewrite.Undo), which is
// most of FuzzAddRemove's round trip.
func BenchmarkRemoveExample(b *testing.B) {
	for _, c := range components.Catalogue() {
		b.Run(c.Name, func(b *testing.B) {
			root := b.TempDir()
			if err := testutil.CopyTree("../testdata/example", root); err != nil {
				b.Fatal(err)
			}
			opts := components.Options{Root: root}
			added, err := components.Add(opts, []string{c.Name})
			if err != nil {
				b.Skipf("add %s: %v", c.Name, err)
			}
			if err := filetx.Commit(added.Root, added.Changes, filetx.CommitOptions{}); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := components.Remove(opts, []string{c.Name}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
