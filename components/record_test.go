package components

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/paxx-dev/paxx/internal/casetest"
	"github.com/paxx-dev/paxx/pyproject"
	"github.com/paxx-dev/paxx/rewrite"
)

// allRecordKeys returns the record keys a removal may have emptied.
func allRecordKeys() []recordKey { return []recordKey{keyInfra, keyAdopted, keyReplaced} }

// tidy runs tidyRecord on pyproject.toml's bytes.
func tidy(src []byte, emptied []recordKey, userTable bool) ([]byte, []rewrite.Action, error) {
	return casetest.Edited(pyproject.Parse, "pyproject.toml", src, func(f *pyproject.File) (*pyproject.File, []rewrite.Action, error) {
		return tidyRecord(f, emptied, userTable)
	})
}

// TestTidyRecord covers what tidyRecord takes away and what it leaves.
func TestTidyRecord(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		emptied   []recordKey
		userTable bool
		want      string
	}{
		{"table paxx made", "[a]\nx = 1\n\n[tool.paxx]\ninfra = []\nreplaced = []\nadopted = []\n", allRecordKeys(), false, "[a]\nx = 1\n"},
		{"two blank lines before", "[a]\nx = 1\n\n\n[b]\ny = 2\n\n\n[tool.paxx]\ninfra = []\n", allRecordKeys(), false, "[a]\nx = 1\n\n\n[b]\ny = 2\n"},
		{"no final newline", "[a]\nx = 1\n\n[tool.paxx]\ninfra = []\nadopted = []", allRecordKeys(), false, "[a]\nx = 1"},
		{"crlf", "[a]\r\nx = 1\r\n\r\n[tool.paxx]\r\ninfra = []\r\nreplaced = []\r\n", allRecordKeys(), false, "[a]\r\nx = 1\r\n"},
		{"only the table", "[tool.paxx]\ninfra = []\n", allRecordKeys(), false, ""},
		{"user's empty arrays stay", "[a]\nx = 1\n\n[tool.paxx]\ninfra = []\nadopted = []\n", nil, false, "[a]\nx = 1\n\n[tool.paxx]\ninfra = []\nadopted = []\n"},
		{"infra not emptied", "[a]\nx = 1\n\n[tool.paxx]\ninfra = []\nreplaced = []\n", []recordKey{keyReplaced}, false, "[a]\nx = 1\n\n[tool.paxx]\ninfra = []\n"},
		{"infra still holds", "[a]\nx = 1\n\n[tool.paxx]\ninfra = [\"redis\"]\nreplaced = []\n", allRecordKeys(), false, "[a]\nx = 1\n\n[tool.paxx]\ninfra = [\"redis\"]\n"},
		{"another key stays", "[a]\nx = 1\n\n[tool.paxx]\nmode = \"dev\"\ninfra = []\nadopted = []\n", allRecordKeys(), false, "[a]\nx = 1\n\n[tool.paxx]\nmode = \"dev\"\ninfra = []\n"},
		{"comment in table stays", "[a]\nx = 1\n\n[tool.paxx]\n# mine\ninfra = []\n", allRecordKeys(), false, "[a]\nx = 1\n\n[tool.paxx]\n# mine\ninfra = []\n"},
		{"table before another stays", "[tool.paxx]\ninfra = []\nreplaced = []\n\n[tool.ruff]\nx = 1\n", allRecordKeys(), false, "[tool.paxx]\ninfra = []\n\n[tool.ruff]\nx = 1\n"},
		{"dotted keys", "[tool]\npaxx.infra = []\npaxx.adopted = []\n", allRecordKeys(), false, "[tool]\npaxx.infra = []\n"},
		{"user's table keeps its keys", "[a]\nx = 1\n\n[tool.paxx]\ninfra = []\nadopted = []\n", allRecordKeys(), true, "[a]\nx = 1\n\n[tool.paxx]\n"},
		{"user's empty table stays", "[tool.paxx]\ninfra = []\n", allRecordKeys(), true, "[tool.paxx]\n"},
		{"user's infra stays", "[tool.paxx]\ninfra = []\nadopted = []\n", []recordKey{keyAdopted}, true, "[tool.paxx]\ninfra = []\n"},
		{"non-empty adopted stays", "[tool.paxx]\ninfra = []\nadopted = [\"redis: service cache\"]\n", allRecordKeys(), false, "[tool.paxx]\ninfra = []\nadopted = [\"redis: service cache\"]\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, acts, err := tidy([]byte(tt.in), tt.emptied, tt.userTable)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tt.want, string(out)); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
			if !rewrite.IsDeleteOnly([]byte(tt.in), out) || (len(acts) == 0) != (tt.in == string(out)) {
				t.Errorf("not delete-only, or %d actions for the change", len(acts))
			}
			again, more, err := tidy(out, tt.emptied, tt.userTable)
			if err != nil || len(more) > 0 || !bytes.Equal(again, out) {
				t.Errorf("again: err %v, actions %v", err, more)
			}
		})
	}
}

