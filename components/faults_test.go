package components_test

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/paxx-dev/paxx/components"
	"github.com/paxx-dev/paxx/filetx"
)

// faultProject is the project the fault tests change: paxx-shaped, so that
// add redis edits four files and creates a package and a module.
const faultProject = "../testdata/projects/minimal"

// The environment through which a fault test starts this test binary again
// as a paxx that commits add redis and is killed, or waits, at one step.
const (
	childRoot   = "PAXX_FAULT_ROOT"   // the project
	childKillAt = "PAXX_FAULT_KILLAT" // kill itself with SIGKILL before this step (0-based)
	childWaitOn = "PAXX_FAULT_WAITON" // after taking the lock, wait until this file exists
)

// TestFaultChild is not a test: it is the paxx that the fault tests start
// and kill. It does nothing unless childRoot is set.
func TestFaultChild(t *testing.T) {
	root := os.Getenv(childRoot)
	if root == "" {
		t.Skip("started by the fault tests only")
	}
	killAt, _ := strconv.Atoi(os.Getenv(childKillAt))
	wait := os.Getenv(childWaitOn)
	res, err := components.Add(components.Options{Root: root}, []string{"redis"})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	hook := func(s filetx.Step) error {
		if os.Getenv(childKillAt) != "" && n == killAt {
			// A hard kill: no deferred function, no roll-back runs.
			_ = syscall.Kill(os.Getpid(), syscall.SIGKILL)
			time.Sleep(time.Minute)
		}
		n++
		if wait != "" && s.Kind == filetx.StepCheck {
			for !exists(wait) {
				time.Sleep(5 * time.Millisecond)
			}
		}
		return nil
	}
	if err := filetx.Commit(res.Root, res.Changes, filetx.CommitOptions{Hook: hook}); err != nil {
		t.Fatal(err)
	}
}

// startChild starts this test binary as a paxx committing add redis on
// root, with the extra environment.
func startChild(t *testing.T, root string, env ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestFaultChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), append([]string{childRoot + "=" + root}, env...)...)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd
}

func exists(name string) bool {
	_, err := os.Stat(name)
	return err == nil
}

// commitSteps returns the steps a commit of add redis takes on a copy of
// the fault project, in order.
func commitSteps(t *testing.T) []filetx.Step {
	t.Helper()
	root := copyProject(t, filepath.Join(faultProject, "input"))
	res, err := components.Add(components.Options{Root: root}, []string{"redis"})
	if err != nil {
		t.Fatal(err)
	}
	var steps []filetx.Step
	hook := func(s filetx.Step) error { steps = append(steps, s); return nil }
	if err := filetx.Commit(res.Root, res.Changes, filetx.CommitOptions{Hook: hook}); err != nil {
		t.Fatal(err)
	}
	return steps
}

// TestFailureAtEveryStepLeavesProjectAsItWas fails the commit of a real
// add at each of its steps and asserts that the project is byte for byte
// as before, with no lock or temporary file left behind.
func TestFailureAtEveryStepLeavesProjectAsItWas(t *testing.T) {
	steps := commitSteps(t)
	for i, step := range steps {
		t.Run(fmt.Sprintf("%02d-%s-%s", i, step.Kind, step.Path), func(t *testing.T) {
			root := copyProject(t, filepath.Join(faultProject, "input"))
			before := readTree(t, root)
			res, err := components.Add(components.Options{Root: root}, []string{"redis"})
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			hook := func(filetx.Step) error {
				defer func() { n++ }()
				if n == i {
					return errors.New("injected failure")
				}
				return nil
			}
			err = filetx.Commit(res.Root, res.Changes, filetx.CommitOptions{Hook: hook})
			after := readTree(t, root)
			if step.Kind == filetx.StepUnlock {
				// Every file was renamed; only the lock remains, and the
				// error says to delete it.
				if err == nil || !strings.Contains(err.Error(), "every file was written") {
					t.Fatalf("commit error = %v, want one saying every file was written", err)
				}
				delete(after, filetx.LockName)
				if diff := cmp.Diff(readTree(t, filepath.Join(faultProject, "want")), after); diff != "" {
					t.Errorf("project after a failed unlock (-want +got):\n%s", diff)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), "injected failure") {
				t.Fatalf("commit error = %v, want the injected failure", err)
			}
			if diff := cmp.Diff(before, after); diff != "" {
				t.Errorf("project changed by a failed commit (-before +after):\n%s", diff)
			}
		})
	}
}

