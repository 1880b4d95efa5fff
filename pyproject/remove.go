package pyproject

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"

	"github.com/paxx-dev/paxx/requirements"
	"github.com/paxx-dev/paxx/rewrite"
)

// RemoveDependency removes the requirement named like req (PEP 503 name
// matching) from [project].dependencies or Poetry's dependency table, the
// inverse of AddDependency: given the same req it undoes exactly what
// AddDependency inserted (the dependencies key too, when it created it),
// and otherwise deletes the element or the line alone. A requirement that
// is not there is no change: f itself comes back, with no action. The
// action is at the removed requirement's line in f.
//
// It returns the file after the edit, parsed again by the check that
// every removal passes, so that the next edit need not parse it once more.
func (f *File) RemoveDependency(req string) (*File, []rewrite.Action, error) {
	t, err := f.DependencyTarget()
	if err != nil {
		return nil, nil, err
	}
	return f.RemoveDependencyFrom(t, req)
}

// RemoveDependencyFrom is RemoveDependency from the place t names, the
// inverse of AddDependencyTo(t, req): it undoes exactly what that
// inserted, the group's key and table too when it created them, and
// otherwise deletes the element or the line alone (and a group's key, and
// its table, that this leaves empty). A Requirements target is refused.
func (f *File) RemoveDependencyFrom(t Target, req string) (*File, []rewrite.Action, error) {
	req = strings.TrimSpace(req)
	want, err := requirements.ParseRequirement(req)
	if err != nil {
		return nil, nil, fmt.Errorf("pyproject: %w", err)
	}
	if err := t.check(); err != nil {
		return nil, nil, err
	}
	redo := f.redo(func(g *File) (*File, []rewrite.Action, error) { return g.AddDependencyTo(t, req) })
	if keyPath := t.arrayPath(); keyPath != nil {
		e := f.doc.entryAt(keyPath)
		if e == nil || e.value.kind != arrayKind {
			return f, nil, nil
		}
		var table []string // the table an emptied group's key takes with it
		if t.Kind != PEP621 {
			table = keyPath[:len(keyPath)-1]
		}
		for _, it := range e.value.items {
			if have, err := requirements.ParseRequirement(it.str); it.kind == stringKind && err == nil && have.Key() == want.Key() {
				gone := func(g *File) bool { return !g.hasKey(keyPath, want.Key()) }
				return f.removeElement(e, it, table, want.Name+" from "+t.Where(), redo, gone)
			}
		}
		return f, nil, nil
	}
	if table := t.tablePath(); table != nil {
		st, ok := f.doc.site(table)
		if !ok {
			return f, nil, nil
		}
		for _, e := range st.entries {
			if name := st.keyName(e); requirements.NormalizeName(name) == want.Key() {
				return f.removeLines(e, name+" from "+t.Where(), redo, func(g *File) bool {
					deps, _ := lookup(g.data, table...).(map[string]any)
					_, still := deps[name]
					return !still
				})
			}
		}
		return f, nil, nil
	}
	return nil, nil, rewrite.Errorf(rewrite.ErrRefused, f.path, 0, 0, "the project's dependencies are read from %s, not from this file", t.Path).
		WithHint("remove %s from %s", want.Name, t.Path)
}

// RemoveArrayItem removes the string item from the array at keyPath, the
// inverse of AddArrayItem: given the same item it undoes exactly what
// AddArrayItem inserted, and otherwise deletes the element's line, or
// the element and its separator in an inline array. When item was the
// only element the key goes with its line, and when the key was the only
// thing in its [table], the table goes too, with the blank lines before
// it: the inverse of its creation by AddArrayItem. An item that is not
// there is no change: f itself comes back, with no action. The action is
// at the removed element's line in f.
//
// It returns the file after the edit, parsed again by the check that
// every removal passes, so that the next edit need not parse it once more.
func (f *File) RemoveArrayItem(keyPath []string, item string) (*File, []rewrite.Action, error) {
	if len(keyPath) < 2 {
		return nil, nil, errShortPath(keyPath)
	}
	e := f.doc.entryAt(keyPath)
	if e == nil || e.value.kind != arrayKind {
		return f, nil, nil
	}
	for _, it := range e.value.items {
		if it.kind == stringKind && it.str == item {
			redo := f.redo(func(g *File) (*File, []rewrite.Action, error) { return g.AddArrayItem(keyPath, item) })
			gone := func(g *File) bool { return !slices.Contains(g.StringArray(keyPath...), item) }
			return f.removeElement(e, it, keyPath[:len(keyPath)-1], item+" from "+arrayName(keyPath), redo, gone)
		}
	}
	return f, nil, nil
}

