package python

import (
	sitter "github.com/smacker/go-tree-sitter"
)

// readModule fills f from the module's top-level statements: classes,
// `name = callee(...)` assignments, functions and imports. top is the
// module's named children. It returns the module's import statements
// (see importStatements), of which f keeps the views the trace needs.
func (f *File) readModule(top []*sitter.Node) []importStmt {
	for _, n := range top {
		def := n
		if f.typeOf(n) == "decorated_definition" {
			def = n.ChildByFieldName("definition")
			if def == nil {
				continue
			}
		}
		switch f.typeOf(def) {
		case "class_definition":
			f.classes = append(f.classes, f.readClass(def))
		case "function_definition":
			f.funcs = append(f.funcs, f.readFunc(def))
		case "expression_statement":
			if a, ok := f.readAssign(def); ok {
				f.assigns = append(f.assigns, a)
			} else if d, ok := f.readDict(def); ok {
				f.dicts = append(f.dicts, d)
			}
		}
	}
	f.resolveConfigs()
	stmts := f.importStatements(top)
	f.bindings = bindingsOf(stmts)
	f.baseNames, f.moduleNames = basesOf(stmts)
	return stmts
}

// readAssign reads `name = callee(...)` or `name: T = callee(...)`.
func (f *File) readAssign(stmt *sitter.Node) (moduleAssign, bool) {
	a := f.onlyNamedChild(stmt)
	if a == nil || f.typeOf(a) != "assignment" {
		return moduleAssign{}, false
	}
	left, right := a.ChildByFieldName("left"), a.ChildByFieldName("right")
	if left == nil || right == nil || f.typeOf(left) != "identifier" || f.typeOf(right) != "call" {
		return moduleAssign{}, false
	}
	fn := right.ChildByFieldName("function")
	if fn == nil {
		return moduleAssign{}, false
	}
	ma := moduleAssign{name: f.text(left), callee: f.text(fn), targets: f.calleeTargets(fn, nil)}
	if ty := a.ChildByFieldName("type"); ty != nil {
		ma.annotation = f.text(ty)
	}
	return ma, true
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
	if body := f.blockOf(def); body != nil {
		locals := map[string]local{}
		walk(body, func(n *sitter.Node) bool {
			switch f.typeOf(n) {
			case "function_definition", "class_definition", "lambda":
				return false // their returns are not this function's
			case "expression_statement":
				f.readLocal(n, locals)
				return false
			case "return_statement":
				v := f.onlyNamedChild(n)
				if v != nil && f.typeOf(v) == "call" {
					if callee := v.ChildByFieldName("function"); callee != nil {
						fn.calls = append(fn.calls, f.text(callee))
					}
				}
				fn.targets = append(fn.targets, f.returnTargets(v, locals)...)
				return false
			}
			return holdsStatements(f.typeOf(n))
		})
	}
	return fn
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
func (f *File) onlyNamedChild(n *sitter.Node) *sitter.Node {
	var only *sitter.Node
	for i := range int(n.NamedChildCount()) {
		c := n.NamedChild(i)
		if f.typeOf(c) == "comment" {
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
func (f *File) blockOf(def *sitter.Node) *sitter.Node {
	for i := range int(def.ChildCount()) {
		if c := def.Child(i); f.typeOf(c) == "block" {
			return c
		}
	}
	return nil
}