// TestKilledAtEveryStep kills a real paxx process with SIGKILL before each
// step of its commit and asserts that every file is entirely old or
// entirely new, and that the next run either says the lock is held (and
// what to do) or completes; after following its advice, a run completes
// and the project is exactly what one uninterrupted add gives, with no
// temporary file left.
func TestKilledAtEveryStep(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a process per step")
	}
	old := readTree(t, filepath.Join(faultProject, "input"))
	want := readTree(t, filepath.Join(faultProject, "want"))
	steps := commitSteps(t)
	for i, step := range steps {
		t.Run(fmt.Sprintf("%02d-%s-%s", i, step.Kind, step.Path), func(t *testing.T) {
			root := copyProject(t, filepath.Join(faultProject, "input"))
			cmd := startChild(t, root, childKillAt+"="+strconv.Itoa(i))
			err := cmd.Wait()
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ProcessState.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
				t.Fatalf("child was not killed: %v", err)
			}

			for rel, got := range readTree(t, root) {
				switch {
				case rel == filetx.LockName, strings.Contains(rel, ".paxx-tmp-"):
				case got == old[rel], got == want[rel] && want[rel] != "" || rel == "core/__init__.py":
				default:
					t.Errorf("%s is neither the old nor the new content after a kill:\n%s", rel, got)
				}
			}

			res, lockErr := addCommit(root)
			locked := exists(filepath.Join(root, filetx.LockName))
			switch {
			case locked && lockErr == nil && len(res.Changes) > 0:
				t.Fatalf("the next run wrote %d file(s) through a lock file left behind", len(res.Changes))
			case !locked && lockErr != nil:
				t.Fatalf("next run without a lock file: %v", lockErr)
			}
			// A kill after the last rename leaves a lock but nothing to
			// do: the run that has nothing to write does not need it.
			if locked && lockErr == nil {
				if err := os.Remove(filepath.Join(root, filetx.LockName)); err != nil {
					t.Fatal(err)
				}
			}
			if lockErr != nil {
				if !errors.Is(lockErr, filetx.ErrLocked) || !strings.Contains(lockErr.Error(), "delete ") {
					t.Fatalf("next run: %v, want a locked error saying what to delete", lockErr)
				}
				if err := os.Remove(filepath.Join(root, filetx.LockName)); err != nil {
					t.Fatal(err)
				}
				if _, err := addCommit(root); err != nil {
					t.Fatalf("run after deleting the lock: %v", err)
				}
			}
			// The new run finds the parts the killed one wrote in place and
			// may record them as adopted; that line aside, the project is
			// what one uninterrupted add gives.
			if diff := cmp.Diff(want, withoutAdopted(readTree(t, root))); diff != "" {
				t.Errorf("project after a kill and a new run (-want +got):\n%s", diff)
			}
		})
	}
}

// withoutAdopted drops the adopted line of pyproject.toml's [tool.paxx]
// record from files.
func withoutAdopted(files map[string]string) map[string]string {
	var kept []string
	for _, line := range strings.SplitAfter(files["pyproject.toml"], "\n") {
		if !strings.HasPrefix(line, "adopted = ") {
			kept = append(kept, line)
		}
	}
	files["pyproject.toml"] = strings.Join(kept, "")
	return files
}

// addCommit plans add redis on root and commits it.
func addCommit(root string) (*components.Result, error) {
	res, err := components.Add(components.Options{Root: root}, []string{"redis"})
	if err != nil {
		return nil, err
	}
	return res, filetx.Commit(res.Root, res.Changes, filetx.CommitOptions{})
}

