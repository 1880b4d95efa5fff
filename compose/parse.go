package compose

import (
	"bytes"
	"errors"
	"io"
	"unicode/utf8"

	"github.com/paxx-dev/paxx/rewrite"
	"gopkg.in/yaml.v3"
)

// File is a parsed compose file: its bytes, its yaml.v3 node tree and what
// the editors need to find their way in it. A File is read-only: each edit
// is a method that returns a new File, so that a caller making several
// edits in a row parses the file once and then reuses the parse that
// checked each edit.
type File struct {
	path string
	src  []byte
	// starts holds the offset of the first byte of every line.
	starts []int
	// root is the top-level mapping, nil for an empty document.
	root *yaml.Node
	// docEnd is the 1-based line just past the document's text: the line
	// count plus one, or the line of a closing "..." or "---" marker.
	docEnd int
	// servicesKey and services are the top-level services entry, both nil
	// when it is missing; services is a block mapping or a null scalar.
	servicesKey, services *yaml.Node
	// order lists every node in document order, aliases not followed.
	order []*yaml.Node
	// aliased maps an anchored node to the first alias that refers to it.
	aliased map[*yaml.Node]*yaml.Node
	// value is the document's canonical value (see converter).
	value any
}

// Parse parses a compose file. Input that yaml.v3 rejects, and duplicate
// keys, are an *rewrite.Error of kind rewrite.ErrSyntax at the offending
// line and column. A document whose root is not a block mapping, a services
// entry that is not a block mapping (flow style included) and a file of
// several documents are refused with rewrite.ErrRefused: paxx could read
// them but not edit them safely.
func Parse(path string, src []byte) (*File, error) {
	f, top, err := parseTree(path, src)
	if err != nil || top == nil {
		return f, err
	}
	if f.value, err = canonicalValue(f.path, top, len(src)); err != nil {
		return nil, err
	}
	return f, nil
}

// parseTree is Parse but for the document's canonical value, which it
// leaves to the caller: it returns the file and the document's top node,
// nil for an empty document.
func parseTree(path string, src []byte) (*File, *yaml.Node, error) {
	f := &File{path: path, src: src, starts: lineStarts(src), aliased: map[*yaml.Node]*yaml.Node{}}
	f.docEnd = len(f.starts) + 1
	if err := f.checkLoneCR(); err != nil {
		return nil, nil, err
	}
	if err := f.checkUnicodeBreaks(); err != nil {
		return nil, nil, err
	}
	doc, err := f.decodeSingle()
	if err != nil {
		return nil, nil, err
	}
	if doc == nil || len(doc.Content) == 0 || isImplicitNull(doc.Content[0]) {
		return f, nil, nil
	}
	top := doc.Content[0]
	f.order = make([]*yaml.Node, 0, count(top))
	f.walk(top)
	if err := f.checkDuplicates(); err != nil {
		return nil, nil, err
	}
	if err := f.setRoot(top); err != nil {
		return nil, nil, err
	}
	return f, top, nil
}

// Bytes returns the bytes f was parsed from: after an edit, the edited
// file to write. They belong to f: the caller must not change them.
func (f *File) Bytes() []byte {
	return f.src
}

// checkLoneCR refuses a carriage return that no line feed follows: YAML
// reads it as a line break, so yaml.v3's line numbers would count a line
// that paxx, which breaks lines at line feeds, does not see.
func (f *File) checkLoneCR() error {
	for off := 0; off < len(f.src); off++ {
		i := bytes.IndexByte(f.src[off:], '\r')
		if i < 0 {
			return nil
		}
		off += i
		if off+1 == len(f.src) || f.src[off+1] != '\n' {
			line, col := rewrite.Position(f.src, off)
			return rewrite.Errorf(rewrite.ErrRefused, f.path, line, col,
				"a carriage return without a line feed, which YAML reads as a line break").
				WithHint("end every line with LF or with CRLF (for example with dos2unix), then run paxx again")
		}
	}
	return nil
}

