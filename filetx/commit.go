package filetx

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/paxx-dev/paxx/rewrite"
)

// StepKind names one kind of step of a Commit.
type StepKind string

// The steps of a Commit, in the order it takes them. The last two happen
// only when a roll-back undoes a failed commit.
const (
	StepLock    StepKind = "lock"    // create the lock file
	StepCheck   StepKind = "check"   // compare a file on disk with what was read
	StepClean   StepKind = "clean"   // remove temporary files a killed run left in a directory
	StepMkdir   StepKind = "mkdir"   // create a missing parent directory
	StepWrite   StepKind = "write"   // write new content to a temporary file
	StepChmod   StepKind = "chmod"   // give the temporary file the target's mode
	StepSync    StepKind = "sync"    // flush the temporary file to disk
	StepRename  StepKind = "rename"  // move the temporary file over the target
	StepSyncDir StepKind = "syncdir" // flush a directory whose entries changed
	StepUnlock  StepKind = "unlock"  // remove the lock file
	StepRestore StepKind = "restore" // roll-back: put a file's old content back
	StepRemove  StepKind = "remove"  // roll-back: remove a created file, temporary file or directory
	StepDelete  StepKind = "delete"  // move a file to delete aside (renamed to a temporary name)
	StepPurge   StepKind = "purge"   // after the last rename: remove a deleted file's temporary copy, then its directory if now empty
)

// Step is one step of a Commit, as its hook sees it.
type Step struct {
	Kind StepKind
	Path string // slash path relative to the project root
}

// CommitOptions tunes a Commit.
type CommitOptions struct {
	// Hook, when set, is called before each step; an error it returns
	// fails that step as if the file system had. Tests use it to prove that
	// a failure at any step leaves the project as it was.
	Hook func(step Step) error
}

// tempPattern is the name of a temporary file beside the file it will
// replace; a "*" stands for the file's base name, then a random part.
const tempPattern = ".*.paxx-tmp-*"

// Commit writes every change that writes something, all or nothing. It
// takes the lock file LockName in root (failing with ErrLocked when another
// run holds it); checks that each file on disk is still as it was read
// (failing with ErrConflict otherwise); removes temporary files that a
// killed run left in the directories it writes to; writes each new content
// to a temporary file beside its target, with the target's mode, flushed
// to disk, creating missing parent directories; renames the temporary files
// over their targets; and flushes the directories. When a step fails, the
// files already renamed get their old content back (or are removed, when
// they are new), and temporary files and created directories are removed:
// the error then says that the project was left as it was or, when the
// roll-back failed too, which file is in which state. A Change whose Mode
// is 0 is written with mode 0644.
func Commit(root string, changes []*Change, opts CommitOptions) error {
	var todo []*Change
	for _, c := range changes {
		if c != nil && c.Changed() {
			todo = append(todo, c)
		}
	}
	if len(todo) == 0 {
		return nil
	}
	files, err := locateAll(root, todo)
	if err != nil {
		return err
	}
	cm := &committer{hook: opts.Hook, root: files[0].loc.root, files: files}
	if err := cm.step(StepLock, LockName, func() error { return takeLock(cm.root) }); err != nil {
		return err
	}
	err = cm.run()
	if err == nil {
		err = cm.purge()
	}
	lock := filepath.Join(cm.root, LockName)
	if uerr := cm.step(StepUnlock, LockName, func() error { return os.Remove(lock) }); uerr != nil {
		unlock := fmt.Errorf("could not remove the lock file (delete %s by hand): %w", lock, uerr)
		if err == nil {
			return fmt.Errorf("every file was written, but %w", unlock)
		}
		return errors.Join(err, unlock)
	}
	return err
}

// pending is one file on its way to disk.
type pending struct {
	c       *Change
	loc     location
	temp    string // the temporary file while it exists
	renamed bool   // the target now holds the new content
	aside   string // a deleted file's temporary name, until purged
}

