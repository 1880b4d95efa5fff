package requirements

import (
	"fmt"
	"unicode/utf8"

	"github.com/paxx-dev/paxx/rewrite"
)

// checkLineBreaks refuses a requirements file with a line break that pip
// reads and paxx does not. pip splits the file with Python's
// str.splitlines, which breaks lines at a carriage return alone and at
// a few control and Unicode separators as well as at LF and CRLF; paxx
// finds lines, and writes them, by LF and CRLF only. With any other break
// in the file the two would read different lines, and a line paxx adds or
// removes could join or split the user's: ErrRefused at the first one.
func checkLineBreaks(path string, src []byte) error {
	for off := 0; off < len(src); {
		r, size := utf8.DecodeRune(src[off:])
		if name := pipOnlyBreak(r, src[off+size:]); name != "" {
			return rewrite.RefusedAt(path, src, off, "%s: pip reads it as a line break, paxx only LF and CRLF", name).
				WithHint("save the file with LF (or CRLF) line endings and no other line separators, then run paxx again")
		}
		off += size
	}
	return nil
}

// pipOnlyBreak names r when str.splitlines breaks a line at it but it is
// not part of an LF or CRLF line ending (rest is what follows r); else "".
func pipOnlyBreak(r rune, rest []byte) string {
	switch r {
	case '\r':
		if len(rest) > 0 && rest[0] == '\n' {
			return ""
		}
		return "a carriage return not followed by a line feed"
	case '\v':
		return "a vertical tab"
	case '\f':
		return "a form feed"
	case 0x1c, 0x1d, 0x1e, 0x85, 0x2028, 0x2029:
		return fmt.Sprintf("the separator U+%04X", r)
	}
	return ""
}
