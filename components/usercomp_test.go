package components_test

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/paxx-dev/paxx/components"
	"github.com/paxx-dev/paxx/filetx"
	"github.com/paxx-dev/paxx/internal/casetest"
)

// rabbitmq is the component of the user's own that the tests add: a folder
// like the built-ins' own.
const rabbitmq = "../testdata/components/rabbitmq"

// copyDir copies the folder src to dst.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	files := readTree(t, src)
	for rel, data := range files {
		p := filepath.Join(dst, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestUserComponentOnProjects adds the RabbitMQ folder component to the
// example project and to fixture projects, once found in the project's
// .paxx/components and once added by path, and asserts every guarantee the
// built-ins have: the tree is the golden one under
// testdata/components/want (the record names where the component came
// from), every edit is insert-only, a second add changes nothing, check
// (from the record alone) finds no drift, and remove gives back the bytes
// of the project before add.
func TestUserComponentOnProjects(t *testing.T) {
	tests := []struct {
		name    string
		project string
		place   string // where the folder goes in the project
		arg     string // what add is given
	}{
		{"example", "../testdata/example", ".paxx/components/rabbitmq", "rabbitmq"},
		{"paxx-shaped", "../testdata/projects/paxx-shaped/input", ".paxx/components/rabbitmq", "rabbitmq"},
		{"catalogue-crlf-by-path", "../testdata/projects/catalogue-crlf/input", "infra/rabbitmq", "./infra/rabbitmq"},
		{"user-tool-paxx-table-by-path", "../testdata/projects/pyproject-user-tool-paxx-table/input", "infra/rabbitmq", "infra/rabbitmq"},
		// No pyproject.toml: the record, sources included, is .paxx.toml.
		{"requirements-only-by-path", "../testdata/projects/user-redis-requirements-only/input", "infra/rabbitmq", "./infra/rabbitmq"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := copyProject(t, tt.project)
			copyDir(t, rabbitmq, filepath.Join(root, filepath.FromSlash(tt.place)))
			before := readTree(t, root)

			res := addAndCommit(t, root, tt.arg)
			if !slices.Equal(res.Components, []string{"rabbitmq"}) {
				t.Errorf("add acted on %v, want [rabbitmq]", res.Components)
			}
			after := readTree(t, root)
			assertInsertOnly(t, before, after)
			recordFile := "pyproject.toml"
			if _, ok := before[recordFile]; !ok {
				recordFile = components.RecordFile
			}
			if rec := after[recordFile]; !strings.Contains(rec, `"rabbitmq: `+strings.TrimPrefix(tt.place, "./")+`"`) {
				t.Errorf("%s does not record where rabbitmq came from:\n%s", recordFile, rec)
			}

			again, err := components.Add(components.Options{Root: root}, []string{tt.arg})
			if err != nil {
				t.Fatalf("second add: %v", err)
			}
			if len(again.Changes) != 0 {
				t.Errorf("second add changes %s: not idempotent", again.Changes[0].Path)
			}
			chk, err := components.Check(components.Options{Root: root}, nil)
			if err != nil {
				t.Fatalf("check: %v", err)
			}
			if chk.Has(components.Drift) || !slices.Contains(chk.Components, "rabbitmq") {
				t.Errorf("check after add: components %v, findings %v", chk.Components, chk.Findings)
			}

			want := filepath.Join("../testdata/components/want", tt.name)
			if casetest.Update() {
				writeTree(t, want, after)
			} else if diff := cmp.Diff(readTree(t, want), after); diff != "" {
				t.Errorf("project after add (-want +got):\n%s", diff)
			}

			rm, err := components.Remove(components.Options{Root: root}, []string{"rabbitmq"})
			if err != nil {
				t.Fatalf("remove: %v", err)
			}
			if err := filetx.Commit(rm.Root, rm.Changes, filetx.CommitOptions{}); err != nil {
				t.Fatalf("commit remove: %v", err)
			}
			if diff := cmp.Diff(before, readTree(t, root)); diff != "" {
				t.Errorf("remove does not give back the project (-before +after):\n%s", diff)
			}
		})
	}
}

// TestUserComponentFolderGone removes the folder of an installed component
// and expects check and remove to name it and where it was expected,
// rather than guess.
func TestUserComponentFolderGone(t *testing.T) {
	root := copyProject(t, "../testdata/example")
	place := filepath.Join(root, ".paxx", "components", "rabbitmq")
	copyDir(t, rabbitmq, place)
	addAndCommit(t, root, "rabbitmq")
	if err := os.RemoveAll(place); err != nil {
		t.Fatal(err)
	}
	_, err := components.Check(components.Options{Root: root}, nil)
	var missing *components.MissingError
	if !errors.As(err, &missing) || missing.Name != "rabbitmq" || missing.Dir != ".paxx/components/rabbitmq" {
		t.Fatalf("check = %v, want a MissingError for rabbitmq at .paxx/components/rabbitmq", err)
	}
	if _, err := components.Remove(components.Options{Root: root}, []string{"rabbitmq"}); !errors.As(err, &missing) {
		t.Fatalf("remove = %v, want a MissingError", err)
	}
	// The built-ins are still there for the rest of the project.
	if _, err := components.Add(components.Options{Root: root}, []string{"redis"}); err != nil {
		t.Fatalf("add redis beside a missing component: %v", err)
	}
}

// TestProjectComponentShadowsBuiltin refuses a project component with a
// built-in's name that does not say it replaces it, and uses one that does.
func TestProjectComponentShadowsBuiltin(t *testing.T) {
	for _, replaces := range []bool{false, true} {
		root := copyProject(t, "../testdata/example")
		dir := filepath.Join(root, ".paxx", "components", "redis")
		copyDir(t, rabbitmq, dir)
		manifest := filepath.Join(dir, "component.toml")
		data, err := os.ReadFile(manifest)
		if err != nil {
			t.Fatal(err)
		}
		text := strings.Replace(string(data), `name = "rabbitmq"`, `name = "redis"`, 1)
		if replaces {
			text = strings.Replace(text, `section = "RabbitMQ"`, "section = \"RabbitMQ\"\nreplaces = \"redis\"", 1)
		}
		if err := os.WriteFile(manifest, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		res, err := components.Add(components.Options{Root: root}, []string{"redis"})
		var shadow *components.ShadowError
		switch {
		case !replaces && !errors.As(err, &shadow):
			t.Errorf("without replaces: add = %v, want a ShadowError", err)
		case replaces && err != nil:
			t.Errorf("with replaces: add: %v", err)
		case replaces && !slices.ContainsFunc(res.Findings, func(f components.Finding) bool { return strings.Contains(f.Message, "rabbitmq_url") }):
			t.Errorf("with replaces: add did not use the project's component: %v", res.Findings)
		}
	}
}

// TestUserDirComponent finds a component in the user's folder, and lets
// the project's shadow it.
func TestUserDirComponent(t *testing.T) {
	user := t.TempDir()
	copyDir(t, rabbitmq, filepath.Join(user, "rabbitmq"))
	root := copyProject(t, "../testdata/example")
	res, err := components.Add(components.Options{Root: root, UserDir: user}, []string{"rabbitmq"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Changes) == 0 {
		t.Fatal("add from the user's folder changes nothing")
	}
	cat, err := components.LoadCatalog(root, user)
	if err != nil {
		t.Fatal(err)
	}
	c, err := cat.Lookup("rabbitmq")
	if err != nil || c.Source != filepath.Join(user, "rabbitmq") {
		t.Fatalf("Lookup = %v, %v; want the user's folder", c, err)
	}
	copyDir(t, rabbitmq, filepath.Join(root, ".paxx", "components", "rabbitmq"))
	cat, err = components.LoadCatalog(root, user)
	if err != nil {
		t.Fatal(err)
	}
	if c, _ := cat.Lookup("rabbitmq"); c == nil || c.Source != filepath.Join(root, ".paxx", "components", "rabbitmq") {
		t.Fatalf("the project's folder does not shadow the user's: %+v", c)
	}
}
