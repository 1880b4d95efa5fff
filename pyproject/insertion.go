package pyproject

import (
	"fmt"
	"sort"

	"github.com/paxx-dev/paxx/rewrite"
)

// insertion is a set of edits that adds one thing to a source, with the
// place of that thing among the edits, so that the line it lands on in the
// output can be reported.
type insertion struct {
	edits []rewrite.Edit
	mark  int // index in edits of the edit whose text holds the new thing
	at    int // where, in that edit's text, the new thing starts
}

// apply makes the edits and returns the output with the 1-based output line
// where the new thing starts.
func (in insertion) apply(src []byte) ([]byte, int, error) {
	out, err := rewrite.Apply(src, in.edits)
	if err != nil {
		return nil, 0, fmt.Errorf("pyproject: %w", err)
	}
	// Apply orders the edits by offset, keeping the given order on ties:
	// the new thing moves by the growth of every edit placed before it.
	order := make([]int, len(in.edits))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return in.edits[order[a]].Start < in.edits[order[b]].Start })
	off := 0
	for _, i := range order {
		e := in.edits[i]
		if i == in.mark {
			off += e.Start + in.at
			break
		}
		off += len(e.Text) - (e.End - e.Start)
	}
	line, _ := rewrite.Position(out, off)
	return out, line, nil
}

// lineInsertion adds text as a line of its own at offset at, which is the
// start of a line or the end of the source. At the end of a source without
// a final line break the line goes after a new break and stays without one,
// as the file was.
func lineInsertion(src []byte, at int, text, nl string) insertion {
	if at >= len(src) && !rewrite.EndsWithNewline(src) {
		return insertion{edits: []rewrite.Edit{{Start: len(src), End: len(src), Text: nl + text}}, at: len(nl)}
	}
	return insertion{edits: []rewrite.Edit{{Start: at, End: at, Text: text + nl}}}
}
