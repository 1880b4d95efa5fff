package python

import (
	"context"
	"fmt"
	"strings"

	sitter "github.com/smacker/go-tree-sitter"
	tspython "github.com/smacker/go-tree-sitter/python"

	"github.com/paxx-dev/paxx/rewrite"
)

// This file reads how a module builds its FastAPI app and runs code at
// startup and shutdown: the facts that Wire's edits are placed by. A File
// keeps no syntax tree, so the module is parsed again here, and the tree
// lives only as long as one edit.

// appTree is a module parsed for wiring: its source, its tree and the
// module's top-level statements.
type appTree struct {
	path string
	src  []byte
	tree *sitter.Tree
	top  []*sitter.Node
}

// readAppTree parses src for wiring; the caller closes it.
func readAppTree(path string, src []byte) (*appTree, error) {
	p := sitter.NewParser()
	defer p.Close()
	p.SetLanguage(tspython.GetLanguage())
	tree, err := p.ParseCtx(context.Background(), nil, src)
	if err != nil {
		return nil, fmt.Errorf("%s: parsing Python: %w", path, err)
	}
	if tree.RootNode().HasError() {
		tree.Close()
		return nil, rewrite.Errorf(rewrite.ErrSyntax, path, 0, 0, "is not valid Python: paxx reads the app from a module that parses").
			WithHint("fix the module's syntax, then run paxx again")
	}
	return &appTree{path: path, src: src, tree: tree, top: statements(tree.RootNode())}, nil
}

// close releases the tree.
func (t *appTree) close() { t.tree.Close() }

// text returns n's source text.
func (t *appTree) text(n *sitter.Node) string { return string(t.src[n.StartByte():n.EndByte()]) }

// statements returns the statements of a module or block, comments left
// out.
func statements(block *sitter.Node) []*sitter.Node {
	var out []*sitter.Node
	for _, c := range namedChildren(block) {
		if c.Type() != "comment" {
			out = append(out, c)
		}
	}
	return out
}

// definition returns the function or class a statement defines, looking
// through decorators, or nil.
func definition(stmt *sitter.Node) *sitter.Node {
	switch stmt.Type() {
	case "function_definition", "class_definition":
		return stmt
	case "decorated_definition":
		return stmt.ChildByFieldName("definition")
	}
	return nil
}

// bodyOf returns the block of a function or class definition.
func bodyOf(def *sitter.Node) *sitter.Node {
	for _, c := range namedChildren(def) {
		if c.Type() == "block" {
			return c
		}
	}
	return nil
}

// isAsync reports whether a function definition is `async def`.
func isAsync(def *sitter.Node) bool {
	return def.ChildCount() > 0 && def.Child(0).Type() == "async"
}

// decorators returns the decorator expressions of a decorated statement.
func decorators(stmt *sitter.Node) []*sitter.Node {
	if stmt.Type() != "decorated_definition" {
		return nil
	}
	var out []*sitter.Node
	for _, c := range namedChildren(stmt) {
		if c.Type() == "decorator" {
			if e := firstNamed(c); e != nil {
				out = append(out, e)
			}
		}
	}
	return out
}

// firstNamed returns n's first named child that is not a comment, or nil.
func firstNamed(n *sitter.Node) *sitter.Node {
	for _, c := range namedChildren(n) {
		if c.Type() != "comment" {
			return c
		}
	}
	return nil
}

// exprOf returns the expression of an expression statement with one, or
// nil.
func exprOf(stmt *sitter.Node) *sitter.Node {
	if stmt.Type() != "expression_statement" || stmt.NamedChildCount() != 1 {
		return nil
	}
	return stmt.NamedChild(0)
}

