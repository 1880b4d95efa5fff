package dotenv

import (
	"slices"

	"github.com/paxx-dev/paxx/rewrite"
)

// verify checks that out, whose entries are after, sets each added
// variable to its value, every variable of src to the value it had there,
// and no other variable. at is where the text was added.
func verify(path string, src, out []byte, at int, added []Var, before, after []entry) error {
	had, now := values(before), values(after)
	for _, v := range added {
		if got, ok := now[v.Name]; !ok || got != v.Value {
			return refusal(path, src, out, at, v.Name)
		}
	}
	for name, value := range had {
		if got, ok := now[name]; !ok || got != value {
			return refusal(path, src, out, at, name)
		}
	}
	// A line python-dotenv skipped (an unclosed quote) may read as a
	// variable once the added lines close its quote.
	for name := range now {
		if _, ok := had[name]; !ok && !slices.ContainsFunc(added, func(v Var) bool { return v.Name == name }) {
			return refusal(path, src, out, at, added[0].Name)
		}
	}
	return nil
}

// values returns the value each variable of entries ends up with:
// python-dotenv keeps the last.
func values(entries []entry) map[string]string {
	m := map[string]string{}
	for _, e := range entries {
		if e.kind == binding && e.hasValue {
			m[e.name] = e.value
		}
	}
	return m
}

// refusal explains why the lines added at at do not read as intended:
// most often a quote opened above them and never closed, which now takes
// them in.
func refusal(path string, src, out []byte, at int, name string) error {
	for _, e := range parse(out) {
		if e.start < at && e.end > at {
			line, col := rewrite.Position(src, e.start)
			return rewrite.Errorf(rewrite.ErrRefused, path, line, col,
				"cannot add %s: a quote opened here is not closed, so the lines added below it would become part of this value", name).
				WithHint("close the quote, then run paxx again")
		}
	}
	line, col := rewrite.Position(out, at)
	return rewrite.Errorf(rewrite.ErrRefused, path, line, col, "cannot add %s: the file would not read it back", name).
		WithHint("add %s to the file by hand", name)
}
