package dotenv

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/paxx-dev/paxx/rewrite"
)

// nameRE is the form of a variable name that every reader of .env files
// and every shell accepts.
var nameRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// checkText fails with ErrSyntax at the first NUL byte or invalid UTF-8
// sequence of src: a .env file is text, and python-dotenv reads it as
// UTF-8.
func checkText(path string, src []byte) error {
	for off := 0; off < len(src); {
		r, size := utf8.DecodeRune(src[off:])
		switch {
		case r == 0:
			line, col := rewrite.Position(src, off)
			return rewrite.Errorf(rewrite.ErrSyntax, path, line, col, "NUL byte in a .env file").
				WithHint("a .env file is text; remove the byte or recreate the file")
		case r == utf8.RuneError && size == 1:
			line, col := rewrite.Position(src, off)
			return rewrite.Errorf(rewrite.ErrSyntax, path, line, col, "invalid UTF-8 (byte 0x%02x)", src[off]).
				WithHint("save the file as UTF-8")
		}
		off += size
	}
	return nil
}

// checkVars returns vars without repeated names, after checking that each
// can be written to a .env file. A failure is the caller's mistake, not
// the file's.
func checkVars(vars []Var) ([]Var, error) {
	seen := map[string]bool{}
	out := make([]Var, 0, len(vars))
	for _, v := range vars {
		switch {
		case !nameRE.MatchString(v.Name):
			return nil, fmt.Errorf("dotenv: invalid variable name %q", v.Name)
		case !utf8.ValidString(v.Value) || strings.ContainsRune(v.Value, 0):
			return nil, fmt.Errorf("dotenv: value of %s is not text", v.Name)
		case seen[v.Name]:
			continue
		}
		seen[v.Name] = true
		out = append(out, v)
	}
	return out, nil
}
