package pyproject

import (
	"errors"
	"slices"

	"github.com/paxx-dev/paxx/rewrite"
)

// TidyRecord removes what taking entries out of the [tool.paxx] record
// leaves behind when they go in another order than add wrote them, which
// can undo an element's addition exactly but leave its array empty
// ("replaced = []") where the key or the table came with it. emptied names
// the record keys that held entries before the removal and that paxx
// wrote: an empty array that was there before paxx wrote to it is the
// user's and stays. Each of them whose array is now empty goes with its
// line, but infra: when it is among them and empty, the [tool.paxx] table
// paxx created goes with the blank lines paxx put before it (the exact
// inverse of its creation where there is one) if infra is its only key;
// in a table that was the user's before paxx's first component
// (userTable), only the infra line goes. Anything else is no change.
func TidyRecord(path string, src []byte, emptied []string, userTable bool) ([]byte, []rewrite.Action, error) {
	var actions []rewrite.Action
	tidy := func(f func(string, []byte) ([]byte, []rewrite.Action, error)) error {
		out, acts, err := f(path, src)
		if err != nil {
			return err
		}
		src = out
		actions = append(actions, acts...)
		return nil
	}
	for _, key := range emptied {
		if key == "infra" {
			continue
		}
		if err := tidy(func(path string, src []byte) ([]byte, []rewrite.Action, error) {
			return removeEmptyKey(path, src, key)
		}); err != nil {
			return nil, nil, err
		}
	}
	if !slices.Contains(emptied, "infra") {
		return src, actions, nil
	}
	infra := removeEmptyTable
	if userTable {
		infra = func(path string, src []byte) ([]byte, []rewrite.Action, error) {
			return removeEmptyKey(path, src, "infra")
		}
	}
	if err := tidy(infra); err != nil {
		return nil, nil, err
	}
	return src, actions, nil
}

// emptyRecord returns the entry of the [tool.paxx] array key when it is an
// empty array whose place is known, else nil.
func (f *File) emptyRecord(key string) *entry {
	e := f.doc.entryAt(recordPath(key))
	if e == nil || e.value.kind != arrayKind || len(e.value.items) > 0 || !e.span.known() || !e.value.span.known() {
		return nil
	}
	return e
}

// removeEmptyKey deletes the line of the [tool.paxx] key when its array is
// empty.
func removeEmptyKey(path string, src []byte, key string) ([]byte, []rewrite.Action, error) {
	f, err := Parse(path, src)
	if err != nil {
		return nil, nil, err
	}
	e := f.emptyRecord(key)
	if e == nil {
		return src, nil, nil
	}
	start, end := keepFinalBreak(src, rewrite.LineStart(src, e.span.start), rewrite.LineEnd(src, e.span.end))
	return f.deleted(start, end, e.span.start, "empty [tool.paxx]."+key, func(g *File) bool {
		return lookup(g.data, recordPath(key)...) == nil
	})
}

// removeEmptyTable deletes the [tool.paxx] table when its only key is an
// empty infra array: the exact inverse of AddInfra's creation of it when
// there is one, else the table and all the blank lines before it.
func removeEmptyTable(path string, src []byte) ([]byte, []rewrite.Action, error) {
	f, err := Parse(path, src)
	if err != nil {
		return nil, nil, err
	}
	e := f.emptyRecord("infra")
	if e == nil {
		return src, nil, nil
	}
	keyStart, end := rewrite.LineStart(src, e.span.start), rewrite.LineEnd(src, e.span.end)
	start := f.emptiedTable(e, keyStart, end)
	if start == keyStart {
		return src, nil, nil // the table holds more, or is not a [tool.paxx] table of its own
	}
	what := "empty [tool.paxx] table"
	gone := func(g *File) bool { return lookup(g.data, paxxPath()...) == nil }
	array := string(src[e.value.span.start:e.value.span.end])
	redo := func(c []byte) ([]byte, error) {
		g, err := Parse(path, c)
		if err != nil {
			return nil, err
		}
		if lookup(g.data, paxxPath()...) != nil {
			return nil, errors.New("pyproject: [tool.paxx] is there already")
		}
		out, _, err := g.newPaxxTable("infra", array, rewrite.Newline(c)).apply(c)
		return out, err
	}
	header := keyStart
	for _, s := range f.doc.sections {
		if !s.array && s.header.known() && slices.Equal(s.path, paxxPath()) {
			header = rewrite.LineStart(src, s.header.start)
		}
	}
	if out, ok := rewrite.Undo(src, header, end, redo, func(c []byte) error { return f.checkRemoved(c, gone) }); ok {
		line, _ := rewrite.Position(src, header)
		return out, []rewrite.Action{{Line: line, What: what}}, nil
	}
	start, end = keepFinalBreak(src, start, end)
	return f.deleted(start, end, header, what, gone)
}

// deleted returns the source without [start, end), checked to parse, to
// satisfy gone and to keep every other table, with the action removing
// what at offset at.
func (f *File) deleted(start, end, at int, what string, gone func(*File) bool) ([]byte, []rewrite.Action, error) {
	out := append(append([]byte{}, f.src[:start]...), f.src[end:]...)
	if err := f.checkRemoved(out, gone); err != nil {
		return nil, nil, refusedAt(f.path, f.src, at, "removing the %s did not give the intended file: %v", what, err).
			WithHint("remove it by hand")
	}
	line, _ := rewrite.Position(f.src, at)
	return out, []rewrite.Action{{Line: line, What: what}}, nil
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
