package filetx_test

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/paxx-dev/paxx/filetx"
)

// deletion sets up a project where one commit edits settings.py and
// deletes core/__init__.py (empty) and core/cache.py, which empties core/.
func deletion(t *testing.T) (root string, changes []*filetx.Change) {
	t.Helper()
	root = t.TempDir()
	writeFile(t, filepath.Join(root, "settings.py"), "a = 1\nb = 2\n", 0o644)
	writeFile(t, filepath.Join(root, "core", "__init__.py"), "", 0o644)
	writeFile(t, filepath.Join(root, "core", "cache.py"), "x = 1\n", 0o600)
	for _, rel := range []string{"settings.py", "core/__init__.py", "core/cache.py"} {
		c, err := filetx.ReadFile(root, rel)
		if err != nil {
			t.Fatal(err)
		}
		c.New = nil
		changes = append(changes, c)
	}
	changes[0].New = []byte("a = 1\n")
	return root, changes
}

func TestChangeDeleted(t *testing.T) {
	_, changes := deletion(t)
	for _, c := range changes[1:] {
		if !c.Deleted() || !c.Changed() {
			t.Errorf("%s: Deleted() = %v, Changed() = %v; want both true (the empty file too)", c.Path, c.Deleted(), c.Changed())
		}
	}
	if changes[0].Deleted() {
		t.Error("an edited file reports a deletion")
	}
	missing := &filetx.Change{Path: "new.py"}
	if missing.Deleted() || missing.Changed() {
		t.Error("a missing file with no content reports a deletion or a change")
	}
}

func TestDiffOfADeletion(t *testing.T) {
	_, changes := deletion(t)
	d := filetx.Diff(changes[2:])
	for _, want := range []string{"--- a/core/cache.py\n", "+++ /dev/null\n", "-x = 1\n"} {
		if !strings.Contains(d, want) {
			t.Errorf("diff does not contain %q:\n%s", want, d)
		}
	}
}

func TestCommitDeletes(t *testing.T) {
	root, changes := deletion(t)
	if err := filetx.Commit(root, changes, filetx.CommitOptions{}); err != nil {
		t.Fatal(err)
	}
	want := map[string]entry{"settings.py": {Mode: 0o644, Content: "a = 1\n"}}
	if d := cmp.Diff(want, withoutRoot(snapshot(t, root))); d != "" {
		t.Errorf("after the commit (-want +got):\n%s", d)
	}
}

func TestCommitKeepsADirectoryWithOtherFiles(t *testing.T) {
	root, changes := deletion(t)
	writeFile(t, filepath.Join(root, "core", "mine.py"), "y = 2\n", 0o644)
	if err := filetx.Commit(root, changes, filetx.CommitOptions{}); err != nil {
		t.Fatal(err)
	}
	snap := withoutRoot(snapshot(t, root))
	if _, ok := snap["core/mine.py"]; !ok {
		t.Errorf("core/mine.py is gone: %v", snap)
	}
	if _, ok := snap["core/cache.py"]; ok {
		t.Errorf("core/cache.py remains: %v", snap)
	}
}

// TestCommitDeletionRollsBack fails each step of a commit that deletes
// files in turn: a failure before the commit point leaves the project as it
// was, deleted files included; a failure while purging leaves the commit
// done and says so.
func TestCommitDeletionRollsBack(t *testing.T) {
	root, changes := deletion(t)
	var steps []filetx.Step
	hook := func(s filetx.Step) error { steps = append(steps, s); return nil }
	if err := filetx.Commit(root, changes, filetx.CommitOptions{Hook: hook}); err != nil {
		t.Fatal(err)
	}
	kinds := map[filetx.StepKind]bool{}
	for _, s := range steps {
		kinds[s.Kind] = true
	}
	if !kinds[filetx.StepDelete] || !kinds[filetx.StepPurge] {
		t.Fatalf("no delete or purge step: %v", steps)
	}
	for i, s := range steps {
		t.Run(fmt.Sprintf("%02d-%s-%s", i, s.Kind, strings.ReplaceAll(s.Path, "/", "_")), func(t *testing.T) {
			root, changes := deletion(t)
			before := snapshot(t, root)
			hook, _ := failAt(i, nil)
			err := filetx.Commit(root, changes, filetx.CommitOptions{Hook: hook})
			if !errors.Is(err, errInjected) {
				t.Fatalf("Commit = %v, want the injected failure", err)
			}
			after := snapshot(t, root)
			if s.Kind == filetx.StepPurge || s.Kind == filetx.StepUnlock {
				if !strings.Contains(err.Error(), "every file was written") {
					t.Errorf("a failure after the commit point says %q", err)
				}
				if _, ok := after["core/cache.py"]; ok {
					t.Error("core/cache.py remains after the commit point")
				}
				return
			}
			if d := cmp.Diff(before, after); d != "" {
				t.Errorf("failure at %v changed the project (-before +after):\n%s", s, d)
			}
		})
	}
}

// withoutRoot drops the root directory's own entry from a snapshot.
func withoutRoot(snap map[string]entry) map[string]entry {
	delete(snap, ".")
	return snap
}
