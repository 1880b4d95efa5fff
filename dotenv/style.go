package dotenv

import (
	"strings"

	"github.com/paxx-dev/paxx/rewrite"
)

// style is how a .env file writes its lines, learnt from the file so that
// added lines look like the person's own.
type style struct {
	nl      string // line break: "\n" or "\r\n"
	quote   byte   // the quote for values that need one: '"' or '\''
	export  bool   // bindings start with "export "
	spaced  bool   // bindings read "NAME = value"
	spacing int    // blank lines before a section's comment
}

// learnStyle reads the style of src from its entries; each trait follows
// the majority of the bindings, and a file without any gets the common
// form: NAME=value, double quotes, one blank line between sections.
func learnStyle(src []byte, entries []entry) style {
	st := style{nl: rewrite.Newline(src), quote: '"', spacing: sectionSpacing(entries)}
	var n, single, double, export, spaced int
	for _, e := range entries {
		if e.kind != binding || !e.hasValue {
			continue
		}
		n++
		switch e.quote {
		case '\'':
			single++
		case '"':
			double++
		}
		if e.export {
			export++
		}
		if e.spaced {
			spaced++
		}
	}
	if single > double {
		st.quote = '\''
	}
	st.export = 2*export > n
	st.spaced = 2*spaced > n
	return st
}

// sectionSpacing returns the number of blank lines the file puts before a
// section — a comment that follows a variable — or, without such comments,
// between groups of lines; the most frequent count wins, the first seen on
// a tie. The default is one.
func sectionSpacing(entries []entry) int {
	var before, between []int
	for i := 1; i < len(entries); i++ {
		e := entries[i]
		if e.kind == comment && entries[i-1].kind != comment {
			before = append(before, e.blank)
		}
		if e.blank > 0 {
			between = append(between, e.blank)
		}
	}
	switch {
	case len(before) > 0:
		return mostFrequent(before)
	case len(between) > 0:
		return mostFrequent(between)
	}
	return 1
}

// mostFrequent returns the value that occurs most often in counts, the
// first to reach that frequency on a tie.
func mostFrequent(counts []int) int {
	freq := map[int]int{}
	best := counts[0]
	for _, c := range counts {
		freq[c]++
		if freq[c] > freq[best] {
			best = c
		}
	}
	return best
}

// line returns the binding of v written in style st.
func (st style) line(v Var) string {
	var b strings.Builder
	if st.export {
		b.WriteString("export ")
	}
	b.WriteString(v.Name)
	if st.spaced {
		b.WriteString(" = ")
	} else {
		b.WriteString("=")
	}
	b.WriteString(encodeValue(v.Value, st.quote))
	return b.String()
}

// encodeValue writes v so that python-dotenv reads it back as v: bare when
// nothing in it needs quotes, else in the file's quote style — or in
// double quotes when single quotes cannot hold v without escapes, which
// readers of .env files do not all agree on.
func encodeValue(v string, quote byte) string {
	if !needsQuotes(v) {
		return v
	}
	if quote == '\'' && !strings.ContainsAny(v, "'\\\r\n") {
		return "'" + v + "'"
	}
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", `\r`)
	return `"` + r.Replace(v) + `"`
}

// needsQuotes reports whether v would read back differently, or not at
// all, when written bare: blank space, "#", quotes, backslashes and
// control characters need quotes.
func needsQuotes(v string) bool {
	for _, r := range v {
		if isSpace(r) || r < 0x20 || r == 0x7f || strings.ContainsRune(`#'"\`, r) {
			return true
		}
	}
	return false
}