// assignOf returns the target name and value of `NAME = value` (or
// `NAME: T = value`), or "" and nil.
func (t *appTree) assignOf(stmt *sitter.Node) (string, *sitter.Node) {
	a := exprOf(stmt)
	if a == nil || a.Type() != "assignment" {
		return "", nil
	}
	left, right := a.ChildByFieldName("left"), a.ChildByFieldName("right")
	if left == nil || right == nil || left.Type() != "identifier" {
		return "", nil
	}
	return t.text(left), right
}

// callParts returns the callee's text and the argument list of a call,
// or "" and nil when n is no call.
func (t *appTree) callParts(n *sitter.Node) (string, *sitter.Node) {
	if n == nil || n.Type() != "call" {
		return "", nil
	}
	fn, args := n.ChildByFieldName("function"), n.ChildByFieldName("arguments")
	if fn == nil || args == nil || args.Type() != "argument_list" {
		return "", nil
	}
	return t.text(fn), args
}

// isFastAPI reports whether a callee names FastAPI's class.
func isFastAPI(callee string) bool {
	return callee == "FastAPI" || strings.HasSuffix(callee, ".FastAPI")
}

// appBuild is one place where a module builds a FastAPI app: a
// module-level `NAME = FastAPI(...)`, or `NAME = FastAPI(...)` in a
// factory function that returns NAME.
type appBuild struct {
	name    string       // the variable holding the app
	factory *sitter.Node // the factory's top-level statement, nil at module level
	fn      *sitter.Node // the factory's function_definition
	stmts   []*sitter.Node
	assign  *sitter.Node // the statement that builds the app
	call    *sitter.Node // the FastAPI(...) call
	callee  string
	ret     *sitter.Node // `return NAME`, in a factory
}

// builds returns every place the module builds an app, in order.
func (t *appTree) builds() []appBuild {
	var out []appBuild
	for _, s := range t.top {
		if name, v := t.assignOf(s); name != "" {
			if callee, _ := t.callParts(v); isFastAPI(callee) {
				out = append(out, appBuild{name: name, stmts: t.top, assign: s, call: v, callee: callee})
			}
			continue
		}
		def := definition(s)
		if def == nil || def.Type() != "function_definition" {
			continue
		}
		body := bodyOf(def)
		if body == nil {
			continue
		}
		stmts := statements(body)
		for _, b := range stmts {
			name, v := t.assignOf(b)
			callee, _ := t.callParts(v)
			if name == "" || !isFastAPI(callee) {
				continue
			}
			ab := appBuild{name: name, factory: s, fn: def, stmts: stmts, assign: b, call: v, callee: callee}
			for _, r := range stmts {
				if r.Type() == "return_statement" && r.NamedChildCount() == 1 && t.text(r.NamedChild(0)) == name {
					ab.ret = r
				}
			}
			if ab.ret != nil {
				out = append(out, ab)
			}
		}
	}
	return out
}

// funcName returns the name of a function definition.
func (t *appTree) funcName(def *sitter.Node) string {
	if n := def.ChildByFieldName("name"); n != nil {
		return t.text(n)
	}
	return ""
}

// app picks the app that attr names ("" for the one the module builds):
// a module-level variable, a factory, or a module-level `attr = f()` of a
// factory f. Several candidates, or none, are a refusal.
func (t *appTree) app(attr string) (*appBuild, error) {
	all := t.builds()
	if len(all) == 0 {
		return nil, rewrite.Errorf(rewrite.ErrRefused, t.path, 1, 1, "no FastAPI app: no `app = FastAPI(...)` here, at module level or in a function that returns it")
	}
	pick := func(ok func(b appBuild) bool) []appBuild {
		var out []appBuild
		for _, b := range all {
			if ok(b) {
				out = append(out, b)
			}
		}
		return out
	}
	chosen := all
	if attr != "" {
		factory := attr
		for _, s := range t.top {
			if name, v := t.assignOf(s); name == attr {
				if callee, _ := t.callParts(v); callee != "" && !isFastAPI(callee) {
					factory = callee
				}
			}
		}
		if c := pick(func(b appBuild) bool { return b.fn == nil && b.name == attr }); len(c) > 0 {
			chosen = c
		} else if c := pick(func(b appBuild) bool { return b.fn != nil && t.funcName(b.fn) == factory }); len(c) > 0 {
			chosen = c
		}
	}
	if len(chosen) > 1 {
		var where []string
		for _, b := range chosen {
			line, _ := rewrite.Position(t.src, int(b.assign.StartByte()))
			where = append(where, fmt.Sprintf("%s at line %d", b.name, line))
		}
		return nil, rewrite.RefusedAt(t.path, t.src, int(chosen[1].assign.StartByte()),
			"%d FastAPI apps are built here (%s): paxx cannot tell which one runs", len(chosen), strings.Join(where, ", "))
	}
	return &chosen[0], nil
}

