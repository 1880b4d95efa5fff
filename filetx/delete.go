package filetx

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// setAside moves a file that the commit deletes to a temporary name in its
// directory, so that a roll-back can move it back unchanged; purge removes
// it once every other file is in place.
func (cm *committer) setAside(p *pending) error {
	dir, base := filepath.Split(p.loc.real)
	f, err := os.CreateTemp(dir, "."+base+".paxx-tmp-*")
	if err != nil {
		return fmt.Errorf("delete %s: %w", p.c.Path, err)
	}
	aside := f.Name()
	if err := errors.Join(f.Close(), os.Rename(p.loc.real, aside)); err != nil {
		return errors.Join(fmt.Errorf("delete %s: %w", p.c.Path, err), os.Remove(aside))
	}
	p.aside = aside
	return nil
}

// putBack undoes setAside during a roll-back.
func putBack(p *pending) error {
	if err := os.Rename(p.aside, p.loc.real); err != nil {
		return err
	}
	p.aside = ""
	return nil
}

// purge runs once every file is in place: it removes the set-aside copies of
// the deleted files, then each directory that the deletions left empty
// (paxx created it for the files it deleted), up to the project root. The
// commit has happened by then, so a failure here is reported, not rolled
// back.
func (cm *committer) purge() error {
	var errs []error
	for _, p := range cm.files {
		if p.aside == "" {
			continue
		}
		err := cm.step(StepPurge, p.c.Path, func() error { return os.Remove(p.aside) })
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, fmt.Errorf("the temporary copy %s of the deleted %s remains (delete it by hand): %w", cm.rel(p.aside), p.c.Path, err))
			continue
		}
		p.aside = ""
		for dir := filepath.Dir(p.loc.real); cm.inside(dir) && isEmptyDir(dir); dir = filepath.Dir(dir) {
			if err := cm.step(StepPurge, cm.rel(dir), func() error { return os.Remove(dir) }); err != nil {
				errs = append(errs, fmt.Errorf("the emptied directory %s remains: %w", cm.rel(dir), err))
				break
			}
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("every file was written, but %w", errors.Join(errs...))
	}
	return nil
}

// inside reports whether dir lies strictly below the project root.
func (cm *committer) inside(dir string) bool {
	rel, err := filepath.Rel(cm.root, dir)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// isEmptyDir reports whether dir is a directory with no entries.
func isEmptyDir(dir string) bool {
	entries, err := os.ReadDir(dir)
	return err == nil && len(entries) == 0
}
