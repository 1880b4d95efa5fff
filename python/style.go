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
	f, err := f.loaded()
	if err != nil {
		return Style{}, err
	}
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
// which is much quicker than stepping through every node from Go; the
// plain fields of top-level classes, which parse read from their text, it
// reads from that.
func (f *File) readStyle(root *sitter.Node) (quote byte, unions bool, err error) {
	q, err := styleQuery()
	if err != nil {
		return 0, false, err
	}
	qc := sitter.NewQueryCursor()
	defer qc.Close()
	var strs, types, ors []span
	roots, plain := f.styleRoots(root)
	for _, n := range roots {
		qc.Exec(q, n)
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
	}
	single, double := 0, 0
	count := func(q byte) {
		switch q {
		case '\'':
			single++
		case '"':
			double++
		}
	}
	for _, s := range outermost(strs) {
		count(f.stringQuote(s.start))
	}
	for _, pf := range plain {
		if pf.value != "" {
			count(pf.value[0])
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

// styleRoots returns the subtrees that readStyle queries and the plain
// fields it counts from their text instead: the module's statements, but
// for a top-level class with plain fields, the class's decorators, its
// header's parts and its body's other statements, so that no node is
// queried twice or left out. A plain field holds no union and no string
// but its value, which is an outermost one-line string when it is one.
// Without plain fields, the root is the one subtree.
func (f *File) styleRoots(root *sitter.Node) (roots []*sitter.Node, plain []*plainField) {
	top, ok := f.kids[root]
	if !ok {
		return []*sitter.Node{root}, nil
	}
	for _, k := range top {
		if k.field != nil {
			plain = append(plain, k.field)
			continue
		}
		def := k.n
		var decorators []*sitter.Node
		if k.typ == "decorated_definition" {
			for _, c := range namedChildren(k.n) {
				if f.typeOf(c) != "class_definition" {
					decorators = append(decorators, c)
					continue
				}
				def = c
			}
		}
		var kids []child
		if def != k.n || k.typ == "class_definition" {
			if body := f.blockOf(def); body != nil {
				kids = f.kids[body]
			}
		}
		if !slices.ContainsFunc(kids, func(c child) bool { return c.field != nil }) {
			roots = append(roots, k.n)
			continue
		}
		roots = append(roots, decorators...)
		for _, c := range namedChildren(def) {
			if f.typeOf(c) != "block" {
				roots = append(roots, c)
			}
		}
		for _, c := range kids {
			if c.field != nil {
				plain = append(plain, c.field)
			} else {
				roots = append(roots, c.n)
			}
		}
	}
	if len(plain) == 0 {
		return []*sitter.Node{root}, nil
	}
	return roots, plain
}
