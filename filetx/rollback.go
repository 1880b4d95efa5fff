package filetx

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// rollback undoes what a failed commit did, newest first, and returns the
// error to report: cause, and either that the project was left as it was or
// the state of every file when undoing failed too.
func (cm *committer) rollback(cause error) error {
	var failed []string
	state := map[*pending]string{}
	for _, p := range slices.Backward(cm.files) {
		switch {
		case p.aside != "":
			if err := cm.step(StepRestore, p.c.Path, func() error { return putBack(p) }); err != nil {
				state[p] = fmt.Sprintf("IS DELETED (putting it back from %s failed: %v)", cm.rel(p.aside), err)
				failed = append(failed, p.c.Path)
				continue
			}
			state[p] = "as it was (put back)"
		case !p.renamed:
			state[p] = "as it was"
		case p.c.Existed:
			if err := cm.step(StepRestore, p.c.Path, func() error { return restore(p) }); err != nil {
				state[p] = fmt.Sprintf("HAS THE NEW CONTENT (restoring the old failed: %v)", err)
				failed = append(failed, p.c.Path)
				continue
			}
			state[p] = "as it was (restored)"
		default:
			if err := cm.step(StepRemove, p.c.Path, func() error { return os.Remove(p.loc.real) }); err != nil {
				state[p] = fmt.Sprintf("WAS CREATED (removing it failed: %v)", err)
				failed = append(failed, p.c.Path)
				continue
			}
			state[p] = "absent, as it was (removed)"
		}
	}
	var leftovers []string
	for _, p := range cm.files {
		if p.temp == "" {
			continue
		}
		if err := cm.step(StepRemove, cm.rel(p.temp), func() error { return os.Remove(p.temp) }); err != nil {
			leftovers = append(leftovers, fmt.Sprintf("temporary file %s remains (%v)", cm.rel(p.temp), err))
			continue
		}
		p.temp = ""
	}
	for _, d := range slices.Backward(cm.dirs) {
		if err := cm.step(StepRemove, cm.rel(d), func() error { return os.Remove(d) }); err != nil {
			leftovers = append(leftovers, fmt.Sprintf("directory %s remains (%v)", cm.rel(d), err))
		}
	}
	cm.syncAfterRollback()
	if len(failed) == 0 && len(leftovers) == 0 {
		return fmt.Errorf("%w; nothing was changed: the project was left as it was", cause)
	}
	var b strings.Builder
	for _, p := range cm.files {
		fmt.Fprintf(&b, "\n  %s: %s", p.c.Path, state[p])
	}
	for _, l := range leftovers {
		fmt.Fprintf(&b, "\n  %s", l)
	}
	return fmt.Errorf("%w; undoing the files written so far failed too, so the project is left like this:%s", cause, b.String())
}

// restore puts p's old content back over its target, by way of a flushed
// temporary file, with the mode it had.
func restore(p *pending) error {
	dir, base := filepath.Split(p.loc.real)
	f, err := os.CreateTemp(dir, "."+base+".paxx-tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, werr := f.Write(p.c.Old)
	err = errors.Join(werr, f.Chmod(fileMode(p.c)), f.Sync(), f.Close())
	if err == nil {
		err = os.Rename(tmp, p.loc.real)
	}
	if err != nil {
		return errors.Join(err, os.Remove(tmp))
	}
	return nil
}

// syncAfterRollback flushes the directories a roll-back changed. It is a
// best effort: the files themselves were flushed, and a failure here has
// nothing left to undo.
func (cm *committer) syncAfterRollback() {
	seen := map[string]bool{}
	for _, p := range cm.files {
		seen[filepath.Dir(p.loc.real)] = true
	}
	for _, d := range cm.dirs {
		seen[filepath.Dir(d)] = true
	}
	for dir := range seen {
		if _, err := os.Stat(dir); err == nil {
			_ = syncDir(dir) // best effort, as documented
		}
	}
}
