package alembic

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/paxx-dev/paxx/rewrite"
)

// Section is the alembic.ini section that Alembic reads its options from
// unless `alembic -n` names another.
const Section = "alembic"

// maxInterpolationDepth is configparser's MAX_INTERPOLATION_DEPTH: how
// deep %(name)s references may nest before it gives up.
const maxInterpolationDepth = 10

// iniHint is what a person can do about an alembic.ini that configparser
// rejects.
const iniHint = "fix the file as Python's configparser reads it (Alembic reads it so), then run paxx again"

// Ini is an alembic.ini as Python's configparser reads it for Alembic
// (ConfigParser, strict, its default comment prefixes and interpolation):
// sections in brackets, "key = value" or "key: value" options with keys
// case-insensitive, full-line comments that start with "#" or ";" (a "#"
// later on a line is part of the value, as there), continuation lines
// indented deeper than their option, a [DEFAULT] section whose options
// every section sees, and %(name)s references with %% for a percent sign.
//
// It is the ini counterpart of File, the migration template: paxx only
// reads alembic.ini, so an Ini has no edits, but it is parsed once, keeps
// its bytes and path, and locates every problem as path:line:col.
type Ini struct {
	path     string
	src      []byte
	sections map[string]map[string]option
	defaults map[string]option
}

// option is one option's raw value and where its name and its value
// start.
type option struct {
	value     string
	line, col int // of the option's name
	valueCol  int // of the value's first character on line
}

// ParseIni reads the alembic.ini src, from path, as configparser's
// RawConfigParser._read does with its defaults (strict, empty lines
// allowed in values, no inline comments). What configparser rejects — an
// option before any section, a line that is neither, a section or option
// given twice — is an ErrSyntax *rewrite.Error at its line and column:
// Alembic could not read the file either, and paxx does not guess where
// it meant. References are expanded when an option is read (Get), as
// configparser does.
func ParseIni(path string, src []byte) (*Ini, error) {
	ini := &Ini{path: path, src: src, sections: map[string]map[string]option{}, defaults: map[string]option{}}
	var (
		cur     map[string]option // the section being read; nil before the first
		curName string
		optName string // the option that continuation lines extend; "" after a header
		values  = map[string][]string{}
		indent  = 0
		seen    = map[string]bool{}
	)
	key := func(section, opt string) string { return section + "\x00" + opt }
	for l := range iniLines(src) {
		raw := l.text
		trimmed := strings.TrimSpace(raw)
		comment := strings.HasPrefix(trimmed, "#") || strings.HasPrefix(trimmed, ";")
		if trimmed == "" || comment {
			// A blank line inside a value is part of it; a comment is not.
			if !comment && cur != nil && optName != "" {
				k := key(curName, optName)
				values[k] = append(values[k], "")
			}
			continue
		}
		lineIndent := len(raw) - len(strings.TrimLeft(raw, " \t\f\v"))
		if cur != nil && optName != "" && lineIndent > indent {
			k := key(curName, optName)
			values[k] = append(values[k], trimmed)
			continue
		}
		indent = lineIndent
		first := l.col(lineIndent) // where the line's text starts
		if header, ok := sectionHeader(trimmed); ok {
			switch {
			case seen[header]:
				return nil, ini.syntax(l.n, first, "section [%s] given twice", header)
			case header == "DEFAULT":
				cur = ini.defaults
			default:
				cur = map[string]option{}
				ini.sections[header] = cur
				seen[header] = true
			}
			curName, optName = header, ""
			continue
		}
		if cur == nil {
			return nil, ini.syntax(l.n, first, "an option before the first [section] header")
		}
		d := strings.IndexAny(trimmed, "=:")
		name := ""
		if d >= 0 {
			name = strings.ToLower(strings.TrimRight(trimmed[:d], " \t\f\v"))
		}
		if name == "" {
			return nil, ini.syntax(l.n, first, "neither a [section] header nor a `key = value` option")
		}
		k := key(curName, name)
		if _, dup := values[k]; dup {
			return nil, ini.syntax(l.n, first, "option %s given twice in [%s]", name, curName)
		}
		after := trimmed[d+1:]
		value := strings.TrimSpace(after)
		values[k] = []string{value}
		at := lineIndent + d + 1 + len(after) - len(strings.TrimLeft(after, " \t\f\v"))
		cur[name] = option{line: l.n, col: first, valueCol: l.col(at)}
		optName = name
	}
	join := func(section string, opts map[string]option) {
		for name, o := range opts {
			o.value = strings.TrimRight(strings.Join(values[key(section, name)], "\n"), " \t\n\r\f\v")
			opts[name] = o
		}
	}
	join("DEFAULT", ini.defaults)
	for name, opts := range ini.sections {
		join(name, opts)
	}
	return ini, nil
}

// Path returns the path the file was parsed from.
func (ini *Ini) Path() string { return ini.path }

// Bytes returns the file's text, as it was given.
func (ini *Ini) Bytes() []byte { return ini.src }

