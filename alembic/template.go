package alembic

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/paxx-dev/paxx/rewrite"
)

// Anchor is the template line that imports go after: the one Alembic's
// own templates have, in the form they write it.
const Anchor = "import sqlalchemy as sa"

// ErrNoAnchor marks a template without an Anchor line, where AddImport
// finds no place it may write to. The caller decides what to make of it:
// paxx notes it and leaves the template to the person.
var ErrNoAnchor = errors.New("no `" + Anchor + "` line")

// File is a migration template (script.py.mako) held for editing. A File
// is never changed in place: each edit returns a new one.
type File struct {
	path string
	src  []byte
}

// Parse returns the template src read from path (a slash path relative to
// the project root, used in messages). A template that is not UTF-8 text
// or that mixes line endings is refused with a *rewrite.Error at its
// place: an inserted line could not follow its line endings.
func Parse(path string, src []byte) (*File, error) {
	if err := rewrite.CheckEncoding(path, src); err != nil {
		return nil, err
	}
	if err := rewrite.CheckNewlines(path, src); err != nil {
		return nil, err
	}
	return &File{path: path, src: src}, nil
}

// Path returns the path the template was parsed from.
func (f *File) Path() string { return f.path }

// Bytes returns the template's content. The caller must not modify it.
func (f *File) Bytes() []byte { return f.src }

// HasImport reports whether the template has line as a line of its own,
// trailing blanks aside: what AddImport counts as already there, and
// so what paxx adopts as the user's when a component is first added.
func (f *File) HasImport(line string) bool {
	for off := 0; off < len(f.src); off = rewrite.LineEnd(f.src, off) {
		if lineText(f.src, off) == line {
			return true
		}
	}
	return false
}

// AddImport returns the template with line as a line of its own after
// the last Anchor line, in the file's line endings, and one action that
// names where it went. A template that has line already (HasImport) comes
// back as it is, with no actions, wherever the line is. A template
// without an Anchor line is an ErrNoAnchor error: the edit is made only
// where Alembic's own import is, as Alembic writes it.
func (f *File) AddImport(line string) (*File, []rewrite.Action, error) {
	if err := checkLine(line); err != nil {
		return nil, nil, err
	}
	out, start, anchored := ensure(f.src, line)
	switch {
	case !anchored:
		return nil, nil, fmt.Errorf("%s: cannot add `%s`: %w", f.path, line, ErrNoAnchor)
	case start < 0:
		return f, nil, nil
	}
	if !rewrite.IsInsertOnly(f.src, out) || !(&File{src: out}).HasImport(line) {
		return nil, nil, fmt.Errorf("%s: internal error: adding `%s` did not give the template with that line more", f.path, line)
	}
	at := bytes.Count(out[:start], []byte("\n")) + 1
	return &File{path: f.path, src: out}, []rewrite.Action{{Line: at, What: "`" + line + "` in the migration template"}}, nil
}

// RemoveImport returns the template without its first line that reads
// line (as HasImport counts it), and one action that names where it was.
// When the template was not edited around the line since AddImport
// added it, the result is the template as it was before, byte for byte
// (the line break AddImport supplied at a file's end included); else
// the line alone goes. A template without line comes back as it is, with
// no actions.
func (f *File) RemoveImport(line string) (*File, []rewrite.Action, error) {
	if err := checkLine(line); err != nil {
		return nil, nil, err
	}
	src := f.src
	for off := 0; off < len(src); off = rewrite.LineEnd(src, off) {
		if lineText(src, off) != line {
			continue
		}
		end := rewrite.LineEnd(src, off)
		out, ok := rewrite.Undo(src, off, end, func(cand []byte) ([]byte, error) {
			out, start, anchored := ensure(cand, line)
			if !anchored || start < 0 {
				return nil, fmt.Errorf("%s: no place for %s", f.path, line)
			}
			return out, nil
		}, nil)
		if !ok {
			out = append(append([]byte{}, src[:off]...), src[end:]...)
		}
		if !rewrite.IsDeleteOnly(src, out) {
			return nil, nil, fmt.Errorf("%s: internal error: removing `%s` added to the template", f.path, line)
		}
		at, _ := rewrite.Position(src, off)
		return &File{path: f.path, src: out}, []rewrite.Action{{Line: at, What: "`" + line + "` from the migration template"}}, nil
	}
	return f, nil, nil
}

// checkLine refuses a line that the template could not hold as one line
// that HasImport finds again: empty, several lines, or with trailing
// blanks, which lineText drops.
func checkLine(line string) error {
	if strings.TrimSpace(line) == "" || strings.ContainsAny(line, "\r\n") || strings.TrimRight(line, " \t") != line {
		return fmt.Errorf("alembic: %q is not one line of text without trailing blanks", line)
	}
	return nil
}

// ensure returns src with line as a line of its own after the last Anchor
// line, and the offset in out where line starts. A template that has line
// already comes back as it is, with start -1 and anchored true; one
// without the anchor comes back as it is with anchored false. At the end
// of a file without a final line break, the line break goes before line,
// and start is past it.
func ensure(src []byte, line string) (out []byte, start int, anchored bool) {
	anchor := -1
	for off := 0; off < len(src); off = rewrite.LineEnd(src, off) {
		switch lineText(src, off) {
		case line:
			return src, -1, true
		case Anchor:
			anchor = rewrite.LineEnd(src, off)
		}
	}
	if anchor < 0 {
		return src, -1, false
	}
	nl := rewrite.Newline(src)
	text, start := line+nl, anchor
	if anchor == len(src) && !rewrite.EndsWithNewline(src) {
		text, start = nl+line, anchor+len(nl) // past the line break it supplies
	}
	out = make([]byte, 0, len(src)+len(text))
	out = append(append(append(out, src[:anchor]...), text...), src[anchor:]...)
	return out, start, true
}

// lineText is the text of the template line that starts at off, without
// its line break and trailing blanks.
func lineText(src []byte, off int) string {
	return strings.TrimRight(string(src[off:rewrite.LineEnd(src, off)]), " \t\r\n")
}
