package python

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Expr is a default written into the source as it is: a Python expression
// such as `Field(default=10, ge=1)` or `["a", "b"]`, for the defaults that
// no Go value renders.
type Expr string

// literal renders a Go value as the Python literal for it: a string in the
// module's quote style, an int, a float, True/False, None for nil, or an
// Expr as written.
func literal(v any, quote byte) (string, error) {
	switch x := v.(type) {
	case nil:
		return "None", nil
	case Expr:
		if strings.TrimSpace(string(x)) == "" || strings.ContainsAny(string(x), "\r\n") {
			return "", fmt.Errorf("default expression %q must be one non-empty line", string(x))
		}
		return string(x), nil
	case string:
		return quoteString(x, quote)
	case bool:
		if x {
			return "True", nil
		}
		return "False", nil
	case int:
		return strconv.FormatInt(int64(x), 10), nil
	case int8:
		return strconv.FormatInt(int64(x), 10), nil
	case int16:
		return strconv.FormatInt(int64(x), 10), nil
	case int32:
		return strconv.FormatInt(int64(x), 10), nil
	case int64:
		return strconv.FormatInt(x, 10), nil
	case uint:
		return strconv.FormatUint(uint64(x), 10), nil
	case uint8:
		return strconv.FormatUint(uint64(x), 10), nil
	case uint16:
		return strconv.FormatUint(uint64(x), 10), nil
	case uint32:
		return strconv.FormatUint(uint64(x), 10), nil
	case uint64:
		return strconv.FormatUint(x, 10), nil
	case float32:
		return floatLiteral(float64(x), 32, quote)
	case float64:
		return floatLiteral(x, 64, quote)
	}
	return "", fmt.Errorf("default %v of type %T has no Python literal (use python.Expr for an expression)", v, v)
}

// floatLiteral renders a float the way Python reads it back as a float:
// always with a '.' or an exponent; infinities and NaN as float("...").
func floatLiteral(x float64, bits int, quote byte) (string, error) {
	switch {
	case math.IsNaN(x):
		return floatCall("nan", quote)
	case math.IsInf(x, 1):
		return floatCall("inf", quote)
	case math.IsInf(x, -1):
		return floatCall("-inf", quote)
	}
	s := strconv.FormatFloat(x, 'g', -1, bits)
	if !strings.ContainsAny(s, ".e") {
		s += ".0"
	}
	return s, nil
}

func floatCall(name string, quote byte) (string, error) {
	q, err := quoteString(name, quote)
	return "float(" + q + ")", err
}

// quoteString renders s as a Python str literal in the given quote:
// backslashes, the quote and control characters escaped, other characters
// (UTF-8) written as they are. Invalid UTF-8 has no str value: an error.
func quoteString(s string, quote byte) (string, error) {
	if !utf8.ValidString(s) {
		return "", fmt.Errorf("default %q is not valid UTF-8", s)
	}
	var b strings.Builder
	b.WriteByte(quote)
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == rune(quote):
			b.WriteByte('\\')
			b.WriteByte(quote)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r == 0x85 || r == 0x2028 || r == 0x2029 || r == 0xfeff:
			// Line separators some tools break lines at, and a stray
			// BOM: write them as escapes so the line stays one line.
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte(quote)
	return b.String(), nil
}
