package python

import (
	sitter "github.com/smacker/go-tree-sitter"
)

// child is a named child of a node as parse reads it: the node, its type,
// its byte range (for the children of the module and of blocks; -1
// otherwise) and, for a plain field (see plainFieldOf), the field.
//
// Every property of a node costs a call into C, which costs far more than
// the C work it does, and a settings class can hold thousands of fields:
// parse reads each child of the module and of a block once, for the
// Python 3 checks, the classes and the style alike, and reads a plain
// field from its text instead of from its nodes.
type child struct {
	n          *sitter.Node
	typ        string
	start, end int
	field      *plainField
}

// plainField is a class-body statement `name: T` or `name: T = v` in the
// one shape whose syntax tree its text fixes: name an identifier, T a
// dotted name, v a string literal without prefix or escapes, an integer,
// True, False or None.
type plainField struct {
	name, typ, value string
}

// childrenOf returns the named children of n, of type typ, read once per
// parse (f.kids remembers them). In a tree without syntax errors, a child
// of the module or of a block whose text is a plain field is an
// expression statement holding that annotated assignment, and is read
// from its text.
func (f *File) childrenOf(n *sitter.Node, typ string) []child {
	if kids, ok := f.kids[n]; ok {
		return kids
	}
	ranged := typ == "module" || typ == "block"
	c := sitter.NewTreeCursor(n)
	defer c.Close()
	size := int(n.ChildCount())
	out := make([]child, 0, size)
	var fields []plainField // never grows: the children's fields point into it
	for ok := c.GoToFirstChild(); ok; ok = c.GoToNextSibling() {
		node := c.CurrentNode()
		k := child{n: node, start: -1, end: -1}
		if ranged {
			k.start, k.end = int(node.StartByte()), int(node.EndByte())
			if f.clean && (fields == nil || len(fields) < cap(fields)) {
				if pf, ok := plainFieldOf(f.src[k.start:k.end]); ok {
					if fields == nil {
						fields = make([]plainField, 0, size)
					}
					fields = append(fields, pf)
					k.typ, k.field = "expression_statement", &fields[len(fields)-1]
					out = append(out, k)
					continue
				}
			}
		}
		if !node.IsNamed() {
			continue
		}
		k.typ = f.typeOf(node)
		out = append(out, k)
	}
	if f.kids != nil {
		f.kids[n] = out
	}
	return out
}

// nodes returns the children's nodes.
func nodes(kids []child) []*sitter.Node {
	out := make([]*sitter.Node, len(kids))
	for i, k := range kids {
		out[i] = k.n
	}
	return out
}

// plainFieldOf reads text, a statement's source, as a plain field.
func plainFieldOf(text []byte) (plainField, bool) {
	i := 0
	if !scanName(text, &i) || string(text[:i]) == "model_config" {
		return plainField{}, false
	}
	nameEnd := i
	skipSpaces(text, &i)
	if i >= len(text) || text[i] != ':' {
		return plainField{}, false
	}
	i++
	skipSpaces(text, &i)
	typStart := i
	for {
		if !scanName(text, &i) {
			return plainField{}, false
		}
		if i >= len(text) || text[i] != '.' {
			break
		}
		i++
	}
	typEnd := i
	skipSpaces(text, &i)
	valueStart := len(text)
	if i < len(text) {
		if text[i] != '=' {
			return plainField{}, false
		}
		i++
		skipSpaces(text, &i)
		valueStart = i
		if !plainValue(text[i:]) {
			return plainField{}, false
		}
	}
	s := string(text) // one string for the three parts
	return plainField{name: s[:nameEnd], typ: s[typStart:typEnd], value: s[valueStart:]}, true
}

// scanName moves *i past an identifier at text[*i:] that is neither a
// keyword nor a name the grammar gives a statement of its own (print,
// exec, type, match, case), and reports whether there was one.
func scanName(text []byte, i *int) bool {
	from := *i
	for *i < len(text) {
		c := text[*i]
		if c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || *i > from && c >= '0' && c <= '9' {
			*i++
			continue
		}
		break
	}
	switch name := string(text[from:*i]); name {
	case "", "print", "exec", "type", "match", "case":
		return false
	default:
		return !isKeyword(name)
	}
}

// skipSpaces moves *i past spaces.
func skipSpaces(text []byte, i *int) {
	for *i < len(text) && text[*i] == ' ' {
		*i++
	}
}

// plainValue reports whether v is a plain field's value: a string literal
// in one kind of quote with no prefix, escape or line break, an integer
// (perhaps negative), True, False or None.
func plainValue(v []byte) bool {
	switch string(v) {
	case "True", "False", "None":
		return true
	case "":
		return false
	}
	if q := v[0]; q == '"' || q == '\'' {
		if len(v) < 2 || v[len(v)-1] != q {
			return false
		}
		for i := 1; i < len(v)-1; i++ {
			if c := v[i]; c == q || c == '\\' || c == '\r' || c == '\n' {
				return false
			}
		}
		return true
	}
	digits := v
	if digits[0] == '-' {
		digits = digits[1:]
	}
	if len(digits) == 0 {
		return false
	}
	for i := range len(digits) {
		if digits[i] < '0' || digits[i] > '9' {
			return false
		}
	}
	return true
}
