package dotenv

import (
	"strings"

	"github.com/paxx-dev/paxx/rewrite"
)

// place decides where the lines of the variables go: at the end of the
// section that section names when the file has one, else after the last
// line of the file that is not blank, as a new group under a comment
// naming section. The insertion is one edit, marked where the first
// variable's line starts; the others follow it, one line each.
func place(src []byte, entries []entry, st style, section string, lines []string) rewrite.Insertion {
	if section != "" {
		if last, ok := sectionEnd(entries, src, section); ok {
			return build(src, entries[last].end, st, 0, "", lines)
		}
	}
	if len(entries) == 0 || section == "" {
		return build(src, len(src), st, 0, commentFor(section), lines)
	}
	// The new group goes after the last entry's line, before the blank
	// lines that end the file, which stay at its end: the file keeps its
	// own ending, and the file before the addition is the only one from
	// which it gives its result.
	return build(src, entries[len(entries)-1].end, st, st.spacing, commentFor(section), lines)
}

// commentFor returns the comment line that heads a section, or "".
func commentFor(section string) string {
	if section == "" {
		return ""
	}
	return "# " + section
}

// build returns the insertion at offset at of blank blank lines, the
// header line (unless empty) and lines, marked where the first of lines
// starts. Text added at the end of a file whose last line has no line
// break starts with one and ends without.
func build(src []byte, at int, st style, blank int, header string, lines []string) rewrite.Insertion {
	var all []string
	for range blank {
		all = append(all, "")
	}
	if header != "" {
		all = append(all, header)
	}
	first := len(all)
	all = append(all, lines...)

	ins := rewrite.Insertion{}
	var b strings.Builder
	open := at == len(src) && !terminated(src)
	if open {
		b.WriteString(st.nl)
	}
	for i, l := range all {
		if i == first {
			ins.At = b.Len()
		}
		b.WriteString(l)
		if !open || i < len(all)-1 {
			b.WriteString(st.nl)
		}
	}
	ins.Edits = []rewrite.Edit{{Start: at, End: at, Text: b.String()}}
	return ins
}

// terminated reports whether src, apart from a byte order mark, is empty
// or ends with a line break.
func terminated(src []byte) bool {
	body := strings.TrimPrefix(string(src), rewrite.BOM)
	return body == "" || strings.HasSuffix(body, "\n") || strings.HasSuffix(body, "\r")
}

// sectionEnd finds the first comment that names section and returns the
// index of the last entry of its section: the entries that follow it
// without a blank line, up to the comment that heads another section.
func sectionEnd(entries []entry, src []byte, section string) (int, bool) {
	for h, e := range entries {
		if e.kind != comment || !strings.EqualFold(commentTitle(src[e.start:e.end]), section) {
			continue
		}
		last := h
		for i := h + 1; i < len(entries); i++ {
			next := entries[i]
			if next.blank > 0 || (next.kind == comment && !commentedBinding(src[next.start:next.end]) && entries[i-1].kind != comment) {
				break
			}
			last = i
		}
		return last, true
	}
	return 0, false
}

// commentTitle returns what a comment line says, without its "#" marks,
// blank space and decoration such as "---" or "===".
func commentTitle(line []byte) string {
	return strings.TrimFunc(string(line), func(r rune) bool {
		return isSpace(r) || strings.ContainsRune("#-=*~", r)
	})
}

// commentedBinding reports whether a comment line is a variable that was
// commented out, as in "# REDIS_URL=redis://localhost".
func commentedBinding(line []byte) bool {
	body := strings.TrimLeft(strings.TrimSpace(string(line)), "#")
	entries := parse([]byte(body))
	return len(entries) == 1 && entries[0].kind == binding && entries[0].hasValue
}
