package filetx_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/paxx-dev/paxx/filetx"
	"github.com/paxx-dev/paxx/rewrite"
)

// entry is one file or directory of a snapshot.
type entry struct {
	Mode    fs.FileMode
	Content string // for a file; the target for a link
}

// snapshot records every file, directory and link under root.
func snapshot(t *testing.T, root string) map[string]entry {
	t.Helper()
	snap := map[string]entry{}
	err := filepath.WalkDir(root, func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, name)
		info, err := d.Info()
		if err != nil {
			return err
		}
		e := entry{Mode: info.Mode()}
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(name)
			if err != nil {
				return err
			}
			e.Content = target
		case d.Type().IsRegular():
			data, err := os.ReadFile(name)
			if err != nil {
				return err
			}
			e.Content = string(data)
		}
		snap[filepath.ToSlash(rel)] = e
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return snap
}

// project makes the fixture of the commit tests: two existing files, one
// of them executable, and a plan that changes both and adds a module in a
// new package directory.
func project(t *testing.T) (root string, changes []*filetx.Change) {
	t.Helper()
	root = t.TempDir()
	writeFile(t, filepath.Join(root, "settings.py"), "class Settings:\n    debug: bool = False\n", 0o644)
	writeFile(t, filepath.Join(root, "scripts", "start.sh"), "#!/bin/sh\nexec uvicorn main:app\n", 0o755)
	read := func(rel, newContent string) *filetx.Change {
		c, err := filetx.ReadFile(root, rel)
		if err != nil {
			t.Fatal(err)
		}
		c.New = []byte(newContent)
		return c
	}
	changes = []*filetx.Change{
		read("settings.py", "class Settings:\n    debug: bool = False\n    redis_url: str = \"redis://localhost:6379/0\"\n"),
		read("core/cache/client.py", "import redis\n"),
		read("scripts/start.sh", "#!/bin/sh\nredis-cli ping\nexec uvicorn main:app\n"),
	}
	return root, changes
}

// wantAfter is the snapshot that a successful commit of project's changes
// leaves.
func wantAfter(before map[string]entry, changes []*filetx.Change) map[string]entry {
	want := map[string]entry{}
	for k, v := range before {
		want[k] = v
	}
	for _, c := range changes {
		want[c.Path] = entry{Mode: c.Mode, Content: string(c.New)}
	}
	want["core"] = entry{Mode: fs.ModeDir | 0o755}
	want["core/cache"] = entry{Mode: fs.ModeDir | 0o755}
	return want
}

func TestCommitWritesEverything(t *testing.T) {
	root, changes := project(t)
	before := snapshot(t, root)
	if err := filetx.Commit(root, changes, filetx.CommitOptions{}); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(wantAfter(before, changes), snapshot(t, root)); d != "" {
		t.Errorf("after Commit (-want +got):\n%s", d)
	}
}

func TestCommitNothingToDo(t *testing.T) {
	root := t.TempDir()
	writeFile(t, filepath.Join(root, filetx.LockName), "pid 1\n", 0o644)
	c, err := filetx.ReadFile(root, "settings.py")
	if err != nil {
		t.Fatal(err)
	}
	// Nothing changes, so the lock (held by someone else) is not even taken.
	if err := filetx.Commit(root, []*filetx.Change{c, nil}, filetx.CommitOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "settings.py")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("an unchanged missing file was created: %v", err)
	}
}

func TestCommitWritesThroughLinks(t *testing.T) {
	root := t.TempDir()
	writeFile(t, filepath.Join(root, "config", "env.example"), "A=1\n", 0o640)
	mustSymlink(t, "config/env.example", filepath.Join(root, ".env.example"))
	c, err := filetx.ReadFile(root, ".env.example")
	if err != nil {
		t.Fatal(err)
	}
	c.New = []byte("A=1\nB=2\n")
	if err := filetx.Commit(root, []*filetx.Change{c}, filetx.CommitOptions{}); err != nil {
		t.Fatal(err)
	}
	snap := snapshot(t, root)
	if got := snap["config/env.example"]; got.Content != "A=1\nB=2\n" || got.Mode != 0o640 {
		t.Errorf("target = %+v", got)
	}
	if got := snap[".env.example"]; got.Mode&fs.ModeSymlink == 0 || got.Content != "config/env.example" {
		t.Errorf("the link was replaced: %+v", got)
	}
}