// TestTwoProcessesAreSerialised holds a real paxx process inside its
// commit, with the lock taken, and runs a second paxx on the same project:
// the second is refused with a message that names the lock and the
// process, and writes nothing; once the first finishes, the lock is gone
// and a new run finds everything in place.
func TestTwoProcessesAreSerialised(t *testing.T) {
	root := copyProject(t, filepath.Join(faultProject, "input"))
	before := readTree(t, root)
	release := filepath.Join(t.TempDir(), "go")
	cmd := startChild(t, root, childWaitOn+"="+release)
	lock := filepath.Join(root, filetx.LockName)
	for deadline := time.Now().Add(30 * time.Second); !exists(lock); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the first paxx never took the lock")
		}
	}

	_, err := addCommit(root)
	want := fmt.Sprintf("by process %d: another paxx is changing this project", cmd.Process.Pid)
	if !errors.Is(err, filetx.ErrLocked) || !strings.Contains(err.Error(), want) {
		t.Errorf("second paxx: %v, want ErrLocked saying %q", err, want)
	}
	got := readTree(t, root)
	delete(got, filetx.LockName)
	if diff := cmp.Diff(before, got); diff != "" {
		t.Errorf("the refused paxx changed files (-before +after):\n%s", diff)
	}

	if err := os.WriteFile(release, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("first paxx: %v", err)
	}
	if exists(lock) {
		t.Error("the lock file is still there after the first paxx finished")
	}
	res, err := addCommit(root)
	if err != nil || len(res.Changes) != 0 {
		t.Errorf("a run after the first: %v, %d change(s); want none", err, len(res.Changes))
	}
	if diff := cmp.Diff(readTree(t, filepath.Join(faultProject, "want")), readTree(t, root)); diff != "" {
		t.Errorf("project (-want +got):\n%s", diff)
	}
}

// TestConcurrentRunsConverge starts several adds on one project at once:
// each either commits, finds nothing to do, or is refused (locked, or a
// file changed since it read it); none corrupts a file, and the project
// ends as one add leaves it.
func TestConcurrentRunsConverge(t *testing.T) {
	root := copyProject(t, filepath.Join(faultProject, "input"))
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Go(func() { _, errs[i] = addCommit(root) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil && !errors.Is(err, filetx.ErrLocked) && !errors.Is(err, filetx.ErrConflict) {
			t.Errorf("a concurrent add failed otherwise: %v", err)
		}
	}
	if _, err := addCommit(root); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(readTree(t, filepath.Join(faultProject, "want")), readTree(t, root)); diff != "" {
		t.Errorf("project after concurrent adds (-want +got):\n%s", diff)
	}
}

// TestFileChangedBetweenReadAndCommit changes each file add redis edits —
// and creates one it would create — after add read the project and before
// the commit: the commit aborts, names the file, and writes nothing.
func TestFileChangedBetweenReadAndCommit(t *testing.T) {
	for _, rel := range []string{"settings.py", "docker-compose.yml", "pyproject.toml", ".env.example", "core/cache.py"} {
		t.Run(rel, func(t *testing.T) {
			root := copyProject(t, filepath.Join(faultProject, "input"))
			res, err := components.Add(components.Options{Root: root}, []string{"redis"})
			if err != nil {
				t.Fatal(err)
			}
			p := filepath.Join(root, filepath.FromSlash(rel))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			f, err := os.OpenFile(p, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := f.WriteString("# someone else's edit\n"); err != nil {
				t.Fatal(err)
			}
			if err := f.Close(); err != nil {
				t.Fatal(err)
			}
			before := readTree(t, root)

			err = filetx.Commit(res.Root, res.Changes, filetx.CommitOptions{})
			if !errors.Is(err, filetx.ErrConflict) || !strings.HasPrefix(err.Error(), rel+": ") {
				t.Fatalf("commit: %v, want ErrConflict naming %s", err, rel)
			}
			if !strings.Contains(err.Error(), "nothing was written") {
				t.Errorf("the message does not say that nothing was written: %v", err)
			}
			if diff := cmp.Diff(before, readTree(t, root)); diff != "" {
				t.Errorf("files changed (-before +after):\n%s", diff)
			}
		})
	}
}