// TestRemoveOutOfOrderThenTidy records two components on the input of
// every pyproject add case (testdata/cases/pyproject/add), the first with
// a replaced value and the second with an adopted item, and removes the
// first one's entries first: with tidyRecord after each component, as
// remove does, the input comes back byte for byte.
func TestRemoveOutOfOrderThenTidy(t *testing.T) {
	const path = "pyproject.toml"
	for _, c := range casetest.Load(t, filepath.Join("..", "testdata", "cases", "pyproject", "add")) {
		in := c.Input
		t.Run(c.Name, func(t *testing.T) {
			if orig, err := pyproject.Parse(path, in); err != nil || len(recordOf(orig).installed()) > 0 {
				t.Skip("invalid, or installed already: remove takes away more than this add puts in")
			}
			src := in
			for _, ed := range []recordEdit{
				{keyInfra, "postgis"},
				{keyReplaced, ownedEntry("postgis", "image db postgres:16-alpine")},
				{keyInfra, "redis"},
				{keyAdopted, ownedEntry("redis", "service cache")},
			} {
				out, _, err := casetest.Edited(pyproject.Parse, path, src, ed.Ensure)
				if err != nil {
					t.Skip("add refuses this input")
				}
				src = out
			}
			f, err := pyproject.Parse(path, src)
			if err != nil {
				t.Fatal(err)
			}
			var emptied []recordKey
			for _, key := range allRecordKeys() {
				if len(recordOf(f).entries(key)) > 0 {
					emptied = append(emptied, key)
				}
			}
			tidied := func(f *pyproject.File) (*pyproject.File, []rewrite.Action, error) {
				return tidyRecord(f, emptied, false)
			}
			for _, remove := range []func(*pyproject.File) (*pyproject.File, []rewrite.Action, error){
				recordEdit{keyReplaced, ownedEntry("postgis", "image db postgres:16-alpine")}.Undo,
				recordEdit{keyInfra, "postgis"}.Undo,
				tidied,
				recordEdit{keyAdopted, ownedEntry("redis", "service cache")}.Undo,
				recordEdit{keyInfra, "redis"}.Undo,
				tidied,
			} {
				out, _, err := casetest.Edited(pyproject.Parse, path, src, remove)
				if err != nil {
					t.Fatal(err)
				}
				if !rewrite.IsDeleteOnly(src, out) {
					t.Fatalf("not delete-only:\n%s", out)
				}
				src = out
			}
			if d := cmp.Diff(string(in), string(src)); d != "" {
				t.Errorf("add then remove out of order (-input +got):\n%s", d)
			}
		})
	}
}

// TestImageItem checks that a replaced entry reads back as it was written:
// a plain service name in the form records have always had, any other
// name quoted, and that what imageItem never writes is not read.
func TestImageItem(t *testing.T) {
	for _, tt := range []struct{ service, image, item string }{
		{"db", "postgres:16-alpine", "image db postgres:16-alpine"},
		{"my.db_1-x", "postgres:16", "image my.db_1-x postgres:16"},
		{"my db", "postgres:16", `image "my db" postgres:16`},
		{"tab\tdb", "postgres:16", `image "tab\tdb" postgres:16`},
		{"\"q\"", "postgres:16", `image "\"q\"" postgres:16`},
		{"", "postgres:16", `image "" postgres:16`},
		{"dé", "postgres:16", "image dé postgres:16"},
	} {
		if got := imageItem(tt.service, tt.image); got != tt.item {
			t.Errorf("imageItem(%q, %q) = %q, want %q", tt.service, tt.image, got, tt.item)
		}
		service, image, ok := parseImageItem(tt.item)
		if !ok || service != tt.service || image != tt.image {
			t.Errorf("parseImageItem(%q) = %q, %q, %v", tt.item, service, image, ok)
		}
	}
	for _, bad := range []string{"image db", "image db a b", "image  db x", `image "db" x`, `image "my db"x`, `image "my db`, "img db x", "image db x "} {
		if s, i, ok := parseImageItem(bad); ok {
			t.Errorf("parseImageItem(%q) = %q, %q, true", bad, s, i)
		}
	}
}
