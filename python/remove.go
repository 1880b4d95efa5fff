package python

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/paxx-dev/paxx/rewrite"
)

// RemoveFields removes the named fields from class, the inverse of
// AddFields. It takes the same field descriptions (with their Section) as
// AddFields did, so that it can undo exactly what AddFields inserted: when
// re-adding the fields to a candidate gives back f's source byte for byte,
// that candidate is the result — the fields together with the section
// comment and blank lines that came with them. Otherwise (the file was
// edited since) it deletes the fields' own lines and, when their
// "# Section" comment is left with no field under it, that comment and the
// blank lines before it. Fields that are not there are skipped; with none
// there it returns f itself and no actions. Each action names a removed
// field and the line in f where it was.
//
// The result is parsed again and must have lost only bytes, and exactly
// the removed fields; otherwise the result is an error, never output. It
// returns the module as that check parsed it, so that the next edit need
// not parse it once more.
func (f *File) RemoveFields(class string, fields []NewField) (*File, []rewrite.Action, error) {
	f, err := f.loaded()
	if err != nil {
		return nil, nil, err
	}
	path, src := f.path, f.src
	ci, err := f.target(class)
	if err != nil {
		return nil, nil, err
	}
	found := ci.present(fields)
	if len(found) == 0 {
		return f, nil, nil
	}
	var present []NewField
	var actions []rewrite.Action
	for _, p := range found {
		present = append(present, p.spec)
		actions = append(actions, rewrite.Action{Line: p.field.Line, What: fmt.Sprintf("field %s in %s", p.field.Name, class)})
	}
	first, last := found[0].stmt, found[len(found)-1].stmt
	out, ok := rewrite.Undo(src, rewrite.LineStart(src, first.start), rewrite.LineEnd(src, last.end), func(c []byte) ([]byte, error) {
		return addFieldsTo(path, c, class, present)
	}, func(c []byte) error {
		_, err := verifyRemoved(path, src, c, ci, found)
		return err
	})
	if !ok {
		if out, err = ci.deleteFields(path, src, found); err != nil {
			return nil, nil, err
		}
	}
	g, err := verifyRemoved(path, src, out, ci, found)
	if err != nil {
		return nil, nil, err
	}
	return g, actions, nil
}

// presentField is a field of the class that RemoveFields was asked to
// remove: its description, what the class has, and its statement.
type presentField struct {
	spec  NewField
	field Field
	stmt  stmt
	index int // of the statement in the class body
}

// present lists the fields of the class that fields name, in the order of
// the class body.
func (ci *classInfo) present(fields []NewField) []presentField {
	var out []presentField
	k := 0
	for i, s := range ci.layout.stmts {
		if s.kind != stmtField {
			continue
		}
		fld := ci.class.Fields[k]
		k++
		for _, nf := range fields {
			if has, ok := ci.class.HasField(nf.Name); ok && has.Line == fld.Line && has.Name == fld.Name {
				out = append(out, presentField{spec: nf, field: fld, stmt: s, index: i})
				break
			}
		}
	}
	return out
}

// deleteFields deletes the fields' own lines and the section comments they
// leave empty: the fallback of RemoveFields when src is not what AddFields
// would have made.
func (ci *classInfo) deleteFields(path string, src []byte, found []presentField) ([]byte, error) {
	if len(found) == len(ci.layout.stmts) {
		return nil, rewrite.Errorf(rewrite.ErrRefused, path, ci.class.Line, 0,
			"removing the fields would leave class %s with no body", ci.class.Name).
			WithHint("remove the fields by hand")
	}
	gone := map[int]bool{}
	for _, p := range found {
		gone[p.index] = true
	}
	var edits []rewrite.Edit
	for _, p := range found {
		start, end := rewrite.LineStart(src, p.stmt.start), rewrite.LineEnd(src, p.stmt.end)
		if !blankText(src[start:p.stmt.start]) || ci.sharesLine(src, p.index) {
			return nil, rewrite.Errorf(rewrite.ErrRefused, path, p.field.Line, 0,
				"field %s shares its line with another statement", p.field.Name).
				WithHint("put it on a line of its own, or remove it by hand")
		}
		if first := p.index == 0 || !gone[p.index-1]; first && ci.leavesSectionEmpty(src, p, gone) {
			start = ci.sectionStart(src, p.index)
		}
		edits = append(edits, rewrite.Edit{Start: start, End: end})
	}
	out, err := rewrite.Apply(src, merge(edits))
	if err != nil {
		return nil, fmt.Errorf("%s: removing fields from %s: %w", path, ci.class.Name, err)
	}
	return out, nil
}

