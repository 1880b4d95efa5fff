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
	var bad *rewrite.Error
	walk(root, func(n *sitter.Node) bool {
		if bad != nil {
			return false
		}
		switch n.Type() {
		case "print_statement", "exec_statement":
			line, col := f.position(int(n.StartByte()))
			bad = rewrite.Errorf(rewrite.ErrSyntax, f.path, line, col, "invalid Python 3 syntax: a Python 2 %s statement", n.Child(0).Type()).
				WithHint("paxx edits Python 3 code; call %s(...) as a function", n.Child(0).Type())
		case "module", "block":
			bad = f.checkIndentation(n)
		}
		return bad == nil && holdsStatements(n.Type())
	})
	return bad
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
// indented.
func (f *File) checkIndentation(block *sitter.Node) *rewrite.Error {
	var want indentWidth
	have := block.Type() == "module"
	for _, n := range namedChildren(block) {
		start := int(n.StartByte())
		if n.Type() == "comment" || !startsLine(f.src[f.bom:], start-f.bom) {
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
