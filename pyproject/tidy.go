package pyproject

import (
	"fmt"
	"slices"

	"github.com/paxx-dev/paxx/rewrite"
)

// emptyArray returns the entry of the key at keyPath when it is an empty
// array whose place is known, else nil.
func (f *File) emptyArray(keyPath []string) *entry {
	e := f.doc.entryAt(keyPath)
	if e == nil || e.value.kind != arrayKind || len(e.value.items) > 0 || !e.span.known() || !e.value.span.known() {
		return nil
	}
	return e
}

// RemoveEmptyArray deletes the line of the key at keyPath when its value
// is an empty array, which removing array elements in another order than
// they were added can leave behind. Anything else is no change: f itself
// comes back, with no action. The action is at the key's line in f.
//
// It returns the file after the edit, parsed again by the check that
// every removal passes, so that the next edit need not parse it once more.
func (f *File) RemoveEmptyArray(keyPath []string) (*File, []rewrite.Action, error) {
	if len(keyPath) < 2 {
		return nil, nil, errShortPath(keyPath)
	}
	src := f.src
	e := f.emptyArray(keyPath)
	if e == nil {
		return f, nil, nil
	}
	start, end := keepFinalBreak(src, rewrite.LineStart(src, e.span.start), rewrite.LineEnd(src, e.span.end))
	return f.deleted(start, end, e.span.start, keyPath, "empty "+arrayName(keyPath), func(g *File) bool {
		return lookup(g.data, keyPath...) == nil
	})
}

// RemoveEmptyTable deletes the [table] that holds the key at keyPath when
// that key, an empty array, is all it holds: the exact inverse of
// AddArrayItem's creation of the table when there is one, else the
// table and all the blank lines before it. A table with anything else in
// it (another key, a comment), followed by anything but another table, or
// not written as a [table] of its own, is no change: f itself comes back,
// with no action. The action is at the table's header in f.
//
// It returns the file after the edit, parsed again by the check that
// every removal passes, so that the next edit need not parse it once more.
func (f *File) RemoveEmptyTable(keyPath []string) (*File, []rewrite.Action, error) {
	if len(keyPath) < 2 {
		return nil, nil, errShortPath(keyPath)
	}
	path, src := f.path, f.src
	e := f.emptyArray(keyPath)
	if e == nil {
		return f, nil, nil
	}
	table, key := keyPath[:len(keyPath)-1], keyPath[len(keyPath)-1]
	keyStart, end := rewrite.LineStart(src, e.span.start), rewrite.LineEnd(src, e.span.end)
	start := f.emptiedTable(table, e, keyStart, end)
	if start == keyStart {
		return f, nil, nil // the table holds more, or is not a table of its own
	}
	what := "empty [" + dotted(table) + "] table"
	gone := func(g *File) bool { return lookup(g.data, table...) == nil }
	array := string(src[e.value.span.start:e.value.span.end])
	redo := func(c []byte) ([]byte, error) {
		g, err := Parse(path, c)
		if err != nil {
			return nil, err
		}
		if lookup(g.data, table...) != nil {
			return nil, fmt.Errorf("pyproject: [%s] is there already", dotted(table))
		}
		out, _, err := g.newTable(table, key, array, rewrite.Newline(c)).Apply(c)
		return out, err
	}
	header := keyStart
	for _, s := range f.doc.sections {
		if !s.array && s.header.known() && slices.Equal(s.path, table) {
			header = rewrite.LineStart(src, s.header.start)
		}
	}
	var g *File
	if _, ok := rewrite.Undo(src, header, end, redo, f.checker(keyPath, gone, &g)); ok {
		line, _ := rewrite.Position(src, header)
		return g, []rewrite.Action{{Line: line, What: what}}, nil
	}
	start, end = keepFinalBreak(src, start, end)
	return f.deleted(start, end, header, keyPath, what, gone)
}

// deleted returns the source without [start, end), as checked to parse,
// to satisfy gone and to change nothing but the key at path and the tables
// that leaves empty (checkRemoved), with the action removing what at
// offset at.
func (f *File) deleted(start, end, at int, path []string, what string, gone func(*File) bool) (*File, []rewrite.Action, error) {
	out := append(append([]byte{}, f.src[:start]...), f.src[end:]...)
	g, err := f.checkRemoved(out, path, gone)
	if err != nil {
		return nil, nil, rewrite.RefusedAt(f.path, f.src, at, "removing the %s did not give the intended file: %v", what, err).
			WithHint("remove it by hand")
	}
	line, _ := rewrite.Position(f.src, at)
	return g, []rewrite.Action{{Line: line, What: what}}, nil
}

// keepFinalBreak widens the deletion of whole lines [start, end) that ends
// a file without a final line break to the line break before it, so that
// the file stays without one.
func keepFinalBreak(src []byte, start, end int) (int, int) {
	if end < len(src) || rewrite.EndsWithNewline(src) || start == 0 {
		return start, end
	}
	if src[start-1] == '\n' {
		start--
		if start > 0 && src[start-1] == '\r' {
			start--
		}
	}
	return start, end
}
