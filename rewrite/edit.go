package rewrite

import (
	"fmt"
	"sort"
)

// Edit replaces the bytes [Start, End) of a source with Text. An insertion
// has Start == End; a deletion has an empty Text.
type Edit struct {
	Start, End int
	Text       string
}

// Apply returns a copy of src with every edit made. Offsets refer to the
// original src, so edits are independent of one another; they must not
// overlap. Insertions at the same offset keep the order in which they were
// given. src itself is never modified.
func Apply(src []byte, edits []Edit) ([]byte, error) {
	sorted := make([]Edit, len(edits))
	copy(sorted, edits)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Start < sorted[j].Start })
	size := len(src)
	for _, e := range sorted {
		size += len(e.Text) - (e.End - e.Start)
	}
	out := make([]byte, 0, size)
	pos := 0
	for _, e := range sorted {
		if e.Start < pos || e.End < e.Start || e.End > len(src) {
			return nil, fmt.Errorf("rewrite: edit [%d,%d) overlaps another or lies outside the %d-byte source", e.Start, e.End, len(src))
		}
		out = append(out, src[pos:e.Start]...)
		out = append(out, e.Text...)
		pos = e.End
	}
	return append(out, src[pos:]...), nil
}

// IsInsertOnly reports whether new holds every byte of old, in order, with
// only additions between them: the property of a rewrite that adds and never
// removes or changes what the person wrote.
func IsInsertOnly(old, new []byte) bool {
	i := 0
	for j := 0; j < len(new) && i < len(old); j++ {
		if new[j] == old[i] {
			i++
		}
	}
	return i == len(old)
}
