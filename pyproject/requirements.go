package pyproject

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/paxx-dev/paxx/rewrite"
)

// AddRequirementLine ensures that req is a line of a pip requirements file.
// Names match as in AddDependency, and a requirement that rules out the
// versions req needs is refused at its line. Comments, blank lines, option
// lines (-r, -c, -e, --index-url, ...) and continuation lines are kept. The
// new line goes after the last requirement or option line, or where it
// belongs when the requirements are sorted by name. A file that pins hashes
// is refused: pip would reject a new line without one, and so is a file
// with a line break other than LF and CRLF (a lone CR, a form feed...),
// where pip's lines are not paxx's.
func AddRequirementLine(path string, src []byte, req string) ([]byte, []rewrite.Action, error) {
	req = strings.TrimSpace(req)
	want, err := ParseRequirement(req)
	if err != nil {
		return nil, nil, fmt.Errorf("pyproject: %w", err)
	}
	if err := checkLineBreaks(path, src); err != nil {
		return nil, nil, err
	}
	lines := requirementLines(src)
	var present []declared
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
			present = append(present, declared{
				text:     fmt.Sprintf("%q", l.text),
				marker:   l.req.Marker != "",
				excludes: excludes(*l.req, want),
				off:      l.start,
			})
		}
	}
	if len(present) > 0 {
		if err := conflictError(path, src, present, req, path); err != nil {
			return nil, nil, err
		}
		return src, nil, nil
	}
	if hashed >= 0 {
		return nil, nil, refusedAt(path, src, hashed, "the file pins hashes (--hash), so pip would refuse a new line without one").
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
	at = min(at, contentEnd(src))
	if i := sortedPosition(keys, want.Key()); i < len(keys) {
		at = max(rewrite.LineStart(src, reqLines[i].start), len(bomOf(src)))
	}
	ins := lineInsertion(src, at, req, nl)
	if continuedAt(src, at) {
		// A blank line ends the continuation, as pip reads it, so that the
		// new line stays a requirement of its own.
		ins.edits[0].Text = nl + ins.edits[0].Text
		ins.at += len(nl)
	}
	out, line, err := ins.apply(src)
	if err != nil {
		return nil, nil, err
	}
	if !hasRequirement(out, want.Key()) {
		return nil, nil, fmt.Errorf("pyproject: internal error: after adding %s, %s does not hold it", req, path)
	}
	return out, []rewrite.Action{{Line: line, What: req + " in " + path}}, nil
}

// reqLine is a logical line of a requirements file that is not blank or a
// comment: a requirement, an option, or something else pip accepts (a path
// or a URL).
type reqLine struct {
	start, end int          // from its first non-blank byte to the end of its last physical line's content
	text       string       // the requirement as written, without options and comment
	req        *Requirement // nil for options and what paxx cannot read
	hashed     bool         // it carries --hash or is --require-hashes
}

// requirementLines reads the logical lines of a requirements file the way
// pip does: a line ending in a backslash continues on the next, unless the
// line is a comment; a "#" at the start or after a blank starts a comment.
func requirementLines(src []byte) []reqLine {
	var lines []reqLine
	var text strings.Builder
	start := -1
	for off := len(bomOf(src)); off < len(src); {
		next := rewrite.LineEnd(src, off)
		content := strings.TrimRight(string(src[off:next]), "\r\n")
		joined, more := strings.CutSuffix(content, `\`)
		if strings.HasPrefix(strings.TrimLeft(content, " \t"), "#") {
			more = false // pip never continues a comment line
		}
		if start < 0 && strings.TrimSpace(content) != "" {
			start = skipBlanks(src, off)
		}
		if more {
			text.WriteString(joined)
			off = next
			continue
		}
		text.WriteString(content)
		logical := text.String()
		if i := commentStart(logical); i >= 0 {
			logical = logical[:i]
		}
		if logical = strings.TrimSpace(logical); logical != "" && start >= 0 {
			lines = append(lines, readRequirementLine(logical, start, off+len(content)))
		}
		text.Reset()
		start = -1
		off = next
	}
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

// hasRequirement reports whether a requirements file declares key.
func hasRequirement(src []byte, key string) bool {
	for _, l := range requirementLines(src) {
		if l.req != nil && l.req.Key() == key {
			return true
		}
	}
	return false
}

// bomOf returns the byte order mark that src starts with, if any.
func bomOf(src []byte) []byte {
	if bytes.HasPrefix(src, []byte(rewrite.BOM)) {
		return src[:len(rewrite.BOM)]
	}
	return nil
}
