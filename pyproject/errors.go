package pyproject

import (
	"errors"
	"strings"

	"github.com/paxx-dev/paxx/rewrite"
	"github.com/pelletier/go-toml/v2"
)

// decodeError turns the decoder's complaint about the TOML text that starts
// at base in src into a syntax error at its place in src.
func decodeError(path string, src []byte, base int, err error) *rewrite.Error {
	var de *toml.DecodeError
	if errors.As(err, &de) {
		line, col := de.Position()
		return syntaxError(path, src, base, line, col, de.Error())
	}
	return syntaxError(path, src, base, 0, 0, err.Error())
}

// syntaxError is the error for TOML text that its parser rejects. The
// parser's line and byte column count from base; the error gives the place
// in src with the column in characters, as editors show it.
func syntaxError(path string, src []byte, base, line, col int, msg string) *rewrite.Error {
	msg = "invalid TOML: " + trimTOMLPrefix(msg)
	if line < 1 || col < 1 {
		return rewrite.Errorf(rewrite.ErrSyntax, path, 0, 0, "%s", msg)
	}
	l, c := rewrite.EditorPosition(src, min(base+rewrite.Offset(src[base:], line)+col-1, len(src)))
	return rewrite.Errorf(rewrite.ErrSyntax, path, l, c, "%s", msg).
		WithHint("fix the file so that it is valid TOML, then run paxx again")
}

// trimTOMLPrefix drops the "toml: " that go-toml puts before its messages.
func trimTOMLPrefix(msg string) string {
	return strings.TrimPrefix(msg, "toml: ")
}