// unicodeBreaks are the characters that yaml.v3 reads as line breaks, as
// YAML 1.1 does, besides CR and LF: NEL, LINE SEPARATOR and PARAGRAPH
// SEPARATOR.
const unicodeBreaks = "\u0085\u2028\u2029"

// checkUnicodeBreaks refuses a NEL, LINE SEPARATOR or PARAGRAPH SEPARATOR
// anywhere in the file, and a second byte order mark at its start:
// yaml.v3 counts the first three as line breaks and misses a line after
// the last, so the lines of its nodes are not the file's lines, and an
// edit placed by them would land elsewhere (a removal indexed past the
// last line and panicked; another named the line before the volume).
func (f *File) checkUnicodeBreaks() error {
	if bytes.HasPrefix(f.src, []byte(rewrite.BOM+rewrite.BOM)) {
		// yaml.v3 skips the first, and its line numbers are one short
		// after the second.
		return rewrite.RefusedAt(f.path, f.src, len(rewrite.BOM), "a second byte order mark at the start of the file").
			WithHint("delete it, then run paxx again")
	}
	off := bytes.IndexAny(f.src, unicodeBreaks)
	if off < 0 {
		return nil
	}
	r, _ := utf8.DecodeRune(f.src[off:])
	return rewrite.RefusedAt(f.path, f.src, off, "a %U character, which YAML reads as a line break", r).
		WithHint("replace it with a line feed, or write it as \\u%04X in a double-quoted string, then run paxx again", r)
}

// decodeSingle decodes the file's document and makes sure it is the only
// one; an empty trailing document (a lone "---") only marks where the text
// ends. It returns nil for a file without any document.
func (f *File) decodeSingle() (*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(f.src))
	var first *yaml.Node
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			return first, nil
		}
		if err != nil {
			return nil, f.syntaxError(err)
		}
		if first == nil {
			first = &doc
			continue
		}
		if len(doc.Content) > 0 && !isImplicitNull(doc.Content[0]) {
			return nil, rewrite.Errorf(rewrite.ErrRefused, f.path, doc.Line, 1,
				"the file holds several YAML documents").
				WithHint("docker compose reads only one; keep a single document")
		}
		f.docEnd = min(f.docEnd, doc.Line)
	}
}

// setRoot checks the shape paxx can edit: a block mapping at the top, and a
// services entry, when present, that is a block mapping or empty.
func (f *File) setRoot(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return rewrite.Errorf(rewrite.ErrRefused, f.path, n.Line, n.Column,
			"the document is %s, not a mapping of top-level keys", kindName(n)).
			WithHint("a compose file starts with keys such as services:")
	}
	if n.Style&yaml.FlowStyle != 0 {
		return rewrite.Errorf(rewrite.ErrRefused, f.path, n.Line, n.Column,
			"the document is written in flow style ({...})").
			WithHint("rewrite it in block style, one key per line, so that paxx can edit it")
	}
	f.root = n
	key, val := pair(n, "services")
	if key == nil {
		return nil
	}
	switch {
	case isNull(val):
	case val.Kind == yaml.MappingNode && val.Style&yaml.FlowStyle != 0:
		return rewrite.Errorf(rewrite.ErrRefused, f.path, val.Line, val.Column,
			"services is written in flow style ({...})").
			WithHint("rewrite services in block style, one service per line, so that paxx can add to it")
	case val.Kind != yaml.MappingNode:
		return rewrite.Errorf(rewrite.ErrRefused, f.path, val.Line, val.Column,
			"services is %s, not a mapping of service names", kindName(val)).
			WithHint("write services as a block mapping: one `name:` per service")
	}
	f.servicesKey, f.services = key, val
	return nil
}

// walk records n and its descendants in document order, and which anchored
// nodes aliases refer to.
func (f *File) walk(n *yaml.Node) {
	f.order = append(f.order, n)
	if n.Kind == yaml.AliasNode {
		if n.Alias != nil && f.aliased[n.Alias] == nil {
			f.aliased[n.Alias] = n
		}
		return
	}
	for _, c := range n.Content {
		f.walk(c)
	}
}

