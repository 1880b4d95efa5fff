package python

import (
	sitter "github.com/smacker/go-tree-sitter"
)

// readModule fills f from the module's top-level statements: classes,
// `name = callee(...)` assignments, functions and imports.
func (f *File) readModule(root *sitter.Node) {
	for _, n := range namedChildren(root) {
		def := n
		if n.Type() == "decorated_definition" {
			def = n.ChildByFieldName("definition")
			if def == nil {
				continue
			}
		}
		switch def.Type() {
		case "class_definition":
			f.classes = append(f.classes, f.readClass(def))
		case "function_definition":
			f.funcs = append(f.funcs, f.readFunc(def))
		case "import_statement", "import_from_statement":
			f.readImport(def)
		case "expression_statement":
			if a, ok := f.readAssign(def); ok {
				f.assigns = append(f.assigns, a)
			}
		}
	}
	f.resolveConfigs()
}

// readAssign reads `name = callee(...)` or `name: T = callee(...)`.
func (f *File) readAssign(stmt *sitter.Node) (moduleAssign, bool) {
	a := onlyNamedChild(stmt)
	if a == nil || a.Type() != "assignment" {
		return moduleAssign{}, false
	}
	left, right := a.ChildByFieldName("left"), a.ChildByFieldName("right")
	if left == nil || right == nil || left.Type() != "identifier" || right.Type() != "call" {
		return moduleAssign{}, false
	}
	fn := right.ChildByFieldName("function")
	if fn == nil {
		return moduleAssign{}, false
	}
	return moduleAssign{name: f.text(left), callee: f.text(fn)}, true
}

// readFunc reads a function's name, return annotation and the callees of
// the calls that its own return statements return.
func (f *File) readFunc(def *sitter.Node) moduleFunc {
	var fn moduleFunc
	if name := def.ChildByFieldName("name"); name != nil {
		fn.name = f.text(name)
	}
	if rt := def.ChildByFieldName("return_type"); rt != nil {
		fn.returns = f.text(rt)
	}
	if body := blockOf(def); body != nil {
		walk(body, func(n *sitter.Node) bool {
			switch n.Type() {
			case "function_definition", "class_definition", "lambda":
				return false // their returns are not this function's
			case "return_statement":
				if v := onlyNamedChild(n); v != nil && v.Type() == "call" {
					if callee := v.ChildByFieldName("function"); callee != nil {
						fn.calls = append(fn.calls, f.text(callee))
					}
				}
				return false
			}
			return holdsStatements(n.Type())
		})
	}
	return fn
}

// quoteStyle returns '\” when most of the module's single-line string
// literals use single quotes, else '"'. Triple-quoted strings (docstrings)
// say nothing about a person's everyday quote style and are not counted.
func (f *File) quoteStyle(root *sitter.Node) byte {
	single, double := 0, 0
	walk(root, func(n *sitter.Node) bool {
		if n.Type() != "string" {
			return n.ChildCount() > 0
		}
		if start := n.Child(0); start != nil {
			_, q, ok := splitStringStart(f.text(start))
			switch {
			case !ok || len(q) != 1:
			case q == "'":
				single++
			default:
				double++
			}
		}
		// f-string replacement fields may hold strings of their own, but
		// they follow the enclosing string's quotes and say nothing new.
		return false
	})
	if single > double {
		return '\''
	}
	return '"'
}

// walk visits n and its descendants in document order; visit returns
// whether to descend into the node it was given.
func walk(n *sitter.Node, visit func(*sitter.Node) bool) {
	c := sitter.NewTreeCursor(n)
	defer c.Close()
	for {
		if visit(c.CurrentNode()) && c.GoToFirstChild() {
			continue
		}
		for !c.GoToNextSibling() {
			if !c.GoToParent() {
				return
			}
		}
	}
}

// namedChildren returns the named children of n. It steps through them
// with a tree cursor: NamedChild(i) walks the siblings before i on every
// call, which is quadratic over a long module or class body.
func namedChildren(n *sitter.Node) []*sitter.Node {
	c := sitter.NewTreeCursor(n)
	defer c.Close()
	var out []*sitter.Node
	for ok := c.GoToFirstChild(); ok; ok = c.GoToNextSibling() {
		if child := c.CurrentNode(); child.IsNamed() {
			out = append(out, child)
		}
	}
	return out
}

// onlyNamedChild returns n's named child when it has exactly one that is
// not a comment, else nil.
func onlyNamedChild(n *sitter.Node) *sitter.Node {
	var only *sitter.Node
	for i := range int(n.NamedChildCount()) {
		c := n.NamedChild(i)
		if c.Type() == "comment" {
			continue
		}
		if only != nil {
			return nil
		}
		only = c
	}
	return only
}

// blockOf returns the block child of a class or function definition. It
// looks the child up by type: tree-sitter labels a comment between the
// header and the first statement with the "body" field too.
func blockOf(def *sitter.Node) *sitter.Node {
	for i := range int(def.ChildCount()) {
		if c := def.Child(i); c.Type() == "block" {
			return c
		}
	}
	return nil
}
