package rewrite

import (
	"bytes"
	"unicode/utf8"
)

// CheckEncoding refuses bytes that no format paxx edits allows in a text
// file: a NUL byte, or bytes that are not UTF-8 (Python, TOML, YAML and
// pip all read these files as UTF-8). The *Error, of kind ErrSyntax, names
// the first such byte's line and column; nil means the text is clean.
func CheckEncoding(path string, src []byte) *Error {
	nul := bytes.IndexByte(src, 0)
	if nul < 0 {
		nul = len(src)
	}
	bad := invalidUTF8(src[:nul])
	switch {
	case bad < nul:
		line, col := Position(src, bad)
		return Errorf(ErrSyntax, path, line, col, "byte 0x%02x is not valid UTF-8", src[bad]).
			WithHint("save the file as UTF-8, then run paxx again")
	case nul < len(src):
		line, col := Position(src, nul)
		return Errorf(ErrSyntax, path, line, col, "NUL byte in a text file").
			WithHint("remove it, then run paxx again")
	}
	return nil
}

// invalidUTF8 returns the offset of the first byte of src that does not
// start a valid UTF-8 sequence, or len(src) when there is none.
func invalidUTF8(src []byte) int {
	if utf8.Valid(src) {
		return len(src)
	}
	for i := 0; i < len(src); {
		r, n := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(src)
}

// CheckNewlines refuses a file that mixes LF and CRLF line endings: a line
// paxx inserts would have to guess which to use, and tools that normalise
// line endings would turn a small edit into a change of every line. It
// also refuses a carriage return that is not part of a CRLF: Python, YAML,
// pip and python-dotenv all read it as a line break of its own (classic
// Mac OS line endings), which paxx does not write. The *Error, of kind
// ErrRefused, names the first line whose ending differs from the file's
// first line ending, or the lone carriage return.
func CheckNewlines(path string, src []byte) *Error {
	if err := CheckLoneCR(path, src); err != nil {
		return err
	}
	first := bytes.IndexByte(src, '\n')
	if first < 0 {
		return nil
	}
	crlf := first > 0 && src[first-1] == '\r'
	for off := first + 1; off < len(src); {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			return nil
		}
		end := off + i
		if (end > 0 && src[end-1] == '\r') != crlf {
			line, _ := Position(src, end)
			want, got := "LF", "CRLF"
			if crlf {
				want, got = "CRLF", "LF"
			}
			return Errorf(ErrRefused, path, line, 1, "mixed line endings: this line ends with %s, the lines before it with %s", got, want).
				WithHint("convert the file to one line ending (for example with dos2unix or unix2dos), then run paxx again")
		}
		off = end + 1
	}
	return nil
}

// CheckLoneCR refuses a carriage return that is not part of a CRLF, as
// CheckNewlines does; a parser that reads it otherwise than Python does
// (tree-sitter sees no line break there) can name it as the cause of its
// error with this.
func CheckLoneCR(path string, src []byte) *Error {
	cr := loneCR(src)
	if cr < 0 {
		return nil
	}
	line, col := Position(src, cr)
	return Errorf(ErrRefused, path, line, col, "a carriage return (CR) alone ends a line here, which paxx does not edit").
		WithHint("convert the file to LF or CRLF line endings (for example with mac2unix), then run paxx again")
}

// loneCR returns the offset of the first carriage return in src that no
// line feed follows, or -1 when there is none.
func loneCR(src []byte) int {
	for off := 0; ; {
		i := bytes.IndexByte(src[off:], '\r')
		if i < 0 {
			return -1
		}
		off += i
		if off+1 == len(src) || src[off+1] != '\n' {
			return off
		}
		off += 2
	}
}
