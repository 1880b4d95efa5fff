package compose

import (
	"bytes"
	"slices"
	"unicode/utf8"

	"github.com/paxx-dev/paxx/rewrite"
	"gopkg.in/yaml.v3"
)

// This file maps yaml.v3 nodes, which know only where they start, onto the
// lines of the source: where a node's text ends, and which comment lines
// after it still belong to its block.

// lineStarts returns the offset of the first byte of every line of src. A
// final line break does not open another line.
func lineStarts(src []byte) []int {
	if len(src) == 0 {
		return nil
	}
	starts := make([]int, 1, 1+bytes.Count(src, []byte{'\n'}))
	for i, b := range src {
		if b == '\n' && i+1 < len(src) {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// lineEnd returns the offset just past the line break of 1-based line l, or
// the end of the source for a last line without one.
func (f *File) lineEnd(l int) int {
	if l < len(f.starts) {
		return f.starts[l]
	}
	return len(f.src)
}

// text returns line l without its line break (LF or CRLF).
func (f *File) text(l int) []byte {
	if l < 1 || l > len(f.starts) {
		return nil
	}
	t := bytes.TrimSuffix(f.src[f.starts[l-1]:f.lineEnd(l)], []byte("\n"))
	return bytes.TrimSuffix(t, []byte("\r"))
}

// indent returns the number of spaces that start line l.
func (f *File) indent(l int) int {
	t := f.text(l)
	return len(t) - len(bytes.TrimLeft(t, " "))
}

// blank reports whether line l holds only spaces and tabs.
func (f *File) blank(l int) bool {
	return len(bytes.Trim(f.text(l), " \t")) == 0
}

// comment reports whether line l holds only a comment.
func (f *File) comment(l int) bool {
	t := bytes.TrimLeft(f.text(l), " \t")
	return len(t) > 0 && t[0] == '#'
}

// offset returns the byte offset of a node's first character. yaml.v3
// counts columns in characters, after a byte order mark.
func (f *File) offset(n *yaml.Node) int {
	if n.Line < 1 || n.Line > len(f.starts) {
		return len(f.src)
	}
	off := f.starts[n.Line-1]
	if n.Line == 1 && bytes.HasPrefix(f.src, []byte(rewrite.BOM)) {
		off += len(rewrite.BOM)
	}
	end := f.lineEnd(n.Line)
	for c := 1; c < n.Column && off < end; c++ {
		_, size := utf8.DecodeRune(f.src[off:end])
		off += size
	}
	return off
}

// last returns the last node of n's subtree in document order.
func last(n *yaml.Node) *yaml.Node {
	for n.Kind != yaml.AliasNode && len(n.Content) > 0 {
		n = n.Content[len(n.Content)-1]
	}
	return n
}

// boundary returns the line where the text that follows n's subtree starts:
// the line of the next node in document order, or the document's end.
func (f *File) boundary(n *yaml.Node) int {
	i := slices.Index(f.order, last(n))
	if i < 0 || i+1 >= len(f.order) {
		return f.endOfText()
	}
	return f.order[i+1].Line
}

// endOfText returns the line just past the document's text: the line of a
// "..." or "---" marker after the last node, or docEnd.
func (f *File) endOfText() int {
	from := 1
	if len(f.order) > 0 {
		from = f.order[len(f.order)-1].Line + 1
	}
	for l := from; l < f.docEnd; l++ {
		t := f.text(l)
		if (bytes.HasPrefix(t, []byte("...")) || bytes.HasPrefix(t, []byte("---"))) &&
			(len(t) == 3 || t[3] == ' ' || t[3] == '\t') {
			return l
		}
	}
	return f.docEnd
}

// contentEnd returns the last line holding text of n's subtree: the line
// where its last node ends, or a later line before the boundary that is
// neither blank nor a comment (a closing bracket, a plain scalar's
// continuation).
func (f *File) contentEnd(n *yaml.Node) int {
	tail := last(n)
	end := tail.Line
	switch {
	case tail.Kind != yaml.ScalarNode:
	case tail.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		end = f.blockScalarEnd(tail)
	case tail.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0:
		end = f.quotedEnd(tail)
	}
	stop := f.boundary(n)
	for l := end + 1; l < stop; l++ {
		if !f.blank(l) && !f.comment(l) {
			end = l
		}
	}
	return end
}

// blockScalarEnd returns the last line of a literal or folded scalar: its
// content lines are those indented deeper than its header's line, and blank
// lines between them; with the keep indicator (+) trailing blank lines are
// content too.
func (f *File) blockScalarEnd(n *yaml.Node) int {
	keep := false
	for i := f.offset(n) + 1; i < len(f.src) && bytes.IndexByte([]byte("+-0123456789"), f.src[i]) >= 0; i++ {
		keep = keep || f.src[i] == '+'
	}
	floor := f.indent(n.Line)
	end := n.Line
	for l := n.Line + 1; l < f.docEnd && l <= len(f.starts); l++ {
		switch {
		case f.blank(l):
			if keep {
				end = l
			}
		case f.indent(l) > floor:
			end = l
		default:
			return end
		}
	}
	return end
}

// quotedEnd returns the line of the closing quote of a quoted scalar.
func (f *File) quotedEnd(n *yaml.Node) int {
	start := f.offset(n)
	if start >= len(f.src) {
		return n.Line
	}
	if end, ok := skipQuoted(f.src, start); ok {
		l, _ := rewrite.Position(f.src, end-1)
		return l
	}
	return n.Line
}

// skipQuoted returns the offset just past the quoted scalar that starts at
// src[start], which must be ' or ".
func skipQuoted(src []byte, start int) (int, bool) {
	q := src[start]
	for i := start + 1; i < len(src); i++ {
		switch {
		case q == '"' && src[i] == '\\':
			i++
		case src[i] == q && q == '\'' && i+1 < len(src) && src[i+1] == '\'':
			i++
		case src[i] == q:
			return i + 1, true
		}
	}
	return 0, false
}

// blockEnd returns the last line of the block that n's subtree forms under
// a key indented by owner spaces: its content, then any comment lines before
// the next node that are indented deeper than owner (a commented-out item
// belongs to the block; a comment at the owner's level or left of it belongs
// to what follows).
func (f *File) blockEnd(n *yaml.Node, owner int) int {
	end := f.contentEnd(n)
	stop := f.boundary(n)
	for l := end + 1; l < stop; l++ {
		if f.comment(l) && f.indent(l) > owner {
			end = l
		}
	}
	return end
}

// spacing returns how many blank lines the person puts between the entries
// of block mapping m (above an entry's own comments): the most frequent
// count, ties going to the later entries; ok is false with fewer than two
// entries.
func (f *File) spacing(m *yaml.Node) (n int, ok bool) {
	counts := map[int]int{}
	best, bestCount := 0, 0
	for i := 2; i+1 < len(m.Content); i += 2 {
		l := m.Content[i].Line - 1
		for l >= 1 && f.comment(l) {
			l--
		}
		blanks := 0
		for ; l >= 1 && f.blank(l); l-- {
			blanks++
		}
		counts[blanks]++
		if counts[blanks] >= bestCount {
			best, bestCount = blanks, counts[blanks]
		}
	}
	return best, bestCount > 0
}

// childIndent returns the indentation of a non-empty block collection's
// content: the spaces before its first key or first dash. A node's own
// position is no help here, as it is that of its anchor or tag when it has
// one.
func (f *File) childIndent(n *yaml.Node) int {
	return f.indent(n.Content[0].Line)
}
