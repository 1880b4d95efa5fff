package components

import (
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/paxx-dev/paxx/python"
)

// dynamic is a field default that depends on the project.
type dynamic string

// projectName is the default that is the project's name: pyproject's, else
// the project directory's.
const projectName dynamic = "the project's name"

// resolveDefault returns v with a dynamic default worked out.
func (p *tree) resolveDefault(v any) any {
	if v != projectName {
		return v
	}
	if p.pyproj != "" {
		if f, err := p.parsePyproject(); err == nil && f.Name() != "" {
			return f.Name()
		}
	}
	return filepath.Base(p.layout.Abs(p.layout.Python))
}

// typeStyle is how the settings module gets annotations written.
type typeStyle struct {
	quote  byte
	pep604 bool // `X | None` may be written; else Optional[X]
}

// typing reads the style of mod, the settings module, and the project's
// Python versions: PEP 604 unions only when the module uses them already
// or every Python the project supports has them (3.10 and later).
func (e *engine) typing(mod *python.File) (typeStyle, error) {
	st, err := mod.Style()
	if err != nil {
		return typeStyle{}, err
	}
	ts := typeStyle{quote: st.Quote, pep604: st.Unions}
	if !ts.pep604 && e.p.pyproj != "" {
		if pf, err := e.p.parsePyproject(); err == nil {
			ts.pep604 = allowsUnions(pf.RequiresPython())
		}
	}
	return ts, nil
}

// annotation renders a catalogue type (written with PEP 604 unions and
// double quotes) in the module's style.
func (t typeStyle) annotation(typ string) string {
	if base, ok := strings.CutSuffix(typ, " | None"); ok && !t.pep604 {
		typ = "Optional[" + base + "]"
	}
	if t.quote == '\'' {
		typ = strings.ReplaceAll(typ, `"`, `'`)
	}
	return typ
}

// typeImports returns the imports that an annotation's names need.
func typeImports(typ string) []python.Import {
	var out []python.Import
	for _, name := range identifier.FindAllString(typ, -1) {
		switch name {
		case "SecretStr":
			out = append(out, python.Import{Module: "pydantic", Name: name})
		case "Literal", "Optional":
			out = append(out, python.Import{Module: "typing", Name: name})
		}
	}
	return out
}

// identifier matches a Python name outside string literals well enough for
// the catalogue's annotations, whose strings hold no capitalised words.
var identifier = regexp.MustCompile(`\b[A-Za-z_][A-Za-z0-9_]*\b`)

// lowerBound matches a specifier that bounds Python from below: >=3.10,
// >3.9, ~=3.11, ==3.12.*, Poetry's ^3.10 and ~3.10, or a bare 3.11.
var lowerBound = regexp.MustCompile(`^(>=|>|~=|==|\^|~)?\s*3\.(\d+)`)

// allowsUnions reports whether every Python that requires-python admits
// has PEP 604 unions (3.10+). Without a lower bound it is false; >3.9
// admits 3.9.1, so it is false too.
func allowsUnions(spec string) bool {
	for part := range strings.SplitSeq(spec, ",") {
		m := lowerBound.FindStringSubmatch(strings.TrimSpace(part))
		if m == nil {
			continue
		}
		minor, err := strconv.Atoi(m[2])
		if err != nil {
			continue
		}
		if minor >= 10 {
			return true
		}
	}
	return false
}
