package rewrite

import "sort"

// Insertion is the set of edits that adds one thing to a source (a line, an
// array element, a group of lines), with the mark of where that thing
// starts among them. Most insertions are one edit; some take more, such as
// an element appended to a multi-line list that needs a comma after the
// element before it. The mark lets Apply report the line the new thing
// lands on in the output, which is the line of the action a rewriter
// reports, however the edits around it shift it.
type Insertion struct {
	// Edits are the edits to make, with offsets in the original source
	// (see the function Apply).
	Edits []Edit
	// Mark is the index in Edits of the edit whose text holds the new
	// thing.
	Mark int
	// At is where, in the text of that edit, the new thing starts: after
	// the line breaks and blank lines that lead up to it, say.
	At int
}

// Apply makes the edits of in on src, as the function Apply does, and
// returns the output with the 1-based line of the output where the new
// thing starts. src itself is never modified.
func (in Insertion) Apply(src []byte) (out []byte, line int, err error) {
	out, err = Apply(src, in.Edits)
	if err != nil {
		return nil, 0, err
	}
	// Apply orders the edits by offset, keeping the given order on ties:
	// the new thing moves by the growth of every edit placed before it.
	order := make([]int, len(in.Edits))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return in.Edits[order[a]].Start < in.Edits[order[b]].Start })
	off := 0
	for _, i := range order {
		e := in.Edits[i]
		if i == in.Mark {
			off += e.Start + in.At
			break
		}
		off += len(e.Text) - (e.End - e.Start)
	}
	line, _ = Position(out, off)
	return out, line, nil
}

// LineInsertion adds text as a line of its own at offset at, which is the
// start of a line or the end of src, in the line ending nl. At the end of a
// source without a final line break the line goes after a new break and
// stays without one, as the file was.
func LineInsertion(src []byte, at int, text, nl string) Insertion {
	if at >= len(src) && !EndsWithNewline(src) {
		return Insertion{Edits: []Edit{{Start: len(src), End: len(src), Text: nl + text}}, At: len(nl)}
	}
	return Insertion{Edits: []Edit{{Start: at, End: at, Text: text + nl}}}
}