func TestCommitRefusesTheSameFileTwice(t *testing.T) {
	root := t.TempDir()
	writeFile(t, filepath.Join(root, "a.txt"), "a\n", 0o644)
	mustSymlink(t, "a.txt", filepath.Join(root, "b.txt"))
	a := &filetx.Change{Path: "a.txt", Old: []byte("a\n"), New: []byte("1\n"), Existed: true, Mode: 0o644}
	b := &filetx.Change{Path: "b.txt", Old: []byte("a\n"), New: []byte("2\n"), Existed: true, Mode: 0o644}
	err := filetx.Commit(root, []*filetx.Change{a, b}, filetx.CommitOptions{})
	if !errors.Is(err, rewrite.ErrRefused) || !strings.Contains(err.Error(), "changed twice") {
		t.Errorf("Commit = %v, want a refusal of a file changed twice", err)
	}
}

func TestCommitDetectsConflicts(t *testing.T) {
	tests := []struct {
		name   string
		meddle func(t *testing.T, root string)
		want   string
	}{
		{"edited", func(t *testing.T, root string) {
			writeFile(t, filepath.Join(root, "scripts", "start.sh"), "#!/bin/sh\n", 0o755)
		}, "scripts/start.sh: changed on disk since paxx read it"},
		{"deleted", func(t *testing.T, root string) {
			if err := os.Remove(filepath.Join(root, "settings.py")); err != nil {
				t.Fatal(err)
			}
		}, "settings.py: was deleted since paxx read it"},
		{"created", func(t *testing.T, root string) {
			writeFile(t, filepath.Join(root, "core", "cache", "client.py"), "# mine\n", 0o644)
		}, "core/cache/client.py: was created since paxx found it missing"},
		{"replaced by a directory", func(t *testing.T, root string) {
			if err := os.Remove(filepath.Join(root, "settings.py")); err != nil {
				t.Fatal(err)
			}
			if err := os.Mkdir(filepath.Join(root, "settings.py"), 0o755); err != nil {
				t.Fatal(err)
			}
		}, "settings.py: is no longer a regular file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root, changes := project(t)
			tt.meddle(t, root)
			before := snapshot(t, root)
			err := filetx.Commit(root, changes, filetx.CommitOptions{})
			if !errors.Is(err, filetx.ErrConflict) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Commit = %v, want a conflict saying %q", err, tt.want)
			}
			if d := cmp.Diff(before, snapshot(t, root)); d != "" {
				t.Errorf("a conflicting commit changed the project (-before +after):\n%s", d)
			}
		})
	}
}

func TestCommitLockHeld(t *testing.T) {
	root, changes := project(t)
	writeFile(t, filepath.Join(root, filetx.LockName), "pid 4242\n", 0o644)
	before := snapshot(t, root)
	err := filetx.Commit(root, changes, filetx.CommitOptions{})
	if !errors.Is(err, filetx.ErrLocked) {
		t.Fatalf("Commit = %v, want ErrLocked", err)
	}
	for _, want := range []string{filetx.LockName, "process 4242", "another paxx", "delete " + filepath.Join(root, filetx.LockName)} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("lock error %q does not say %q", err, want)
		}
	}
	if d := cmp.Diff(before, snapshot(t, root)); d != "" {
		t.Errorf("a locked commit changed the project (-before +after):\n%s", d)
	}
}

func TestCommitRemovesStaleTemps(t *testing.T) {
	root, changes := project(t)
	stale := []string{".settings.py.paxx-tmp-123", "scripts/.start.sh.paxx-tmp-9"}
	for _, s := range stale {
		writeFile(t, filepath.Join(root, s), "half written", 0o600)
	}
	writeFile(t, filepath.Join(root, "notes.paxx-tmp-1"), "not ours: no leading dot\n", 0o644)
	if err := filetx.Commit(root, changes, filetx.CommitOptions{}); err != nil {
		t.Fatal(err)
	}
	snap := snapshot(t, root)
	for _, s := range stale {
		if _, ok := snap[s]; ok {
			t.Errorf("stale temporary file %s remains", s)
		}
	}
	if _, ok := snap["notes.paxx-tmp-1"]; !ok {
		t.Error("a file not matching the temporary pattern was removed")
	}
}

// recordSteps runs a successful commit of a fresh project and returns the
// steps it took.
func recordSteps(t *testing.T) []filetx.Step {
	t.Helper()
	root, changes := project(t)
	var steps []filetx.Step
	hook := func(s filetx.Step) error { steps = append(steps, s); return nil }
	if err := filetx.Commit(root, changes, filetx.CommitOptions{Hook: hook}); err != nil {
		t.Fatal(err)
	}
	return steps
}

var errInjected = errors.New("injected failure")