// Get returns the option name (any case) of section as configparser's get
// gives it: the section's own or else [DEFAULT]'s, with its %(name)s
// references expanded. `%(here)s`, which Alembic defines as the directory
// of the ini file, expands to "." unless the file sets it. ok is false
// when neither the section nor [DEFAULT] sets it, or when there is no such
// section. A reference that configparser could not expand is an ErrSyntax
// *rewrite.Error at the option's value.
func (ini *Ini) Get(section, name string) (value string, ok bool, err error) {
	sec, ok := ini.sections[section]
	if !ok {
		return "", false, nil
	}
	name = strings.ToLower(name)
	opt, ok := sec[name]
	if !ok {
		if opt, ok = ini.defaults[name]; !ok {
			return "", false, nil
		}
	}
	lookup := func(name string) (string, bool) {
		if o, ok := sec[name]; ok {
			return o.value, true
		}
		if o, ok := ini.defaults[name]; ok {
			return o.value, true
		}
		if name == "here" {
			return ".", true
		}
		return "", false
	}
	v, err := interpolate(opt.value, lookup, 1)
	if err != nil {
		return "", false, rewrite.Errorf(rewrite.ErrSyntax, ini.path, opt.line, opt.valueCol, "option %s in [%s]: %v", name, section, err).
			WithHint("fix the value as Python's configparser reads it (a percent sign is written %%%%), then run paxx again")
	}
	return v, true, nil
}

// ScriptLocation returns the script_location option of the [alembic]
// section (see Get), and whether the file sets it. A location written as
// "%(here)s/migrations" comes back as "./migrations": relative to the
// ini's directory.
func (ini *Ini) ScriptLocation() (string, bool, error) {
	return ini.Get(Section, "script_location")
}

// syntax is the ErrSyntax error at line n, column col of the file.
func (ini *Ini) syntax(n, col int, format string, args ...any) error {
	return rewrite.Errorf(rewrite.ErrSyntax, ini.path, n, col, format, args...).WithHint(iniHint)
}

// iniLine is one line of an ini file: its 1-based number and its text
// without the line break (or the first line's byte order mark).
type iniLine struct {
	n    int
	text string
}

// col returns the 1-based column, as an editor shows it, of the byte i of
// the line's text.
func (l iniLine) col(i int) int {
	return 1 + utf8.RuneCountInString(l.text[:min(i, len(l.text))])
}

// iniLines yields the lines of src as Python reads the file, in universal
// newlines mode ("\r\n", "\r" and "\n" each end a line), with a leading
// byte order mark taken off the first line's text.
func iniLines(src []byte) func(yield func(iniLine) bool) {
	return func(yield func(iniLine) bool) {
		for n, off := 1, 0; ; n++ {
			end := bytes.IndexAny(src[off:], "\r\n")
			next := len(src)
			if end < 0 {
				end = len(src)
			} else {
				end += off
				next = end + 1
				if src[end] == '\r' && next < len(src) && src[next] == '\n' {
					next++
				}
			}
			text := string(src[off:end])
			if off == 0 {
				text = strings.TrimPrefix(text, rewrite.BOM)
			}
			if !yield(iniLine{n: n, text: text}) || next >= len(src) {
				return
			}
			off = next
		}
	}
}

// sectionHeader returns the name in a "[name]" line, as configparser's
// SECTCRE matches it: from the first "[" to the last "]", whatever
// follows.
func sectionHeader(line string) (string, bool) {
	if !strings.HasPrefix(line, "[") {
		return "", false
	}
	end := strings.LastIndexByte(line, ']')
	if end < 2 {
		return "", false
	}
	return line[1:end], true
}

// interpolate expands %(name)s references and %% in value as
// configparser's BasicInterpolation does, with lookup giving a name's raw
// value.
func interpolate(value string, lookup func(string) (string, bool), depth int) (string, error) {
	if depth > maxInterpolationDepth {
		return "", fmt.Errorf("references nest deeper than %d", maxInterpolationDepth)
	}
	var b strings.Builder
	for rest := value; rest != ""; {
		p := strings.IndexByte(rest, '%')
		if p < 0 {
			b.WriteString(rest)
			break
		}
		b.WriteString(rest[:p])
		rest = rest[p:]
		switch {
		case strings.HasPrefix(rest, "%%"):
			b.WriteByte('%')
			rest = rest[2:]
		case strings.HasPrefix(rest, "%("):
			end := strings.IndexByte(rest, ')')
			if end < 3 || !strings.HasPrefix(rest[end:], ")s") {
				return "", fmt.Errorf("bad reference %q", rest)
			}
			name := strings.ToLower(rest[2:end])
			rest = rest[end+2:]
			v, ok := lookup(name)
			if !ok {
				return "", fmt.Errorf("%%(%s)s names no option", name)
			}
			if strings.Contains(v, "%") {
				var err error
				if v, err = interpolate(v, lookup, depth+1); err != nil {
					return "", err
				}
			}
			b.WriteString(v)
		default:
			return "", fmt.Errorf("a %% must be followed by %% or (, found %q", rest)
		}
	}
	return b.String(), nil
}
