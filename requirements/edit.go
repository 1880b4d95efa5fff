package requirements

import (
	"bytes"
	"strings"

	"github.com/paxx-dev/paxx/rewrite"
)

// refusedAt is the error for a file that paxx will not edit, placed at
// byte offset off of src.
func refusedAt(path string, src []byte, off int, format string, args ...any) *rewrite.Error {
	line, col := position(src, off)
	return rewrite.Errorf(rewrite.ErrRefused, path, line, col, format, args...)
}

// position returns the 1-based line and column of byte offset off in src,
// the column in characters as editors show them: a byte order mark, which
// editors hide, does not count.
func position(src []byte, off int) (line, col int) {
	line, col = rewrite.Position(src, off)
	if line == 1 && len(bomOf(src)) > 0 && off >= len(rewrite.BOM) {
		col--
	}
	return line, col
}

// bomOf returns the byte order mark that src starts with, if any.
func bomOf(src []byte) []byte {
	if bytes.HasPrefix(src, []byte(rewrite.BOM)) {
		return src[:len(rewrite.BOM)]
	}
	return nil
}

// skipBlanks returns the offset of the first byte at or after i that is not
// a space or a tab.
func skipBlanks(src []byte, i int) int {
	for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	return i
}

// contentEnd returns the offset just past the last line of src that is
// not blank (with its line break): where the blank lines that end the
// file, if any, begin.
func contentEnd(src []byte) int {
	end := len(src)
	for end > 0 {
		start := rewrite.LineStart(src, end-1)
		if strings.TrimSpace(string(src[start:end])) != "" {
			break
		}
		end = start
	}
	return end
}

// sortedPosition returns where key goes in keys to keep them in order, when
// keys (at least two, none empty) are already in order; otherwise, or when
// key sorts last, len(keys): the new line is appended.
func sortedPosition(keys []string, key string) int {
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

// lineEdit adds text as a line of its own at offset at, which is the start
// of a line or the end of the source: the edit, and where in its text the
// line starts. At the end of a source without a final line break the line
// goes after a new break and stays without one, as the file was.
func lineEdit(src []byte, at int, text, nl string) (rewrite.Edit, int) {
	if at >= len(src) && !rewrite.EndsWithNewline(src) {
		return rewrite.Edit{Start: len(src), End: len(src), Text: nl + text}, len(nl)
	}
	return rewrite.Edit{Start: at, End: at, Text: text + nl}, 0
}
