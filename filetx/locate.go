package filetx

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"syscall"
)

// maxLinks bounds how many symbolic links one path may pass through, as the
// kernel does, so that a loop of links is an error and not a hang.
const maxLinks = 40

// location is where a project file really is on disk.
type location struct {
	rel  string // clean slash path relative to the root: the name people see
	root string // the root, absolute, with its symbolic links resolved
	real string // the file, absolute, with every symbolic link resolved
}

// locate finds the file at slash path rel under the root. This is paxx's
// one rule for symbolic links: links along the path are followed — so that
// writing goes to the file a link points at and keeps the link — but must
// end inside the root. The file and its parents need not exist.
func (r *Root) locate(rel string) (location, error) {
	name := cleanRel(rel)
	switch {
	case path.IsAbs(rel) || filepath.IsAbs(rel):
		return location{}, refuse(name, "is an absolute path", "name files relative to the project root")
	case !filepath.IsLocal(filepath.FromSlash(rel)):
		return location{}, refuse(name, "leads outside the project root", "name files inside the project root")
	}
	real, err := resolve(r.dir, filepath.FromSlash(name))
	if errors.Is(err, syscall.ENOTDIR) {
		return location{}, refuse(name, "cannot be reached: a file stands where a directory of its path should be",
			"move that file out of the way, then run paxx again")
	}
	if err != nil {
		return location{}, fmt.Errorf("%s: %w", name, err)
	}
	if real == r.dir {
		return location{}, refuse(name, "is the project root directory, not a file", "")
	}
	if !r.Contains(real) {
		return location{}, refuse(name, fmt.Sprintf("leads through a symbolic link to %s, outside the project root", real),
			"replace the link by the file itself, or run paxx where the file lives")
	}
	return location{rel: filepath.ToSlash(name), root: r.dir, real: real}, nil
}

// resolve returns the absolute path of rel under the real directory dir,
// following each symbolic link it meets. Components that do not exist are
// kept as they are: they are where a new file or directory will go.
func resolve(dir, rel string) (string, error) {
	cur := dir
	todo := splitPath(rel)
	links := 0
	for len(todo) > 0 {
		part := todo[0]
		todo = todo[1:]
		switch part {
		case "", ".":
			continue
		case "..":
			cur = filepath.Dir(cur)
			continue
		}
		next := filepath.Join(cur, part)
		info, err := os.Lstat(next)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			cur = next
			continue
		case err != nil:
			return "", err
		case info.Mode()&fs.ModeSymlink == 0:
			cur = next
			continue
		}
		if links++; links > maxLinks {
			return "", fmt.Errorf("more than %d symbolic links (a loop?) at %s", maxLinks, next)
		}
		target, err := os.Readlink(next)
		if err != nil {
			return "", err
		}
		if filepath.IsAbs(target) {
			cur = filepath.VolumeName(target) + string(filepath.Separator)
			target = strings.TrimPrefix(target[len(filepath.VolumeName(target)):], string(filepath.Separator))
		}
		todo = append(splitPath(target), todo...)
	}
	return cur, nil
}

// splitPath splits a relative OS path into its components.
func splitPath(p string) []string {
	return strings.FieldsFunc(p, func(r rune) bool { return r < 0x80 && os.IsPathSeparator(uint8(r)) })
}
