package filetx

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"

	"github.com/paxx-dev/paxx/rewrite"
)

// MaxFileSize is the largest file paxx reads: ReadFile and Root.Read refuse
// a larger one, and discovery passes it over. Project files that paxx reads
// or edits are a few kilobytes; anything this large is generated or
// vendored code, not one of them.
const MaxFileSize = 10 << 20

// Root is a project root with its symbolic links resolved, for reading
// files under it by the rules ReadFile and Commit apply: the one rule for
// symbolic links (a link along the path must end inside the root) and the
// one size cap, MaxFileSize. Discovery reads through a Root so that what it
// may look at is exactly what paxx may edit.
type Root struct {
	dir string // absolute, with its symbolic links resolved
}

// OpenRoot resolves the directory dir — made absolute, its symbolic links
// followed — as a project root.
func OpenRoot(dir string) (*Root, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("project root %s: %w", dir, err)
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return nil, fmt.Errorf("project root %s: %w", dir, err)
	}
	return &Root{dir: real}, nil
}

// Dir returns the root's absolute path, with its symbolic links resolved:
// the path that Contains compares with and that a walk of the project
// starts from.
func (r *Root) Dir() string { return r.dir }

// Contains reports whether the absolute path real, whose symbolic links
// are resolved, is the root or lies inside it.
func (r *Root) Contains(real string) bool {
	inside, err := filepath.Rel(r.dir, real)
	return err == nil && filepath.IsLocal(inside)
}

// Read returns the contents of the file at slash path rel under the root,
// checked as ReadFile checks it: a path that is absolute or climbs out of
// the root, a symbolic link along the path that leads outside the root, a
// directory, a file that is not a regular file and a file larger than
// MaxFileSize are refused with an ErrRefused *rewrite.Error naming the
// path. A file that does not exist is an error that wraps fs.ErrNotExist.
// A caller that looks through a project rather than edits it, such as
// discovery, passes over both instead of failing.
func (r *Root) Read(rel string) ([]byte, error) {
	loc, data, _, err := r.read(rel)
	if err != nil {
		return nil, err
	}
	if data == nil {
		return nil, fmt.Errorf("read %s: %w", loc.rel, fs.ErrNotExist)
	}
	return data, nil
}

// ReadWalked is Read for a path that a walk of Dir reported as a regular
// file. A walk from the resolved root follows no symbolic links, so such a
// path has none on its way and the link rule holds without resolving it:
// only the file's type and size are checked, on the opened file. This
// saves discovery, which reads every Python file of a project, a system
// call per path component. Its errors are Read's.
func (r *Root) ReadWalked(rel string) ([]byte, error) {
	name := cleanRel(rel)
	if path.IsAbs(rel) || filepath.IsAbs(rel) || !filepath.IsLocal(filepath.FromSlash(rel)) {
		return r.Read(rel) // refused there, with the reason
	}
	f, err := os.Open(filepath.Join(r.dir, filepath.FromSlash(name)))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if err := checkFile(name, info); err != nil {
		return nil, err
	}
	data, err := readCapped(f, info.Size())
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if err := grown(name, data); err != nil {
		return nil, err
	}
	return data, nil
}

// read locates the file at slash path rel and reads it with its
// permission bits. Data is nil, with no error, when the file does not
// exist.
func (r *Root) read(rel string) (loc location, data []byte, perm fs.FileMode, err error) {
	loc, err = r.locate(rel)
	if err != nil {
		return loc, nil, 0, err
	}
	info, err := os.Lstat(loc.real)
	if errors.Is(err, fs.ErrNotExist) {
		return loc, nil, 0, nil
	}
	if err != nil {
		return loc, nil, 0, fmt.Errorf("read %s: %w", loc.rel, err)
	}
	if err := checkFile(loc.rel, info); err != nil {
		return loc, nil, 0, err
	}
	data, err = readRegular(loc.real, info.Size())
	if err != nil {
		return loc, nil, 0, fmt.Errorf("read %s: %w", loc.rel, err)
	}
	if err := grown(loc.rel, data); err != nil {
		return loc, nil, 0, err
	}
	return loc, data, info.Mode().Perm(), nil
}

// checkFile refuses what paxx does not read: a directory, a file that is
// not a regular file, a file larger than MaxFileSize.
func checkFile(rel string, info fs.FileInfo) error {
	switch {
	case info.IsDir():
		return refuse(rel, "is a directory, not a file", "")
	case !info.Mode().IsRegular():
		return refuse(rel, fmt.Sprintf("is not a regular file (%s)", info.Mode().Type()), "")
	case info.Size() > MaxFileSize:
		return refuse(rel, fmt.Sprintf("is %d bytes, more than the %d paxx edits", info.Size(), MaxFileSize), "")
	}
	return nil
}

// readRegular reads the file at name, whose size was size when checked,
// as readCapped does.
func readRegular(name string, size int64) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readCapped(f, size)
}

// readCapped reads at most MaxFileSize+1 bytes of f, so that a file growing
// while it is read cannot make paxx read without end; the caller refuses
// what is longer than MaxFileSize (see grown). Size, the file's size when
// checked, sizes the buffer. An empty file yields an empty, non-nil slice:
// nil means "no file" in a Change.
func readCapped(f io.Reader, size int64) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(int(min(size, MaxFileSize)) + bytes.MinRead)
	if _, err := buf.ReadFrom(io.LimitReader(f, MaxFileSize+1)); err != nil {
		return nil, err
	}
	data := buf.Bytes()
	if data == nil {
		data = []byte{}
	}
	return data, nil
}

// grown refuses data that readCapped read past MaxFileSize: the file grew
// after its size was checked.
func grown(rel string, data []byte) error {
	if len(data) > MaxFileSize {
		return refuse(rel, fmt.Sprintf("grew past the %d bytes paxx edits while being read", MaxFileSize), "")
	}
	return nil
}

// refuse returns the ErrRefused error for a path paxx will not touch.
func refuse(rel, msg, hint string) *rewrite.Error {
	return &rewrite.Error{Path: rel, Msg: msg, Hint: hint, Kind: rewrite.ErrRefused}
}

// cleanRel returns rel as a clean slash path, for naming a file in messages
// before it is known to be valid.
func cleanRel(rel string) string {
	if rel == "" {
		return "."
	}
	return path.Clean(rel)
}

// ReadRegular reads the file at path when it is a regular file (after
// symbolic links) of at most MaxFileSize bytes, and fails otherwise: what
// project discovery reads beside the files paxx edits (a .env, a
// Dockerfile, an ignore file, a requirements file). Opening a named pipe
// would block until something writes to it, so the file is looked at
// before it is opened.
func ReadRegular(path string) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	switch {
	case !info.Mode().IsRegular():
		return nil, fmt.Errorf("read %s: not a regular file", path)
	case info.Size() > MaxFileSize:
		return nil, fmt.Errorf("read %s: %d bytes, more than %d", path, info.Size(), MaxFileSize)
	}
	return os.ReadFile(path)
}
