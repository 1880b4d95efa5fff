package python

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/paxx-dev/paxx/rewrite"
)

// Undo takes out what Ensure put in: the hook's line and its import, and
// with the last line of a lifespan or handler that paxx wrote, that
// function (and the lifespan's `lifespan=` argument and import). It
// removes the most for which Ensure on the result gives f back byte for
// byte; when none does (the module was edited since), it removes only
// the hook's line and the imports nothing else uses, and a lifespan that
// holds other code stays, which the action says. f itself, with no
// actions, when the hook is not there.
func (w Wire) Undo(f *File) (*File, []rewrite.Action, error) {
	f, err := f.loaded()
	if err != nil {
		return nil, nil, err
	}
	if err := w.validate(f.path); err != nil {
		return nil, nil, err
	}
	src := f.src
	cands, stmtOff, kept, emptied, err := w.candidates(f.path, src)
	if err != nil || cands == nil {
		return f, nil, err
	}
	line, _ := rewrite.Position(src, stmtOff)
	what := w.Hook.what(w.appName(f.path, src))
	if kept {
		what += " (the lifespan stays: it holds other code)"
	}
	imports := []Import{{Module: w.Hook.Module, Name: w.Hook.Name}}
	var fallback, widest *File
	for i, c := range cands {
		imps := imports
		if i < len(cands)-1 {
			imps = append(imps, Import{Module: "contextlib", Name: "asynccontextmanager"})
		}
		g, err := Parse(f.path, c)
		if err != nil {
			continue
		}
		g, _, err = g.removeImportsFirst(imps, []string{w.Hook.Module})
		if err != nil {
			return nil, nil, err
		}
		again, _, err := w.Ensure(g)
		if err == nil && bytes.Equal(again.src, src) {
			return g, []rewrite.Action{{Line: line, What: what}}, nil
		}
		if i == 0 && len(cands) > 1 {
			widest = g
		}
		if i == len(cands)-1 {
			fallback = g
		}
	}
	if emptied && widest != nil {
		// The line was the last of a handler paxx wrote for another hook:
		// no removal is this hook's exact inverse, and the line alone
		// would leave a function with no body.
		fallback = widest
	}
	if fallback == nil {
		return nil, nil, fmt.Errorf("%s: removing %s: the module does not parse without it", f.path, w.Hook.Name)
	}
	if !rewrite.IsDeleteOnly(src, fallback.src) {
		return nil, nil, fmt.Errorf("%s: removing %s would change more than its own lines", f.path, w.Hook.Name)
	}
	return fallback, []rewrite.Action{{Line: line, What: what}}, nil
}

// appName is the name the app's setup statements use, "app" when the
// module does not say.
func (w Wire) appName(path string, src []byte) string {
	t, err := readAppTree(path, src)
	if err != nil {
		return "app"
	}
	defer t.close()
	if b, err := t.app(w.App); err == nil {
		return b.name
	}
	return "app"
}

// candidates returns the sources Undo tries, the most removed first: the
// last is src without the hook's line. stmt is the offset of that line;
// kept says that the function holding it stays for code of others. nil
// when the hook is not there.
func (w Wire) candidates(path string, src []byte) (cands [][]byte, stmt int, kept, emptied bool, err error) {
	t, err := readAppTree(path, src)
	if err != nil {
		return nil, 0, false, false, err
	}
	defer t.close()
	s, fn, b := w.find(t)
	if s == nil {
		return nil, 0, false, false, nil
	}
	if !ownLine(src, s) {
		// Taking its line out would take the user's code on it too.
		return nil, 0, false, false, w.unwired(path, src, int(s.StartByte()), "%s shares its line with other code: remove it by hand", w.Hook.Name)
	}
	line := lineRange(src, s)
	var wider [][2]int // ranges of the function that may go with the line
	var arg *sitter.Node
	if fn != nil {
		body := statements(bodyOf(fn))
		others := 0
		for _, o := range body {
			if !o.Equal(s) && squash(t.text(o)) != "yield" {
				others++
			}
		}
		top := fn
		for p := fn.Parent(); p != nil && p.Type() == "decorated_definition"; p = p.Parent() {
			top = p
		}
		switch name := t.funcName(fn); {
		case name == lifespanName && b != nil:
			_, args := t.callParts(b.call)
			arg = t.keyword(args, lifespanName)
			if arg != nil && others > 0 {
				kept = true
			}
			if arg != nil && others == 0 && len(body) == 2 && !w.KeepLifespan {
				wider = append(wider, lineRange(src, top))
			}
		case len(body) == 1 && strings.HasSuffix(name, "_on_"+w.Hook.event()):
			// The last line of a handler paxx wrote, for this hook or for
			// another that went before it: the handler goes too, as a
			// function with no body is no Python.
			wider = append(wider, lineRange(src, top))
			emptied = name != w.handlerName()
		}
	}
	for _, r := range wider {
		for _, ext := range blankExtents(src, r) {
			var edits []rewrite.Edit
			edits = append(edits, rewrite.Edit{Start: ext[0], End: ext[1]})
			if arg == nil {
				cands = append(cands, mustApply(src, edits))
				continue
			}
			for _, a := range argExtents(src, arg) {
				cands = append(cands, mustApply(src, append(edits[:1:1], rewrite.Edit{Start: a[0], End: a[1]})))
			}
		}
	}
	// The most removed first: two removals that Ensure makes the same
	// bytes from differ in the blank lines they keep.
	slices.SortStableFunc(cands, func(a, b []byte) int { return len(a) - len(b) })
	cands = append(cands, mustApply(src, []rewrite.Edit{{Start: line[0], End: line[1]}}))
	return cands, int(s.StartByte()), kept, emptied, nil
}