// sharesLine reports whether statement i has another statement of the
// class body on one of its lines.
func (ci *classInfo) sharesLine(src []byte, i int) bool {
	s := ci.layout.stmts[i]
	if i > 0 && rewrite.LineStart(src, ci.layout.stmts[i-1].end) == rewrite.LineStart(src, s.start) {
		return true
	}
	return i+1 < len(ci.layout.stmts) && rewrite.LineStart(src, ci.layout.stmts[i+1].start) == rewrite.LineStart(src, s.end)
}

// leavesSectionEmpty reports whether p opens a "# Section" group (its
// section comment is right above it) whose fields all go, and whether what
// follows the group is a blank line or the end of the body (or another
// section's comment, when no blank line stands above this one), so that
// taking the comment and the blank lines before it keeps the spacing.
func (ci *classInfo) leavesSectionEmpty(src []byte, p presentField, gone map[int]bool) bool {
	g := ci.gapBefore(src, p.index)
	if len(g.comments) == 0 || g.blankAfterComment || !sameSection(g.comments[len(g.comments)-1], p.spec.Section) {
		return false
	}
	last := p.index
	for last+1 < len(ci.layout.stmts) && gone[last+1] {
		if next := ci.gapBefore(src, last+1); next.blanks > 0 || len(next.comments) > 0 {
			break
		}
		last++
	}
	after := rewrite.LineEnd(src, ci.layout.stmts[last].end)
	if last+1 == len(ci.layout.stmts) {
		return after == len(src) || blankText(src[after:rewrite.LineEnd(src, after)]) || !bytes.HasPrefix(bytes.TrimLeft(src[after:], " \t"), []byte("#"))
	}
	next := src[after:rewrite.LineEnd(src, after)]
	// Another section's comment right below, with no blank line above
	// this one: groups written back to back, and the comment goes alone.
	return blankText(next) || (g.blanks == 0 && bytes.HasPrefix(bytes.TrimLeft(next, " \t"), []byte("#")))
}

// sectionStart is where the section comment above statement i starts,
// with the blank lines before it.
func (ci *classInfo) sectionStart(src []byte, i int) int {
	pos := rewrite.LineStart(src, ci.layout.stmts[i].start)
	pos = rewrite.LineStart(src, pos-1) // the comment line
	floor := rewrite.LineEnd(src, ci.layout.header)
	if i > 0 {
		floor = rewrite.LineEnd(src, ci.layout.stmts[i-1].end)
	}
	for pos > floor {
		prev := rewrite.LineStart(src, pos-1)
		if !blankText(src[prev:pos]) {
			break
		}
		pos = prev
	}
	return pos
}

// blankText reports whether b holds only white space.
func blankText(b []byte) bool {
	return len(bytes.TrimSpace(b)) == 0
}

// merge joins edits whose ranges touch or overlap, so that Apply accepts
// them.
func merge(edits []rewrite.Edit) []rewrite.Edit {
	var out []rewrite.Edit
	for _, e := range edits {
		if n := len(out); n > 0 && e.Start <= out[n-1].End {
			out[n-1].End = max(out[n-1].End, e.End)
			continue
		}
		out = append(out, e)
	}
	return out
}

// verifyRemoved checks that out still parses, only lost bytes, and that its
// class has exactly the fields of src less the removed ones. It returns out
// parsed (as far as the check reads it).
func verifyRemoved(path string, src, out []byte, ci *classInfo, found []presentField) (*File, error) {
	fail := func(format string, args ...any) error {
		return rewrite.Errorf(rewrite.ErrRefused, path, ci.class.Line, 0,
			"removing fields from class %s would not give the intended Python: %s", ci.class.Name, fmt.Sprintf(format, args...)).
			WithHint("remove the fields by hand")
	}
	if !rewrite.IsDeleteOnly(src, out) {
		return nil, fail("the edit would change existing text")
	}
	g, err := parseChecked(path, out, 0)
	if err != nil {
		return nil, fail("%v", err)
	}
	after := g.classInfo(ci.class.Name)
	if after == nil {
		return nil, fail("the class is gone")
	}
	var names []string
	for _, p := range found {
		if _, ok := after.class.HasField(p.field.Name); ok {
			return nil, fail("field %s is still there", p.field.Name)
		}
		names = append(names, p.field.Name)
	}
	if want := len(ci.class.Fields) - len(found); len(after.class.Fields) != want {
		return nil, fail("the class has %d fields after removing %s, want %d", len(after.class.Fields), strings.Join(names, ", "), want)
	}
	return g, nil
}
