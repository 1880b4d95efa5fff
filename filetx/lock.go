package filetx

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/paxx-dev/paxx/rewrite"
)

// LockName is the lock file Commit holds in the project root while it
// writes, so that two paxx runs never write one project at the same time.
const LockName = ".paxx.lock"

// ErrLocked marks a project whose lock file another paxx run holds — or
// left behind when it was killed. paxx never breaks a lock by itself.
var ErrLocked = errors.New("locked")

// takeLock creates the lock file in the real root dir, recording the
// process that holds it for whoever finds it later.
func takeLock(dir string) error {
	name := filepath.Join(dir, LockName)
	f, err := os.OpenFile(name, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return lockedError(name)
	}
	if err != nil {
		return fmt.Errorf("take lock %s: %w", LockName, err)
	}
	_, werr := fmt.Fprintf(f, "pid %d\n", os.Getpid())
	cerr := f.Close()
	if err := errors.Join(werr, cerr); err != nil {
		_ = os.Remove(name) // the lock is ours and unusable; the error says why
		return fmt.Errorf("take lock %s: %w", LockName, err)
	}
	return nil
}

// lockedError describes a lock file that exists already: who took it and
// when, as far as the file tells, and what to do.
func lockedError(name string) *rewrite.Error {
	held := "exists"
	if info, err := os.Lstat(name); err == nil {
		held = "was taken " + info.ModTime().Format(time.RFC3339)
	}
	if data, err := os.ReadFile(name); err == nil {
		if pid, ok := strings.CutPrefix(strings.TrimSpace(string(data)), "pid "); ok {
			if _, err := strconv.Atoi(pid); err == nil {
				held += " by process " + pid
			}
		}
	}
	return &rewrite.Error{
		Path: LockName,
		Msg:  "lock file " + held + ": another paxx is changing this project",
		Hint: "wait for it to finish; if no paxx runs, a killed one left the lock behind: delete " + name,
		Kind: ErrLocked,
	}
}
