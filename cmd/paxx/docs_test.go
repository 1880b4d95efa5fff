package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/aymanbagabas/go-udiff"
	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"

	"github.com/paxx-dev/paxx/internal/casetest"
)

//go:generate go test -run TestCLIReference -update

// cliDocs is where the CLI reference lives, one Markdown page a command.
const cliDocs = "../../docs/cli"

// TestCLIReference generates the CLI reference from the command tree and
// fails when docs/cli differs from it; -update rewrites docs/cli.
func TestCLIReference(t *testing.T) {
	tmp := t.TempDir()
	root := newRootCmd(&env{stdout: io.Discard, stderr: io.Discard})
	disableAutoGenTag(root)
	if err := doc.GenMarkdownTree(root, tmp); err != nil {
		t.Fatal(err)
	}
	want := readDir(t, tmp)
	if casetest.Update() {
		if err := os.RemoveAll(cliDocs); err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(cliDocs, 0o755); err != nil {
			t.Fatal(err)
		}
		for name, data := range want {
			if err := os.WriteFile(filepath.Join(cliDocs, name), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	got := readDir(t, cliDocs)
	for name, data := range want {
		if old, ok := got[name]; !ok {
			t.Errorf("docs/cli/%s is missing", name)
		} else if !bytes.Equal(old, data) {
			t.Errorf("docs/cli/%s is stale:\n%s", name,
				udiff.Unified("docs/cli/"+name, "generated", string(old), string(data)))
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("docs/cli/%s documents no command", name)
		}
	}
	if t.Failed() {
		t.Log("regenerate the CLI reference: go test ./cmd/paxx -run TestCLIReference -update")
	}
}

// disableAutoGenTag leaves out the date cobra stamps on every page, which
// would make the reference stale every day.
func disableAutoGenTag(cmd *cobra.Command) {
	cmd.DisableAutoGenTag = true
	for _, c := range cmd.Commands() {
		disableAutoGenTag(c)
	}
}

// readDir returns the regular files in dir by name; none when dir does not
// exist.
func readDir(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = data
	}
	return out
}

// TestHelpHasExamples holds every command a user can run to the --help
// conventions: a one-line summary and at least one example.
func TestHelpHasExamples(t *testing.T) {
	root := newRootCmd(&env{stdout: io.Discard, stderr: io.Discard})
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if !c.IsAvailableCommand() && c != root {
			return
		}
		if c.Short == "" {
			t.Errorf("%s has no Short", c.CommandPath())
		}
		if c.Example == "" {
			t.Errorf("%s has no Example", c.CommandPath())
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)

	var names []string
	for _, c := range root.Commands() {
		names = append(names, c.Name())
	}
	for _, want := range []string{"infra", "completion", "version"} {
		if !slices.Contains(names, want) {
			t.Errorf("no %s command", want)
		}
	}
}