// failAt returns a hook that fails the n-th step (0-based) and the steps
// for which fail also says so, and counts the steps.
func failAt(n int, also func(filetx.Step) bool) (func(filetx.Step) error, *[]filetx.Step) {
	var seen []filetx.Step
	return func(s filetx.Step) error {
		seen = append(seen, s)
		if len(seen)-1 == n || (also != nil && also(s)) {
			return errInjected
		}
		return nil
	}, &seen
}

// TestCommitFailsCleanlyAtEveryStep fails each step of a three-file commit
// in turn and checks that the project is exactly as before: every file's
// bytes and mode, no temporary file, no new directory, no lock.
func TestCommitFailsCleanlyAtEveryStep(t *testing.T) {
	steps := recordSteps(t)
	kinds := map[filetx.StepKind]int{}
	for _, s := range steps {
		kinds[s.Kind]++
	}
	for _, k := range []filetx.StepKind{filetx.StepLock, filetx.StepCheck, filetx.StepClean, filetx.StepMkdir, filetx.StepWrite, filetx.StepChmod, filetx.StepSync, filetx.StepRename, filetx.StepSyncDir, filetx.StepUnlock} {
		if kinds[k] == 0 {
			t.Errorf("a commit took no %s step: %v", k, steps)
		}
	}
	for i, s := range steps {
		t.Run(fmt.Sprintf("%02d-%s-%s", i, s.Kind, strings.ReplaceAll(s.Path, "/", "_")), func(t *testing.T) {
			root, changes := project(t)
			before := snapshot(t, root)
			hook, seen := failAt(i, nil)
			err := filetx.Commit(root, changes, filetx.CommitOptions{Hook: hook})
			if !errors.Is(err, errInjected) {
				t.Fatalf("Commit = %v, want the injected failure", err)
			}
			if got := (*seen)[i]; got != s {
				t.Fatalf("step %d is %v, recorded as %v", i, got, s)
			}
			if s.Kind == filetx.StepUnlock {
				// Everything was written; only the lock remains, and the
				// error says to delete it.
				if !strings.Contains(err.Error(), "every file was written") || !strings.Contains(err.Error(), filetx.LockName) {
					t.Errorf("unlock failure says %q", err)
				}
				if err := os.Remove(filepath.Join(root, filetx.LockName)); err != nil {
					t.Fatal(err)
				}
				if d := cmp.Diff(wantAfter(before, changes), snapshot(t, root)); d != "" {
					t.Errorf("after a failed unlock (-want +got):\n%s", d)
				}
				return
			}
			if s.Kind != filetx.StepLock && s.Kind != filetx.StepCheck && !strings.Contains(err.Error(), "the project was left as it was") {
				t.Errorf("error does not say the project was left as it was: %v", err)
			}
			if d := cmp.Diff(before, snapshot(t, root)); d != "" {
				t.Errorf("failure at %v changed the project (-before +after):\n%s", s, d)
			}
		})
	}
	// And the same commit without a failure leaves every file new.
	root, changes := project(t)
	before := snapshot(t, root)
	if err := filetx.Commit(root, changes, filetx.CommitOptions{}); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(wantAfter(before, changes), snapshot(t, root)); d != "" {
		t.Errorf("after Commit (-want +got):\n%s", d)
	}
}

// TestCommitReportsAFailedRollback fails the last rename and then the
// roll-back of the first file, and checks that the error tells the state
// of each file.
func TestCommitReportsAFailedRollback(t *testing.T) {
	steps := recordSteps(t)
	lastRename := -1
	for i, s := range steps {
		if s.Kind == filetx.StepRename {
			lastRename = i
		}
	}
	root, changes := project(t)
	hook, _ := failAt(lastRename, func(s filetx.Step) bool {
		return (s.Kind == filetx.StepRestore && s.Path == "settings.py") || (s.Kind == filetx.StepRemove && s.Path == "core/cache")
	})
	err := filetx.Commit(root, changes, filetx.CommitOptions{Hook: hook})
	if !errors.Is(err, errInjected) {
		t.Fatalf("Commit = %v, want the injected failure", err)
	}
	for _, want := range []string{
		"undoing the files written so far failed too",
		"settings.py: HAS THE NEW CONTENT (restoring the old failed: restore settings.py: injected failure)",
		"core/cache/client.py: absent, as it was (removed)",
		"scripts/start.sh: as it was\n",
		"directory core/cache remains",
	} {
		if !strings.Contains(err.Error()+"\n", want) {
			t.Errorf("error does not say %q:\n%v", want, err)
		}
	}
	snap := snapshot(t, root)
	if got := snap["settings.py"].Content; got != string(changes[0].New) {
		t.Errorf("settings.py = %q, want the new content the error reports", got)
	}
	if _, ok := snap[filetx.LockName]; ok {
		t.Error("the lock remains after a failed roll-back")
	}
}