// committer carries one Commit's state, so that a roll-back knows exactly
// what to undo.
type committer struct {
	hook  func(Step) error
	root  string // real project root
	files []*pending
	dirs  []string // directories created, parents first
}

// locateAll finds each change's file, refusing two changes of one file.
func locateAll(root string, changes []*Change) ([]*pending, error) {
	r, err := OpenRoot(root)
	if err != nil {
		return nil, err
	}
	files := make([]*pending, 0, len(changes))
	seen := map[string]string{}
	for _, c := range changes {
		loc, err := r.locate(c.Path)
		if err != nil {
			return nil, err
		}
		if other, ok := seen[loc.real]; ok {
			return nil, refuse(c.Path, "is changed twice in one commit (also as "+other+")", "")
		}
		seen[loc.real] = c.Path
		files = append(files, &pending{c: c, loc: loc})
	}
	return files, nil
}

// step runs fn as the step kind on rel, after asking the hook.
func (cm *committer) step(kind StepKind, rel string, fn func() error) error {
	if cm.hook != nil {
		if err := cm.hook(Step{Kind: kind, Path: rel}); err != nil {
			return fmt.Errorf("%s %s: %w", kind, rel, err)
		}
	}
	return fn()
}

// run makes the changes while the lock is held, rolling back on failure.
func (cm *committer) run() error {
	for _, p := range cm.files {
		if err := cm.step(StepCheck, p.c.Path, func() error { return check(p) }); err != nil {
			return err // nothing written yet
		}
	}
	if err := cm.forward(); err != nil {
		return cm.rollback(err)
	}
	return nil
}

// forward takes the steps that write, in order.
func (cm *committer) forward() error {
	for _, dir := range cm.parentDirs() {
		if err := cm.step(StepClean, cm.rel(dir), func() error { return removeStaleTemps(dir) }); err != nil {
			return err
		}
	}
	for _, p := range cm.files {
		if p.c.Deleted() {
			continue
		}
		if err := cm.mkdirs(filepath.Dir(p.loc.real)); err != nil {
			return err
		}
		if err := cm.writeTemp(p); err != nil {
			return err
		}
	}
	for _, p := range cm.files {
		if p.c.Deleted() {
			if err := cm.step(StepDelete, p.c.Path, func() error { return cm.setAside(p) }); err != nil {
				return err
			}
			continue
		}
		if err := cm.step(StepRename, p.c.Path, func() error { return os.Rename(p.temp, p.loc.real) }); err != nil {
			return err
		}
		p.renamed, p.temp = true, ""
	}
	return cm.syncDirs()
}

// check fails with ErrConflict when the file on disk is no longer what
// was read.
func check(p *pending) error {
	info, err := os.Lstat(p.loc.real)
	switch {
	case errors.Is(err, fs.ErrNotExist) && !p.c.Existed:
		return nil
	case errors.Is(err, fs.ErrNotExist):
		return conflict(p.c.Path, "was deleted since paxx read it")
	case err != nil:
		return fmt.Errorf("check %s: %w", p.c.Path, err)
	case !p.c.Existed:
		return conflict(p.c.Path, "was created since paxx found it missing")
	case !info.Mode().IsRegular():
		return conflict(p.c.Path, "is no longer a regular file")
	}
	data, err := readRegular(p.loc.real, info.Size())
	if err != nil {
		return fmt.Errorf("check %s: %w", p.c.Path, err)
	}
	if !bytes.Equal(data, p.c.Old) {
		return conflict(p.c.Path, "changed on disk since paxx read it")
	}
	return nil
}

// ErrConflict marks a file that changed on disk after paxx read it: Commit
// never overwrites what it did not see.
var ErrConflict = errors.New("changed on disk")

// conflict returns the ErrConflict error for a file changed under paxx.
func conflict(rel, msg string) *rewrite.Error {
	return &rewrite.Error{Path: rel, Msg: msg, Hint: "nothing was written; run paxx again to work from the file as it is now", Kind: ErrConflict}
}

