package rewrite

import "bytes"

// BOM is the UTF-8 byte order mark that some editors put at the start of a
// file. Rewriters keep it where it was.
const BOM = "\ufeff"

// Newline returns the line ending a file uses: "\r\n" when most of its line
// breaks are CRLF, else "\n". A file without line breaks is taken to use "\n".
func Newline(src []byte) string {
	crlf := bytes.Count(src, []byte("\r\n"))
	lf := bytes.Count(src, []byte("\n")) - crlf
	if crlf > lf {
		return "\r\n"
	}
	return "\n"
}

// Position returns the 1-based line and column of byte offset off in src.
// The column counts characters (runes), as editors show it, not bytes.
func Position(src []byte, off int) (line, col int) {
	if off > len(src) {
		off = len(src)
	}
	if off < 0 {
		off = 0
	}
	line = 1 + bytes.Count(src[:off], []byte("\n"))
	start := LineStart(src, off)
	return line, 1 + len(bytes.Runes(src[start:off]))
}

// Offset returns the byte offset of the start of 1-based line in src, or
// len(src) when src has fewer lines.
func Offset(src []byte, line int) int {
	off := 0
	for l := 1; l < line; l++ {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			return len(src)
		}
		off += i + 1
	}
	return off
}

// LineStart returns the offset of the first byte of the line holding off.
func LineStart(src []byte, off int) int {
	return bytes.LastIndexByte(src[:off], '\n') + 1
}

// LineEnd returns the offset just past the line break of the line holding
// off, or len(src) on a last line without one.
func LineEnd(src []byte, off int) int {
	i := bytes.IndexByte(src[off:], '\n')
	if i < 0 {
		return len(src)
	}
	return off + i + 1
}

// Indentation returns the leading spaces and tabs of the line holding off.
func Indentation(src []byte, off int) string {
	start := LineStart(src, off)
	end := start
	for end < len(src) && (src[end] == ' ' || src[end] == '\t') {
		end++
	}
	return string(src[start:end])
}

// EndsWithNewline reports whether src is empty or ends with a line break, so
// that text appended at its end starts on a line of its own.
func EndsWithNewline(src []byte) bool {
	return len(src) == 0 || src[len(src)-1] == '\n'
}

// WithNewline returns text with every "\n" written as nl, for inserting
// LF-authored text into a file whose line ending is nl.
func WithNewline(text, nl string) string {
	if nl == "\n" {
		return text
	}
	return string(bytes.ReplaceAll([]byte(text), []byte("\n"), []byte(nl)))
}

// BOMLen returns the length of the byte order mark src starts with: 0 when
// it has none.
func BOMLen(src []byte) int {
	if bytes.HasPrefix(src, []byte(BOM)) {
		return len(BOM)
	}
	return 0
}

// EditorPosition is Position as an editor shows it: a byte order mark,
// which editors hide, does not count in the first line's column.
func EditorPosition(src []byte, off int) (line, col int) {
	line, col = Position(src, off)
	if line == 1 && BOMLen(src) > 0 && off >= len(BOM) {
		col--
	}
	return line, col
}

// SkipBlanks returns the offset of the first byte at or after i that is
// not a space or a tab.
func SkipBlanks(src []byte, i int) int {
	for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	return i
}

// ContentEnd returns the offset just past the last line of src that is not
// blank (with its line break): where the blank lines that end the file, if
// any, begin. Text appended to a file goes there, so that those blank
// lines still end it and add stays one-to-one.
func ContentEnd(src []byte) int {
	end := len(src)
	for end > 0 {
		start := LineStart(src, end-1)
		if len(bytes.TrimSpace(src[start:end])) != 0 {
			break
		}
		end = start
	}
	return end
}

// SortedPosition returns where key goes in keys to keep them in order,
// when keys (at least two, none empty) are already in order; otherwise, or
// when key sorts last, len(keys): a list the user did not sort gets the new
// item at its end.
func SortedPosition(keys []string, key string) int {
	if len(keys) < 2 {
		return len(keys)
	}
	for i, k := range keys {
		if k == "" || i > 0 && k < keys[i-1] {
			return len(keys)
		}
	}
	for i, k := range keys {
		if k > key {
			return i
		}
	}
	return len(keys)
}
