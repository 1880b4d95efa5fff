package python

import (
	sitter "github.com/smacker/go-tree-sitter"
)

// binding is a name that a top-level import binds, and what it refers to:
// `from .config import settings as s` binds s to attribute settings of
// module ".config"; `import app.core.config as cfg` binds cfg to module
// app.core.config; `import app.core.config` binds app to module app.
type binding struct {
	name   string // the name bound in the importing module
	module string // the module, relative ones with their dots
	attr   string // the name imported from module; "" for the module itself
	// guarded is set for an import in a top-level if or try statement's
	// block (`if TYPE_CHECKING:`): the trail does not follow it, but an
	// annotation may name what it imports.
	guarded bool
}

// moduleDict is a module-level `name = {key: Value, ...}`: the dict a
// settings family is chosen from at run time.
type moduleDict struct {
	name   string
	values []string // the values that are names, as written
}

// local is what a function's local name holds, as far as the trace needs:
// an instance of one of targets (`s = Settings()`), a dict of them, or
// something that, called, calls one of them (`config = environments[env]`).
type local struct {
	targets  []string
	instance bool
	dict     bool
}

// bindingsOf returns the names a module's import statements bind, in
// order; star imports bind no name paxx knows, future imports none it
// follows.
func bindingsOf(stmts []importStmt) []binding {
	var out []binding
	for i := range stmts {
		s := &stmts[i]
		if s.isFuture() {
			continue
		}
		for _, n := range s.names {
			b := binding{name: s.bound(n), module: n.name, guarded: s.guarded}
			if s.from {
				b.module, b.attr = s.module, n.name
			}
			out = append(out, b)
		}
	}
	return out
}

// readDict reads a module-level `name = {...}` whose values include names.
func (f *File) readDict(stmt *sitter.Node) (moduleDict, bool) {
	a := f.onlyNamedChild(stmt)
	if a == nil || f.typeOf(a) != "assignment" {
		return moduleDict{}, false
	}
	left, right := a.ChildByFieldName("left"), a.ChildByFieldName("right")
	if left == nil || right == nil || f.typeOf(left) != "identifier" || f.typeOf(right) != "dictionary" {
		return moduleDict{}, false
	}
	values := f.dictValues(right)
	return moduleDict{name: f.text(left), values: values}, len(values) > 0
}

// dictValues returns the values of a dict literal that are names.
func (f *File) dictValues(d *sitter.Node) []string {
	var out []string
	for _, pair := range namedChildren(d) {
		if f.typeOf(pair) != "pair" {
			continue
		}
		if v := pair.ChildByFieldName("value"); v != nil && isNameNode(f.typeOf(v)) {
			out = append(out, f.text(v))
		}
	}
	return out
}

// isNameNode reports whether a node type is a name or a dotted name.
func isNameNode(typ string) bool {
	return typ == "identifier" || typ == "attribute"
}

// calleeTargets returns what calling the expression fn may call: its name
// ("Settings", "cfg.Settings"); the values of a dict literal it indexes
// (`{"dev": Dev, "prod": Prod}[env]`); "name[]" for a module-level dict
// it indexes (`environments[env]`), resolved later; or, through locals, what a
// local name was set to. Anything else gives nothing.
func (f *File) calleeTargets(fn *sitter.Node, locals map[string]local) []string {
	switch f.typeOf(fn) {
	case "identifier":
		if l, ok := locals[f.text(fn)]; ok {
			if l.instance || l.dict {
				return nil
			}
			return l.targets
		}
		return []string{f.text(fn)}
	case "attribute":
		return []string{f.text(fn)}
	case "parenthesized_expression":
		if inner := f.onlyNamedChild(fn); inner != nil {
			return f.calleeTargets(inner, locals)
		}
	case "subscript":
		v := fn.ChildByFieldName("value")
		if v == nil {
			return nil
		}
		switch f.typeOf(v) {
		case "dictionary":
			return f.dictValues(v)
		case "identifier", "attribute":
			if l, ok := locals[f.text(v)]; ok {
				if l.dict {
					return l.targets
				}
				return nil
			}
			return []string{f.text(v) + "[]"}
		}
	}
	return nil
}

// readLocal records a simple assignment `name = value` of a function body.
func (f *File) readLocal(stmt *sitter.Node, locals map[string]local) {
	a := f.onlyNamedChild(stmt)
	if a == nil || f.typeOf(a) != "assignment" {
		return
	}
	left, right := a.ChildByFieldName("left"), a.ChildByFieldName("right")
	if left == nil || right == nil || f.typeOf(left) != "identifier" {
		return
	}
	name := f.text(left)
	switch f.typeOf(right) {
	case "call":
		if fn := right.ChildByFieldName("function"); fn != nil {
			locals[name] = local{targets: f.calleeTargets(fn, locals), instance: true}
		}
	case "dictionary":
		locals[name] = local{targets: f.dictValues(right), dict: true}
	case "identifier", "attribute", "subscript", "parenthesized_expression":
		locals[name] = local{targets: f.calleeTargets(right, locals)}
	default:
		delete(locals, name) // something the trace cannot follow
	}
}

// returnTargets returns what the instance a return statement returns may
// be an instance of: `return Settings()`, `return config()` for a local
// config, or `return s` for a local instance s.
func (f *File) returnTargets(v *sitter.Node, locals map[string]local) []string {
	if v == nil {
		return nil
	}
	switch f.typeOf(v) {
	case "call":
		if fn := v.ChildByFieldName("function"); fn != nil {
			return f.calleeTargets(fn, locals)
		}
	case "identifier":
		if l, ok := locals[f.text(v)]; ok && l.instance {
			return l.targets
		}
	}
	return nil
}
