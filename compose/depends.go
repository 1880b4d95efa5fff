package compose

import (
	"slices"

	"github.com/paxx-dev/paxx/rewrite"
	"gopkg.in/yaml.v3"
)

// AddDependsOn makes service depend on dep, unless it already does. In
// list form it adds `- dep`; in map form `dep:` with `condition:` (the given
// condition, or service_started when it is ""). A service without
// depends_on gets one in map form when condition is set, else in list form.
//
// It returns the file as it is after the edit, parsed again by the check
// that every edit passes (f itself when nothing was missing), so that the
// next edit need not parse it once more.
func (f *File) AddDependsOn(service, dep, condition string) (*File, []rewrite.Action, error) {
	if slices.Contains(f.DependsOn(service), dep) {
		return f, nil, nil
	}
	t, err := f.target(service, "depends_on")
	if err != nil {
		return nil, nil, err
	}
	what := "depends_on " + dep + " in service " + service
	s := f.style()
	cond := condition
	if cond == "" {
		cond = "service_started"
	}
	name := scalarLike(dep, nil, s.quote, false)
	condLine := "condition: " + scalarLike(cond, nil, s.quote, false)
	asMap := func(root map[string]any) bool {
		svc, ok := serviceValue(root, service)
		if !ok {
			return false
		}
		deps, ok := child(svc, "depends_on")
		if ok {
			deps[dep] = map[string]any{"condition": cond}
		}
		return ok
	}
	asList := func(root map[string]any) bool {
		svc, ok := serviceValue(root, service)
		if !ok {
			return false
		}
		list, ok := svc["depends_on"].([]any)
		if !ok && svc["depends_on"] != nil {
			return false
		}
		svc["depends_on"] = appended(list, dep)
		return true
	}
	v := t.val
	var in rewrite.Insertion
	expect := asList
	switch {
	case t.mergedVal != nil:
		return nil, nil, f.refuseMerged(t, "depends_on", dep)
	case v == nil && condition != "":
		in = f.appendToBody(t, []string{"depends_on:", spaces(s.unit) + name + ":", spaces(2*s.unit) + condLine}, s)
		in = nextLine(in)
		expect = asMap
	case v == nil:
		in = f.appendToBody(t, []string{"depends_on:", spaces(s.seq) + "- " + name}, s)
		in = nextLine(in)
	case isImplicitNull(v) && condition != "":
		indent := t.key.Column - 1 + s.unit
		in = f.insertAfter(f.blockEnd(v, t.key.Column-1), []string{spaces(indent) + name + ":", spaces(indent+s.unit) + condLine}, 0, s.nl)
		expect = asMap
	case isImplicitNull(v):
		in = f.insertAfter(f.blockEnd(v, t.key.Column-1), []string{spaces(t.key.Column-1+s.seq) + "- " + name}, 0, s.nl)
	case v.Kind == yaml.SequenceNode && v.Style&yaml.FlowStyle != 0:
		in, err = f.flowAppend(v, scalarLike(dep, v.Content, s.quote, true))
	case v.Kind == yaml.SequenceNode:
		in = f.insertAfter(f.blockEnd(v, t.key.Column-1), []string{spaces(f.childIndent(v)) + "- " + scalarLike(dep, v.Content, s.quote, false)}, 0, s.nl)
	case v.Kind == yaml.MappingNode && v.Style&yaml.FlowStyle != 0:
		in, err = f.flowAppend(v, scalarLike(dep, keys(v), s.quote, true)+": {condition: "+scalarLike(cond, nil, s.quote, true)+"}")
		expect = asMap
	case v.Kind == yaml.MappingNode:
		indent := f.childIndent(v)
		in = f.insertAfter(f.blockEnd(v, t.key.Column-1), []string{
			spaces(indent) + scalarLike(dep, keys(v), s.quote, false) + ":",
			spaces(indent+f.nestedIndent(v, s)) + condLine,
		}, 0, s.nl)
		expect = asMap
	default:
		return nil, nil, rewrite.Errorf(rewrite.ErrRefused, f.path, v.Line, v.Column,
			"depends_on of service %s is %s, not a list or mapping", service, kindName(v)).
			WithHint("write it as a list of service names")
	}
	if err != nil {
		return nil, nil, err
	}
	return f.apply(what, in, expect)
}

// nestedIndent returns how far the entries of m indent their own block
// mappings (condition: under a dependency's name), or the file's unit.
func (f *File) nestedIndent(m *yaml.Node, s style) int {
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if v.Kind == yaml.MappingNode && v.Style&yaml.FlowStyle == 0 && len(v.Content) > 0 && v.Content[0].Line > k.Line {
			if d := f.childIndent(v) - (k.Column - 1); d > 0 {
				return d
			}
		}
	}
	return s.unit
}