// count returns the number of nodes walk records from n, so that the
// order is allocated once rather than grown and copied.
func count(n *yaml.Node) int {
	c := 1
	if n.Kind != yaml.AliasNode {
		for _, k := range n.Content {
			c += count(k)
		}
	}
	return c
}

// checkDuplicates reports the first mapping key written twice in the same
// mapping, the error yaml.v3 gives only when decoding and without a column.
func (f *File) checkDuplicates() error {
	for _, n := range f.order {
		if n.Kind != yaml.MappingNode {
			continue
		}
		if prev, k := duplicateKey(n); k != nil {
			return rewrite.Errorf(rewrite.ErrSyntax, f.path, k.Line, k.Column,
				"mapping key %q already defined at line %d", k.Value, prev.Line).
				WithHint("remove or rename one of them")
		}
	}
	return nil
}

// checkedKey reports whether k is a key that must be unique in its
// mapping: a scalar other than the merge key <<.
func checkedKey(k *yaml.Node) bool {
	return k.Kind == yaml.ScalarNode && k.Tag != tagMerge
}

// smallMapping is the number of entries up to which duplicateKey compares
// keys pair by pair, which is quicker than hashing them.
const smallMapping = 8

// duplicateKey returns the first scalar key of mapping m that repeats an
// earlier one, with that earlier one; nils when there is none.
func duplicateKey(m *yaml.Node) (prev, k *yaml.Node) {
	if len(m.Content) <= 2*smallMapping {
		for i := 0; i+1 < len(m.Content); i += 2 {
			k := m.Content[i]
			if !checkedKey(k) {
				continue
			}
			for j := 0; j < i; j += 2 {
				if p := m.Content[j]; checkedKey(p) && p.Tag == k.Tag && p.Value == k.Value {
					return p, k
				}
			}
		}
		return nil, nil
	}
	// Keys are told apart by their text, and by their tag too only when two
	// share a text, which is rare: hashing one string is quicker.
	byText := make(map[string]*yaml.Node, len(m.Content)/2)
	shared := false
	for i := 0; i+1 < len(m.Content) && !shared; i += 2 {
		k := m.Content[i]
		if !checkedKey(k) {
			continue
		}
		p, ok := byText[k.Value]
		if !ok {
			byText[k.Value] = k
			continue
		}
		if p.Tag == k.Tag {
			return p, k
		}
		shared = true
	}
	if !shared {
		return nil, nil
	}
	seen := make(map[[2]string]*yaml.Node, len(m.Content)/2)
	for i := 0; i+1 < len(m.Content); i += 2 {
		k := m.Content[i]
		if !checkedKey(k) {
			continue
		}
		id := [2]string{k.Tag, k.Value}
		if p, ok := seen[id]; ok {
			return p, k
		}
		seen[id] = k
	}
	return nil, nil
}

// pair returns the key and value nodes of key in mapping m, written in m
// itself (merge keys are not followed), or nils.
func pair(m *yaml.Node, key string) (k, v *yaml.Node) {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if c := m.Content[i]; c.Kind == yaml.ScalarNode && c.Value == key && c.Tag != "!!merge" {
			return c, m.Content[i+1]
		}
	}
	return nil, nil
}

// isNull reports whether n is a null scalar: empty, ~ or null.
func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// isImplicitNull reports whether n is a null written as nothing at all, as in
// `postgres_data:`. yaml.v3 places such a node just past the colon.
func isImplicitNull(n *yaml.Node) bool {
	return isNull(n) && n.Value == "" && n.Style == 0
}

// kindName names a node's kind, with its article, for messages.
func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a sequence"
	case yaml.AliasNode:
		return "an alias"
	case yaml.ScalarNode:
		if isNull(n) {
			return "a null value"
		}
		return "a scalar"
	}
	return "a node"
}