// redo returns what the add operation op makes of a candidate source read
// as f's file, for finding the exact inverse of that addition
// (rewrite.Undo).
func (f *File) redo(op func(*File) (*File, []rewrite.Action, error)) rewrite.Redo {
	return rewrite.RedoWith(Parse, f.path, op)
}

// hasKey reports whether the array at keyPath holds a requirement with
// the normalized name key.
func (f *File) hasKey(keyPath []string, key string) bool {
	deps, _ := lookup(f.data, keyPath...).([]any)
	for _, d := range deps {
		if s, ok := d.(string); ok {
			if r, err := requirements.ParseRequirement(s); err == nil && r.Key() == key {
				return true
			}
		}
	}
	return false
}

// removeElement takes element it out of the array of entry e: the exact
// inverse of its addition when redo finds one; else the element's line
// when it has one of its own, or the element and its separator in an
// inline array; and the whole key when it was the only element, with the
// table at path table when the key was all it held (no table when table
// is nil). It returns the result as the check parsed it.
func (f *File) removeElement(e *entry, it *value, table []string, what string, redo rewrite.Redo, gone func(*File) bool) (*File, []rewrite.Action, error) {
	if !it.span.known() || !e.span.known() {
		return nil, nil, rewrite.RefusedAt(f.path, f.src, e.keys[0].start, "cannot locate the element to remove").WithHint("remove it by hand")
	}
	var g *File
	check := f.checker(e.path, gone, &g)
	if _, ok := rewrite.Undo(f.src, it.span.start, it.span.end, redo, check); !ok {
		start, end := it.span.start, it.span.end
		switch {
		case len(e.value.items) == 1:
			start, end = rewrite.LineStart(f.src, e.span.start), rewrite.LineEnd(f.src, e.span.end)
			if table != nil {
				start = f.emptiedTable(table, e, start, end)
			}
		case ownLine(f.src, start, end):
			start, end = rewrite.LineStart(f.src, start), rewrite.LineEnd(f.src, end)
		default:
			start, end = separator(f.src, start, end, it == e.value.items[0])
		}
		out := append(append([]byte{}, f.src[:start]...), f.src[end:]...)
		if err := check(out); err != nil {
			return nil, nil, rewrite.RefusedAt(f.path, f.src, it.span.start, "removing %s did not give the intended file: %v", what, err).
				WithHint("remove it by hand")
		}
	}
	line, _ := rewrite.Position(f.src, it.span.start)
	return g, []rewrite.Action{{Line: line, What: what}}, nil
}

// removeLines takes out the lines of the key-value e: the exact inverse of
// its addition when redo finds one, else its own lines. It returns the
// result as the check parsed it.
func (f *File) removeLines(e *entry, what string, redo rewrite.Redo, gone func(*File) bool) (*File, []rewrite.Action, error) {
	s := e.span
	if !s.known() {
		return nil, nil, rewrite.RefusedAt(f.path, f.src, 0, "cannot locate %s", what).WithHint("remove it by hand")
	}
	var g *File
	check := f.checker(e.path, gone, &g)
	start, end := rewrite.LineStart(f.src, s.start), rewrite.LineEnd(f.src, s.end)
	if _, ok := rewrite.Undo(f.src, start, end, redo, check); !ok {
		out := append(append([]byte{}, f.src[:start]...), f.src[end:]...)
		if err := check(out); err != nil {
			return nil, nil, rewrite.RefusedAt(f.path, f.src, s.start, "removing %s did not give the intended file: %v", what, err).
				WithHint("remove it by hand")
		}
	}
	line, _ := rewrite.Position(f.src, s.start)
	return g, []rewrite.Action{{Line: line, What: what}}, nil
}

