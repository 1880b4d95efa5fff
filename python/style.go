package python

import (
	"bytes"

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

// readStyle reads the module's style in one walk over the tree. quote is a
// single quote when most of the module's single-line string literals use
// one, else a double quote: triple-quoted strings (docstrings) say nothing
// about a person's everyday quote style and are not counted. unions
// reports whether an annotation is written with the `|` operator.
func (f *File) readStyle(root *sitter.Node) (quote byte, unions bool) {
	single, double := 0, 0
	// count tallies a string's quote. f-string replacement fields may hold
	// strings of their own, but they follow the enclosing string's quotes
	// and say nothing new, so the walks do not descend into strings.
	count := func(n *sitter.Node) {
		if open := n.Child(0); open != nil {
			_, q, ok := splitStringStart(f.text(open))
			switch {
			case !ok || len(q) != 1:
			case q == "'":
				single++
			default:
				double++
			}
		}
	}
	walk(root, func(n *sitter.Node) bool {
		switch f.typeOf(n) {
		case "string":
			count(n)
			// Only an f-string's replacement fields, which need a brace,
			// can hold an annotation (of a lambda's parameter).
			if !unions && bytes.IndexByte(f.src[n.StartByte():n.EndByte()], '{') >= 0 {
				unions = f.annotatedUnion(n)
			}
			return false
		case "type":
			// An annotation: look for a union in all of it, strings
			// included, while counting its strings' quotes.
			walk(n, func(m *sitter.Node) bool {
				if !unions && f.isUnion(m) {
					unions = true
				}
				if f.typeOf(m) != "string" {
					return true
				}
				count(m)
				if !unions {
					unions = f.hasUnion(m)
				}
				return false
			})
			return false
		}
		return true
	})
	quote = '"'
	if single > double {
		quote = '\''
	}
	return quote, unions
}

// annotatedUnion reports whether an annotation below n has a union.
func (f *File) annotatedUnion(n *sitter.Node) bool {
	found := false
	walk(n, func(m *sitter.Node) bool {
		if found {
			return false
		}
		if f.typeOf(m) == "type" {
			found = f.hasUnion(m)
			return false
		}
		return true
	})
	return found
}

// hasUnion reports whether n or a node below it is a `|` binary operation.
func (f *File) hasUnion(n *sitter.Node) bool {
	found := false
	walk(n, func(m *sitter.Node) bool {
		found = found || f.isUnion(m)
		return !found
	})
	return found
}

// isUnion reports whether n is a `|` binary operation.
func (f *File) isUnion(n *sitter.Node) bool {
	if f.typeOf(n) != "binary_operator" {
		return false
	}
	op := n.ChildByFieldName("operator")
	return op != nil && op.Type() == "|"
}
