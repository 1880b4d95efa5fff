package requirements

import (
	"fmt"
	"strings"
)

// Requirement is a parsed PEP 508 dependency specification such as
// `Redis[hiredis]>=5,<6; python_version >= "3.8"`: enough to match names the
// way installers do and to test whether a version range fits another.
type Requirement struct {
	// Name is the distribution name as written.
	Name string
	// Extras are the optional features asked for, as written.
	Extras []string
	// Specifiers are the version clauses, all of which must hold; none means
	// any version.
	Specifiers []Specifier
	// URL is the direct reference of a "name @ url" requirement.
	URL string
	// Marker is the environment marker after ";", as written, without the
	// semicolon and surrounding blanks.
	Marker string
}

// Specifier is one version clause of a requirement, such as ">=5.0".
type Specifier struct {
	// Op is one of ~= == != <= >= < > ===.
	Op string
	// Version is the operand as written; a prefix match keeps its ".*".
	Version string
}

// String returns the clause as PEP 440 writes it, without blanks.
func (s Specifier) String() string { return s.Op + s.Version }

// Key returns the requirement's name normalized by PEP 503, the form under
// which two spellings of one distribution compare equal.
func (r Requirement) Key() string { return NormalizeName(r.Name) }

// Constraint returns the version clauses joined by commas (">=5.0,<6"), or
// "" when any version is accepted.
func (r Requirement) Constraint() string {
	parts := make([]string, len(r.Specifiers))
	for i, s := range r.Specifiers {
		parts[i] = s.String()
	}
	return strings.Join(parts, ",")
}

// NormalizeName applies PEP 503 normalization: lower case, and every run of
// "-", "_" and "." written as a single "-". "Pydantic_Settings" and
// "pydantic.settings" both become "pydantic-settings".
func NormalizeName(name string) string {
	var b strings.Builder
	b.Grow(len(name))
	sep := false
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c == '-' || c == '_' || c == '.' {
			sep = true
			continue
		}
		if sep && b.Len() > 0 {
			b.WriteByte('-')
		}
		sep = false
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	return b.String()
}

// ParseRequirement parses one PEP 508 requirement, such as
// `redis[hiredis]>=5.0; python_version >= "3.8"`. Markers are kept as
// text, not evaluated; versions are kept as written and read only when
// compared. (Parse reads a requirements file.)
func ParseRequirement(s string) (Requirement, error) {
	p := reqParser{s: s}
	r, err := p.requirement()
	if err != nil {
		return Requirement{}, fmt.Errorf("invalid requirement %q: %w", s, err)
	}
	return r, nil
}

// reqParser reads a requirement left to right.
type reqParser struct {
	s string
	i int
}

func (p *reqParser) requirement() (Requirement, error) {
	var r Requirement
	var err error
	p.blanks()
	if r.Name, err = p.identifier("name"); err != nil {
		return r, err
	}
	p.blanks()
	if p.peek() == '[' {
		if r.Extras, err = p.extras(); err != nil {
			return r, err
		}
		p.blanks()
	}
	switch p.peek() {
	case '@':
		p.i++
		p.blanks()
		start := p.i
		for p.i < len(p.s) && !isBlank(p.s[p.i]) {
			p.i++
		}
		if r.URL = p.s[start:p.i]; r.URL == "" {
			return r, fmt.Errorf("missing URL after %q at column %d", "@", start+1)
		}
		if p.blanks() == 0 && p.i < len(p.s) {
			return r, fmt.Errorf("expected a blank after the URL at column %d", p.i+1)
		}
	case '(':
		p.i++
		if r.Specifiers, err = p.specifiers(); err != nil {
			return r, err
		}
		p.blanks()
		if p.peek() != ')' {
			return r, fmt.Errorf("expected %q at column %d", ")", p.i+1)
		}
		p.i++
		p.blanks()
	default:
		if isOperatorByte(p.peek()) {
			if r.Specifiers, err = p.specifiers(); err != nil {
				return r, err
			}
		}
	}
	if p.peek() == ';' {
		p.i++
		if r.Marker = strings.TrimSpace(p.s[p.i:]); r.Marker == "" {
			return r, fmt.Errorf("empty environment marker after %q", ";")
		}
		p.i = len(p.s)
	}
	if p.i < len(p.s) {
		return r, fmt.Errorf("unexpected %q at column %d", p.s[p.i:], p.i+1)
	}
	return r, nil
}

// identifier reads a name: letters and digits, with "-", "_" and "."
// allowed inside.
func (p *reqParser) identifier(what string) (string, error) {
	start := p.i
	for p.i < len(p.s) && (isAlnum(p.s[p.i]) || p.s[p.i] == '-' || p.s[p.i] == '_' || p.s[p.i] == '.') {
		p.i++
	}
	id := p.s[start:p.i]
	if id == "" || !isAlnum(id[0]) || !isAlnum(id[len(id)-1]) {
		return "", fmt.Errorf("expected a %s at column %d", what, start+1)
	}
	return id, nil
}

// extras reads "[a, b]"; the brackets may be empty.
func (p *reqParser) extras() ([]string, error) {
	p.i++ // '['
	var extras []string
	for {
		p.blanks()
		if p.peek() == ']' && len(extras) == 0 {
			p.i++
			return extras, nil
		}
		e, err := p.identifier("extra")
		if err != nil {
			return nil, err
		}
		extras = append(extras, e)
		p.blanks()
		switch p.peek() {
		case ',':
			p.i++
		case ']':
			p.i++
			return extras, nil
		default:
			return nil, fmt.Errorf("expected %q or %q at column %d", ",", "]", p.i+1)
		}
	}
}

// operators returns the comparison operators, longest first so that "==="
// is not read as "==".
func operators() []string { return []string{"===", "~=", "==", "!=", "<=", ">=", "<", ">"} }

// specifiers reads one or more comma-separated version clauses.
func (p *reqParser) specifiers() ([]Specifier, error) {
	var specs []Specifier
	for {
		p.blanks()
		op := ""
		for _, o := range operators() {
			if strings.HasPrefix(p.s[p.i:], o) {
				op = o
				break
			}
		}
		if op == "" {
			return nil, fmt.Errorf("expected a version operator at column %d", p.i+1)
		}
		p.i += len(op)
		p.blanks()
		start := p.i
		for p.i < len(p.s) && isVersionByte(p.s[p.i]) {
			p.i++
		}
		if start == p.i {
			return nil, fmt.Errorf("expected a version after %q at column %d", op, start+1)
		}
		specs = append(specs, Specifier{Op: op, Version: p.s[start:p.i]})
		p.blanks()
		if p.peek() != ',' {
			return specs, nil
		}
		p.i++
	}
}

// blanks skips spaces and tabs and returns how many it skipped.
func (p *reqParser) blanks() int {
	start := p.i
	for p.i < len(p.s) && isBlank(p.s[p.i]) {
		p.i++
	}
	return p.i - start
}

// peek returns the next byte, or 0 at the end.
func (p *reqParser) peek() byte {
	if p.i < len(p.s) {
		return p.s[p.i]
	}
	return 0
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' }

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func isOperatorByte(c byte) bool { return c == '<' || c == '>' || c == '=' || c == '!' || c == '~' }

func isVersionByte(c byte) bool {
	return isAlnum(c) || c == '.' || c == '*' || c == '+' || c == '!' || c == '-' || c == '_'
}
