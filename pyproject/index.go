package pyproject

import (
	"errors"

	"github.com/paxx-dev/paxx/rewrite"
	"github.com/pelletier/go-toml/v2/unstable"
)

// span is the byte range [start, end) of a piece of the source.
type span struct{ start, end int }

// known reports whether the range was located.
func (s span) known() bool { return s.start >= 0 && s.end >= s.start }

// unknownOffset marks the ends of a value whose extent the parser does not
// report.
const unknownOffset = -1

// section is a table header and the key-values written under it, up to the
// next header. The document's first section is the root table, which has no
// header.
type section struct {
	path    []string // absolute table path; nil for the root
	array   bool     // an [[array of tables]] element
	header  span     // the header's key, from its first to its last byte; unknown for the root
	entries []*entry // key-values in file order
}

// entry is one key-value, in a section or in an inline table.
type entry struct {
	path  []string // absolute path: the table's path and the key's parts
	keys  []span   // the raw key parts (dotted keys have several)
	span  span     // from the key's first byte to the value's last
	value *value
}

// value is a TOML value with the byte ranges an edit needs.
type value struct {
	kind unstable.Kind
	// span is the value's raw text. The parser reports it for scalars; for
	// an array or inline table it is located when the value is a key's own
	// value, and unknown when nested inside another array.
	span     span
	str      string   // a string's decoded text
	items    []*value // an array's elements
	comments []span   // comments inside an array
	fields   []*entry // an inline table's key-values
}

// document is the located structure of a TOML source: its sections with
// their entries, in file order.
type document struct {
	src      []byte
	sections []*section
}

// index locates the tables, key-values and comments of src, whose TOML text
// starts at offset base (after a byte order mark). The document has been
// validated by the decoder already; a parser error here is still reported.
func index(path string, src []byte, base int) (*document, error) {
	body := src[base:]
	b := builder{src: src, base: base}
	doc := &document{src: src, sections: []*section{{header: span{unknownOffset, unknownOffset}}}}
	var p unstable.Parser
	p.KeepComments = true
	p.Reset(body)
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			keys, parts := b.key(e)
			doc.sections = append(doc.sections, &section{
				path:   parts,
				array:  e.Kind == unstable.ArrayTable,
				header: span{keys[0].start, keys[len(keys)-1].end},
			})
		case unstable.KeyValue:
			cur := doc.sections[len(doc.sections)-1]
			cur.entries = append(cur.entries, b.entry(e, cur.path))
		}
	}
	if err := p.Error(); err != nil {
		var perr *unstable.ParserError
		if errors.As(err, &perr) {
			shape := p.Shape(p.Range(perr.Highlight))
			return nil, syntaxError(path, src, base, shape.Start.Line, shape.Start.Column, perr.Message)
		}
		return nil, syntaxError(path, src, base, 0, 0, err.Error())
	}
	return doc, nil
}

// builder turns parser nodes into entries and values with absolute offsets.
type builder struct {
	src  []byte
	base int
}

// raw returns the absolute byte range of a node's raw text.
func (b builder) raw(r unstable.Range) span {
	start := b.base + int(r.Offset)
	return span{start, start + int(r.Length)}
}

// key returns the raw ranges and decoded parts of a table header's or a
// key-value's key.
func (b builder) key(n *unstable.Node) ([]span, []string) {
	var keys []span
	var parts []string
	it := n.Key()
	for it.Next() {
		k := it.Node()
		keys = append(keys, b.raw(k.Raw))
		parts = append(parts, string(k.Data))
	}
	return keys, parts
}

// entry builds a key-value under the table at prefix.
func (b builder) entry(n *unstable.Node, prefix []string) *entry {
	keys, parts := b.key(n)
	e := &entry{
		path: append(append([]string(nil), prefix...), parts...),
		keys: keys,
		span: b.raw(n.Raw),
	}
	e.value = b.value(n.Value(), e.path, b.ownValueSpan(keys[len(keys)-1].end, e.span.end))
	return e
}

// ownValueSpan locates a key's value between the end of the key and the end
// of the key-value: past the blanks and the "=". It is unknown when the
// bytes there are not what the grammar promises.
func (b builder) ownValueSpan(keyEnd, end int) span {
	i := rewrite.SkipBlanks(b.src, keyEnd)
	if i >= end || b.src[i] != '=' {
		return span{unknownOffset, unknownOffset}
	}
	i = rewrite.SkipBlanks(b.src, i+1)
	if i >= end {
		return span{unknownOffset, unknownOffset}
	}
	return span{i, end}
}

// value builds a value whose extent is at (unknown for nested containers)
// and whose inline-table keys live under path.
func (b builder) value(n *unstable.Node, path []string, at span) *value {
	v := &value{kind: n.Kind, span: span{unknownOffset, unknownOffset}}
	switch n.Kind {
	case unstable.Array:
		if at.known() && b.src[at.start] == '[' && b.src[at.end-1] == ']' {
			v.span = at
		}
		it := n.Children()
		for it.Next() {
			c := it.Node()
			if c.Kind == unstable.Comment {
				v.comments = append(v.comments, b.raw(c.Raw))
				for cc := c.Child(); cc != nil; cc = cc.Next() {
					v.comments = append(v.comments, b.raw(cc.Raw))
				}
				continue
			}
			v.items = append(v.items, b.value(c, path, span{unknownOffset, unknownOffset}))
		}
	case unstable.InlineTable:
		if at.known() && b.src[at.start] == '{' && b.src[at.end-1] == '}' {
			v.span = at
		}
		it := n.Children()
		for it.Next() {
			if c := it.Node(); c.Kind == unstable.KeyValue {
				v.fields = append(v.fields, b.entry(c, path))
			}
		}
	default:
		v.span = b.raw(n.Raw)
		if n.Kind == unstable.String {
			v.str = string(n.Data)
		}
	}
	return v
}

// The value kinds the edits look at.
const (
	stringKind = unstable.String
	arrayKind  = unstable.Array
	tableKind  = unstable.InlineTable
)
