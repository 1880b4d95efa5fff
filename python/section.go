package python

import (
	"bytes"
	"fmt"

	"github.com/paxx-dev/paxx/rewrite"
)

// RemoveSection removes what is left of a group of fields that AddFields
// wrote under the comment "# Section" once the fields themselves are gone
// (deleted by hand): each such comment in the class body that heads no
// statement any more, with the blank lines before it. A comment with a
// statement right below it heads that statement and stays. It returns f
// itself and no actions when there is nothing to remove.
//
// The result is parsed again and must have lost only bytes, and no field;
// otherwise it is an error, never output.
func (f *File) RemoveSection(class, section string) (*File, []rewrite.Action, error) {
	f, err := f.loaded()
	if err != nil {
		return nil, nil, err
	}
	path, src := f.path, f.src
	ci, err := f.target(class)
	if err != nil {
		return nil, nil, err
	}
	indent := rewrite.Indentation(src, ci.layout.header)
	var edits []rewrite.Edit
	var actions []rewrite.Action
	for pos := rewrite.LineEnd(src, ci.layout.header); pos < len(src); pos = rewrite.LineEnd(src, pos) {
		line := src[pos:rewrite.LineEnd(src, pos)]
		text := bytes.TrimSpace(line)
		if len(text) == 0 {
			continue
		}
		lead := len(line) - len(bytes.TrimLeft(line, " \t"))
		if lead <= len(indent) {
			break // the class body ends here
		}
		if ci.withinStatement(pos) {
			continue // a line of a statement (a string's, say), not a comment
		}
		if !bytes.HasPrefix(text, []byte("#")) || !sameSection(string(text), section) || !orphanComment(src, rewrite.LineEnd(src, pos), len(indent)) {
			continue
		}
		start, floor := pos, rewrite.LineEnd(src, ci.layout.header)
		for start > floor {
			prev := rewrite.LineStart(src, start-1)
			if prev < floor || !blankText(src[prev:start]) {
				break
			}
			start = prev
		}
		edits = append(edits, rewrite.Edit{Start: start, End: rewrite.LineEnd(src, pos)})
		n, _ := rewrite.Position(src, pos)
		actions = append(actions, rewrite.Action{Line: n, What: fmt.Sprintf("comment %s in %s, which heads no field", text, class)})
	}
	if len(edits) == 0 {
		return f, nil, nil
	}
	out, err := rewrite.Apply(src, edits)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: removing section %s from %s: %w", path, section, class, err)
	}
	g, err := verifyRemoved(path, src, out, ci, nil)
	if err != nil {
		return nil, nil, err
	}
	return g, actions, nil
}

// withinStatement reports whether off lies inside a statement of the
// class body, past its first byte: on a later line of a string, a call or
// a nested block.
func (ci *classInfo) withinStatement(off int) bool {
	for _, s := range ci.layout.stmts {
		if s.start < off && off < s.end {
			return true
		}
	}
	return false
}

// orphanComment reports whether the comment line that ends at end heads
// nothing: what follows it is a blank line, another comment, the end of
// the class body (a line indented no deeper than the class, whose
// indentation is classIndent), or the end of the file.
func orphanComment(src []byte, end, classIndent int) bool {
	if end >= len(src) {
		return true
	}
	next := src[end:rewrite.LineEnd(src, end)]
	text := bytes.TrimSpace(next)
	lead := len(next) - len(bytes.TrimLeft(next, " \t"))
	return len(text) == 0 || bytes.HasPrefix(text, []byte("#")) || lead <= classIndent
}