// keyword returns the keyword argument name of an argument list, or nil.
func (t *appTree) keyword(args *sitter.Node, name string) *sitter.Node {
	for _, a := range namedChildren(args) {
		if a.Type() == "keyword_argument" {
			if n := a.ChildByFieldName("name"); n != nil && t.text(n) == name {
				return a
			}
		}
	}
	return nil
}

// splat returns a `**kwargs` or `*args` argument of an argument list, or
// nil: paxx cannot tell what it holds.
func splat(args *sitter.Node) *sitter.Node {
	for _, a := range namedChildren(args) {
		if a.Type() == "dictionary_splat" || a.Type() == "list_splat" {
			return a
		}
	}
	return nil
}

// function returns the module-level function called name, and its
// top-level statement, or nils.
func (t *appTree) function(name string) (stmt, def *sitter.Node) {
	for i := len(t.top) - 1; i >= 0; i-- {
		if d := definition(t.top[i]); d != nil && d.Type() == "function_definition" && t.funcName(d) == name {
			return t.top[i], d
		}
	}
	return nil, nil
}

// bound reports whether the module binds name at its top level, and how:
// the module an import takes it from ("" for a definition or an
// assignment), and whether it is bound at all.
func (t *appTree) bound(name string) (from string, ok bool) {
	for _, s := range t.top {
		switch s.Type() {
		case "import_from_statement":
			mod := s.ChildByFieldName("module_name")
			for _, n := range namedChildren(s) {
				if n == mod || n.Equal(mod) {
					continue
				}
				switch n.Type() {
				case "dotted_name":
					if t.text(n) == name {
						return t.text(mod), true
					}
				case "aliased_import":
					if a := n.ChildByFieldName("alias"); a != nil && t.text(a) == name {
						return "\x00" + t.text(mod), true // an alias: not the plain import paxx writes
					}
				}
			}
		case "import_statement":
			for _, n := range namedChildren(s) {
				txt := t.text(n)
				if n.Type() == "aliased_import" {
					if a := n.ChildByFieldName("alias"); a != nil {
						txt = t.text(a)
					}
				}
				if head, _, _ := strings.Cut(txt, "."); head == name {
					return "\x00", true
				}
			}
		default:
			if d := definition(s); d != nil {
				if n := d.ChildByFieldName("name"); n != nil && t.text(n) == name {
					return "", true
				}
			}
			if n, _ := t.assignOf(s); n == name {
				return "", true
			}
		}
	}
	return "", false
}

// yieldStmt returns the statement of a function body that holds its
// first `yield`, outside nested functions, classes and lambdas, or nil.
func yieldStmt(def *sitter.Node) *sitter.Node {
	body := bodyOf(def)
	if body == nil {
		return nil
	}
	var found *sitter.Node
	walk(body, func(n *sitter.Node) bool {
		if found != nil {
			return false
		}
		switch n.Type() {
		case "function_definition", "class_definition", "lambda":
			return false
		case "yield":
			found = n
			return false
		}
		return true
	})
	for n := found; n != nil; n = n.Parent() {
		if p := n.Parent(); p != nil && p.Type() == "block" {
			return n
		}
	}
	return nil
}

