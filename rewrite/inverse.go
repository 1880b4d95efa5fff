package rewrite

import (
	"bytes"
	"sort"
)

// Redo re-applies the addition being undone: given a candidate source, it
// returns what the add operation makes of it.
type Redo func(candidate []byte) ([]byte, error)

// How far Undo looks around the item for text that the add operation
// inserted with it: a section comment and blank lines before, a key that it
// created, blank lines after.
const (
	undoLinesBefore = 4
	undoLinesAfter  = 3
)

// Undo finds the exact inverse of an insert-only addition. src holds an
// item at [start, end) that an add operation may have inserted, together
// with text around it (a separator, a section comment, blank lines, the
// key that held nothing before). Undo tries the deletions of src that take
// out [start, end) and at most a few whole lines or a separator around it,
// largest first, and returns the first candidate c for which redo(c)
// gives back src byte for byte and that check (when not nil) accepts:
// removing that text is exactly what undoes the addition. check rules out
// a candidate that the addition would map to src too but that is not src
// less the item (a block scalar's kept blank line taken with it, say). ok
// is false when no candidate does (the file was edited since, or the item
// was not added that way); the caller then falls back to a smaller
// deletion of its own.
//
// Each distinct candidate is tried once: two deletions that give the same
// bytes (a line and its line break taken from either side of a blank
// line) are one candidate, as redo and check see only the bytes. The
// order is what makes the answer right, so it is kept even though the
// candidate that wins is usually one of the smallest: add∘remove must
// give back the file that add was given, and several candidates (the [tool.paxx] table
// that add created with its array, or only the array's element) redo to
// src; only trying the larger ones first tells them apart.
func Undo(src []byte, start, end int, redo Redo, check func(candidate []byte) error) (out []byte, ok bool) {
	if start < 0 || end > len(src) || start >= end {
		return nil, false
	}
	ranges := undoRanges(src, start, end)
	tried := make(map[string]bool, len(ranges))
	try := func(c []byte) bool {
		if tried[string(c)] {
			return false
		}
		tried[string(c)] = true
		again, err := redo(c)
		return err == nil && bytes.Equal(again, src) && (check == nil || check(c) == nil)
	}
	for _, r := range ranges {
		c := make([]byte, 0, len(src)-(r[1]-r[0]))
		c = append(append(c, src[:r[0]]...), src[r[1]:]...)
		if try(c) {
			return c, true
		}
	}
	// An element appended after the last one of a list without a trailing
	// comma comes with a comma after that last one, which may be lines
	// above it, past comments.
	for _, r := range ranges {
		for _, comma := range commasBefore(src, r[0]) {
			c := make([]byte, 0, len(src)-(r[1]-r[0])-1)
			c = append(append(append(c, src[:comma]...), src[comma+1:r[0]]...), src[r[1]:]...)
			if try(c) {
				return c, true
			}
		}
	}
	return nil, false
}

// commasBefore finds the commas that may end the list element before off,
// with only white space and '#' comments between them. A '#' may start a
// comment or sit inside a string ("pkg>=1 # note" or "a#b"), which only
// the format's parser could tell: each '#' of the element's line is tried
// as the start of a comment, as is none, and redo tells which is right.
func commasBefore(src []byte, off int) []int {
	for p := off; p > 0; {
		ls := LineStart(src, p-1)
		line := src[ls:p]
		code := line
		if i := bytes.IndexByte(line, '#'); i >= 0 {
			code = line[:i]
		}
		if len(bytes.TrimRight(code, " \t\r\n")) == 0 {
			p = ls // a blank or comment line: the element is above it
			continue
		}
		var out []int
		for cut := len(line); cut >= 0; cut = bytes.LastIndexByte(line[:cut], '#') {
			if t := bytes.TrimRight(line[:cut], " \t\r\n"); len(t) > 0 && t[len(t)-1] == ',' {
				out = append(out, ls+len(t)-1)
			}
		}
		return out
	}
	return nil
}

