package python

import (
	"cmp"
	"slices"
	"sync"

	sitter "github.com/smacker/go-tree-sitter"
	tspython "github.com/smacker/go-tree-sitter/python"
)

// Style is how a module writes the things paxx adds to it.
type Style struct {
	// Quote is the quote most of the module's one-line strings use.
	Quote byte
	// Unions is true when the module's annotations already use PEP 604
	// unions (`str | None`), so that new ones may too.
	Unions bool
}

// ReadStyle parses src and returns its style. A syntax error is a
// *rewrite.Error of kind rewrite.ErrSyntax.
func ReadStyle(path string, src []byte) (Style, error) {
	f, err := parseChecked(path, src, readStyle)
	if err != nil {
		return Style{}, err
	}
	return Style{Quote: f.quote, Unions: f.unions}, nil
}

// Style returns the module's style, as ReadStyle reads it. A File that an
// edit returned reads it on first use, which is when an error can arise.
func (f *File) Style() (Style, error) {
	g, err := f.complete()
	if err != nil {
		return Style{}, err
	}
	return Style{Quote: g.quote, Unions: g.unions}, nil
}

// styleQuery finds what readStyle reads: every string, every annotation
// and every `|` operation. It is compiled on first use and only read
// after; a compiled query is safe to run from several goroutines at once.
var styleQuery = sync.OnceValues(func() (*sitter.Query, error) {
	return sitter.NewQuery([]byte(`(string) @string (type) @type (binary_operator operator: "|") @union`), tspython.GetLanguage())
})

// The indexes of styleQuery's captures.
const (
	captureString = iota
	captureType
	captureUnion
)

// span is the byte range of a node.
type span struct{ start, end int }

// readStyle reads the module's style. quote is a single quote when most of
// the module's single-line string literals use one, else a double quote:
// triple-quoted strings (docstrings) say nothing about a person's everyday
// quote style and are not counted. Strings inside other strings (in an
// f-string's replacement fields) follow the enclosing string's quotes and
// are not counted either. unions reports whether an annotation is written
// with the `|` operator, anywhere in it.
//
// A query finds the nodes in one pass of tree-sitter's own over the tree,
// which is much quicker than stepping through every node from Go.
func (f *File) readStyle(root *sitter.Node) (quote byte, unions bool, err error) {
	q, err := styleQuery()
	if err != nil {
		return 0, false, err
	}
	qc := sitter.NewQueryCursor()
	defer qc.Close()
	qc.Exec(q, root)
	var strs, types, ors []span
	for {
		m, ok := qc.NextMatch()
		if !ok {
			break
		}
		for _, c := range m.Captures {
			s := span{int(c.Node.StartByte()), int(c.Node.EndByte())}
			switch c.Index {
			case captureString:
				strs = append(strs, s)
			case captureType:
				types = append(types, s)
			case captureUnion:
				ors = append(ors, s)
			}
		}
	}
	single, double := 0, 0
	for _, s := range outermost(strs) {
		switch f.stringQuote(s.start) {
		case '\'':
			single++
		case '"':
			double++
		}
	}
	quote = '"'
	if single > double {
		quote = '\''
	}
	return quote, within(ors, outermost(types)), nil
}

// outermost returns the spans that no other span of spans contains, in
// order. Spans of syntax nodes nest or are disjoint.
func outermost(spans []span) []span {
	slices.SortFunc(spans, func(a, b span) int {
		return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(b.end, a.end))
	})
	var out []span
	for _, s := range spans {
		if len(out) > 0 && s.start < out[len(out)-1].end {
			continue
		}
		out = append(out, s)
	}
	return out
}

// within reports whether one of spans lies inside one of outer, which is
// in order and disjoint.
func within(spans, outer []span) bool {
	for _, s := range spans {
		i, _ := slices.BinarySearchFunc(outer, s.start+1, func(o span, start int) int {
			return cmp.Compare(o.start, start)
		})
		if i > 0 && s.end <= outer[i-1].end {
			return true
		}
	}
	return false
}

// stringQuote returns the quote of the one-line string literal that starts
// at byte offset off, after its prefix (f, r, b...), or 0 for a
// triple-quoted one.
func (f *File) stringQuote(off int) byte {
	i := off
	for i < len(f.src) && (f.src[i] >= 'a' && f.src[i] <= 'z' || f.src[i] >= 'A' && f.src[i] <= 'Z') {
		i++
	}
	if i >= len(f.src) || (f.src[i] != '"' && f.src[i] != '\'') {
		return 0
	}
	q := f.src[i]
	if i+2 < len(f.src) && f.src[i+1] == q && f.src[i+2] == q {
		return 0
	}
	return q
}
