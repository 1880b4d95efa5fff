package pyproject

import (
	"slices"
	"strings"

	"github.com/paxx-dev/paxx/rewrite"
)

// hasPrefix reports whether path starts with prefix.
func hasPrefix(path, prefix []string) bool {
	return len(path) >= len(prefix) && slices.Equal(path[:len(prefix)], prefix)
}

// entryAt returns the key-value whose key is exactly path, in a section or
// inside an inline table, or nil. Sections of arrays of tables are not
// searched: their keys have no single path.
func (d *document) entryAt(path []string) *entry {
	for _, s := range d.sections {
		if s.array {
			continue
		}
		if e := entryIn(s.entries, path); e != nil {
			return e
		}
	}
	return nil
}

func entryIn(entries []*entry, path []string) *entry {
	for _, e := range entries {
		switch {
		case slices.Equal(e.path, path):
			return e
		case hasPrefix(path, e.path) && e.value.kind == tableKind:
			if f := entryIn(e.value.fields, path); f != nil {
				return f
			}
		}
	}
	return nil
}

// find returns the offset of the first thing the file writes at or under
// path, a table header or a key, for pointing at it in a message; -1 when
// there is none.
func (d *document) find(path []string) int {
	for _, s := range d.sections {
		if s.header.known() && hasPrefix(s.path, path) {
			return s.header.start
		}
		if s.array {
			continue
		}
		if off := findIn(s.entries, path); off >= 0 {
			return off
		}
	}
	return -1
}

func findIn(entries []*entry, path []string) int {
	for _, e := range entries {
		switch {
		case hasPrefix(e.path, path):
			return e.keys[0].start
		case hasPrefix(path, e.path) && e.value.kind == tableKind:
			if off := findIn(e.value.fields, path); off >= 0 {
				return off
			}
		}
	}
	return -1
}

// site is the place where the key-values of one table are written: under
// the table's own header, or as dotted keys in a parent table's section.
type site struct {
	// prefix is what a new key needs in front of it there: "" under the
	// table's header, "project." for keys written as project.name = ...
	prefix string
	// entries are the key-values written there, in file order.
	entries []*entry
	// depth is the length of the table's path: entry.path[depth] is the
	// name of a key of the table.
	depth int
	// after is the offset where a new key-value line goes: the start of
	// the line after the last entry, or after the header.
	after int
	// floor is the end of the table's header, or the start of its first
	// dotted key: what a line inserted before an entry stays below.
	floor int
}

// site finds where the key-values of the table at path are written. It
// reports false when the file has no such place: the table is missing,
// exists only through its sub-tables, or is an inline table.
func (d *document) site(path []string) (*site, bool) {
	for _, s := range d.sections {
		if !s.array && s.header.known() && slices.Equal(s.path, path) {
			st := &site{entries: s.entries, depth: len(path), after: rewrite.LineEnd(d.src, s.header.end), floor: s.header.end}
			if len(s.entries) > 0 {
				st.after = rewrite.LineEnd(d.src, s.entries[len(s.entries)-1].span.end)
			}
			return st, true
		}
	}
	// Dotted keys through the table, in the section of one of its parents.
	var found *site
	for _, s := range d.sections {
		if s.array || !hasPrefix(path, s.path) || len(s.path) == len(path) {
			continue
		}
		var dotted []*entry
		for _, e := range s.entries {
			if len(e.path) > len(path) && hasPrefix(e.path, path) {
				dotted = append(dotted, e)
			}
		}
		if len(dotted) == 0 {
			continue
		}
		last := dotted[len(dotted)-1]
		var prefix strings.Builder
		for _, k := range last.keys[:len(path)-len(s.path)] {
			prefix.Write(d.src[k.start:k.end])
			prefix.WriteByte('.')
		}
		found = &site{
			prefix:  prefix.String(),
			entries: dotted,
			depth:   len(path),
			after:   rewrite.LineEnd(d.src, last.span.end),
			floor:   dotted[0].keys[0].start,
		}
	}
	return found, found != nil
}

// keyName returns the name under which e is a key of the site's table.
func (st *site) keyName(e *entry) string { return e.path[st.depth] }

// keySpan returns the raw text of that name in e's key.
func (st *site) keySpan(e *entry) span { return e.keys[len(e.keys)-(len(e.path)-st.depth)] }

// lineBefore returns the offset of the line on which a new key-value goes
// to stand before the site's entry number i.
func (d *document) lineBefore(st *site, i int) int {
	floor := st.floor
	if i > 0 {
		floor = st.entries[i-1].span.end
	}
	return d.lineBeforeEntry(st.entries[i], floor)
}

// lineBeforeEntry returns the offset of the line on which a new key-value
// goes to stand before e: e's line, or the first of the comment lines
// directly above it, which belong to it. floor is the end of whatever
// precedes e (the previous entry or the header), above which it never goes.
func (d *document) lineBeforeEntry(e *entry, floor int) int {
	at := rewrite.LineStart(d.src, e.keys[0].start)
	for at > 0 {
		above := rewrite.LineStart(d.src, at-1)
		if above < floor || rewrite.LineStart(d.src, floor) == above {
			break
		}
		if i := rewrite.SkipBlanks(d.src, above); i >= len(d.src) || d.src[i] != '#' {
			break
		}
		at = above
	}
	return at
}