// emptiedTable widens the deletion [start, end) of the only key of the
// table at path table to the whole table, with the blank lines before its
// header, when nothing else is in it: the table AddArrayItem created
// for it.
func (f *File) emptiedTable(table []string, e *entry, start, end int) int {
	if !slices.Equal(e.path[:len(e.path)-1], table) {
		return start
	}
	for _, s := range f.doc.sections {
		if s.array || !s.header.known() || !slices.Equal(s.path, table) {
			continue
		}
		if len(s.entries) != 1 || s.entries[0] != e {
			return start
		}
		between := strings.TrimSpace(string(f.src[rewrite.LineEnd(f.src, s.header.end):start]))
		after := f.src[end:]
		if i := rewrite.SkipBlanks(after, 0); between != "" || (i < len(after) && after[i] != '[') {
			return start
		}
		at := rewrite.LineStart(f.src, s.header.start)
		for at > 0 {
			above := rewrite.LineStart(f.src, at-1)
			if strings.TrimSpace(string(f.src[above:at])) != "" {
				break
			}
			at = above
		}
		return at
	}
	return start
}

// ownLine reports whether [start, end) is alone on its line but for
// spaces, a comma and a comment.
func ownLine(src []byte, start, end int) bool {
	before := strings.TrimSpace(string(src[rewrite.LineStart(src, start):start]))
	after := strings.TrimSpace(string(src[end:rewrite.LineEnd(src, end)]))
	after = strings.TrimSpace(strings.TrimPrefix(after, ","))
	return before == "" && (after == "" || strings.HasPrefix(after, "#"))
}

// separator widens an inline array element by its separator: the comma
// before it, or for the first element the comma and spaces after it.
func separator(src []byte, start, end int, first bool) (int, int) {
	if !first {
		p := start
		for p > 0 && strings.ContainsRune(" \t", rune(src[p-1])) {
			p--
		}
		if p > 0 && src[p-1] == ',' {
			return p - 1, end
		}
		return start, end
	}
	p := end
	for p < len(src) && strings.ContainsRune(" \t", rune(src[p])) {
		p++
	}
	if p < len(src) && src[p] == ',' {
		p++
		for p < len(src) && strings.ContainsRune(" \t", rune(src[p])) {
			p++
		}
	}
	return start, p
}

// checkRemoved parses out and checks that gone holds for it and that it
// is the original document less what was removed at path: the two
// documents must be equal once the key at path is taken out of both, with
// the tables that leaves empty; and where path holds an array in both, the
// new one must be the old one less one element. A deletion that reached
// past what it removes, into any other key, is caught. It returns out as
// it parsed it.
func (f *File) checkRemoved(out []byte, path []string, gone func(*File) bool) (*File, error) {
	g, err := Parse(f.path, out)
	if err != nil {
		return nil, err
	}
	if !gone(g) {
		return nil, fmt.Errorf("it is still there")
	}
	if !reflect.DeepEqual(without(f.data, path), without(g.data, path)) {
		return nil, fmt.Errorf("more than %s changed", dotted(path))
	}
	old, wasArray := lookup(f.data, path...).([]any)
	now, isArray := lookup(g.data, path...).([]any)
	if wasArray && isArray && !oneLess(old, now) {
		return nil, fmt.Errorf("%s lost more than one element", dotted(path))
	}
	return g, nil
}

// without returns doc with the key at path taken out, and the tables on
// the way that this leaves empty; it copies only the tables on the way,
// and leaves doc as it was.
func without(doc map[string]any, path []string) map[string]any {
	if len(path) == 0 {
		return doc
	}
	out := maps.Clone(doc)
	if len(path) == 1 {
		delete(out, path[0])
		return out
	}
	sub, ok := doc[path[0]].(map[string]any)
	if !ok {
		return out
	}
	if rest := without(sub, path[1:]); len(rest) > 0 {
		out[path[0]] = rest
	} else {
		delete(out, path[0])
	}
	return out
}

// oneLess reports whether b is a with exactly one element taken out.
func oneLess(a, b []any) bool {
	if len(b) != len(a)-1 {
		return false
	}
	i := 0
	for i < len(b) && reflect.DeepEqual(a[i], b[i]) {
		i++
	}
	return reflect.DeepEqual(a[i+1:], b[i:])
}

// checker returns checkRemoved as the check of rewrite.Undo, which keeps
// in *parsed the parse of the last candidate it accepted: the candidate
// Undo returns, since it stops at the first one the check accepts.
func (f *File) checker(path []string, gone func(*File) bool, parsed **File) func([]byte) error {
	return func(c []byte) error {
		g, err := f.checkRemoved(c, path, gone)
		if err == nil {
			*parsed = g
		}
		return err
	}
}
