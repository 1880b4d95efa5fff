package python

import (
	sitter "github.com/smacker/go-tree-sitter"
)

// classInfo is a class as Parse read it: the public view, where its body's
// statements lie (for AddFields), and its own configuration before
// inheritance.
type classInfo struct {
	class  Class
	layout classLayout
	own    configSource
}

// stmtKind sorts the statements of a class body by what they mean for
// placing new fields.
type stmtKind int

const (
	stmtOther  stmtKind = iota // methods, validators, nested classes, anything else
	stmtField                  // an annotated assignment
	stmtConfig                 // model_config = ...
	stmtDoc                    // the docstring
	stmtFiller                 // pass or ...
)

// stmt is one statement of a class body: its kind and byte range.
type stmt struct {
	kind       stmtKind
	start, end int
}

// classLayout is where a class body's parts lie in the source.
type classLayout struct {
	header int    // offset just past the ':' that ends the class header
	inline bool   // the body starts on the header's line: `class A: pass`
	stmts  []stmt // the body's statements, in order
}

// readClass reads a class_definition node.
func (f *File) readClass(def *sitter.Node) classInfo {
	ci := classInfo{}
	c := &ci.class
	c.Line = f.line(int(def.StartByte()))
	if name := def.ChildByFieldName("name"); name != nil {
		c.Name = f.text(name)
	}
	if sup := def.ChildByFieldName("superclasses"); sup != nil {
		for i := range int(sup.NamedChildCount()) {
			switch b := sup.NamedChild(i); f.typeOf(b) {
			case "keyword_argument", "comment", "list_splat", "dictionary_splat":
			default:
				c.Bases = append(c.Bases, f.text(b))
			}
		}
	}
	headerRow := def.StartPoint().Row
	for i := range int(def.ChildCount()) {
		if ch := def.Child(i); f.typeOf(ch) == ":" {
			ci.layout.header = int(ch.EndByte())
			headerRow = ch.EndPoint().Row
			break
		}
	}
	body := f.blockOf(def)
	if body == nil {
		return ci
	}
	first := true
	kids := f.childrenOf(body, "block")
	add := func(s stmt) {
		if ci.layout.stmts == nil {
			ci.layout.stmts = make([]stmt, 0, len(kids))
		}
		ci.layout.stmts = append(ci.layout.stmts, s)
		first = false
	}
	for _, k := range kids {
		n, typ := k.n, k.typ
		if typ == "comment" {
			continue
		}
		if first && n.StartPoint().Row == headerRow {
			ci.layout.inline = true
		}
		s := stmt{kind: stmtOther, start: k.start, end: k.end}
		if pf := k.field; pf != nil {
			s.kind = stmtField
			if ci.class.Fields == nil {
				ci.class.Fields = make([]Field, 0, len(kids))
			}
			ci.class.Fields = append(ci.class.Fields, Field{Name: pf.name, Type: pf.typ, Default: pf.value, Line: f.line(s.start)})
			add(s)
			continue
		}
		switch typ {
		case "pass_statement":
			s.kind = stmtFiller
		case "class_definition":
			if name := n.ChildByFieldName("name"); name != nil && f.text(name) == "Config" {
				ci.own.readV1(f, n)
			}
		case "expression_statement":
			s.kind = f.readBodyExpression(&ci, n, s.start, first)
		}
		add(s)
	}
	c.Upper = isUpper(c.Fields)
	return ci
}

// readBodyExpression classifies an expression statement of a class body,
// which starts at byte offset start, and records the field or
// configuration it holds.
func (f *File) readBodyExpression(ci *classInfo, n *sitter.Node, start int, first bool) stmtKind {
	e := f.onlyNamedChild(n)
	if e == nil {
		return stmtOther
	}
	switch f.typeOf(e) {
	case "string", "concatenated_string":
		if first {
			return stmtDoc
		}
	case "ellipsis":
		return stmtFiller
	case "assignment":
		left := e.ChildByFieldName("left")
		if left == nil || f.typeOf(left) != "identifier" {
			return stmtOther
		}
		name := f.text(left)
		right := e.ChildByFieldName("right")
		if name == "model_config" {
			if right != nil {
				ci.own.readModelConfig(f, right)
			}
			return stmtConfig
		}
		typ := e.ChildByFieldName("type")
		if typ == nil {
			return stmtOther
		}
		field := Field{Name: name, Type: f.text(typ), Line: f.line(start)}
		if right != nil {
			field.Default = f.text(right)
		}
		ci.class.Fields = append(ci.class.Fields, field)
		return stmtField
	}
	return stmtOther
}
