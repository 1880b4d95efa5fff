package dotenv

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/paxx-dev/paxx/rewrite"
)

// kind tells what one entry of a .env file is.
type kind int

const (
	comment kind = iota // a line whose first non-blank character is "#"
	binding             // NAME, NAME=value, export NAME=value...
	invalid             // a line python-dotenv cannot read, which it skips
)

// entry is one logical line of a .env file: a comment, a binding (which
// may span several lines when its value is quoted) or an unreadable line.
// Blank lines are not entries; each entry counts those before it.
type entry struct {
	kind       kind
	start, end int // byte range in the source, line break included
	blank      int // blank lines between the previous entry (or the start) and this one
	name       string
	hasValue   bool   // the binding has "=": it sets name, maybe to ""
	value      string // the value as python-dotenv decodes it, without interpolation
	quote      byte   // '\'', '"' or 0 for an unquoted value
	export     bool   // the binding starts with "export "
	spaced     bool   // there is blank space before or after "="
}

// names returns the names that entries set, each once, in order.
func names(entries []entry) []string {
	var names []string
	seen := map[string]bool{}
	for _, e := range entries {
		if e.kind == binding && e.hasValue && !seen[e.name] {
			seen[e.name] = true
			names = append(names, e.name)
		}
	}
	return names
}

// parse splits src into entries as python-dotenv reads it. It accepts any
// bytes: invalid UTF-8 is kept byte for byte and never blank space.
func parse(src []byte) []entry {
	s := string(src)
	p := 0
	if strings.HasPrefix(s, rewrite.BOM) {
		p = len(rewrite.BOM)
	}
	entries := make([]entry, 0, strings.Count(s, "\n")+1)
	for {
		gap := p
		p = skip(s, p, isSpace)
		if p >= len(s) {
			return entries
		}
		e := scanEntry(s, p)
		e.blank = strings.Count(s[gap:p], "\n")
		entries = append(entries, e)
		p = e.end
	}
}

// scanEntry reads the entry that starts at p, a non-blank character.
func scanEntry(s string, p int) entry {
	e := entry{start: p}
	if s[p] == '#' {
		e.kind = comment
		e.end = lineBreakEnd(s, lineEnd(s, p))
		return e
	}
	q, ok := scanBinding(s, p, &e)
	if !ok {
		// python-dotenv skips the rest of the line from where it failed.
		return entry{kind: invalid, start: p, end: lineBreakEnd(s, lineEnd(s, q))}
	}
	e.kind, e.end = binding, q
	return e
}

// scanBinding reads "[export ]NAME[ = value][ # comment]" and its line
// break at p into e. It returns where it stopped and whether it succeeded;
// on failure, the offset is where the line stopped making sense.
func scanBinding(s string, p int, e *entry) (int, bool) {
	if strings.HasPrefix(s[p:], "export") {
		if after := skip(s, p+len("export"), isBlank); after > p+len("export") {
			e.export = true
			p = after
		}
	}
	name, p, ok := scanName(s, p)
	if !ok {
		return p, false
	}
	e.name = name
	afterName := p
	p = skip(s, p, isBlank)
	if p < len(s) && s[p] == '=' {
		e.hasValue = true
		afterEq := skip(s, p+1, isBlank)
		e.spaced = p > afterName || afterEq > p+1
		if p, ok = scanValue(s, afterEq, e); !ok {
			return p, false
		}
	}
	p = skip(s, p, isBlank)
	if p < len(s) && s[p] == '#' {
		p = lineEnd(s, p)
	}
	p = skip(s, p, isBlank)
	if p < len(s) && s[p] != '\n' && s[p] != '\r' {
		return p, false
	}
	return lineBreakEnd(s, p), true
}

// scanName reads a name: one in single quotes, or a run of characters
// other than "=", "#" and blank space.
func scanName(s string, p int) (string, int, bool) {
	if p < len(s) && s[p] == '\'' {
		i := strings.IndexByte(s[p+1:], '\'')
		if i <= 0 {
			return "", p, false
		}
		return s[p+1 : p+1+i], p + i + 2, true
	}
	end := skip(s, p, func(r rune) bool { return r != '=' && r != '#' && !isSpace(r) })
	return s[p:end], end, end > p
}

