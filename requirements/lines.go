package requirements

import (
	"fmt"
	"slices"
	"strings"

	"github.com/paxx-dev/paxx/rewrite"
)

// AddLine returns f with req, a PEP 508 requirement such as
// "redis>=5.0", as a line of its own, and the action that added it. Names
// match by PEP 503 (NormalizeName): a requirement already there under the
// same name leaves the file unchanged (f itself comes back, with no
// action), and one that rules out the versions req needs is refused at its
// line. Comments, blank lines, option lines (-r, -c, -e, --index-url, ...)
// and continuation lines are kept. The new line goes after the last
// requirement or option line, or where it belongs when the requirements
// are sorted by name. A file that pins hashes is refused: pip would reject
// a new line without one. The File returned is the result as the check
// that it holds req read it.
func (f *File) AddLine(req string) (*File, []rewrite.Action, error) {
	req = strings.TrimSpace(req)
	want, err := ParseRequirement(req)
	if err != nil {
		return nil, nil, fmt.Errorf("requirements: %w", err)
	}
	path, src, lines := f.path, f.src, f.lines
	var present []Declared
	var keys []string
	var reqLines []reqLine
	hashed := -1
	for _, l := range lines {
		if l.hashed && hashed < 0 {
			hashed = l.start
		}
		if l.req == nil {
			continue
		}
		keys = append(keys, l.req.Key())
		reqLines = append(reqLines, l)
		if l.req.Key() == want.Key() {
			present = append(present, Declared{
				Text:     fmt.Sprintf("%q", l.text),
				Marker:   l.req.Marker != "",
				Excludes: l.req.Excludes(want),
				Offset:   l.start,
			})
		}
	}
	if len(present) > 0 {
		if d := Conflict(present); d != nil {
			return nil, nil, rewrite.RefusedAt(path, src, d.Offset, "found %s in %s, which rules out %s that paxx needs", d.Text, path, req).
				WithHint("allow %s there, or remove it, then run paxx again", req)
		}
		return f, nil, nil
	}
	if hashed >= 0 {
		return nil, nil, rewrite.RefusedAt(path, src, hashed, "the file pins hashes (--hash), so pip would refuse a new line without one").
			WithHint("add %s to the file it is compiled from (such as requirements.in) and compile it again", req)
	}
	nl := rewrite.Newline(src)
	at := len(src)
	if len(lines) > 0 {
		at = rewrite.LineEnd(src, lines[len(lines)-1].end)
	}
	// Blank lines that end the file stay at its end (a continuation may
	// have taken them into the last line): the file keeps its ending, and
	// the file before the addition is the only one it comes from.
	at = min(at, rewrite.ContentEnd(src))
	if i := rewrite.SortedPosition(keys, want.Key()); i < len(keys) {
		at = max(rewrite.LineStart(src, reqLines[i].start), rewrite.BOMLen(src))
	}
	ins := rewrite.LineInsertion(src, at, req, nl)
	if continuedAt(src, at) {
		// A blank line ends the continuation, as pip reads it, so that the
		// new line stays a requirement of its own.
		ins.Edits[0].Text = nl + ins.Edits[0].Text
		ins.At += len(nl)
	}
	out, line, err := ins.Apply(src)
	if err != nil {
		return nil, nil, fmt.Errorf("requirements: %w", err)
	}
	g := read(path, out)
	if !g.has(want.Key()) || !rewrite.IsInsertOnly(src, out) {
		return nil, nil, fmt.Errorf("requirements: internal error: after adding %s, %s does not hold it", req, path)
	}
	return g, []rewrite.Action{{Line: line, What: req + " in " + path}}, nil
}

// reqLine is a logical line of a requirements file that is not blank or a
// comment: a requirement, an option, or something else pip accepts (a path
// or a URL).
type reqLine struct {
	start, end int          // from its first non-blank byte to the end of its last physical line's content
	text       string       // the requirement as written, without options and comment
	req        *Requirement // nil for options and what paxx cannot read
	hashed     bool         // it carries --hash or is --require-hashes
	options    []string     // the words from the first option on (-r base.txt)
}

