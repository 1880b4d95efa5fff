package pyproject

import (
	"fmt"
	"slices"
	"strings"

	"github.com/paxx-dev/paxx/requirements"
	"github.com/paxx-dev/paxx/rewrite"
)

// AddDependency ensures that req, a PEP 508 requirement such as
// "redis>=5.0", is among the runtime dependencies the file declares: in the
// [project].dependencies array, or as `redis = ">=5.0"` in Poetry's table
// (see DependencyTarget). A dependency already declared under the same
// normalized name, whatever its extras or markers, leaves the file
// unchanged (f itself comes back, with no action); one whose versions all
// lie below the version req needs is refused at its place. The array's
// layout, quotes, comments and order are followed; a missing dependencies
// key is added at the end of [project].
//
// A project whose dependencies live in a requirements file is refused here:
// use DependencyTarget and requirements.File.AddLine. AddDependency is
// AddDependencyTo the target DependencyTarget finds.
//
// It returns the file after the edit, parsed again by the check that every
// edit passes, so that the next edit need not parse it once more.
func (f *File) AddDependency(req string) (*File, []rewrite.Action, error) {
	req = strings.TrimSpace(req)
	want, err := requirements.ParseRequirement(req)
	if err != nil {
		return nil, nil, fmt.Errorf("pyproject: %w", err)
	}
	return f.addDependency(want, req)
}

// AddDependencyTo is AddDependency into the place t names rather than the
// one DependencyTarget finds: a PEP 735 group, an extra, a Poetry group or
// a PDM dev group, for a project whose image installs that group
// (project.Layout says which). A group that is missing is created in the
// file's style: its key at the end of its table ([dependency-groups]
// server = [...]), or its table at the end of the file, its array written
// on lines of their own or inline as the file's other dependency arrays
// are. A Requirements target is refused: the requirement goes to that file
// with requirements.File.AddLine.
func (f *File) AddDependencyTo(t Target, req string) (*File, []rewrite.Action, error) {
	req = strings.TrimSpace(req)
	want, err := requirements.ParseRequirement(req)
	if err != nil {
		return nil, nil, fmt.Errorf("pyproject: %w", err)
	}
	if err := t.check(); err != nil {
		return nil, nil, err
	}
	return f.addTo(t, want, req)
}

// addDependency adds want, written req, where the file keeps its
// dependencies.
func (f *File) addDependency(want requirements.Requirement, req string) (*File, []rewrite.Action, error) {
	t, err := f.DependencyTarget()
	if err != nil {
		return nil, nil, err
	}
	return f.addTo(t, want, req)
}

// addTo adds want, written req, to the place t names.
func (f *File) addTo(t Target, want requirements.Requirement, req string) (*File, []rewrite.Action, error) {
	switch {
	case t.arrayPath() != nil:
		return f.addToArray(t, want, req)
	case t.tablePath() != nil:
		return f.addToPoetry(t, want, req)
	}
	return nil, nil, rewrite.Errorf(rewrite.ErrRefused, f.path, 0, 0, "the project's dependencies are read from %s, not from this file", t.Path).
		WithHint("add %s to %s", req, t.Path)
}

// addToArray ensures the requirement in the array of requirement strings
// t names: [project].dependencies or a group's.
func (f *File) addToArray(t Target, want requirements.Requirement, req string) (*File, []rewrite.Action, error) {
	keyPath := t.arrayPath()
	where := t.Where()
	what := req + " in " + where
	holds := func(g *File) bool { return slices.Contains(g.StringArray(keyPath...), req) }
	e := f.doc.entryAt(keyPath)
	if e == nil {
		if t.Kind == PEP621 {
			return f.addDependenciesKey(req, what)
		}
		return f.addArrayKey(keyPath, req, what, holds)
	}
	a := e.value
	if a.kind != arrayKind {
		return nil, nil, rewrite.RefusedAt(f.path, f.src, e.keys[0].start, "%s is %s, not an array", where, tomlType(lookup(f.data, keyPath...))).
			WithHint("write it as an array of requirement strings")
	}
	keys := make([]string, len(a.items))
	var present []requirements.Declared
	for i, it := range a.items {
		if it.kind != stringKind {
			if t.Kind == DependencyGroup && it.kind == tableKind {
				continue // {include-group = "..."}: arrayInsert tells whether the new line can go beside it
			}
			return nil, nil, rewrite.RefusedAt(f.path, f.src, max(it.span.start, e.keys[0].start), "%s holds %s, not a requirement string", where, kindName(it.kind)).
				WithHint("make every element a string such as %q", req)
		}
		have, err := requirements.ParseRequirement(it.str)
		if err != nil {
			continue // not a requirement paxx can read, so not the one it adds
		}
		keys[i] = have.Key()
		if keys[i] == want.Key() {
			present = append(present, requirements.Declared{
				Text:     fmt.Sprintf("%q", it.str),
				Marker:   have.Marker != "",
				Excludes: have.Excludes(want),
				Offset:   it.span.start,
			})
		}
	}
	if len(present) > 0 {
		if err := conflictError(f.path, f.src, present, req, where); err != nil {
			return nil, nil, err
		}
		return f, nil, nil
	}
	elem := tomlString(req, f.doc.quoteStyle([]*entry{e}))
	ins, ok := arrayInsert(f.src, a, elem, rewrite.SortedPosition(keys, want.Key()), f.doc.indentUnit(), rewrite.Newline(f.src))
	if !ok {
		return nil, nil, rewrite.RefusedAt(f.path, f.src, e.keys[0].start, "%s holds an element paxx cannot place", where).
			WithHint("add %s yourself", req)
	}
	return f.finish(ins, what, holds)
}

