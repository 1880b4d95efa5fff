package components_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paxx-dev/paxx/components"
	"github.com/paxx-dev/paxx/rewrite"
)

// TestDraftFolderIsLeftOut loads a catalogue beside a component folder
// that does not load: the catalogue is still made, Broken names the
// folder, and only a Lookup of that name gives its faults. A draft in the
// project shadows the user's working component of the same name, as the
// nearer folder always does; a working one in the project shadows a draft
// of the user's.
func TestDraftFolderIsLeftOut(t *testing.T) {
	root, user := t.TempDir(), t.TempDir()
	draft := func(dir string) {
		t.Helper()
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "component.toml"), []byte("name = \"x\"\nsummary = \"y\"\nimagee = 1\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	draft(filepath.Join(root, ".paxx", "components", "draft"))
	copyDir(t, rabbitmq, filepath.Join(user, "rabbitmq"))
	draft(filepath.Join(root, ".paxx", "components", "rabbitmq"))
	draft(filepath.Join(user, "notes"))
	copyDir(t, rabbitmq, filepath.Join(root, ".paxx", "components", "notes"))
	notes := filepath.Join(root, ".paxx", "components", "notes", "component.toml")
	data, err := os.ReadFile(notes)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(notes, []byte(strings.Replace(string(data), `name = "rabbitmq"`, `name = "notes"`, 1)), 0o644); err != nil {
		t.Fatal(err)
	}

	cat, err := components.LoadCatalog(root, user)
	if err != nil {
		t.Fatalf("LoadCatalog: %v, want the catalogue without the drafts", err)
	}
	var names []string
	for _, b := range cat.Broken() {
		names = append(names, b.Name)
	}
	if len(names) != 2 || names[0] != "draft" || names[1] != "rabbitmq" {
		t.Errorf("Broken() = %v, want [draft rabbitmq]", names)
	}
	if _, err := cat.Lookup("redis"); err != nil {
		t.Errorf("Lookup(redis): %v", err)
	}
	for _, name := range []string{"draft", "rabbitmq"} {
		_, err := cat.Lookup(name)
		var broken *components.BrokenError
		var located *rewrite.Error
		if !errors.As(err, &broken) || !errors.As(err, &located) || located.Line != 3 {
			t.Errorf("Lookup(%s) = %v, want its fault at component.toml:3", name, err)
		}
	}
	if c, err := cat.Lookup("notes"); err != nil || c.Name != "notes" {
		t.Errorf("Lookup(notes) = %v, %v; want the project's, over the user's draft", c, err)
	}
	for _, c := range cat.Components() {
		if c.Name == "draft" {
			t.Errorf("Components() lists the draft")
		}
	}
}
