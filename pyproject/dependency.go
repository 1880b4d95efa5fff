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
// use DependencyTarget and requirements.File.AddLine.
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

// addDependency adds want, written req, where the file keeps its
// dependencies.
func (f *File) addDependency(want requirements.Requirement, req string) (*File, []rewrite.Action, error) {
	t, err := f.DependencyTarget()
	if err != nil {
		return nil, nil, err
	}
	switch t.Kind {
	case PEP621:
		return f.addToProject(want, req)
	case Poetry:
		return f.addToPoetry(want, req)
	}
	return nil, nil, rewrite.Errorf(rewrite.ErrRefused, f.path, 0, 0, "the project's dependencies are read from %s, not from this file", t.Path).
		WithHint("add %s to %s", req, t.Path)
}

// addToProject ensures the requirement in [project].dependencies.
func (f *File) addToProject(want requirements.Requirement, req string) (*File, []rewrite.Action, error) {
	what := req + " in [project].dependencies"
	e := f.doc.entryAt(dependenciesPath())
	if e == nil {
		return f.addDependenciesKey(req, what)
	}
	a := e.value
	keys := make([]string, len(a.items))
	var present []requirements.Declared
	for i, it := range a.items {
		if it.kind != stringKind {
			return nil, nil, rewrite.RefusedAt(f.path, f.src, max(it.span.start, e.keys[0].start), "[project].dependencies holds %s, not a requirement string", kindName(it.kind)).
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
		if err := conflictError(f.path, f.src, present, req, "[project].dependencies"); err != nil {
			return nil, nil, err
		}
		return f, nil, nil
	}
	elem := tomlString(req, f.doc.quoteStyle([]*entry{e}))
	ins, ok := arrayInsert(f.src, a, elem, rewrite.SortedPosition(keys, want.Key()), f.doc.indentUnit(), rewrite.Newline(f.src))
	if !ok {
		return nil, nil, rewrite.RefusedAt(f.path, f.src, e.keys[0].start, "[project].dependencies holds an element paxx cannot place").
			WithHint("add %s yourself", req)
	}
	return f.finish(ins, what, func(g *File) bool { return g.hasProjectDependency(req) })
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
