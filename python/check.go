package python

import (
	sitter "github.com/smacker/go-tree-sitter"

	"github.com/paxx-dev/paxx/rewrite"
)

// checkPython3 finds what tree-sitter's grammar accepts but Python 3
// rejects: Python 2 print and exec statements, and statements of one block
// (or of the module) indented differently — the grammar's indentation
// scanner lets a dedent land between two levels, Python does not. It
// returns the first such place, or nil.
func (f *File) checkPython3(root *sitter.Node) *rewrite.Error {
	return f.checkStatements(root, f.typeOf(root))
}

// checkStatements checks n, a node of type typ that can hold statements,
// and what lies below it, in document order: a block's indentation before
// its statements. It reads each node's children once, and skips the
// subtrees of nodes that cannot hold statements, which is most of a
// syntax tree.
func (f *File) checkStatements(n *sitter.Node, typ string) *rewrite.Error {
	children := f.childrenOf(n, typ)
	if typ == "module" || typ == "block" {
		if bad := f.checkIndentation(typ, children); bad != nil {
			return bad
		}
	}
	for _, c := range children {
		switch c.typ {
		case "print_statement", "exec_statement":
			line, col := f.position(int(c.n.StartByte()))
			kw := c.n.Child(0).Type()
			return rewrite.Errorf(rewrite.ErrSyntax, f.path, line, col, "invalid Python 3 syntax: a Python 2 %s statement", kw).
				WithHint("paxx edits Python 3 code; call %s(...) as a function", kw)
		}
		if holdsStatements(c.typ) {
			if bad := f.checkStatements(c.n, c.typ); bad != nil {
				return bad
			}
		}
	}
	return nil
}

// holdsStatements reports whether a node of the type can have statements
// below it: the module, blocks, and compound statements and their clauses.
// Walks that look for statements skip every other node's subtree, which
// is most of a syntax tree.
func holdsStatements(typ string) bool {
	switch typ {
	case "module", "block", "class_definition", "function_definition", "decorated_definition",
		"if_statement", "elif_clause", "else_clause", "for_statement", "while_statement",
		"try_statement", "except_clause", "except_group_clause", "finally_clause",
		"with_statement", "match_statement", "case_clause":
		return true
	}
	return false
}

// checkIndentation checks that the statements of a block that start their
// own lines share one indentation, and that module-level statements are not
// indented. typ is the block's type; children are its named children.
func (f *File) checkIndentation(typ string, children []child) *rewrite.Error {
	var want indentWidth
	have := typ == "module"
	for _, n := range children {
		start := n.start
		if n.typ == "comment" || !startsLine(f.src[f.bom:], start-f.bom) {
			continue
		}
		w := measureIndent(f.src, rewrite.LineStart(f.src, start), start)
		if !have {
			want, have = w, true
			continue
		}
		if w != want {
			line, col := f.position(start)
			return rewrite.Errorf(rewrite.ErrSyntax, f.path, line, col, "invalid Python syntax: unindent does not match any outer indentation level").
				WithHint("indent the statements of each block alike")
		}
	}
	return nil
}

// indentWidth is an indentation measured the two ways Python compares
// them: with tabs to multiples of 8 and with tabs as one column. Two
// indentations are the same level only when both agree.
type indentWidth struct{ tab8, tab1 int }

// measureIndent measures the whitespace in src[from:to].
func measureIndent(src []byte, from, to int) indentWidth {
	var w indentWidth
	for _, c := range src[from:to] {
		switch c {
		case ' ':
			w.tab8++
			w.tab1++
		case '\t':
			w.tab8 = (w.tab8/8 + 1) * 8
			w.tab1++
		case '\f':
			w = indentWidth{}
		}
	}
	return w
}

// startsLine reports whether only spaces, tabs and form feeds precede
// offset off on its line.
func startsLine(src []byte, off int) bool {
	for i := off - 1; i >= 0 && src[i] != '\n'; i-- {
		if c := src[i]; c != ' ' && c != '\t' && c != '\f' {
			return false
		}
	}
	return true
}