// undoRanges lists the candidate deletions around [start, end), largest
// first, each once.
func undoRanges(src []byte, start, end int) [][2]int {
	starts := []int{start}
	if p := skipBack(src, start, " \t"); p < start {
		starts = append(starts, p)
	}
	if p := skipBack(src, start, " \t\r\n"); p > 0 {
		starts = append(starts, p)
		if src[p-1] == ',' {
			starts = append(starts, p-1)
		}
	}
	// At the end of a file without a final newline, an addition starts
	// with the line break that ends the line before it.
	noFinal := !EndsWithNewline(src)
	for l, p := 0, LineStart(src, start); l <= undoLinesBefore; l++ {
		starts = append(starts, p)
		if p == 0 {
			break
		}
		if noFinal {
			starts = append(starts, skipBack(src, p, "\r\n"))
		}
		p = LineStart(src, p-1)
	}
	ends := []int{end}
	if p := skipForward(src, end, " \t"); p > end {
		ends = append(ends, p)
		if p < len(src) && src[p] == ',' {
			ends = append(ends, skipForward(src, p+1, " \t"))
		}
	} else if end < len(src) && src[end] == ',' {
		ends = append(ends, end+1, skipForward(src, end+1, " \t"))
	}
	for l, p := 0, LineEnd(src, max(end-1, start)); l <= undoLinesAfter; l++ {
		ends = append(ends, p)
		if p == len(src) {
			break
		}
		p = LineEnd(src, p)
	}
	if bytes.HasPrefix(src, []byte(BOM)) && start >= len(BOM) {
		starts = append(starts, len(BOM)) // the mark stays where the text goes
	}
	seen := map[[2]int]bool{}
	var out [][2]int
	for _, a := range starts {
		for _, b := range ends {
			r := [2]int{a, b}
			if a <= start && b >= end && !seen[r] {
				seen[r] = true
				out = append(out, r)
			}
		}
	}
	// Largest first, but those that keep the file's final line break (or
	// its lack) before those that do not: most additions keep it, and a
	// file without one is otherwise ambiguous.
	final := EndsWithNewline(src)
	keeps := func(r [2]int) bool {
		if r[1] < len(src) {
			return true
		}
		if r[0] == 0 || (r[0] == len(BOM) && bytes.HasPrefix(src, []byte(BOM))) {
			return true // nothing is left before it: an empty file
		}
		return (src[r[0]-1] == '\n') == final
	}
	sort.SliceStable(out, func(i, j int) bool {
		if ki, kj := keeps(out[i]), keeps(out[j]); ki != kj {
			return ki
		}
		return out[i][1]-out[i][0] > out[j][1]-out[j][0]
	})
	return out
}

// skipBack returns the offset before the run of bytes from set that ends at
// off.
func skipBack(src []byte, off int, set string) int {
	for off > 0 && bytes.IndexByte([]byte(set), src[off-1]) >= 0 {
		off--
	}
	return off
}

// skipForward returns the offset after the run of bytes from set that
// starts at off.
func skipForward(src []byte, off int, set string) int {
	for off < len(src) && bytes.IndexByte([]byte(set), src[off]) >= 0 {
		off++
	}
	return off
}

// IsDeleteOnly reports whether new is old with bytes taken out and none
// added: the check that a removal kept everything else.
func IsDeleteOnly(old, new []byte) bool {
	return IsInsertOnly(new, old)
}

// RedoWith makes the Redo of a format's add operation: it parses a
// candidate as the file at path with parse, runs add on it and gives the
// bytes of the result. It is how each format package hands Undo the
// addition to find the inverse of.
func RedoWith[F interface{ Bytes() []byte }](parse func(path string, src []byte) (F, error), path string, add func(F) (F, []Action, error)) Redo {
	return func(c []byte) ([]byte, error) {
		f, err := parse(path, c)
		if err != nil {
			return nil, err
		}
		g, _, err := add(f)
		if err != nil {
			return nil, err
		}
		return g.Bytes(), nil
	}
}
