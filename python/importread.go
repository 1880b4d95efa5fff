package python

import (
	"strings"

	sitter "github.com/smacker/go-tree-sitter"
)

// importStmt is one import statement read into plain values, with the
// byte spans an edit splices at: the one reader of import statements,
// whose views are the names a module binds (bindings), the names it knows
// pydantic's BaseSettings by (readBases) and its leading import block
// (readImportBlock). It reads every form:
//
//	import a.b as c, d
//	from m import x, y as z
//	from ..a.b import (x as y, z,)
//	from . import x
//	from m import *
//	from __future__ import annotations
type importStmt struct {
	start, end int // the statement
	// from is set for `from M import ...`, future imports included.
	from bool
	// module is the module a from-import imports from as Python reads it,
	// its leading dots first and without the spaces the source may hold:
	// "pydantic", "..a.b", ".", "__future__"; "" for an import statement.
	module string
	// level is the number of leading dots of a relative module.
	level int
	// names are the clauses, in order.
	names []importName
	// wildcard is set for `from M import *`.
	wildcard bool
	// open is the offset of a from-import's opening parenthesis, or -1.
	open int
	// guarded is set for a statement in a block of a top-level if or try
	// statement (`if TYPE_CHECKING:`, `try: ... except ImportError:`)
	// rather than at the module's top level.
	guarded bool
}

// importName is one clause of an import statement: `a`, `a.b`, `a as b`.
type importName struct {
	start, end int // the clause, alias included
	// name is what the clause imports as Python reads it: a name of the
	// module imported from, or for an import statement a dotted module.
	name string
	// alias is the name written after `as`, or "".
	alias string
	// comma is the offset of the comma after the clause, or -1.
	comma int
}

// bound returns the name a clause of s binds in the importing module: the
// alias, else the name imported from a module, else the first part of the
// module an import statement imports (`import a.b` binds a).
func (s *importStmt) bound(n importName) string {
	switch {
	case n.alias != "":
		return n.alias
	case s.from:
		return n.name
	}
	first, _, _ := strings.Cut(n.name, ".")
	return first
}

// firstModule returns the module a statement imports from, or the first
// module it imports: what isort sorts statements by.
func (s *importStmt) firstModule() string {
	if s.from || len(s.names) == 0 {
		return s.module
	}
	return s.names[0].name
}

// isFuture reports whether s is a `from __future__ import ...`.
func (s *importStmt) isFuture() bool {
	return s.from && s.module == "__future__"
}

// isImport reports whether a node type is an import statement.
func isImport(typ string) bool {
	switch typ {
	case "import_statement", "import_from_statement", "future_import_statement":
		return true
	}
	return false
}

// readImport reads an import statement node of any form.
func (f *File) readImport(n *sitter.Node) importStmt {
	typ := f.typeOf(n)
	s := importStmt{start: int(n.StartByte()), end: int(n.EndByte()), open: -1, from: typ != "import_statement"}
	if typ == "future_import_statement" {
		s.module = "__future__"
	}
	c := sitter.NewTreeCursor(n)
	defer c.Close()
	afterName := false // the previous child was a clause
	for ok := c.GoToFirstChild(); ok; ok = c.GoToNextSibling() {
		k := c.CurrentNode()
		field := c.CurrentFieldName()
		switch ktyp := f.typeOf(k); {
		case field == "module_name":
			s.module, s.level = f.moduleName(k)
		case field == "name" && k.IsNamed():
			s.names = append(s.names, f.readImportName(k))
			afterName = true
			continue
		case ktyp == "," && afterName:
			s.names[len(s.names)-1].comma = int(k.StartByte())
		case ktyp == "(":
			s.open = int(k.StartByte())
		case ktyp == "wildcard_import":
			s.wildcard = true
		}
		afterName = false
	}
	return s
}

// readImportName reads one clause: a dotted name, or an aliased import.
func (f *File) readImportName(k *sitter.Node) importName {
	in := importName{start: int(k.StartByte()), end: int(k.EndByte()), comma: -1}
	switch f.typeOf(k) {
	case "aliased_import":
		if n := k.ChildByFieldName("name"); n != nil {
			in.name, _ = f.moduleName(n)
		}
		if a := k.ChildByFieldName("alias"); a != nil {
			in.alias = f.text(a)
		}
	default:
		in.name, _ = f.moduleName(k)
	}
	return in
}

// moduleName returns a dotted or relative name as Python reads it, and
// the number of its leading dots: `..a . b` is "..a.b", 2. Python allows
// spaces (and a backslash continuation) between the parts.
func (f *File) moduleName(n *sitter.Node) (string, int) {
	text := f.text(n)
	if !strings.ContainsAny(text, " \t\\\r\n#") {
		return text, len(text) - len(strings.TrimLeft(text, "."))
	}
	var b strings.Builder
	level := 0
	for _, p := range identifierParts(text) {
		if p == "." && b.Len() == level {
			level++ // a leading dot
		}
		b.WriteString(p)
	}
	return b.String(), level
}

// identifierParts splits the text of a dotted name into its dots and
// names, dropping spaces, line continuations and comments.
func identifierParts(text string) []string {
	var parts []string
	for i := 0; i < len(text); {
		switch c := text[i]; {
		case c == '.':
			parts = append(parts, ".")
			i++
		case c == '#':
			for i < len(text) && text[i] != '\n' {
				i++
			}
		case c == ' ' || c == '\t' || c == '\\' || c == '\r' || c == '\n':
			i++
		default:
			j := i
			for j < len(text) && !strings.ContainsRune(" \t\\\r\n#.", rune(text[j])) {
				j++
			}
			parts = append(parts, text[i:j])
			i = j
		}
	}
	return parts
}

// importStatements reads the import statements among top, the module's named
// children, in order: those at the top level, and those in the blocks of
// a top-level if or try statement (guarded), which Python runs at import
// time too. Imports in functions and classes are not the module's.
func (f *File) importStatements(top []*sitter.Node) []importStmt {
	var out []importStmt
	for _, n := range top {
		switch typ := f.typeOf(n); {
		case isImport(typ):
			out = append(out, f.readImport(n))
		case typ == "if_statement" || typ == "try_statement":
			out = f.readGuarded(n, out)
		}
	}
	return out
}

// readGuarded appends the imports in the blocks and clauses of an if or
// try statement, nested ones included, to out.
func (f *File) readGuarded(n *sitter.Node, out []importStmt) []importStmt {
	for _, c := range namedChildren(n) {
		switch typ := f.typeOf(c); {
		case isImport(typ):
			s := f.readImport(c)
			s.guarded = true
			out = append(out, s)
		case typ == "block" || typ == "if_statement" || typ == "try_statement" ||
			strings.HasSuffix(typ, "_clause"): // elif, else, except, except*, finally
			out = f.readGuarded(c, out)
		}
	}
	return out
}
