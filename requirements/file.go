package requirements

import "github.com/paxx-dev/paxx/rewrite"

// File is a pip requirements file read for editing: its bytes and its
// logical lines as pip reads them (comments, options, continuation
// lines). A File is never changed in place: AddLine and RemoveLine return
// a new one, read from the new bytes, so that a chain of edits reads the
// file once.
type File struct {
	path  string
	src   []byte
	lines []reqLine
}

// Parse reads src, the content of the requirements file at path (the
// name used in messages and actions). Nil or empty src is an empty file.
// A line break other than LF and CRLF (a lone CR, a form feed, a Unicode
// separator...) is an *rewrite.Error of kind rewrite.ErrRefused at its
// place: pip breaks lines there and paxx does not, so the two would read
// different lines, and an edit could join or split the user's.
func Parse(path string, src []byte) (*File, error) {
	if err := checkLineBreaks(path, src); err != nil {
		return nil, err
	}
	return read(path, src), nil
}

// read reads src as the requirements file at path, without the checks of
// Parse: for the result of an edit, which the edit checks itself.
func read(path string, src []byte) *File {
	return &File{path: path, src: src, lines: requirementLines(src)}
}

// Bytes returns the content of f. The bytes belong to f: the caller must
// not change them.
func (f *File) Bytes() []byte { return f.src }

// has reports whether f declares a requirement whose normalized name is
// key.
func (f *File) has(key string) bool {
	for _, l := range f.lines {
		if l.req != nil && l.req.Key() == key {
			return true
		}
	}
	return false
}

// redo returns what adding req makes of a candidate source, for undoing
// that addition exactly (rewrite.Undo).
func (f *File) redo(req string) rewrite.Redo {
	return rewrite.RedoWith(Parse, f.path, func(g *File) (*File, []rewrite.Action, error) { return g.AddLine(req) })
}
