package python

import (
	"fmt"
	"slices"
	"strings"

	"github.com/paxx-dev/paxx/rewrite"
)

// This file checks an insertion of fields into a class body by parsing
// only what was inserted, when the insertion points show that nothing else
// can have changed: the check AddFields makes wherever it can, which needs
// no parse of the whole result (AddFields then returns the result to be
// parsed when first read, and RemoveFields' undo search wants only its
// bytes).

// checkInsertion checks the result out of inserting the groups' fields
// into the class ci of f with edits, as verify checks it, without parsing
// out: it returns verify's actions and true when the result passes, and
// false when this check cannot tell (verify must then decide). f must have
// parsed without a syntax error.
//
// Why a local check suffices. Python reads a file as a token stream: at
// the start of a logical line, with no bracket open, no string and no
// backslash continuation, the tokenizer's only state is its stack of
// indentations. Each insertion point here is the end of the line of a
// simple statement of the class body (a field, model_config, the
// docstring, pass) that nothing but blanks, a semicolon and a comment
// follows: such a point starts a logical line, and the indentation stack
// there is the body's. Each inserted text is whole lines, written with
// the body's indentation, so the tokenizer starts it in that state and,
// when the text is whole logical lines at that indentation, leaves it in
// that state too: what follows in the file is read as before, and the new
// tokens are statements put between two statements of one block, which
// the grammar allows wherever it allows those statements. So the result
// is valid Python and reads as the file did with the new statements in
// the body exactly when each text, put in the same state — the body of a
// class of its own, followed by a `pass` at the same indentation that a
// dangling continuation or bracket would swallow — parses cleanly (the
// same checks as Parse, the Python 3 ones included) into exactly the new
// fields, each read back as written. The class then has its old fields
// and the new ones, which is what verify counts; the insert-only check is
// made on the whole result.
//
// Anything this argument does not cover (an insertion at the top of a
// body, at the end of a file without a final newline, after a line that
// another statement or a continuation follows, an indentation this file
// does not write, a carriage return that is not part of a line break)
// returns false.
func (f *File) checkInsertion(ci *classInfo, groups []group, edits []rewrite.Edit, out []byte) ([]rewrite.Action, bool) {
	src := f.src
	stmts := ci.layout.stmts
	if len(stmts) == 0 || !rewrite.IsInsertOnly(src, out) {
		return nil, false
	}
	indent := ci.indent(src)
	if indent == "" || strings.Trim(indent, " \t") != "" {
		return nil, false
	}
	first := stmts[0].start
	if measureIndent([]byte(indent), 0, len(indent)) != measureIndent(src, rewrite.LineStart(src, first), first) {
		return nil, false
	}
	nl := rewrite.Newline(src)
	sorted := slices.Clone(edits)
	slices.SortStableFunc(sorted, func(a, b rewrite.Edit) int { return a.Start - b.Start })

	type inserted struct {
		line string // the field's statement, unindented
		at   int    // its line in out
	}
	added := map[string]inserted{}
	count := 0
	shift := 0 // the lines the edits before this one inserted
	for _, e := range sorted {
		pos := e.Start
		if e.End != pos || pos == 0 || src[pos-1] != '\n' || !strings.HasSuffix(e.Text, nl) ||
			strings.Count(e.Text, "\r") != strings.Count(e.Text, "\r\n") || !ci.endsSimpleStatement(src, pos) {
			return nil, false
		}
		doc := "class _:" + nl + e.Text + indent + "pass" + nl
		g, serr, err := parse(f.path, []byte(doc), 0)
		if err != nil || serr != nil || len(g.classes) != 1 {
			return nil, false
		}
		body := g.classes[0]
		last := len(body.layout.stmts) - 1
		if body.class.Name != "_" || last < 0 || body.layout.inline ||
			body.layout.stmts[last].kind != stmtFiller || g.line(body.layout.stmts[last].start) != strings.Count(doc, "\n") {
			return nil, false
		}
		for _, s := range body.layout.stmts[:last] {
			if s.kind != stmtField {
				return nil, false
			}
		}
		at := f.line(pos) + shift // the line of the text's first line in out
		for _, fld := range body.class.Fields {
			if _, dup := added[fld.Name]; dup {
				return nil, false
			}
			added[fld.Name] = inserted{line: fld.Name + ": " + fld.Type + " = " + fld.Default, at: at + fld.Line - 2}
			count++
		}
		shift += strings.Count(e.Text, "\n")
	}
	var actions []rewrite.Action
	want := 0
	for _, gr := range groups {
		want += len(gr.names)
		for i, name := range gr.names {
			fld, ok := added[name]
			if !ok || fld.line != gr.lines[i] {
				return nil, false
			}
			actions = append(actions, rewrite.Action{Line: fld.at, What: fmt.Sprintf("field %s in %s", name, ci.class.Name)})
		}
	}
	if count != want {
		return nil, false
	}
	return actions, true
}

// endsSimpleStatement reports whether pos is the start of the line after
// a simple statement of the class body (one paxx reads as a field,
// model_config, the docstring or pass) whose line holds nothing after it
// but blanks, a semicolon and a comment.
func (ci *classInfo) endsSimpleStatement(src []byte, pos int) bool {
	stmts := ci.layout.stmts
	from := rewrite.LineStart(src, pos-1) // the line that ends at pos
	i, _ := slices.BinarySearchFunc(stmts, from, func(s stmt, off int) int { return s.end - off })
	for ; i < len(stmts) && stmts[i].end < pos; i++ {
		if s := stmts[i]; s.kind != stmtOther && cleanTail(src[s.end:pos]) {
			return true
		}
	}
	return false
}

// cleanTail reports whether tail, the rest of a line after a statement,
// is blanks, at most one semicolon, a comment and the line break: nothing
// that would continue the logical line.
func cleanTail(tail []byte) bool {
	i := 0
	blanks := func() {
		for i < len(tail) && (tail[i] == ' ' || tail[i] == '\t' || tail[i] == '\f') {
			i++
		}
	}
	blanks()
	if i < len(tail) && tail[i] == ';' {
		i++
		blanks()
	}
	if i < len(tail) && tail[i] == '#' {
		for i < len(tail) && tail[i] != '\r' && tail[i] != '\n' {
			i++
		}
	}
	rest := string(tail[i:])
	return rest == "\n" || rest == "\r\n"
}