// addDependenciesKey adds a dependencies array holding the requirement at
// the end of the [project] table.
func (f *File) addDependenciesKey(req, what string) (*File, []rewrite.Action, error) {
	st, ok := f.doc.site(projectPath())
	if !ok {
		return nil, nil, f.refused(projectPath(), "[project] has no place for a dependencies key").
			WithHint("write a [project] table header, then run paxx again")
	}
	nl := rewrite.Newline(f.src)
	text := st.prefix + "dependencies" + f.doc.assignment(st.entries) + "[" + nl +
		f.doc.indentUnit() + tomlString(req, f.doc.quoteStyle(st.entries)) + "," + nl + "]"
	ins := rewrite.LineInsertion(f.src, st.after, text, nl)
	return f.finish(ins, what, func(g *File) bool { return g.hasProjectDependency(req) })
}

// addArrayKey adds a group's array holding the requirement: as the last
// key of its table when the file has the table, else in a new [table] at
// the end of the file (see newTable). The array is written as the file
// writes its dependency arrays (see multiLineArrays).
func (f *File) addArrayKey(keyPath []string, req, what string, holds func(*File) bool) (*File, []rewrite.Action, error) {
	table, key := keyPath[:len(keyPath)-1], keyPath[len(keyPath)-1]
	if v := lookup(f.data, table...); v != nil {
		if _, ok := v.(map[string]any); !ok {
			return nil, nil, f.refused(table, "%s is %s, not a table", dotted(table), tomlType(v)).
				WithHint("make it a [%s] table", dotted(table))
		}
	}
	nl := rewrite.Newline(f.src)
	st, ok := f.doc.site(table)
	var near []*entry
	if ok {
		near = st.entries
	}
	q := f.doc.quoteStyle(near)
	array := "[" + tomlString(req, q) + "]"
	if f.doc.multiLineArrays(near) {
		array = "[" + nl + f.doc.indentUnit() + tomlString(req, q) + "," + nl + "]"
	}
	if ok {
		line := st.prefix + tomlKey(key, false) + f.doc.assignment(st.entries) + array
		return f.finish(rewrite.LineInsertion(f.src, st.after, line, nl), what, holds)
	}
	if err := f.inlineOnTheWay(table); err != nil {
		return nil, nil, err
	}
	return f.finish(f.newTable(table, key, array, nl), what, holds)
}

// inlineOnTheWay refuses a table path that goes through an inline table,
// under which no [table] header can be written.
func (f *File) inlineOnTheWay(table []string) error {
	for n := 1; n <= len(table); n++ {
		if e := f.doc.entryAt(table[:n]); e != nil {
			return rewrite.RefusedAt(f.path, f.src, e.keys[0].start, "%s is an inline table, which cannot take a [%s] table", dotted(table[:n]), dotted(table)).
				WithHint("write it as a [%s] table, then run paxx again", dotted(table[:n]))
		}
	}
	return nil
}

// hasProjectDependency reports whether [project].dependencies holds req.
func (f *File) hasProjectDependency(req string) bool {
	deps, _ := lookup(f.data, dependenciesPath()...).([]any)
	return slices.Contains(deps, any(req))
}

// finish applies an insertion, checks that the output parses and holds what
// was added, and reports the action. It returns the output as the check
// parsed it.
func (f *File) finish(ins rewrite.Insertion, what string, holds func(*File) bool) (*File, []rewrite.Action, error) {
	out, line, err := ins.Apply(f.src)
	if err != nil {
		return nil, nil, fmt.Errorf("pyproject: %w", err)
	}
	g, err := Parse(f.path, out)
	if err != nil {
		return nil, nil, fmt.Errorf("pyproject: internal error: adding %s made %s invalid: %w", what, f.path, err)
	}
	if !holds(g) {
		return nil, nil, fmt.Errorf("pyproject: internal error: after adding %s, %s does not hold it", what, f.path)
	}
	return g, []rewrite.Action{{Line: line, What: what}}, nil
}