// scanValue reads the value at p into e and returns where it ends.
func scanValue(s string, p int, e *entry) (int, bool) {
	if p >= len(s) || s[p] == '\n' || s[p] == '\r' {
		return p, true
	}
	if q := s[p]; q == '\'' || q == '"' {
		raw, end, ok := scanQuoted(s, p)
		if !ok {
			return p, false
		}
		e.quote, e.value = q, unescape(raw, q)
		return end, true
	}
	end := lineEnd(s, p)
	e.value = unquoted(s[p:end])
	return end, true
}

// scanQuoted reads the quoted string whose opening quote is at p, as the
// pattern `'((?:\\'|[^'])*)'` (or its double-quoted twin) does: a
// backslash-quote pair does not close the string, unless no closing quote
// follows at all — then the quote of the last such pair closes it.
func scanQuoted(s string, p int) (raw string, end int, ok bool) {
	q := s[p]
	lastPair := -1
	for i := p + 1; i < len(s); i++ {
		switch {
		case s[i] == '\\' && i+1 < len(s) && s[i+1] == q:
			lastPair = i
			i++
		case s[i] == q:
			return s[p+1 : i], i + 1, true
		}
	}
	if lastPair < 0 {
		return "", p, false
	}
	return s[p+1 : lastPair+1], lastPair + 2, true
}

// unquoted returns an unquoted value as python-dotenv reads it: without a
// comment that follows blank space, and without trailing blank space.
func unquoted(v string) string {
	for i, r := range v {
		if r == '#' {
			if start := firstOfRun(v, i); start < i {
				return strings.TrimRightFunc(v[:start], isSpace)
			}
		}
	}
	return strings.TrimRightFunc(v, isSpace)
}

// firstOfRun returns where the run of blank space that ends at i begins.
func firstOfRun(v string, i int) int {
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(v[:i])
		if !isSpace(r) {
			break
		}
		i -= size
	}
	return i
}

// unescape decodes the escapes python-dotenv decodes in a quoted value:
// \\ and \' in single quotes; those, \" and \a \b \f \n \r \t \v in double.
func unescape(raw string, quote byte) string {
	if !strings.Contains(raw, `\`) {
		return raw
	}
	var b strings.Builder
	for i := 0; i < len(raw); i++ {
		if raw[i] == '\\' && i+1 < len(raw) {
			if c, ok := escaped(raw[i+1], quote); ok {
				b.WriteByte(c)
				i++
				continue
			}
		}
		b.WriteByte(raw[i])
	}
	return b.String()
}

// escaped returns the character that a backslash and c stand for inside
// quote, if they form an escape.
func escaped(c, quote byte) (byte, bool) {
	switch c {
	case '\\', '\'':
		return c, true
	}
	if quote == '\'' {
		return 0, false
	}
	if i := strings.IndexByte(`"abfnrtv`, c); i >= 0 {
		return "\"\a\b\f\n\r\t\v"[i], true
	}
	return 0, false
}

// skip returns the offset of the first rune at or after p that ok rejects.
func skip(s string, p int, ok func(rune) bool) int {
	for p < len(s) {
		if c := s[p]; c < utf8.RuneSelf {
			if !ok(rune(c)) {
				return p
			}
			p++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[p:])
		if !ok(r) || (r == utf8.RuneError && size == 1) {
			return p
		}
		p += size
	}
	return p
}

// lineEnd returns the offset of the line break at or after p, or len(s).
func lineEnd(s string, p int) int {
	for ; p < len(s); p++ {
		if s[p] == '\n' || s[p] == '\r' {
			return p
		}
	}
	return p
}

// lineBreakEnd returns the offset after the line break at p ("\r\n", "\n"
// or "\r"), or p when none is there.
func lineBreakEnd(s string, p int) int {
	switch {
	case strings.HasPrefix(s[p:], "\r\n"):
		return p + 2
	case p < len(s) && (s[p] == '\n' || s[p] == '\r'):
		return p + 1
	}
	return p
}

// isSpace reports whether r is blank space as Python's regular
// expressions see it (\s), line breaks included.
func isSpace(r rune) bool {
	return unicode.IsSpace(r) || (r >= 0x1c && r <= 0x1f)
}

// isBlank reports whether r is blank space within a line.
func isBlank(r rune) bool {
	return r != '\n' && r != '\r' && isSpace(r)
}