// requirementLines reads the logical lines of a requirements file the way
// pip does: a line ending in a backslash continues on the next, unless the
// line is a comment; a "#" at the start or after a blank starts a comment.
func requirementLines(src []byte) []reqLine {
	var lines []reqLine
	var text strings.Builder
	start := -1
	// flush ends the logical line read so far at offset end.
	flush := func(end int) {
		logical := text.String()
		if i := commentStart(logical); i >= 0 {
			logical = logical[:i]
		}
		if logical = strings.TrimSpace(logical); logical != "" && start >= 0 {
			lines = append(lines, readRequirementLine(logical, start, end))
		}
		text.Reset()
		start = -1
	}
	end := 0
	for off := rewrite.BOMLen(src); off < len(src); {
		next := rewrite.LineEnd(src, off)
		content := strings.TrimRight(string(src[off:next]), "\r\n")
		joined, more := strings.CutSuffix(content, `\`)
		if strings.HasPrefix(strings.TrimLeft(content, " \t"), "#") {
			more = false // pip never continues a comment line
		}
		if start < 0 && strings.TrimSpace(content) != "" {
			start = rewrite.SkipBlanks(src, off)
		}
		end = off + len(content)
		if more {
			text.WriteString(joined)
		} else {
			text.WriteString(content)
			flush(end)
		}
		off = next
	}
	// A continued line that the file ends on is a line all the same, as
	// pip's join_lines reads it.
	flush(end)
	return lines
}

// readRequirementLine reads one logical line's content (comment removed).
func readRequirementLine(s string, start, end int) reqLine {
	l := reqLine{start: start, end: end}
	fields := strings.Fields(s)
	args := len(fields)
	for i, f := range fields {
		if strings.HasPrefix(f, "-") {
			args = min(args, i)
		}
		if strings.HasPrefix(f, "--hash") || f == "--require-hashes" {
			l.hashed = true
		}
	}
	l.options = fields[args:]
	if args == 0 {
		return l
	}
	l.text = strings.Join(fields[:args], " ")
	if r, err := ParseRequirement(l.text); err == nil {
		l.req = &r
	}
	return l
}

// continuedAt reports whether the line before offset at (the last line,
// when at is the end of a source without a final line break) ends with a
// backslash that pip reads as a continuation onto the next line.
func continuedAt(src []byte, at int) bool {
	end := at
	if at < len(src) || rewrite.EndsWithNewline(src) {
		if at == 0 {
			return false
		}
		end = at - 1
	}
	content := strings.TrimRight(string(src[rewrite.LineStart(src, end):end]), "\r\n")
	return strings.HasSuffix(content, `\`) && !strings.HasPrefix(strings.TrimLeft(content, " \t"), "#")
}

// commentStart returns the index of the "#" that starts a comment in a
// requirements line, or -1.
func commentStart(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] == '#' && (i == 0 || s[i-1] == ' ' || s[i-1] == '\t') {
			return i
		}
	}
	return -1
}

// RemoveLine returns f without the line that requires the package named
// like req, and the action that removed it (at its line in f), the
// inverse of AddLine: given the same req it undoes exactly what AddLine
// inserted when it finds that, and otherwise deletes the requirement's own
// lines. A requirement that is not there is
// no change: f itself comes back, with no action. The File returned is
// the result as the check that req is gone read it.
func (f *File) RemoveLine(req string) (*File, []rewrite.Action, error) {
	req = strings.TrimSpace(req)
	want, err := ParseRequirement(req)
	if err != nil {
		return nil, nil, fmt.Errorf("requirements: %w", err)
	}
	path, src := f.path, f.src
	for _, l := range f.lines {
		if l.req == nil || l.req.Key() != want.Key() {
			continue
		}
		start := max(rewrite.LineStart(src, l.start), rewrite.BOMLen(src)) // the byte order mark stays
		end := rewrite.LineEnd(src, l.end)
		out, ok := rewrite.Undo(src, start, end, f.redo(req), nil)
		if !ok {
			out = append(append([]byte{}, src[:start]...), src[end:]...)
		}
		g := read(path, out)
		intended := oneLess(texts(f.lines), texts(g.lines))
		for _, m := range g.lines {
			if m.req != nil && m.req.Key() == want.Key() && m.start == l.start {
				intended = false
			}
		}
		if !intended {
			return nil, nil, rewrite.RefusedAt(path, src, l.start, "removing %s did not give the intended file", want.Name).
				WithHint("remove it by hand")
		}
		line, _ := rewrite.Position(src, l.start)
		return g, []rewrite.Action{{Line: line, What: want.Name + " from " + path}}, nil
	}
	return f, nil, nil
}

// texts returns the logical lines' requirements as written, in order: what
// an edit must leave as it was but for the one line it adds or removes.
func texts(lines []reqLine) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = l.text
	}
	return out
}

// oneLess reports whether b is a with exactly one element taken out.
func oneLess(a, b []string) bool {
	if len(b) != len(a)-1 {
		return false
	}
	i := 0
	for i < len(b) && a[i] == b[i] {
		i++
	}
	return slices.Equal(a[i+1:], b[i:])
}
