package filetx

import (
	"bytes"
	"io/fs"

	"github.com/paxx-dev/paxx/rewrite"
)

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
// refuses, with an ErrRefused *rewrite.Error naming the path, a path that is
// absolute or climbs out of root, a symbolic link anywhere along the path
// that leads outside root (or nowhere), a directory, a file that is not a
// regular file and a file larger than MaxFileSize: the checks of Root.Read.
// A file that does not exist is not an error: its Change has Existed false,
// Mode 0644 and nil Old and New.
func ReadFile(root, rel string) (*Change, error) {
	r, err := OpenRoot(root)
	if err != nil {
		return nil, err
	}
	loc, data, perm, err := r.read(rel)
	if err != nil {
		return nil, err
	}
	c := &Change{Path: loc.rel, Mode: newFileMode}
	if data != nil {
		c.Old, c.New = data, bytes.Clone(data)
		c.Existed = true
		c.Mode = perm
	}
	return c, nil
}

// ReadText is ReadFile for a text file that paxx edits: a file that exists
// must also be UTF-8 text with one kind of line ending (rewrite's
// CheckEncoding and CheckNewlines), refused before a rewriter has to guess.
func ReadText(root, rel string) (*Change, error) {
	c, err := ReadFile(root, rel)
	if err != nil || !c.Existed {
		return c, err
	}
	if err := rewrite.CheckEncoding(c.Path, c.Old); err != nil {
		return nil, err
	}
	if err := rewrite.CheckNewlines(c.Path, c.Old); err != nil {
		return nil, err
	}
	return c, nil
}
