package components_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/paxx-dev/paxx/components"
	"github.com/paxx-dev/paxx/rewrite"
)

// TestPostgisAlembicTemplate checks that postgis finds the migration
// template where alembic.ini's script_location puts it, refuses an
// alembic.ini that Alembic could not read, and leaves a template without
// `import sqlalchemy as sa` to the person with a note.
func TestPostgisAlembicTemplate(t *testing.T) {
	const mako = "db/migrations/script.py.mako"
	tests := []struct {
		name     string
		edit     func(files map[string]string)
		wantMako string // where add puts its line; "" when nowhere
		wantErr  error
		wantNote string
	}{{
		name: "script_location with %(here)s",
		edit: func(files map[string]string) {
			files["tools/mig/script.py.mako"] = files[mako]
			delete(files, mako)
			files["alembic.ini"] = "# Alembic\n[alembic]\nscript_location = %(here)s/tools/mig\nprepend_sys_path = .\n"
		},
		wantMako: "tools/mig/script.py.mako",
	}, {
		name: "script_location wins over the usual place",
		edit: func(files map[string]string) {
			files["tools/mig/script.py.mako"] = files[mako]
			files["alembic.ini"] = "[alembic]\r\nscript_location = tools/mig\r\n"
		},
		wantMako: "tools/mig/script.py.mako",
	}, {
		name: "script_location out of the project: the usual place",
		edit: func(files map[string]string) {
			files["alembic.ini"] = "[alembic]\nscript_location = ../elsewhere\n"
		},
		wantMako: mako,
	}, {
		name: "alembic.ini Alembic cannot read",
		edit: func(files map[string]string) {
			files["alembic.ini"] = "script_location = db/migrations\n"
		},
		wantErr: rewrite.ErrSyntax,
	}, {
		name: "no anchor",
		edit: func(files map[string]string) {
			files[mako] = strings.Replace(files[mako], "import sqlalchemy as sa\n", "from sqlalchemy import *\n", 1)
		},
		wantNote: "no `import sqlalchemy as sa` line: add `import geoalchemy2` to the template yourself",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			before := readTree(t, postgisFixture)
			tt.edit(before)
			plan, err := components.Add(components.Options{Root: writeTemp(t, postgisFixture, before)}, []string{"postgis"})
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("add: err = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			added := applyChanges(before, plan.Changes)
			for rel, src := range added {
				has := strings.Contains(src, "import geoalchemy2\n") && strings.HasSuffix(rel, ".mako")
				if has != (rel == tt.wantMako) {
					t.Errorf("%s: has the import %v, want %v", rel, has, !has)
				}
			}
			if tt.wantNote != "" && !hasFinding(plan.Findings, components.Note, tt.wantNote) {
				t.Errorf("no note %q in %v", tt.wantNote, plan.Findings)
			}
			res, err := components.Remove(components.Options{Root: writeTemp(t, postgisFixture, added)}, []string{"postgis"})
			if err != nil {
				t.Fatal(err)
			}
			after := applyChanges(added, res.Changes)
			if _, ok := after[emptyCore]; !ok && before[emptyCore] == "" {
				after[emptyCore] = "" // see TestRemovePostgis
			}
			if d := cmp.Diff(before, after); d != "" {
				t.Errorf("add then remove (-before +after):\n%s", d)
			}
		})
	}
}
