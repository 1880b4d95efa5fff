package python

import (
	sitter "github.com/smacker/go-tree-sitter"
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
	f, serr, err := parse(path, src, true)
	if err != nil {
		return Style{}, err
	}
	if serr != nil {
		return Style{}, serr
	}
	return Style{Quote: f.quote, Unions: f.unions}, nil
}

// usesUnions reports whether an annotation under root is written with the
// `|` operator.
func usesUnions(root *sitter.Node) bool {
	found := false
	walk(root, func(n *sitter.Node) bool {
		if found {
			return false
		}
		if n.Type() != "type" {
			return n.ChildCount() > 0
		}
		walk(n, func(m *sitter.Node) bool {
			if m.Type() == "binary_operator" {
				if op := m.ChildByFieldName("operator"); op != nil && op.Type() == "|" {
					found = true
				}
			}
			return !found
		})
		return false
	})
	return found
}
