package pyproject

import (
	"bytes"

	"github.com/paxx-dev/paxx/rewrite"
)

// arrayInsert adds one element, written as elem (TOML text), to array a
// before its element number before (len(a.items) appends), following the
// array's layout:
//
//   - empty: `[]` becomes `[elem]`; a multi-line empty array gets a line;
//   - inline: `["a", "b"]` becomes `["a", "b", elem]`, spaced like the
//     file's commas, a trailing comma kept last;
//   - multi-line: a line of its own with the elements' indentation, after
//     the last element's line (after its comment, before any comment lines
//     that follow it), with a trailing comma when the elements have one; a
//     comma is added after the last element when it has none; an array
//     that closes on its last element's line keeps doing so.
//
// It reports false when the array or one of its elements has no located
// extent (an element that is itself an array or an inline table).
func arrayInsert(src []byte, a *value, elem string, before int, unit, nl string) (rewrite.Insertion, bool) {
	if a.kind != arrayKind || !a.span.known() {
		return rewrite.Insertion{}, false
	}
	for _, it := range a.items {
		if !it.span.known() {
			return rewrite.Insertion{}, false
		}
	}
	open, end := a.span.start, a.span.end-1
	n := len(a.items)
	switch {
	case n == 0:
		return emptyArrayInsert(src, a, elem, unit, nl), true
	case !bytes.ContainsRune(src[open:end], '\n'):
		return inlineArrayInsert(src, a, elem, before), true
	case before < n && oneElementPerLine(src, a):
		return lineBeforeElement(src, a, elem, before, nl), true
	}
	return appendLine(src, a, elem, unit, nl), true
}

// emptyArrayInsert fills an array that has no element.
func emptyArrayInsert(src []byte, a *value, elem, unit, nl string) rewrite.Insertion {
	open, end := a.span.start, a.span.end-1
	if !bytes.ContainsRune(src[open:end], '\n') {
		return rewrite.Insertion{Edits: []rewrite.Edit{{Start: open + 1, End: open + 1, Text: elem}}}
	}
	indent := rewrite.Indentation(src, open) + unit
	for _, c := range a.comments {
		if firstOnLine(src, c.start) && !sameLine(src, open, c.start) {
			indent = rewrite.Indentation(src, c.start)
			break
		}
	}
	return rewrite.Insertion{Edits: []rewrite.Edit{{Start: rewrite.LineStart(src, end), End: rewrite.LineStart(src, end), Text: indent + elem + "," + nl}}, At: len(indent)}
}

// inlineArrayInsert adds an element to an array written on one line.
func inlineArrayInsert(src []byte, a *value, elem string, before int) rewrite.Insertion {
	sep := " "
	if len(a.items) >= 2 {
		between := src[a.items[0].span.end:a.items[1].span.start]
		if i := bytes.IndexByte(between, ','); i >= 0 {
			sep = string(between[i+1:])
		}
	}
	if before < len(a.items) {
		at := a.items[before].span.start
		return rewrite.Insertion{Edits: []rewrite.Edit{{Start: at, End: at, Text: elem + "," + sep}}}
	}
	at := a.items[len(a.items)-1].span.end
	return rewrite.Insertion{Edits: []rewrite.Edit{{Start: at, End: at, Text: "," + sep + elem}}, At: 1 + len(sep)}
}

// oneElementPerLine reports whether a multi-line array has the layout in
// which a line can be inserted between two elements: the opening bracket
// ends its line, every element has a line of its own, and the closing
// bracket starts its line.
func oneElementPerLine(src []byte, a *value) bool {
	open, end := a.span.start, a.span.end-1
	if !restIsBlank(src, open+1) || !firstOnLine(src, end) {
		return false
	}
	for _, it := range a.items {
		if !firstOnLine(src, it.span.start) || !restIsBlank(src, it.span.end) {
			return false
		}
	}
	return true
}

// lineBeforeElement inserts a line for the new element above element
// number before, and above the comment lines directly over it, which
// belong to that element.
func lineBeforeElement(src []byte, a *value, elem string, before int, nl string) rewrite.Insertion {
	next := a.items[before].span.start
	floor := a.span.start
	if before > 0 {
		floor = a.items[before-1].span.end
	}
	at := rewrite.LineStart(src, next)
	for at > 0 {
		above := rewrite.LineStart(src, at-1)
		if above <= floor || !startsComment(a.comments, rewrite.SkipBlanks(src, above)) {
			break
		}
		at = above
	}
	indent := rewrite.Indentation(src, next)
	return rewrite.Insertion{Edits: []rewrite.Edit{{Start: at, End: at, Text: indent + elem + "," + nl}}, At: len(indent)}
}

// startsComment reports whether one of the comments starts at off.
func startsComment(comments []span, off int) bool {
	for _, c := range comments {
		if c.start == off {
			return true
		}
	}
	return false
}

// appendLine adds the new element after the last one of a multi-line
// array.
func appendLine(src []byte, a *value, elem, unit, nl string) rewrite.Insertion {
	open, end := a.span.start, a.span.end-1
	last := a.items[len(a.items)-1].span
	indent := rewrite.Indentation(src, last.start)
	if sameLine(src, open, last.start) {
		indent = rewrite.Indentation(src, open) + unit
	}
	comma := rewrite.SkipBlanks(src, last.end)
	hasComma := comma < end && src[comma] == ','
	if sameLine(src, last.end, end) {
		// The array closes on the last element's line: keep it so.
		if hasComma {
			return rewrite.Insertion{Edits: []rewrite.Edit{{Start: comma + 1, End: comma + 1, Text: nl + indent + elem + ","}}, At: len(nl) + len(indent)}
		}
		return rewrite.Insertion{Edits: []rewrite.Edit{{Start: last.end, End: last.end, Text: "," + nl + indent + elem}}, At: 1 + len(nl) + len(indent)}
	}
	at := rewrite.LineEnd(src, last.end)
	if hasComma {
		return rewrite.Insertion{Edits: []rewrite.Edit{{Start: at, End: at, Text: indent + elem + "," + nl}}, At: len(indent)}
	}
	return rewrite.Insertion{
		Edits: []rewrite.Edit{{Start: last.end, End: last.end, Text: ","}, {Start: at, End: at, Text: indent + elem + nl}},
		Mark:  1,
		At:    len(indent),
	}
}
