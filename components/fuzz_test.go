package components_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/paxx-dev/paxx/components"
	"github.com/paxx-dev/paxx/compose"
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
		if err := rewrite.Commit(root, res.Changes, rewrite.CommitOptions{}); err != nil {
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
func parses(c *rewrite.Change) error {
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
