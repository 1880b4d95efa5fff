package compose

import "strings"

// withDefaults interpolates s as Compose would with no variable set: a
// `${VAR:-default}` or `${VAR-default}` gives its default, `$$` a dollar
// sign. known is false when s names a variable without a default (`$VAR`,
// `${VAR}`, `${VAR:?err}`), whose value only the environment paxx does not
// see can give; such a variable reads as "".
func withDefaults(s string) (out string, known bool) {
	if !strings.Contains(s, "$") {
		return s, true
	}
	var b strings.Builder
	known = true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '$' || i+1 == len(s) {
			b.WriteByte(c)
			continue
		}
		switch next := s[i+1]; {
		case next == '$':
			b.WriteByte('$')
			i++
		case next == '{':
			end := strings.IndexByte(s[i:], '}')
			if end < 0 {
				b.WriteString(s[i:])
				return b.String(), false
			}
			expr := s[i+2 : i+end]
			i += end
			if j := strings.IndexAny(expr, ":-?+"); j >= 0 {
				op := expr[j:]
				switch {
				case strings.HasPrefix(op, ":-"):
					b.WriteString(op[2:])
					continue
				case strings.HasPrefix(op, "-"):
					b.WriteString(op[1:])
					continue
				case strings.HasPrefix(op, ":+"), strings.HasPrefix(op, "+"):
					// The alternative applies when the variable is set.
					continue
				}
			}
			known = false
		case next == '_' || 'a' <= next && next <= 'z' || 'A' <= next && next <= 'Z':
			j := i + 1
			for j < len(s) && (s[j] == '_' || 'a' <= s[j] && s[j] <= 'z' || 'A' <= s[j] && s[j] <= 'Z' || '0' <= s[j] && s[j] <= '9') {
				j++
			}
			i = j - 1
			known = false
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), known
}
