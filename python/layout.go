package python

import (
	"bytes"
	"strings"

	"github.com/paxx-dev/paxx/rewrite"
)

// This file reads a class body's layout: where new fields go, with what
// indentation, and how many blank lines the class puts between groups.

// placement is where a new group of fields goes in a class body.
type placement struct {
	pos int // byte offset of the start of the line the group goes before
	// afterHeader reports that the body has nothing for fields to follow
	// (only methods and the like): the group opens the body, and blank
	// lines separate it from what follows instead of what precedes.
	afterHeader bool
}

// indent returns the class body's indentation: the whitespace before its
// first statement, from the last form feed on (Python restarts the count
// of an indentation at a form feed).
func (ci *classInfo) indent(src []byte) string {
	if len(ci.layout.stmts) == 0 {
		return ""
	}
	start := ci.layout.stmts[0].start
	ws := src[rewrite.LineStart(src, start):start]
	return string(ws[bytes.LastIndexByte(ws, '\f')+1:])
}

// place returns where a new group of fields goes: after the last field;
// without fields, after the docstring, pass and model_config that open the
// body (or a model_config anywhere); else at the top of the body.
func (ci *classInfo) place(src []byte) placement {
	stmts := ci.layout.stmts
	for i := len(stmts) - 1; i >= 0; i-- {
		if stmts[i].kind == stmtField {
			return placement{pos: rewrite.LineEnd(src, stmts[i].end)}
		}
	}
	end, leading := -1, true
	for _, s := range stmts {
		switch {
		case s.kind == stmtConfig:
			end = max(end, s.end)
		case leading && (s.kind == stmtDoc || s.kind == stmtFiller):
			end = max(end, s.end)
		default:
			leading = false
		}
	}
	if end >= 0 {
		return placement{pos: rewrite.LineEnd(src, end)}
	}
	return placement{pos: rewrite.LineEnd(src, ci.layout.header), afterHeader: true}
}

// gap is what lies between two consecutive statements of a body: its blank
// lines and its comment lines, in order.
type gap struct {
	blanks   int
	comments []string // the comment lines, trimmed
	// blankAfterComment reports a blank line after the last comment line,
	// which detaches that comment from the statement below it.
	blankAfterComment bool
}

// gapBefore returns the gap between statement i and the one before it (or
// the class header for the first).
func (ci *classInfo) gapBefore(src []byte, i int) gap {
	from := rewrite.LineEnd(src, ci.layout.header)
	if i > 0 {
		from = rewrite.LineEnd(src, ci.layout.stmts[i-1].end)
	}
	to := rewrite.LineStart(src, ci.layout.stmts[i].start)
	var g gap
	if from >= to {
		return g
	}
	for _, line := range bytes.Split(bytes.TrimSuffix(src[from:to], []byte("\n")), []byte("\n")) {
		t := strings.TrimSpace(string(line))
		switch {
		case t == "":
			g.blanks++
			if len(g.comments) > 0 {
				g.blankAfterComment = true
			}
		case strings.HasPrefix(t, "#"):
			g.comments = append(g.comments, t)
			g.blankAfterComment = false
		}
	}
	return g
}

// spacing returns how many blank lines the class puts before a group of
// fields that opens with a comment: the most common count before such
// groups, else before any group separated by blank lines, else one.
func (ci *classInfo) spacing(src []byte) int {
	withComment := map[int]int{}
	withBlank := map[int]int{}
	for i := 1; i < len(ci.layout.stmts); i++ {
		if ci.layout.stmts[i].kind != stmtField || ci.layout.stmts[i-1].kind != stmtField {
			continue
		}
		g := ci.gapBefore(src, i)
		switch {
		case len(g.comments) > 0:
			withComment[g.blanks]++
		case g.blanks > 0:
			withBlank[g.blanks]++
		}
	}
	if n, ok := mostCommon(withComment); ok {
		return n
	}
	if n, ok := mostCommon(withBlank); ok {
		return n
	}
	return 1
}

// mostCommon returns the key with the highest count, the larger key on a
// tie, so that the result does not depend on map order. Larger wins because
// a comment directly above a field (no blank line) is more often a note on
// that field than the header of a group.
func mostCommon(counts map[int]int) (int, bool) {
	best, bestN := 0, 0
	for k, n := range counts {
		if n > bestN || (n == bestN && k > best) {
			best, bestN = k, n
		}
	}
	return best, bestN > 0
}

// sectionEnd finds an existing group headed by the comment `# section`:
// the run of fields directly below that comment, with no blank or comment
// line between them. It returns the offset of the line after the run's last
// field.
func (ci *classInfo) sectionEnd(src []byte, section string) (int, bool) {
	stmts := ci.layout.stmts
	for i, s := range stmts {
		if s.kind != stmtField {
			continue
		}
		g := ci.gapBefore(src, i)
		if len(g.comments) == 0 || g.blankAfterComment || !sameSection(g.comments[len(g.comments)-1], section) {
			continue
		}
		last := i
		for last+1 < len(stmts) && stmts[last+1].kind == stmtField {
			if g := ci.gapBefore(src, last+1); g.blanks > 0 || len(g.comments) > 0 {
				break
			}
			last++
		}
		return rewrite.LineEnd(src, stmts[last].end), true
	}
	return 0, false
}

// sameSection reports whether a comment line names the section: "# Redis"
// and "#  redis" do, "# Redis cache" does not.
func sameSection(comment, section string) bool {
	text := strings.TrimSpace(strings.TrimLeft(comment, "#"))
	return section != "" && strings.EqualFold(text, strings.TrimSpace(section))
}
