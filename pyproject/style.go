package pyproject

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/paxx-dev/paxx/rewrite"
)

// defaultIndent is the indentation of array elements in a file that shows
// none of its own.
const defaultIndent = "    "

// tomlString writes s as a TOML string in the quote style q: a literal
// string (single quotes) when q is a single quote and s allows one, else a
// basic string (double quotes) with the escapes it needs.
func tomlString(s string, q byte) string {
	if q == '\'' && !strings.ContainsAny(s, "'\r\n") && !hasControl(s) {
		return "'" + s + "'"
	}
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		case r == utf8.RuneError:
			b.WriteString(`\uFFFD`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func hasControl(s string) bool {
	for _, r := range s {
		if r < 0x20 || r == 0x7f || r == utf8.RuneError {
			return true
		}
	}
	return false
}

// tomlKey writes k as a bare key when TOML allows one, else quoted.
func tomlKey(k string, quoted bool) string {
	if !quoted && isBareKey(k) {
		return k
	}
	return tomlString(k, '"')
}

// isBareKey reports whether k can be written as a TOML bare key.
func isBareKey(k string) bool {
	if k == "" {
		return false
	}
	for i := 0; i < len(k); i++ {
		if c := k[i]; !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') && c != '-' && c != '_' {
			return false
		}
	}
	return true
}

// quoteOf returns the quote character of the first single-line string
// among vs, or 0 when there is none.
func quoteOf(src []byte, vs []*value) byte {
	for _, v := range vs {
		if v.kind == stringKind && v.span.known() && v.span.end-v.span.start >= 2 {
			if q := src[v.span.start]; src[v.span.end-1] == q && !isTripleQuoted(src, v.span) {
				return q
			}
		}
	}
	return 0
}

// isTripleQuoted reports whether the string at s is a multi-line string.
func isTripleQuoted(src []byte, s span) bool {
	return s.end-s.start >= 6 && (strings.HasPrefix(string(src[s.start:s.end]), `"""`) || strings.HasPrefix(string(src[s.start:s.end]), `'''`))
}

// quoteStyle returns the quote character the document's strings use,
// looking first at the values of the given entries and then at all of the
// document's key-values; '"' when the file shows none.
func (d *document) quoteStyle(near []*entry) byte {
	for _, group := range [][]*entry{near, d.allEntries()} {
		vs := make([]*value, 0, len(group))
		for _, e := range group {
			vs = append(vs, e.value)
			vs = append(vs, e.value.items...)
		}
		if q := quoteOf(d.src, vs); q != 0 {
			return q
		}
	}
	return '"'
}

// allEntries returns the key-values of every section, in file order.
func (d *document) allEntries() []*entry {
	var all []*entry
	for _, s := range d.sections {
		all = append(all, s.entries...)
	}
	return all
}

// assignment returns how the file writes the "=" of a key-value (" = ",
// "=", ...), taken from the last of the given entries that shows it, then
// from any entry; " = " when the file has none.
func (d *document) assignment(near []*entry) string {
	for _, group := range [][]*entry{near, d.allEntries()} {
		for i := len(group) - 1; i >= 0; i-- {
			e := group[i]
			if !e.value.span.known() {
				continue
			}
			sep := string(d.src[e.keys[len(e.keys)-1].end:e.value.span.start])
			if strings.Trim(sep, " \t") == "=" {
				return sep
			}
		}
	}
	return " = "
}

// indentUnit returns the indentation the file gives to the elements of a
// multi-line array relative to the line that opens it.
func (d *document) indentUnit() string {
	for _, e := range d.allEntries() {
		a := e.value
		if a.kind != arrayKind || !a.span.known() {
			continue
		}
		base := rewrite.Indentation(d.src, a.span.start)
		for _, it := range a.items {
			if !it.span.known() || !firstOnLine(d.src, it.span.start) || sameLine(d.src, a.span.start, it.span.start) {
				continue
			}
			if ind := rewrite.Indentation(d.src, it.span.start); len(ind) > len(base) && strings.HasPrefix(ind, base) {
				return ind[len(base):]
			}
		}
	}
	return defaultIndent
}

// firstOnLine reports whether only blanks precede offset off on its line.
func firstOnLine(src []byte, off int) bool {
	return rewrite.SkipBlanks(src, rewrite.LineStart(src, off)) == off
}

// sameLine reports whether offsets a <= b lie on one line.
func sameLine(src []byte, a, b int) bool {
	for i := a; i < b; i++ {
		if src[i] == '\n' {
			return false
		}
	}
	return true
}

// restIsBlank reports whether the line holding off has only blanks, an
// optional comma, and an optional comment from off on.
func restIsBlank(src []byte, off int) bool {
	i := rewrite.SkipBlanks(src, off)
	if i < len(src) && src[i] == ',' {
		i = rewrite.SkipBlanks(src, i+1)
	}
	return i == len(src) || src[i] == '\n' || src[i] == '\r' || src[i] == '#'
}

// multiLineArrays reports whether a new dependency array is to be written
// one element a line, as the file writes its arrays: the non-empty arrays
// among the given entries (the new array's table) decide, then
// [project].dependencies, then any non-empty array of the file; a file
// that shows none writes them on lines, as addDependenciesKey does.
func (d *document) multiLineArrays(near []*entry) bool {
	groups := [][]*entry{near}
	if e := d.entryAt(dependenciesPath()); e != nil {
		groups = append(groups, []*entry{e})
	}
	groups = append(groups, d.allEntries())
	for _, group := range groups {
		for _, e := range group {
			a := e.value
			if a.kind != arrayKind || !a.span.known() || len(a.items) == 0 {
				continue
			}
			return strings.ContainsAny(string(d.src[a.span.start:a.span.end]), "\n")
		}
	}
	return true
}
