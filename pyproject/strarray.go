package pyproject

import (
	"fmt"
	"slices"
	"strings"

	"github.com/paxx-dev/paxx/rewrite"
)

// A key path names a key of the document from its root: {"tool", "paxx",
// "infra"} is the key infra of the [tool.paxx] table. The operations on
// string arrays take a path of at least two keys, the table and the key.

// errShortPath is the error for a key path without a table.
func errShortPath(keyPath []string) error {
	return fmt.Errorf("pyproject: key path %q names no table and key", keyPath)
}

// dotted writes a key path as TOML does, for messages: tool.paxx.
func dotted(keyPath []string) string {
	parts := make([]string, len(keyPath))
	for i, k := range keyPath {
		parts[i] = tomlKey(k, false)
	}
	return strings.Join(parts, ".")
}

// arrayName names the key at keyPath for messages: [tool.paxx].infra.
func arrayName(keyPath []string) string {
	return "[" + dotted(keyPath[:len(keyPath)-1]) + "]." + tomlKey(keyPath[len(keyPath)-1], false)
}

// StringArray returns the strings of the array at keyPath in file order,
// an empty slice for an empty array, and nil when there is no array
// there. Elements that are not strings are left out. The slice is the
// caller's.
func (f *File) StringArray(keyPath ...string) []string {
	list, ok := lookup(f.data, keyPath...).([]any)
	if !ok {
		return nil
	}
	out := make([]string, 0, len(list))
	for _, v := range list {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// IsTable reports whether the document has a table (of any form) at
// keyPath, with or without keys.
func (f *File) IsTable(keyPath ...string) bool {
	_, ok := lookup(f.data, keyPath...).(map[string]any)
	return ok
}

// AddArrayItem ensures that item is an element of the string array at
// keyPath (a table's path and a key: {"tool", "paxx", "infra"}), following
// the array's layout as AddDependency follows the dependencies array:
// inline or one element a line, with or without a trailing comma, in the
// array's quote style, at its sorted place when its elements are sorted
// (ignoring case), else at its end. A missing key is added to the table
// as its last key, in the table's quote style and spacing around "=";
// a missing table is created as a [table] header at the end of the file,
// after the last line that is not blank and as many blank lines as the
// file puts before its last table, the blank lines that ended the file
// still ending it. A value at keyPath that is not an array of strings, a
// table path that is not a table, or an inline table on the way is
// refused (rewrite.ErrRefused).
//
// It returns the file after the edit, parsed again by the check that
// every edit passes (f itself when item was there), so that the next edit
// need not parse it once more.
func (f *File) AddArrayItem(keyPath []string, item string) (*File, []rewrite.Action, error) {
	if len(keyPath) < 2 {
		return nil, nil, errShortPath(keyPath)
	}
	path, src := f.path, f.src
	table, key := keyPath[:len(keyPath)-1], keyPath[len(keyPath)-1]
	name := arrayName(keyPath)
	what := item + " in " + name
	holds := func(g *File) bool { return slices.Contains(g.StringArray(keyPath...), item) }
	if v := lookup(f.data, table...); v != nil {
		if _, ok := v.(map[string]any); !ok {
			return nil, nil, f.refused(table, "%s is %s, not a table", dotted(table), tomlType(v)).
				WithHint("make it a [%s] table, or remove it", dotted(table))
		}
	}
	nl := rewrite.Newline(src)
	if e := f.doc.entryAt(keyPath); e != nil {
		a := e.value
		if a.kind != arrayKind {
			return nil, nil, rewrite.RefusedAt(path, src, e.keys[0].start, "%s is %s, not an array", name, tomlType(lookup(f.data, keyPath...))).
				WithHint("write it as an array of strings, such as [%q]", item)
		}
		keys := make([]string, len(a.items))
		for i, it := range a.items {
			if it.kind != stringKind {
				return nil, nil, rewrite.RefusedAt(path, src, max(it.span.start, e.keys[0].start), "%s holds %s, not a string", name, kindName(it.kind)).
					WithHint("make every element a string")
			}
			if it.str == item {
				return f, nil, nil
			}
			keys[i] = strings.ToLower(it.str)
		}
		ins, ok := arrayInsert(src, a, tomlString(item, f.doc.quoteStyle([]*entry{e})), rewrite.SortedPosition(keys, strings.ToLower(item)), f.doc.indentUnit(), nl)
		if !ok {
			return nil, nil, rewrite.RefusedAt(path, src, e.keys[0].start, "%s holds an element paxx cannot place", name).
				WithHint("add %q yourself", item)
		}
		return f.finish(ins, what, holds)
	}
	if st, ok := f.doc.site(table); ok {
		line := st.prefix + tomlKey(key, false) + f.doc.assignment(st.entries) + "[" + tomlString(item, f.doc.quoteStyle(st.entries)) + "]"
		return f.finish(rewrite.LineInsertion(src, st.after, line, nl), what, holds)
	}
	for n := 1; n <= len(table); n++ {
		if e := f.doc.entryAt(table[:n]); e != nil {
			return nil, nil, rewrite.RefusedAt(path, src, e.keys[0].start, "%s is an inline table, which cannot take a [%s] table", dotted(table[:n]), dotted(table)).
				WithHint("write it as a [%s] table, then run paxx again", dotted(table[:n]))
		}
	}
	return f.finish(f.newTable(table, key, "["+tomlString(item, f.doc.quoteStyle(nil))+"]", nl), what, holds)
}

// newTable appends a table whose one key is key, with the TOML text array
// as its value, separated from what comes before by as many blank lines
// as the file puts before its last table.
func (f *File) newTable(table []string, key, array, nl string) rewrite.Insertion {
	src := f.src
	body := "[" + dotted(table) + "]" + nl + tomlKey(key, false) + f.doc.assignment(nil) + array
	if len(src) == 0 || string(src) == rewrite.BOM {
		return rewrite.Insertion{Edits: []rewrite.Edit{{Start: len(src), End: len(src), Text: body + nl}}}
	}
	// The table goes after the file's last line that is not blank, before
	// the blank lines that end the file, which stay at its end: the file
	// keeps its own ending, and the file before the addition is the only
	// one from which it gives its result.
	at := rewrite.ContentEnd(src)
	lead := ""
	final := nl
	if at == len(src) && !rewrite.EndsWithNewline(src) {
		lead, final = nl, ""
	}
	lead += strings.Repeat(nl, f.doc.tableSpacing())
	return rewrite.Insertion{Edits: []rewrite.Edit{{Start: at, End: at, Text: lead + body + final}}, At: len(lead)}
}

// tableSpacing returns the number of blank lines above the file's last
// table header and the comment lines directly over it: 1 or 2, and 1 when
// the file has no table.
func (d *document) tableSpacing() int {
	for i := len(d.sections) - 1; i > 0; i-- {
		s := d.sections[i]
		at := rewrite.LineStart(d.src, s.header.start)
		for at > 0 {
			above := rewrite.LineStart(d.src, at-1)
			if j := rewrite.SkipBlanks(d.src, above); j >= len(d.src) || d.src[j] != '#' {
				break
			}
			at = above
		}
		blank := 0
		for at > 0 && blank < 2 {
			above := rewrite.LineStart(d.src, at-1)
			if len(strings.TrimSpace(string(d.src[above:at]))) > 0 {
				break
			}
			blank++
			at = above
		}
		return max(blank, 1)
	}
	return 1
}
