package components

import (
	"io/fs"
	"path"
	"testing"
)

// TestBuiltinsLint lints every built-in component in full, templates run
// against sample values and service bodies parsed, as `paxx infra lint`
// does a user's: a command loading the built-ins skips those checks.
func TestBuiltinsLint(t *testing.T) {
	entries, err := fs.ReadDir(builtinFS, "builtin")
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 7 {
		t.Errorf("%d built-in components, want 7", len(entries))
	}
	for _, e := range entries {
		dir := path.Join("builtin", e.Name())
		sub, err := fs.Sub(builtinFS, dir)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := loadFS(sub, dir); err != nil {
			t.Errorf("built-in %s: %v", e.Name(), err)
		}
	}
}
