package rewrite

import (
	"errors"
	"fmt"
)

// Kinds of failure a caller may branch on with errors.Is.
var (
	// ErrSyntax marks input that its format's parser rejects.
	ErrSyntax = errors.New("syntax error")
	// ErrRefused marks input that parses but that paxx cannot edit safely,
	// such as two candidate settings classes or a flow-style services map.
	ErrRefused = errors.New("refused")
)

// Error is a failure tied to a place in a file. Its message reads
// "path:line:col: reason (hint)", the form editors and CI logs link to.
type Error struct {
	Path string // the file, relative to the project root where known
	Line int    // 1-based; 0 when the failure has no single place
	Col  int    // 1-based; 0 when unknown
	Msg  string // what was found
	Hint string // what the person can do about it; may be empty
	Kind error  // ErrSyntax, ErrRefused or another sentinel; may be nil
}

// Errorf returns an *Error of the given kind at path:line:col.
func Errorf(kind error, path string, line, col int, format string, args ...any) *Error {
	return &Error{Path: path, Line: line, Col: col, Msg: fmt.Sprintf(format, args...), Kind: kind}
}

// WithHint returns e with its hint set, for chaining at the point of return.
func (e *Error) WithHint(format string, args ...any) *Error {
	e.Hint = fmt.Sprintf(format, args...)
	return e
}

func (e *Error) Error() string {
	where := e.Path
	switch {
	case e.Line > 0 && e.Col > 0:
		where = fmt.Sprintf("%s:%d:%d", e.Path, e.Line, e.Col)
	case e.Line > 0:
		where = fmt.Sprintf("%s:%d", e.Path, e.Line)
	}
	msg := e.Msg
	if where != "" {
		msg = where + ": " + msg
	}
	if e.Hint != "" {
		msg += " (" + e.Hint + ")"
	}
	return msg
}

// Unwrap lets errors.Is match the error's kind.
func (e *Error) Unwrap() error { return e.Kind }

// RefusedAt is the ErrRefused error for a file that parses but that paxx
// will not edit, placed at byte offset off of src as an editor shows it.
func RefusedAt(path string, src []byte, off int, format string, args ...any) *Error {
	line, col := EditorPosition(src, off)
	return Errorf(ErrRefused, path, line, col, format, args...)
}
