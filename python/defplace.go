package python

import (
	"strings"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/paxx-dev/paxx/rewrite"
)

// A new top-level function goes into a gap between two top-level
// statements with two blank lines before and after it, as PEP 8, black and
// ruff format write it, where the blank lines of the gap allow: the blank
// lines paxx adds must be a number that Undo can tell from the bytes,
// whatever the user had there. So the number added depends only on the
// statements around the gap, never on its blank lines: formatted code
// (black, ruff format, isort's lines_after_imports) has two blank lines
// before or after a function or class and one between other statements
// (imports included); paxx adds what makes that two, and two below the
// new function. Formatted code thus gets two and two; a gap the user
// spaced otherwise keeps its difference.

// defGap is a gap between two top-level statements where a new function
// can go: at, the start of the line of the next statement (or of its
// comments), blanks, the blank lines above at, and added, the blank lines
// a new function there gets above its own.
type defGap struct {
	at, blanks, added int
}

// before returns the blank lines the new function has above it.
func (g defGap) before() int { return g.blanks + g.added }

// defGapAbove returns where a new top-level function that the statement
// anchor uses goes: the last gap, after the module's last top-level import
// above anchor and no lower than anchor's own comments, where the new
// function has two blank lines above it; else right above anchor's
// comments.
func (t *appTree) defGapAbove(anchor *sitter.Node) defGap {
	nodes := namedChildren(t.tree.RootNode())
	start := int(anchor.StartByte())
	first := 0 // the first node whose gap above may take the function
	end := len(nodes)
	for i, n := range nodes {
		if int(n.StartByte()) >= start {
			end = i
			break
		}
		if hasImport(n) {
			first = i + 1
		}
	}
	own := t.commentsAbove(start)
	var last *defGap
	for i := max(first, 1); i <= end && i < len(nodes); i++ {
		g, ok := t.gapBefore(nodes[i-1], nodes[i])
		if !ok || g.at > own {
			continue
		}
		if g.before() == 2 {
			last = &g
		}
	}
	if last != nil {
		return *last
	}
	// Right above the anchor's comments: after the node that ends above
	// them.
	for i := end; i > 0; i-- {
		if int(nodes[i-1].EndByte()) <= own {
			next := anchor
			if i < len(nodes) {
				next = nodes[i]
			}
			return defGap{at: own, blanks: blankLinesAbove(t.src, own), added: addedBetween(nodes[i-1], next)}
		}
	}
	return defGap{at: own, blanks: blankLinesAbove(t.src, own)}
}

// gapBefore returns the gap between top-level nodes prev and next: false
// when next does not start a line or something other than blank lines
// lies between them.
func (t *appTree) gapBefore(prev, next *sitter.Node) (defGap, bool) {
	at := int(next.StartByte())
	if rewrite.LineStart(t.src, at) != at {
		return defGap{}, false
	}
	from, _ := lineAfter(t.src, int(prev.EndByte()))
	if from > at {
		return defGap{}, false
	}
	n := 0
	for off := from; off < at; off = rewrite.LineEnd(t.src, off) {
		if !blankLine(t.src, off) {
			return defGap{}, false
		}
		n++
	}
	return defGap{at: at, blanks: n, added: addedBetween(prev, next)}, true
}

// addedBetween is the number of blank lines a new function gets above it,
// besides the gap's own, in the gap between the top-level nodes prev and
// next: none where formatted code has two, one where it has one.
func addedBetween(prev, next *sitter.Node) int {
	if isDefinition(prev) || isDefinition(next) {
		return 0
	}
	return 1
}

// isDefinition reports whether a top-level node defines a function or
// class.
func isDefinition(n *sitter.Node) bool {
	switch n.Type() {
	case "function_definition", "class_definition", "decorated_definition":
		return true
	}
	return false
}

// blankLinesAbove counts the blank lines right above the line starting at
// off.
func blankLinesAbove(src []byte, off int) int {
	n := 0
	for off > 0 {
		prev := rewrite.LineStart(src, off-1)
		if !blankLine(src, prev) {
			break
		}
		n++
		off = prev
	}
	return n
}

// hasImport reports whether a top-level node is, or holds outside its
// functions and classes, an import statement: names a new function above
// it could not use yet.
func hasImport(n *sitter.Node) bool {
	switch {
	case isImport(n.Type()):
		return true
	case isDefinition(n):
		return false
	}
	for _, c := range namedChildren(n) {
		if hasImport(c) {
			return true
		}
	}
	return false
}

// defText returns a new top-level function's text for the gap g: the
// blank lines it adds above it, the function, and two blank lines below.
func (g defGap) defText(def, nl string) string {
	return strings.Repeat(nl, g.added) + def + nl + nl
}
