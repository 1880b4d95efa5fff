package compose

import (
	"github.com/paxx-dev/paxx/rewrite"
	"gopkg.in/yaml.v3"
)

// AddEnvironment adds key=value to a service's environment in the form it
// already uses: an item `- KEY=value` quoted like the existing items, or an
// entry `KEY: value`. A service without environment gets one in list form,
// at the end of its body. A key already present, whatever its value, leaves
// the file unchanged (the caller compares Environment's value with its own).
//
// It returns the file as it is after the edit, parsed again by the check
// that every edit passes (f itself when nothing was missing), so that the
// next edit need not parse it once more.
func (f *File) AddEnvironment(service, key, value string) (*File, []rewrite.Action, error) {
	if _, ok := f.Environment(service)[key]; ok {
		return f, nil, nil
	}
	t, err := f.target(service, "environment")
	if err != nil {
		return nil, nil, err
	}
	what := key + " in environment of service " + service
	item := key + "=" + value
	s := f.style()
	asList := func(root map[string]any) bool {
		svc, ok := serviceValue(root, service)
		if !ok {
			return false
		}
		list, ok := svc["environment"].([]any)
		if !ok && svc["environment"] != nil {
			return false
		}
		svc["environment"] = appended(list, item)
		return true
	}
	var in rewrite.Insertion
	v := t.val
	switch {
	case t.mergedVal != nil:
		return nil, nil, f.refuseMerged(t, "environment", item)
	case v == nil:
		in = f.appendToBody(t, []string{"environment:", spaces(s.seq) + "- " + scalarLike(item, nil, s.quote, false)}, s)
		in = nextLine(in)
	case isImplicitNull(v):
		indent := t.key.Column - 1 + s.seq
		in = f.insertAfter(f.blockEnd(v, t.key.Column-1), []string{spaces(indent) + "- " + scalarLike(item, nil, s.quote, false)}, 0, s.nl)
	case v.Kind == yaml.SequenceNode && v.Style&yaml.FlowStyle != 0:
		in, err = f.flowAppend(v, scalarLike(item, v.Content, s.quote, true))
	case v.Kind == yaml.SequenceNode:
		in = f.insertAfter(f.blockEnd(v, t.key.Column-1), []string{spaces(f.childIndent(v)) + "- " + scalarLike(item, v.Content, s.quote, false)}, 0, s.nl)
	case v.Kind == yaml.MappingNode:
		flow := v.Style&yaml.FlowStyle != 0
		entry := scalarLike(key, keys(v), s.quote, flow) + ": " + scalarLike(value, values(v), s.quote, flow)
		if flow {
			in, err = f.flowAppend(v, entry)
		} else {
			in = f.insertAfter(f.blockEnd(v, t.key.Column-1), []string{spaces(f.childIndent(v)) + entry}, 0, s.nl)
		}
		if err != nil {
			return nil, nil, err
		}
		return f.apply(what, in, func(root map[string]any) bool {
			svc, ok := serviceValue(root, service)
			if !ok {
				return false
			}
			env, ok := child(svc, "environment")
			if ok {
				env[key] = value
			}
			return ok
		})
	default:
		return nil, nil, rewrite.Errorf(rewrite.ErrRefused, f.path, v.Line, v.Column,
			"environment of service %s is %s, not a list or mapping", service, kindName(v)).
			WithHint("write it as a list of KEY=value items")
	}
	if err != nil {
		return nil, nil, err
	}
	return f.apply(what, in, asList)
}

// serviceValue returns the decoded body of service in a decoded document.
func serviceValue(root map[string]any, service string) (map[string]any, bool) {
	services, ok := child(root, "services")
	if !ok {
		return nil, false
	}
	return child(services, service)
}
