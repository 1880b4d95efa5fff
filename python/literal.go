package python

import (
	"strconv"
	"strings"
	"unicode/utf8"

	sitter "github.com/smacker/go-tree-sitter"
)

// stringValue returns the value of a plain string literal node (or of
// adjacent literals, "a" "b"). f-strings, bytes and escapes it does not
// know (\N{...}) are not plain values: ok is false.
func (f *File) stringValue(n *sitter.Node) (string, bool) {
	switch n.Type() {
	case "string":
		return decodeStringLiteral(f.text(n))
	case "concatenated_string":
		var b strings.Builder
		for i := range int(n.NamedChildCount()) {
			c := n.NamedChild(i)
			if c.Type() == "comment" {
				continue
			}
			s, ok := f.stringValue(c)
			if !ok {
				return "", false
			}
			b.WriteString(s)
		}
		return b.String(), true
	}
	return "", false
}

// decodeStringLiteral returns the value of one Python str literal written
// as lit: optional r/u prefix, any of the four quotes, Python's escapes.
func decodeStringLiteral(lit string) (string, bool) {
	i := strings.IndexAny(lit, `"'`)
	if i < 0 {
		return "", false
	}
	prefix := strings.ToLower(lit[:i])
	if strings.ContainsAny(prefix, "fbt") {
		return "", false // f-, b- and t-strings are not plain str values
	}
	q := lit[i : i+1]
	if strings.HasPrefix(lit[i:], q+q+q) && len(lit)-i >= 6 {
		q = q + q + q
	}
	body, ok := strings.CutPrefix(lit[i:], q)
	if !ok {
		return "", false
	}
	body, ok = strings.CutSuffix(body, q)
	if !ok {
		return "", false
	}
	if strings.Contains(prefix, "r") {
		return body, true
	}
	return unescape(body)
}

// unescape interprets the backslash escapes of a non-raw Python str literal.
func unescape(s string) (string, bool) {
	if !strings.Contains(s, `\`) {
		return s, true
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		if c != '\\' || i+1 >= len(s) {
			b.WriteByte(c)
			i++
			continue
		}
		e := s[i+1]
		i += 2
		switch e {
		case '\n':
		case '\r':
			if i < len(s) && s[i] == '\n' {
				i++
			}
		case '\\', '\'', '"':
			b.WriteByte(e)
		case 'a':
			b.WriteByte('\a')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'v':
			b.WriteByte('\v')
		case 'x', 'u', 'U':
			n := 2
			switch e {
			case 'u':
				n = 4
			case 'U':
				n = 8
			}
			if i+n > len(s) {
				return "", false
			}
			r, err := strconv.ParseUint(s[i:i+n], 16, 32)
			if err != nil || r > utf8.MaxRune {
				return "", false
			}
			b.WriteRune(rune(r))
			i += n
		case '0', '1', '2', '3', '4', '5', '6', '7':
			j := i - 1
			for i < len(s) && i-j < 3 && s[i] >= '0' && s[i] <= '7' {
				i++
			}
			r, _ := strconv.ParseUint(s[j:i], 8, 32)
			b.WriteRune(rune(r))
		case 'N':
			return "", false // named characters need Unicode's name table
		default:
			b.WriteByte('\\')
			b.WriteByte(e)
		}
	}
	return b.String(), true
}
