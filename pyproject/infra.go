package pyproject

import (
	"slices"
	"strings"

	"github.com/paxx-dev/paxx/rewrite"
)

// The record of installed components, as functions so that every caller
// gets a slice of its own.
func paxxPath() []string             { return []string{"tool", "paxx"} }
func recordPath(key string) []string { return []string{"tool", "paxx", key} }

// AddInfra ensures that name is recorded in [tool.paxx] infra, the list of
// the components paxx installed. The array's layout and order are followed
// as AddDependency follows the dependencies array; the key is added to an
// existing [tool.paxx] table, and the table is created at the end of the
// file, after a blank line, when there is none.
func AddInfra(path string, src []byte, name string) ([]byte, []rewrite.Action, error) {
	return addToRecord(path, src, "infra", name)
}

// AddInfra is the function AddInfra on a parsed file. It returns the file
// as it is after the edit, parsed again by the check that every edit
// passes (f itself when name was recorded), so that the next edit need not
// parse it once more.
func (f *File) AddInfra(name string) (*File, []rewrite.Action, error) {
	return f.addToRecord("infra", name)
}

// addToRecord ensures that name is an element of the string array key of
// [tool.paxx] in src.
func addToRecord(path string, src []byte, key, name string) ([]byte, []rewrite.Action, error) {
	f, err := Parse(path, src)
	if err != nil {
		return nil, nil, err
	}
	return source(f.addToRecord(key, name))
}

// addToRecord ensures that name is an element of the string array key of
// [tool.paxx], creating the key or the table as AddInfra describes.
func (f *File) addToRecord(key, name string) (*File, []rewrite.Action, error) {
	path, src := f.path, f.src
	what := name + " in [tool.paxx]." + key
	holds := func(g *File) bool { return slices.Contains(g.record(key), name) }
	keyPath := func() []string { return recordPath(key) }
	if v := lookup(f.data, paxxPath()...); v != nil {
		if _, ok := v.(map[string]any); !ok {
			return nil, nil, f.refused(paxxPath(), "tool.paxx is %s, not a table", tomlType(v)).
				WithHint("make it a [tool.paxx] table, or remove it")
		}
	}
	nl := rewrite.Newline(src)
	if e := f.doc.entryAt(keyPath()); e != nil {
		a := e.value
		if a.kind != arrayKind {
			return nil, nil, refusedAt(path, src, e.keys[0].start, "[tool.paxx].%s is %s, not an array", key, tomlType(lookup(f.data, keyPath()...))).
				WithHint("write it as an array of component names, such as [%q]", name)
		}
		keys := make([]string, len(a.items))
		for i, it := range a.items {
			if it.kind != stringKind {
				return nil, nil, refusedAt(path, src, max(it.span.start, e.keys[0].start), "[tool.paxx].%s holds %s, not a string", key, kindName(it.kind)).
					WithHint("make every element a string")
			}
			if it.str == name {
				return f, nil, nil
			}
			keys[i] = strings.ToLower(it.str)
		}
		ins, ok := arrayInsert(src, a, tomlString(name, f.doc.quoteStyle([]*entry{e})), sortedPosition(keys, strings.ToLower(name)), f.doc.indentUnit(), nl)
		if !ok {
			return nil, nil, refusedAt(path, src, e.keys[0].start, "[tool.paxx].%s holds an element paxx cannot place", key).
				WithHint("add %q yourself", name)
		}
		return f.finish(ins, what, holds)
	}
	if st, ok := f.doc.site(paxxPath()); ok {
		line := st.prefix + key + f.doc.assignment(st.entries) + "[" + tomlString(name, f.doc.quoteStyle(st.entries)) + "]"
		return f.finish(lineInsertion(src, st.after, line, nl), what, holds)
	}
	for n := 1; n <= len(paxxPath()); n++ {
		if e := f.doc.entryAt(paxxPath()[:n]); e != nil {
			return nil, nil, refusedAt(path, src, e.keys[0].start, "%s is an inline table, which cannot take a [tool.paxx] record", strings.Join(paxxPath()[:n], ".")).
				WithHint("write it as a [%s] table, then run paxx again", strings.Join(paxxPath()[:n], "."))
		}
	}
	return f.finish(f.newPaxxTable(key, "["+tomlString(name, f.doc.quoteStyle(nil))+"]", nl), what, holds)
}

// newPaxxTable appends a [tool.paxx] table whose one key is key, with the
// TOML text array as its value, separated from what comes before by as
// many blank lines as the file puts before its last table.
func (f *File) newPaxxTable(key, array, nl string) insertion {
	src := f.src
	body := "[tool.paxx]" + nl + key + f.doc.assignment(nil) + array
	if len(src) == 0 || string(src) == rewrite.BOM {
		return insertion{edits: []rewrite.Edit{{Start: len(src), End: len(src), Text: body + nl}}}
	}
	// The table goes after the file's last line that is not blank, before
	// the blank lines that end the file, which stay at its end: the file
	// keeps its own ending, and the file before the addition is the only
	// one from which it gives its result.
	at := contentEnd(src)
	lead := ""
	final := nl
	if at == len(src) && !rewrite.EndsWithNewline(src) {
		lead, final = nl, ""
	}
	lead += strings.Repeat(nl, f.doc.tableSpacing())
	return insertion{edits: []rewrite.Edit{{Start: at, End: at, Text: lead + body + final}}, at: len(lead)}
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
			if j := skipBlanks(d.src, above); j >= len(d.src) || d.src[j] != '#' {
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

// contentEnd returns the offset just past the last line of src that is
// not blank (with its line break): where the blank lines that end the
// file, if any, begin.
func contentEnd(src []byte) int {
	end := len(src)
	for end > 0 {
		start := rewrite.LineStart(src, end-1)
		if strings.TrimSpace(string(src[start:end])) != "" {
			break
		}
		end = start
	}
	return end
}
