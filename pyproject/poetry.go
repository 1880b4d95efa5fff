package pyproject

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/paxx-dev/paxx/requirements"
	"github.com/paxx-dev/paxx/rewrite"
)

// addToPoetry ensures the requirement in the Poetry table t names,
// [tool.poetry.dependencies] or a group's, as `name = "constraint"` (or an
// inline table when it has extras or a marker). A group's table that the
// file does not have is created at its end.
func (f *File) addToPoetry(t Target, want requirements.Requirement, req string) (*File, []rewrite.Action, error) {
	table := t.tablePath()
	where := t.Where()
	what := want.Name + " in " + where
	holds := func(g *File) bool { return lookup(g.data, append(table, want.Name)...) != nil }
	deps, _ := lookup(f.data, table...).(map[string]any)
	var present []requirements.Declared
	for _, name := range slices.Sorted(maps.Keys(deps)) {
		if requirements.NormalizeName(name) == want.Key() {
			present = append(present, f.poetryDeclared(table, name, deps[name], want))
		}
	}
	if len(present) > 0 {
		if err := conflictError(f.path, f.src, present, req, where); err != nil {
			return nil, nil, err
		}
		return f, nil, nil
	}
	if want.URL != "" {
		return nil, nil, rewrite.Errorf(rewrite.ErrRefused, f.path, 0, 0, "paxx cannot write the direct reference %q as a Poetry dependency", req).
			WithHint("add it to %s yourself", where)
	}
	st, ok := f.doc.site(table)
	if !ok && t.Kind == PoetryGroup && lookup(f.data, table...) == nil {
		if err := f.inlineOnTheWay(table); err != nil {
			return nil, nil, err
		}
		nl := rewrite.Newline(f.src)
		return f.finish(f.newTable(table, want.Name, poetryValue(want, f.doc.quoteStyle(nil)), nl), what, holds)
	}
	if !ok {
		return nil, nil, f.refused(table, "%s has no place for a new key: it is an inline table or exists only through its sub-tables", where).
			WithHint("write a %s table header, then run paxx again", where)
	}
	q := f.doc.quoteStyle(st.entries)
	line := st.prefix + tomlKey(want.Name, f.quotedKeys(st)) + f.doc.assignment(st.entries) + poetryValue(want, q)
	nl := rewrite.Newline(f.src)

	// Keep a sorted table sorted; python, by custom, stays first.
	var keys []string
	var at []int
	for i, e := range st.entries {
		if name := st.keyName(e); name != "python" {
			keys = append(keys, requirements.NormalizeName(name))
			at = append(at, i)
		}
	}
	ins := rewrite.LineInsertion(f.src, st.after, line, nl)
	if i := rewrite.SortedPosition(keys, want.Key()); i < len(keys) {
		ins = rewrite.LineInsertion(f.src, f.doc.lineBefore(st, at[i]), line, nl)
	}
	return f.finish(ins, what, holds)
}

// poetryDeclared describes a dependency the Poetry table at table declares
// under name, with spec its decoded value.
func (f *File) poetryDeclared(table []string, name string, spec any, want requirements.Requirement) requirements.Declared {
	d := requirements.Declared{Offset: max(f.doc.find(append(slices.Clip(table), name)), 0)}
	switch s := spec.(type) {
	case string:
		d.Text = fmt.Sprintf("%s = %q", name, s)
		d.Excludes = requirements.PoetryExcludes(s, want)
	case map[string]any:
		v, _ := s["version"].(string)
		d.Text = fmt.Sprintf("%s = {version = %q}", name, v)
		_, d.Marker = s["markers"]
		if _, py := s["python"]; py {
			d.Marker = true
		}
		d.Excludes = v != "" && requirements.PoetryExcludes(v, want)
	default:
		d.Text = name // several constraints: left to the person who wrote them
	}
	return d
}

// quotedKeys reports whether the site writes all of its keys quoted, a
// style a new key follows.
func (f *File) quotedKeys(st *site) bool {
	for _, e := range st.entries {
		if k := st.keySpan(e); f.src[k.start] != '"' && f.src[k.start] != '\'' {
			return false
		}
	}
	return len(st.entries) > 0
}

// poetryValue writes the requirement's constraint as Poetry declares it:
// a string, or an inline table when extras or a marker come with it.
func poetryValue(want requirements.Requirement, q byte) string {
	constraint := want.Constraint()
	if constraint == "" {
		constraint = "*"
	}
	if len(want.Extras) == 0 && want.Marker == "" {
		return tomlString(constraint, q)
	}
	parts := []string{"version = " + tomlString(constraint, q)}
	if len(want.Extras) > 0 {
		extras := make([]string, len(want.Extras))
		for i, e := range want.Extras {
			extras[i] = tomlString(e, q)
		}
		parts = append(parts, "extras = ["+strings.Join(extras, ", ")+"]")
	}
	if want.Marker != "" {
		parts = append(parts, "markers = "+tomlString(want.Marker, q))
	}
	return "{" + strings.Join(parts, ", ") + "}"
}
