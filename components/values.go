package components

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// pyLiteral renders a default as the Python literal paxx would write, for
// comparing with a field's existing default.
func pyLiteral(v any) string {
	switch v := v.(type) {
	case nil:
		return "None"
	case bool:
		if v {
			return "True"
		}
		return "False"
	case string:
		return strconv.Quote(v)
	default:
		return fmt.Sprint(v)
	}
}

// sameLiteral reports whether two Python literals are the same value as far
// as quoting goes: "x" and 'x' are.
func sameLiteral(a, b string) bool {
	return unquote(a) == unquote(b)
}

func unquote(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		return s[1 : len(s)-1]
	}
	return s
}

// envValue renders a default as a .env value.
func envValue(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case bool:
		return strconv.FormatBool(v)
	default:
		return fmt.Sprint(v)
	}
}

// fileExists reports whether root/rel exists.
func fileExists(root, rel string) bool {
	_, err := os.Stat(filepath.Join(root, filepath.FromSlash(rel)))
	return err == nil
}
