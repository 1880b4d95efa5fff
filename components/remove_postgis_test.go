package components_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/paxx-dev/paxx/components"
)

// postgisFixture is a project with a Postgres service and an Alembic
// migration template.
const postgisFixture = "../testdata/projects/catalogue-paxx-shaped/input"

// emptyCore is the fixture's empty core package.
const emptyCore = "core/__init__.py"

// TestRemovePostgis checks what remove does with the one value add
// changes: the image comes back from [tool.paxx] replaced, in its own
// quoting, unless the user changed it since; the migration template's
// line goes unless it was the user's before.
func TestRemovePostgis(t *testing.T) {
	tests := []struct {
		name string
		// edit changes the fixture before add (when before is true) or
		// the project between add and remove.
		edit   func(files map[string]string)
		before bool
		// identity: remove gives back the tree before add.
		identity bool
		// replaced is the [tool.paxx] replaced entry add writes, when
		// not "postgis: image db postgres:16-alpine".
		replaced string
		// wantNote is part of a note remove must give, or "".
		wantNote string
		// wantAfter checks the tree after remove.
		wantAfter func(t *testing.T, files map[string]string)
	}{{
		name:     "unedited",
		identity: true,
	}, {
		name:   "quoted image with a comment",
		before: true,
		edit: func(files map[string]string) {
			files["docker-compose.yml"] = strings.Replace(files["docker-compose.yml"], "image: postgres:16-alpine", `image: "postgres:16-alpine"  # as in production`, 1)
		},
		identity: true,
	}, {
		name:   "service name with a blank",
		before: true,
		edit: func(files map[string]string) {
			files["docker-compose.yml"] = strings.Replace(files["docker-compose.yml"], "\n  db:\n", "\n  \"my db\":\n", 1)
		},
		replaced: `postgis: image \"my db\" postgres:16-alpine`,
		identity: true,
	}, {
		name:   "migration line already there",
		before: true,
		edit: func(files map[string]string) {
			const mako = "db/migrations/script.py.mako"
			files[mako] = strings.Replace(files[mako], "import sqlalchemy as sa\n", "import sqlalchemy as sa\nimport geoalchemy2\n", 1)
		},
		identity: true,
	}, {
		name: "image changed after add",
		edit: func(files map[string]string) {
			files["docker-compose.yml"] = strings.Replace(files["docker-compose.yml"], "postgis/postgis:16-3.4", "postgis/postgis:17-3.5", 1)
		},
		wantNote: "service db runs postgis/postgis:17-3.5, not postgis/postgis:16-3.4 as postgis left it: kept (it ran postgres:16-alpine before)",
		wantAfter: func(t *testing.T, files map[string]string) {
			if !strings.Contains(files["docker-compose.yml"], "image: postgis/postgis:17-3.5") {
				t.Error("the user's image was not kept")
			}
			if strings.Contains(files["pyproject.toml"], "replaced") {
				t.Error("the replaced record was kept")
			}
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			before := readTree(t, postgisFixture)
			if tt.before && tt.edit != nil {
				tt.edit(before)
			}
			dir := writeTemp(t, postgisFixture, before)
			plan, err := components.Add(components.Options{Root: dir}, []string{"postgis"})
			if err != nil {
				t.Fatal(err)
			}
			added := applyChanges(before, plan.Changes)
			replaced := "postgis: image db postgres:16-alpine"
			if tt.replaced != "" {
				replaced = tt.replaced
			}
			if !strings.Contains(added["pyproject.toml"], `replaced = ["`+replaced+`"]`) {
				t.Errorf("add did not record the image it replaced:\n%s", added["pyproject.toml"])
			}
			if !strings.Contains(added["db/migrations/script.py.mako"], "import sqlalchemy as sa\nimport geoalchemy2\n") {
				t.Error("add did not put its line in the migration template")
			}
			if !tt.before && tt.edit != nil {
				tt.edit(added)
			}
			res, err := components.Remove(components.Options{Root: writeTemp(t, postgisFixture, added)}, []string{"postgis"})
			if err != nil {
				t.Fatal(err)
			}
			after := applyChanges(added, res.Changes)
			// The fixture's core package is empty, as the one paxx
			// creates for its modules: remove cannot tell them apart and
			// takes it (a limit of its own, outside postgis's).
			if _, ok := after[emptyCore]; !ok && before[emptyCore] == "" {
				after[emptyCore] = ""
			}
			if d := cmp.Diff(before, after); tt.identity && d != "" {
				t.Errorf("add then remove (-before +after):\n%s", d)
			}
			if tt.wantNote != "" && !hasFinding(res.Findings, components.Note, tt.wantNote) {
				t.Errorf("no note %q in %v", tt.wantNote, res.Findings)
			}
			if tt.identity && !hasFinding(res.Findings, components.Removed, "restored image postgres:16-alpine for service ") {
				t.Errorf("no finding for the restored image in %v", res.Findings)
			}
			if tt.wantAfter != nil {
				tt.wantAfter(t, after)
			}
		})
	}
}

// hasFinding reports whether findings hold one of kind k whose message
// contains msg.
func hasFinding(findings []components.Finding, k components.Kind, msg string) bool {
	for _, f := range findings {
		if f.Kind == k && strings.Contains(f.Message, msg) {
			return true
		}
	}
	return false
}
