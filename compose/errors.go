package compose

import (
	"bytes"
	"errors"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/paxx-dev/paxx/rewrite"
	"gopkg.in/yaml.v3"
)

// yamlLine matches the "line N: " yaml.v3 puts in its messages.
var yamlLine = regexp.MustCompile(`^line (\d+): `)

// syntaxError turns an error of yaml.v3's parser into an *rewrite.Error of
// kind ErrSyntax at the best line and column it can find. yaml.v3's own line
// numbers are unreliable (1-based for scanner errors, 0-based for parser
// errors, the start of the enclosing block rather than the problem for
// some, none at all on the first line) and it gives no column. So the line
// is found by parsing: the first line whose prefix of the file already fails
// with the same message. The column points at the character the message
// names when it can be found on that line, else at its first non-blank
// character.
func (f *File) syntaxError(err error) error {
	msg := message(err)
	if off, ok := f.badByte(msg); ok {
		l, c := rewrite.Position(f.src, off)
		return rewrite.Errorf(rewrite.ErrSyntax, f.path, l, c, "%s", msg).WithHint("%s", syntaxHint(msg, false))
	}
	if name, ok := strings.CutPrefix(msg, "unknown anchor '"); ok {
		if off := bytes.Index(f.src, []byte("*"+strings.TrimSuffix(name, "' referenced"))); off >= 0 {
			l, c := rewrite.Position(f.src, off)
			return rewrite.Errorf(rewrite.ErrSyntax, f.path, l, c, "%s", msg).
				WithHint("define the anchor with &name before using it")
		}
	}
	line := f.failingLine(msg)
	tab := strings.Contains(msg, "tab") || strings.Contains(msg, "cannot start any token") && bytes.ContainsRune(f.text(line), '\t')
	return rewrite.Errorf(rewrite.ErrSyntax, f.path, line, f.column(line, msg), "%s", msg).
		WithHint("%s", syntaxHint(msg, tab))
}

// syntaxHint is what to do about a YAML syntax error with message msg;
// tab says that a tab on its line is the cause. Every syntax error has
// one: the messages of yaml.v3 say what the parser found, not how to
// fix it.
func syntaxHint(msg string, tab bool) string {
	switch {
	case tab:
		return "YAML indents with spaces; replace the tab"
	case strings.Contains(msg, "UTF-8"), strings.Contains(msg, "utf-8"):
		return "save the file as UTF-8"
	case strings.Contains(msg, "control characters"):
		return "remove the control character, or write it as an escape in a double-quoted string"
	case strings.Contains(msg, "mapping values are not allowed"):
		return "quote the value: a plain value cannot hold \": \""
	case strings.Contains(msg, "did not find expected ',' or ']'"):
		return "close the list with ], or separate its items with commas"
	case strings.Contains(msg, "did not find expected ',' or '}'"):
		return "close the mapping with }, or separate its entries with commas"
	case strings.Contains(msg, "quoted scalar"):
		return "close the quoted string on this line or a later one"
	case strings.Contains(msg, "did not find expected key"), strings.Contains(msg, "did not find expected <document start>"),
		strings.Contains(msg, "did not find expected '-' indicator"):
		return "check the indentation of this line against the lines above it"
	}
	return "fix the YAML so that docker compose config reads it, then run paxx again"
}

// message returns a yaml.v3 error's text without its "yaml: " and
// "line N: " prefixes.
func message(err error) string {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		msg = msg[len(m[0]):]
	}
	return msg
}

// failingLine returns the first line l such that the file's first l lines
// fail to parse with msg, by binary search; the last line when even the
// whole file does not fail that way.
func (f *File) failingLine(msg string) int {
	lo, hi := 1, len(f.starts)
	if hi == 0 {
		return 1
	}
	for lo < hi {
		mid := (lo + hi) / 2
		if prefixError(f.src[:f.lineEnd(mid)]) == msg {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// prefixError returns the message of the first error yaml.v3 finds in src,
// or "".
func prefixError(src []byte) string {
	dec := yaml.NewDecoder(bytes.NewReader(src))
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			return ""
		}
		if err != nil {
			return message(err)
		}
	}
}

// column guesses the 1-based column of a problem yaml.v3 reported on line.
func (f *File) column(line int, msg string) int {
	text := f.text(line)
	at := -1
	switch {
	case strings.Contains(msg, "tab"), strings.Contains(msg, "cannot start any token"):
		at = bytes.IndexAny(text, "\t@`")
	case strings.Contains(msg, "mapping values are not allowed"):
		for i := len(text) - 1; i >= 0; i-- {
			if text[i] == ':' && (i+1 == len(text) || text[i+1] == ' ') {
				at = i
				break
			}
		}
	}
	if at < 0 {
		at = len(text) - len(bytes.TrimLeft(text, " \t"))
	}
	return 1 + utf8.RuneCount(text[:at])
}

// badByte finds the byte that a reader error of yaml.v3 (bad UTF-8, a
// control character) complains about; such messages carry no line.
func (f *File) badByte(msg string) (int, bool) {
	switch {
	case strings.Contains(msg, "UTF-8"), strings.Contains(msg, "utf-8"):
		for off := 0; off < len(f.src); {
			r, size := utf8.DecodeRune(f.src[off:])
			if r == utf8.RuneError && size <= 1 {
				return off, true
			}
			off += size
		}
	case strings.Contains(msg, "control characters"):
		for off, r := range string(f.src) {
			if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7f {
				return off, true
			}
		}
	}
	return 0, false
}