// find returns the hook's statement as Ensure placed it, the function
// holding it (a lifespan or handler; nil for a statement of the app's
// scope) and the app (nil when w names a lifespan module).
func (w Wire) find(t *appTree) (stmt, fn *sitter.Node, b *appBuild) {
	stmtText := w.Hook.statement("")
	if w.Lifespan != "" {
		if _, def := t.function(w.Lifespan); def != nil {
			return t.containsStmt(bodyOf(def), stmtText), nil, nil
		}
		return nil, nil, nil
	}
	b, err := t.app(w.App)
	if err != nil {
		return nil, nil, nil
	}
	if w.Hook.Kind == Setup || w.Hook.Kind == Router {
		want := w.Hook.statement(b.name)
		for _, s := range b.stmts {
			if squash(t.text(s)) == squash(want) {
				return s, nil, b
			}
		}
		return nil, nil, b
	}
	_, args := t.callParts(b.call)
	if kw := t.keyword(args, "lifespan"); kw != nil {
		if v := kw.ChildByFieldName("value"); v != nil && v.Type() == "identifier" {
			if _, def := t.function(t.text(v)); def != nil {
				if s := t.containsStmt(bodyOf(def), stmtText); s != nil {
					return s, def, b
				}
			}
		}
	}
	for _, h := range t.handlers(b) {
		if h.def != nil && h.event == w.Hook.event() {
			if s := t.containsStmt(bodyOf(h.def), stmtText); s != nil {
				return s, h.def, b
			}
		}
		if h.def == nil && h.event == w.Hook.event() {
			if _, args := t.callParts(exprOf(h.stmt)); args != nil {
				if as := namedChildren(args); len(as) == 2 && t.text(as[1]) == w.Hook.Name {
					return h.stmt, nil, b
				}
			}
		}
	}
	return nil, nil, b
}

// ownLine reports whether n has its lines to itself: nothing but blanks
// before it, and nothing but blanks or a comment after it.
func ownLine(src []byte, n *sitter.Node) bool {
	after := bytes.TrimSpace(src[n.EndByte():rewrite.LineEnd(src, int(n.EndByte()))])
	return startsLine(src, int(n.StartByte())) && (len(after) == 0 || after[0] == '#')
}

// lineRange is the whole lines that n spans, with their line break.
func lineRange(src []byte, n *sitter.Node) [2]int {
	start := rewrite.LineStart(src, int(n.StartByte()))
	end, _ := lineAfter(src, int(n.EndByte()))
	if end == len(src) && start > 0 && !rewrite.EndsWithNewline(src) {
		// The last line, with no break: the break before it goes.
		start--
		if start > 0 && src[start-1] == '\r' {
			start--
		}
	}
	return [2]int{start, end}
}

// blankExtents returns r widened by up to two blank lines before and
// after it, every combination.
func blankExtents(src []byte, r [2]int) [][2]int {
	starts, ends := []int{r[0]}, []int{r[1]}
	for s := r[0]; len(starts) < 3 && s > 0; {
		prev := rewrite.LineStart(src, s-1)
		if !blankLine(src, prev) {
			break
		}
		s = prev
		starts = append(starts, s)
	}
	for e := r[1]; len(ends) < 3 && e < len(src) && blankLine(src, e); {
		e = rewrite.LineEnd(src, e)
		ends = append(ends, e)
	}
	var out [][2]int
	for _, s := range starts {
		for _, e := range ends {
			out = append(out, [2]int{s, e})
		}
	}
	return out
}

// argExtents returns the ranges whose removal takes a keyword argument
// out of its call: with the separator before it, or after it, and with
// its line.
func argExtents(src []byte, arg *sitter.Node) [][2]int {
	start, end := int(arg.StartByte()), int(arg.EndByte())
	var out [][2]int
	// With what comes before it back to the previous argument's end (or
	// the parenthesis).
	b := start
	for b > 0 && bytes.IndexByte([]byte(" \t\r\n,"), src[b-1]) >= 0 {
		b--
	}
	e := end
	for e < len(src) && bytes.IndexByte([]byte(" \t,"), src[e]) >= 0 {
		e++
	}
	out = append(out, [2]int{b, end}, [2]int{start, e}, [2]int{start, end})
	if ls := rewrite.LineStart(src, start); blankLine(src[:start], ls) {
		le := rewrite.LineEnd(src, start)
		if bytes.TrimSpace(src[end:le]) != nil && string(bytes.TrimSpace(src[end:le])) == "," {
			out = append(out, [2]int{ls, le})
		}
	}
	return out
}

// mustApply applies edits that cannot overlap.
func mustApply(src []byte, edits []rewrite.Edit) []byte {
	out, err := rewrite.Apply(src, edits)
	if err != nil {
		return src
	}
	return out
}