// containsStmt returns the statement under n (outside nested functions)
// whose text, blanks removed, is want, or nil.
func (t *appTree) containsStmt(n *sitter.Node, want string) *sitter.Node {
	var found *sitter.Node
	walk(n, func(c *sitter.Node) bool {
		if found != nil {
			return false
		}
		if c.Type() == "expression_statement" && squash(t.text(c)) == squash(want) {
			found = c
			return false
		}
		return c == n || !(c.Type() == "function_definition" || c.Type() == "class_definition" || c.Type() == "lambda")
	})
	return found
}

// squash removes blanks and the quotes' kind from a statement's text, to
// compare two spellings of one call.
func squash(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\r', '\n', '\\':
			return -1
		case '\'':
			return '"'
		}
		return r
	}, s)
}

// handler is a startup or shutdown handler that the app already has: a
// function decorated with `@APP.on_event("EVENT")`, or an
// `APP.add_event_handler("EVENT", FUNC)` statement.
type handler struct {
	event string
	stmt  *sitter.Node // the decorated definition, or the add_event_handler statement
	def   *sitter.Node // the function, when defined here (nil for a name from elsewhere)
	quote byte         // the quote the event's string uses
}

// handlers returns the handlers of the app b, in the app's scope.
func (t *appTree) handlers(b *appBuild) []handler {
	var out []handler
	for _, s := range b.stmts {
		for _, d := range decorators(s) {
			callee, args := t.callParts(d)
			if callee != b.name+".on_event" {
				continue
			}
			if ev, q, ok := t.firstString(args); ok {
				out = append(out, handler{event: ev, stmt: s, def: definition(s), quote: q})
			}
		}
		callee, args := t.callParts(exprOf(s))
		if callee != b.name+".add_event_handler" {
			continue
		}
		ev, q, ok := t.firstString(args)
		if !ok {
			continue
		}
		h := handler{event: ev, stmt: s, quote: q}
		if as := namedChildren(args); len(as) == 2 && as[1].Type() == "identifier" {
			for _, c := range b.stmts {
				if d := definition(c); d != nil && d.Type() == "function_definition" && t.funcName(d) == t.text(as[1]) {
					h.def = d
				}
			}
			if h.def == nil {
				if _, d := t.function(t.text(as[1])); d != nil {
					h.def = d
				}
			}
		}
		out = append(out, h)
	}
	return out
}

// firstString returns the value of the first argument when it is a plain
// string, and its quote.
func (t *appTree) firstString(args *sitter.Node) (string, byte, bool) {
	as := namedChildren(args)
	if len(as) == 0 || as[0].Type() != "string" {
		return "", 0, false
	}
	s := t.text(as[0])
	if len(s) < 2 || (s[0] != '"' && s[0] != '\'') {
		return "", 0, false
	}
	return s[1 : len(s)-1], s[0], true
}

// indentUnit returns the module's indentation step: the indentation of
// the first statement of the first block, else four spaces.
func (t *appTree) indentUnit() string {
	var unit string
	walk(t.tree.RootNode(), func(n *sitter.Node) bool {
		if unit != "" {
			return false
		}
		if n.Type() == "block" {
			if st := statements(n); len(st) > 0 {
				parent := rewrite.Indentation(t.src, int(n.Parent().StartByte()))
				own := rewrite.Indentation(t.src, int(st[0].StartByte()))
				if strings.HasPrefix(own, parent) && len(own) > len(parent) {
					unit = own[len(parent):]
				}
			}
			return false
		}
		return true
	})
	if unit == "" {
		return "    "
	}
	return unit
}

// lineAfter returns the offset of the start of the line after the one
// where off lies, and whether that line has no break (the last line of a
// file with no final newline).
func lineAfter(src []byte, off int) (int, bool) {
	end := rewrite.LineEnd(src, off)
	return end, end == len(src) && (len(src) == 0 || src[len(src)-1] != '\n')
}
