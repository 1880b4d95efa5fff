package dotenv

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/paxx-dev/paxx/rewrite"
)

// RemoveVars returns f without the variables named in vars, the inverse
// of AddVars: given the same section and vars, it undoes exactly what
// AddVars inserted (the "# Section" comment and the blank line before it
// with the variables, when AddVars started the section), and otherwise
// deletes the variables' own lines and, when their "# Section" comment is
// left with no variable under it, that comment and the blank lines before
// it. Variables that are not set are skipped; with none set, f itself
// comes back with no actions. Each action names a removed variable and its
// line in f. The File returned is the reading of the result.
func (f *File) RemoveVars(section string, vars []Var) (*File, []rewrite.Action, error) {
	section = strings.TrimSpace(section)
	src, entries := f.src, f.entries
	var found []int // indexes of the bindings to remove, in file order
	var present []Var
	for i, e := range entries {
		if e.kind != binding || !e.hasValue {
			continue
		}
		if k := slices.IndexFunc(vars, func(v Var) bool { return v.Name == e.name }); k >= 0 {
			found = append(found, i)
			if !slices.ContainsFunc(present, func(v Var) bool { return v.Name == e.name }) {
				present = append(present, vars[k])
			}
		}
	}
	if len(found) == 0 {
		return f, nil, nil
	}
	first, last := entries[found[0]], entries[found[len(found)-1]]
	check := func(c []byte) error {
		if err := checkRemoved(entries, parse(c), present); err != nil {
			return err
		}
		if ownSectionLeftEmpty(c, section) {
			return fmt.Errorf("the # %s comment is left with no variable under it", section)
		}
		return nil
	}
	redo := rewrite.RedoWith(Parse, f.path, func(g *File) (*File, []rewrite.Action, error) { return g.AddVars(section, present) })
	out, ok := rewrite.Undo(src, rewrite.LineStart(src, first.start), last.end, redo, check)
	var after []entry
	if ok {
		after = parse(out)
	} else {
		out = deleteVars(src, entries, found, section)
		after = parse(out)
		if err := checkRemoved(entries, after, present); err != nil {
			line, col := rewrite.Position(src, first.start)
			return nil, nil, rewrite.Errorf(rewrite.ErrRefused, f.path, line, col, "removing the variables would not give the intended file: %v", err).
				WithHint("remove them by hand")
		}
	}
	actions := make([]rewrite.Action, len(found))
	for i, k := range found {
		line, _ := rewrite.Position(src, entries[k].start)
		actions[i] = rewrite.Action{Line: line, What: "variable " + entries[k].name}
	}
	return &File{path: f.path, src: out, entries: after}, actions, nil
}

// deleteVars deletes the lines of the bindings found and the section
// comments they leave empty, with the blank lines before those.
func deleteVars(src []byte, entries []entry, found []int, section string) []byte {
	gone := map[int]bool{}
	for _, k := range found {
		gone[k] = true
	}
	var edits []rewrite.Edit
	for _, k := range found {
		start := rewrite.LineStart(src, entries[k].start)
		if h := k - 1; h >= 0 && !gone[h] && entries[k].blank == 0 && entries[h].kind == comment &&
			section != "" && strings.EqualFold(commentTitle(src[entries[h].start:entries[h].end]), section) &&
			sectionLeftEmpty(entries, k, gone) {
			start = rewrite.LineStart(src, entries[h].start)
			if entries[h].blank > 0 && h > 0 {
				start = entries[h-1].end
			}
		}
		if bytes.HasPrefix(src, []byte(rewrite.BOM)) {
			start = max(start, len(rewrite.BOM)) // the mark stays
		}
		edits = append(edits, rewrite.Edit{Start: start, End: entries[k].end})
	}
	out, err := rewrite.Apply(src, edits)
	if err != nil {
		return src // the ranges are disjoint by construction; check reports the failure
	}
	if !terminated(src) && edits[len(edits)-1].End == len(src) {
		// The last line of a file without a final line break went: the
		// line break before it goes too, and the file still ends without
		// one.
		out = bytes.TrimSuffix(out, []byte("\n"))
		out = bytes.TrimSuffix(out, []byte("\r"))
	}
	return out
}

// sectionLeftEmpty reports whether the section that entry k opens loses
// all its bindings: those that follow without a blank line all go.
func sectionLeftEmpty(entries []entry, k int, gone map[int]bool) bool {
	for i := k + 1; i < len(entries) && entries[i].blank == 0; i++ {
		if entries[i].kind == binding && !gone[i] {
			return false
		}
		if entries[i].kind == comment && !gone[i] {
			return false
		}
	}
	return true
}

// checkRemoved checks that after, the entries of the result, no longer
// set the removed variables and still set every other variable of before
// to its value.
func checkRemoved(before, after []entry, removed []Var) error {
	now := values(after)
	for name, value := range values(before) {
		gone := slices.ContainsFunc(removed, func(v Var) bool { return v.Name == name })
		got, ok := now[name]
		switch {
		case gone && ok:
			return fmt.Errorf("%s is still set", name)
		case !gone && (!ok || got != value):
			return fmt.Errorf("%s no longer reads %q", name, value)
		}
	}
	return nil
}

// ownSectionLeftEmpty reports whether src has the comment AddVars heads
// section with ("# Redis") and no variable in the section it heads: what
// removing a section's last variables without the comment paxx wrote
// leaves. A comment AddVars never writes ("### Redis ###", another
// spelling) is the user's own heading, which AddVars joined: a candidate
// that keeps it empty is how the file was before.
func ownSectionLeftEmpty(src []byte, section string) bool {
	if section == "" {
		return false
	}
	entries := parse(src)
	for h, e := range entries {
		if e.kind != comment || !strings.EqualFold(commentTitle(src[e.start:e.end]), section) {
			continue
		}
		if strings.TrimRight(string(src[e.start:e.end]), "\r\n") != commentFor(section) {
			return false // sectionEnd joins the first such comment: the user's
		}
		last, _ := sectionEnd(entries[h:], src, section)
		for _, x := range entries[h : h+last+1] {
			if x.kind == binding {
				return false
			}
		}
		return true
	}
	return false
}
