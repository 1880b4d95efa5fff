package rewrite

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
)

// MaxFileSize is the largest file ReadFile accepts. Project files that paxx
// edits are a few kilobytes; anything this large is not one of them.
const MaxFileSize = 10 << 20

// newFileMode is the permission of a file that paxx creates.
const newFileMode fs.FileMode = 0o644

// Change is one file's planned change: its bytes as read and as they will
// be. A command reads every file it edits into a Change, lets the rewriters
// replace New, then shows the Diff of all changes or Commits them together.
type Change struct {
	Path    string      // slash path relative to the project root
	Old     []byte      // content as read; nil when the file does not exist yet
	New     []byte      // content to write; nil for a file that existed means delete it
	Existed bool        // the file existed when read
	Mode    fs.FileMode // permission bits as read; 0644 for a new file
}

// Changed reports whether the change writes anything: new content for a file
// that exists, or any content — even empty, as long as New is not nil — for
// a file that does not, or the deletion of a file that exists.
func (c *Change) Changed() bool {
	if !c.Existed {
		return c.New != nil
	}
	return c.Deleted() || !bytes.Equal(c.Old, c.New)
}

// Deleted reports whether the change deletes the file: it existed when read
// and New is nil.
func (c *Change) Deleted() bool {
	return c.Existed && c.New == nil
}

// ReadFile reads the file at slash path rel under root for editing. It
// refuses, with an ErrRefused *Error naming the path, a path that is absolute
// or climbs out of root, a symbolic link anywhere along the path that leads
// outside root (or nowhere), a directory, a file that is not a regular file
// and a file larger than MaxFileSize. A file that does not exist is not an
// error: its Change has Existed false, Mode 0644 and nil Old and New.
func ReadFile(root, rel string) (*Change, error) {
	loc, err := locate(root, rel)
	if err != nil {
		return nil, err
	}
	c := &Change{Path: loc.rel}
	info, err := os.Lstat(loc.real)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		c.Mode = newFileMode
		return c, nil
	case err != nil:
		return nil, fmt.Errorf("read %s: %w", c.Path, err)
	case info.IsDir():
		return nil, refuse(c.Path, "is a directory, not a file", "")
	case !info.Mode().IsRegular():
		return nil, refuse(c.Path, fmt.Sprintf("is not a regular file (%s)", info.Mode().Type()), "")
	case info.Size() > MaxFileSize:
		return nil, refuse(c.Path, fmt.Sprintf("is %d bytes, more than the %d paxx edits", info.Size(), MaxFileSize), "")
	}
	data, err := readRegular(loc.real)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", c.Path, err)
	}
	if len(data) > MaxFileSize {
		return nil, refuse(c.Path, fmt.Sprintf("grew past the %d bytes paxx edits while being read", MaxFileSize), "")
	}
	c.Old, c.New = data, bytes.Clone(data)
	c.Existed = true
	c.Mode = info.Mode().Perm()
	return c, nil
}

// readRegular reads at most MaxFileSize+1 bytes of the file at name, so that
// a file growing while it is read cannot make paxx read without end. An
// empty file yields an empty, non-nil slice: nil means "no file" in a Change.
func readRegular(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if data == nil {
		data = []byte{}
	}
	return data, nil
}

// refuse returns the ErrRefused error for a path paxx will not touch.
func refuse(rel, msg, hint string) *Error {
	return &Error{Path: rel, Msg: msg, Hint: hint, Kind: ErrRefused}
}

// cleanRel returns rel as a clean slash path, for naming a file in messages
// before it is known to be valid.
func cleanRel(rel string) string {
	if rel == "" {
		return "."
	}
	return path.Clean(rel)
}
