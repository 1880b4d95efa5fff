package alembic

import (
	"fmt"
	"strings"

	"github.com/paxx-dev/paxx/rewrite"
)

// Section is the alembic.ini section that Alembic reads its options from
// unless `alembic -n` names another.
const Section = "alembic"

// maxInterpolationDepth is configparser's MAX_INTERPOLATION_DEPTH: how
// deep %(name)s references may nest before it gives up.
const maxInterpolationDepth = 10

// ScriptLocation returns the script_location option of the [alembic]
// section of the alembic.ini src read from path, with its references
// expanded, and whether the section sets it. `%(here)s`, which Alembic
// defines as the directory of the ini file, expands to ".", so a location
// written as "%(here)s/migrations" comes back as "./migrations": relative
// to the ini's directory.
//
// The file is read as Python's configparser reads it for Alembic
// (ConfigParser, strict, its default comment prefixes and interpolation):
// sections in brackets, "key = value" or "key: value" options with keys
// case-insensitive, full-line comments that start with "#" or ";" (a "#"
// later on a line is part of the value, as there), continuation lines
// indented deeper than their option, a [DEFAULT] section whose options
// every section sees, and %(name)s references with %% for a percent sign.
// What configparser rejects — an option before any section, a line that
// is neither, a section or option given twice, a bad or unknown reference
// — is an ErrSyntax *rewrite.Error at its line: Alembic could not read
// the file either, and paxx does not guess where it meant.
func ScriptLocation(path string, src []byte) (string, bool, error) {
	ini, err := parseINI(path, src)
	if err != nil {
		return "", false, err
	}
	sec, ok := ini.sections[Section]
	if !ok {
		return "", false, nil
	}
	const key = "script_location"
	opt, ok := sec[key]
	if !ok {
		if opt, ok = ini.defaults[key]; !ok {
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
		return "", false, rewrite.Errorf(rewrite.ErrSyntax, path, opt.line, 0, "option %s in [%s]: %v", key, Section, err).
			WithHint("fix the value as Python's configparser reads it (a percent sign is written %%%%), then run paxx again")
	}
	return v, true, nil
}

// option is one option's raw value and the line it starts on.
type option struct {
	value string
	line  int
}

// iniFile is an ini file as configparser holds it: options by lower-case
// name, in each section and in [DEFAULT].
type iniFile struct {
	sections map[string]map[string]option
	defaults map[string]option
}

// parseINI reads src as configparser's RawConfigParser._read does with
// its defaults (strict, empty lines allowed in values, no inline
// comments).
func parseINI(path string, src []byte) (*iniFile, error) {
	text := strings.TrimPrefix(string(src), rewrite.BOM)
	// Python reads the file in universal-newlines mode.
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	ini := &iniFile{sections: map[string]map[string]option{}, defaults: map[string]option{}}
	var (
		cur     map[string]option // the section being read; nil before the first
		curName string
		optName string // the option that continuation lines extend; "" after a header
		values  = map[string][]string{}
		indent  = 0
		seen    = map[string]bool{}
	)
	fail := func(n int, format string, args ...any) error {
		return rewrite.Errorf(rewrite.ErrSyntax, path, n, 0, format, args...).
			WithHint("fix the file as Python's configparser reads it (Alembic reads it so), then run paxx again")
	}
	key := func(section, opt string) string { return section + "\x00" + opt }
	for i, raw := range strings.Split(text, "\n") {
		n := i + 1
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
		if header, ok := sectionHeader(trimmed); ok {
			switch {
			case seen[header]:
				return nil, fail(n, "section [%s] given twice", header)
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
			return nil, fail(n, "an option before the first [section] header")
		}
		d := strings.IndexAny(trimmed, "=:")
		name := ""
		if d >= 0 {
			name = strings.ToLower(strings.TrimRight(trimmed[:d], " \t\f\v"))
		}
		if name == "" {
			return nil, fail(n, "neither a [section] header nor a `key = value` option")
		}
		k := key(curName, name)
		if _, dup := values[k]; dup {
			return nil, fail(n, "option %s given twice in [%s]", name, curName)
		}
		values[k] = []string{strings.TrimSpace(trimmed[d+1:])}
		cur[name] = option{line: n}
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
