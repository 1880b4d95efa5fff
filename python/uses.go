package python

import (
	"strings"

	sitter "github.com/smacker/go-tree-sitter"
)

// readUses returns the names the module uses outside its import
// statements, as far as removing an import can tell: every identifier in
// the code but the attribute of `x.name` and the keyword of
// `f(name=...)`, which are not the name; and the names in a string that
// stands for code — an annotation (`x: "SecretStr"`), a subscript
// (`Optional["X"]`), an argument of cast, TypeVar, NewType or ForwardRef,
// an entry of `__all__`. Comments, docstrings and other strings use no
// name. A name bound again (`def SecretStr`, a parameter) counts as used:
// keeping an import is safe, removing a used one is not.
func (f *File) readUses(root *sitter.Node) map[string]bool {
	used := map[string]bool{}
	c := sitter.NewTreeCursor(root)
	defer c.Close()
	// frames holds, for each ancestor of the cursor's node, its type and
	// whether strings below it stand for code.
	type frame struct {
		typ  string
		code bool
	}
	frames := []frame{{}}
	for {
		n := c.CurrentNode()
		typ := f.typeOf(n)
		parent := frames[len(frames)-1]
		code := parent.code
		field := c.CurrentFieldName()
		if typ == "type" || typ == "type_alias_statement" || parent.typ == "subscript" && field == "subscript" {
			code = true // an annotation, `type X = ...`, or an index: `Optional["X"]`
		}
		descend := true
		switch {
		case isImport(typ), typ == "comment":
			descend = false
		case typ == "identifier":
			if !(parent.typ == "attribute" && field == "attribute") && !(parent.typ == "keyword_argument" && field == "name") {
				used[f.text(n)] = true
			}
			descend = false
		case typ == "string":
			if code {
				for _, name := range identifiers(f.stringBody(n)) {
					used[name] = true
				}
			}
		case typ == "assignment" || typ == "augmented_assignment":
			if left := n.ChildByFieldName("left"); left != nil && f.text(left) == "__all__" {
				code = true
			}
		case typ == "call":
			if fn := n.ChildByFieldName("function"); fn != nil && namesTypes(f.text(fn)) {
				code = true
			}
		}
		if descend && c.GoToFirstChild() {
			frames = append(frames, frame{typ: typ, code: code})
			continue
		}
		for !c.GoToNextSibling() {
			if !c.GoToParent() {
				return used
			}
			frames = frames[:len(frames)-1]
		}
	}
}

// namesTypes reports whether a call of fn takes names as strings: a
// typing helper (cast("X", v), TypeVar("T", bound="X"), NewType,
// ForwardRef), or a change of __all__ (`__all__.append("X")`).
func namesTypes(fn string) bool {
	if strings.HasPrefix(fn, "__all__.") {
		return true
	}
	switch fn[strings.LastIndexByte(fn, '.')+1:] {
	case "cast", "TypeVar", "NewType", "ForwardRef", "TypeAliasType":
		return true
	}
	return false
}

// stringBody returns the text of a string literal without its prefix and
// quotes, as far as names go: the prefix letters would read as a name.
func (f *File) stringBody(n *sitter.Node) string {
	s := f.text(n)
	return strings.TrimLeft(s, "rRbBuUfFtT")
}