// parentDirs returns the existing directories that will hold the files.
func (cm *committer) parentDirs() []string {
	var dirs []string
	for _, p := range cm.files {
		dir := filepath.Dir(p.loc.real)
		if info, err := os.Stat(dir); err == nil && info.IsDir() && !slices.Contains(dirs, dir) {
			dirs = append(dirs, dir)
		}
	}
	return dirs
}

// mkdirs creates dir and its missing parents, remembering each one so that
// a roll-back can remove it.
func (cm *committer) mkdirs(dir string) error {
	var missing []string
	for d := dir; ; d = filepath.Dir(d) {
		info, err := os.Lstat(d)
		if err == nil {
			if !info.IsDir() {
				return fmt.Errorf("create directory %s: %s is not a directory", cm.rel(dir), cm.rel(d))
			}
			break
		}
		if !errors.Is(err, fs.ErrNotExist) || d == cm.root || filepath.Dir(d) == d {
			return fmt.Errorf("create directory %s: %w", cm.rel(dir), err)
		}
		missing = append(missing, d)
	}
	for _, d := range slices.Backward(missing) {
		err := cm.step(StepMkdir, cm.rel(d), func() error { return os.Mkdir(d, 0o755) })
		if err != nil {
			return err
		}
		cm.dirs = append(cm.dirs, d)
	}
	return nil
}

// writeTemp writes p's new content to a temporary file beside its target,
// gives it the target's mode and flushes it. The mode is set before the
// flush so that it is on disk too.
func (cm *committer) writeTemp(p *pending) error {
	var f *os.File
	defer func() {
		if f != nil {
			_ = f.Close() // a failed step's error says what went wrong
		}
	}()
	dir, base := filepath.Split(p.loc.real)
	err := cm.step(StepWrite, p.c.Path, func() error {
		var err error
		if f, err = os.CreateTemp(dir, "."+base+".paxx-tmp-*"); err != nil {
			return fmt.Errorf("write %s: %w", p.c.Path, err)
		}
		p.temp = f.Name()
		if _, err := f.Write(p.c.New); err != nil {
			return fmt.Errorf("write %s: %w", p.c.Path, err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := cm.step(StepChmod, p.c.Path, func() error { return f.Chmod(fileMode(p.c)) }); err != nil {
		return err
	}
	return cm.step(StepSync, p.c.Path, func() error {
		err := errors.Join(f.Sync(), f.Close())
		f = nil
		if err != nil {
			return fmt.Errorf("flush %s: %w", p.c.Path, err)
		}
		return nil
	})
}

// fileMode returns the permission bits to write c with.
func fileMode(c *Change) fs.FileMode {
	if c.Mode.Perm() == 0 {
		return newFileMode
	}
	return c.Mode.Perm()
}

// syncDirs flushes every directory whose entries the commit changed: the
// files' directories and the parents of the directories it created.
func (cm *committer) syncDirs() error {
	var dirs []string
	for _, p := range cm.files {
		dirs = append(dirs, filepath.Dir(p.loc.real))
	}
	for _, d := range cm.dirs {
		dirs = append(dirs, filepath.Dir(d))
	}
	slices.Sort(dirs)
	for _, dir := range slices.Compact(dirs) {
		if err := cm.step(StepSyncDir, cm.rel(dir), func() error { return syncDir(dir) }); err != nil {
			return err
		}
	}
	return nil
}

// rel names a real path relative to the project root, for steps and
// messages.
func (cm *committer) rel(real string) string {
	r, err := filepath.Rel(cm.root, real)
	if err != nil {
		return real
	}
	return filepath.ToSlash(r)
}

// removeStaleTemps removes the temporary files that a paxx killed while
// committing left in dir. The caller holds the lock, so no live run owns
// them.
func removeStaleTemps(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("clean %s: %w", dir, err)
	}
	for _, e := range entries {
		if ok, _ := filepath.Match(tempPattern, e.Name()); !ok || !e.Type().IsRegular() {
			continue
		}
		if err := os.Remove(filepath.Join(dir, e.Name())); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("clean %s: %w", dir, err)
		}
	}
	return nil
}
