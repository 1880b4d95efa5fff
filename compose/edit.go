package compose

import (
	"bytes"
	"fmt"
	"maps"
	"strings"

	"github.com/paxx-dev/paxx/rewrite"
	"gopkg.in/yaml.v3"
)

// insertAfter inserts whole lines after 1-based line (0: at the top of the
// file), preceded by blanks blank lines, in the file's line ending; the new
// thing starts after the blank lines.
func (f *File) insertAfter(line int, lines []string, blanks int, nl string) rewrite.Insertion {
	off := 0
	if line > 0 {
		off = f.lineEnd(line)
	} else if bytes.HasPrefix(f.src, []byte(rewrite.BOM)) {
		off = len(rewrite.BOM)
	}
	// At the end of a file without a final newline the lines go after a
	// line break, and the file still ends without one.
	atEOF := off == len(f.src) && len(f.src) > 0 && !rewrite.EndsWithNewline(f.src)
	var b strings.Builder
	if atEOF {
		b.WriteString(nl)
	}
	b.WriteString(strings.Repeat(nl, blanks))
	at := b.Len()
	for i, l := range lines {
		b.WriteString(l)
		if !atEOF || i < len(lines)-1 {
			b.WriteString(nl)
		}
	}
	return rewrite.Insertion{Edits: []rewrite.Edit{{Start: off, End: off, Text: b.String()}}, At: at}
}

// appendTopLevel adds a top-level entry at the end of the document,
// separated from what comes before as the file separates its top-level
// keys. It goes after the document's last line that is not blank: blank
// lines that end the document stay at its end, so that the file keeps its
// ending and the file before the addition is the only one from which it
// gives its result.
func (f *File) appendTopLevel(lines []string, s style) rewrite.Insertion {
	after := f.endOfText() - 1
	blanks := 0
	if f.root != nil {
		for after > 1 && f.blank(after) {
			after--
		}
		blanks = f.topSpacing()
	}
	return f.insertAfter(after, lines, blanks, s.nl)
}

// flowAppend adds item inside the flow collection n ([...] or {...}), after
// its last item (and after a trailing comma, keeping it last), on the line
// where that item ends.
func (f *File) flowAppend(n *yaml.Node, item string) (rewrite.Insertion, error) {
	start := f.offset(n)
	for start < len(f.src) && f.src[start] != '[' && f.src[start] != '{' {
		start++
	}
	lastSig, trailingComma, ok := scanFlow(f.src, start)
	if !ok {
		return rewrite.Insertion{}, rewrite.Errorf(rewrite.ErrRefused, f.path, n.Line, n.Column,
			"cannot find where this flow collection ends")
	}
	text, at := ", "+item, 2
	switch {
	case len(n.Content) == 0:
		text, at = item, 0
		lastSig = start + 1
	case trailingComma:
		text, at = " "+item+",", 1
	}
	return rewrite.Insertion{Edits: []rewrite.Edit{{Start: lastSig, End: lastSig, Text: text}}, At: at}, nil
}

// scanFlow walks the flow collection opening at src[start] to its closing
// bracket, skipping quoted scalars and comments. It returns the offset just
// past the last significant character inside it (an item or a comma) and
// whether that character is a trailing comma.
func scanFlow(src []byte, start int) (lastSig int, trailingComma, ok bool) {
	depth := 0
	lastSig = start + 1
	for i := start; i < len(src); i++ {
		c := src[i]
		prev := byte(' ')
		if i > 0 {
			prev = src[i-1]
		}
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
			continue
		case c == '#' && (prev == ' ' || prev == '\t' || prev == '\n'):
			for i < len(src) && src[i] != '\n' {
				i++
			}
			continue
		case (c == '"' || c == '\'') && bytes.IndexByte([]byte(" \t\r\n[{,:"), prev) >= 0:
			end, closed := skipQuoted(src, i)
			if !closed {
				return 0, false, false
			}
			i = end - 1
		case c == '[' || c == '{':
			depth++
		case c == ']' || c == '}':
			depth--
			if depth == 0 {
				return lastSig, trailingComma, true
			}
		}
		if depth == 1 && i > start {
			lastSig, trailingComma = i+1, c == ','
		} else if depth > 1 || c == ']' || c == '}' {
			lastSig, trailingComma = i+1, false
		}
	}
	return 0, false, false
}

// apply makes the insertion and checks the result: it must parse, and its
// decoded document must be the original one changed by expect. It returns
// the result as that check parsed it, and the action, at the line where
// the added thing starts.
func (f *File) apply(what string, in rewrite.Insertion, expect func(root map[string]any) bool) (*File, []rewrite.Action, error) {
	out, line, err := in.Apply(f.src)
	if err != nil {
		return nil, nil, fmt.Errorf("compose: adding %s to %s: %w", what, f.path, err)
	}
	g, err := f.verify(out, expect)
	if err != nil {
		return nil, nil, rewrite.Errorf(rewrite.ErrRefused, f.path, line, 0,
			"adding %s did not give the intended file: %v", what, err).
			WithHint("nothing was written; add it by hand, and please report this file to paxx")
	}
	return g, []rewrite.Action{{Line: line, What: what}}, nil
}

// verify parses out and compares its decoded document with the original
// one changed by expect. It returns out parsed, for the next edit to start
// from.
//
// It gives the answer Parse and equal would give, without building the
// edited document's value when it can: what it expects is built first,
// and out's nodes are matched against it (see matches), which then stands
// as out's value; aliases and merge keys are converted where they stand.
// Anything that match cannot vouch for (a mismatch, an error) is decided
// by converting out in full.
func (f *File) verify(out []byte, expect func(root map[string]any) bool) (*File, error) {
	// expect reaches what it changes through child, which copies each
	// mapping on the way, so that a shallow copy of the root is all the
	// copying f.value needs.
	want := map[string]any{}
	if root, ok := f.value.(map[string]any); ok {
		want = maps.Clone(root)
	}
	shaped := expect(want)
	g, top, err := parseTree(f.path, out)
	if err != nil {
		return nil, err
	}
	if shaped && top != nil && matches(f.path, top, len(out), want) {
		g.value = want
		return g, nil
	}
	if top != nil {
		if g.value, err = canonicalValue(f.path, top, len(out)); err != nil {
			return nil, err
		}
	}
	if !shaped {
		return nil, fmt.Errorf("the original document does not have the expected shape")
	}
	if !equal(want, g.value) {
		return nil, fmt.Errorf("the edited document differs from the original in more than the addition")
	}
	return g, nil
}

// nextLine moves the mark of in to the line after the one it marks: for
// an insertion whose first line is a key that comes with the new thing
// (`depends_on:` above the dependency), the action names the thing's line.
func nextLine(in rewrite.Insertion) rewrite.Insertion {
	text := in.Edits[in.Mark].Text
	if i := strings.IndexByte(text[in.At:], '\n'); i >= 0 {
		in.At += i + 1
	}
	return in
}
