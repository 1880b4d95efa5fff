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
	return f.AddEnvironmentShared(service, key, value, nil)
}

// AddEnvironmentShared is AddEnvironment for a service that may take its
// environment from an anchor: `<<: *api-common`, where x-api-common holds
// environment:, often a list of names passed through from .env. The
// variable then goes into the anchor's environment, in its form, when
// runsProject accepts every service that takes that environment (the
// services that run this project's code: each needs the variable); else,
// and always when runsProject is nil, the edit is refused with the
// anchor and the services named. A service's own environment is edited as
// AddEnvironment does.
func (f *File) AddEnvironmentShared(service, key, value string, runsProject func(service string) bool) (*File, []rewrite.Action, error) {
	if _, ok := f.Environment(service)[key]; ok {
		return f, nil, nil
	}
	item := key + "=" + value
	site, err := f.envSite(service, runsProject, item, false)
	if err != nil {
		return nil, nil, err
	}
	what := key + " in environment of service " + service
	s := f.style()
	asList := func(root map[string]any) bool {
		for _, p := range site.paths {
			ok := setAt(root, p, func(m map[string]any, k string) bool {
				list, ok := m[k].([]any)
				if !ok && m[k] != nil {
					return false
				}
				m[k] = appended(list, item)
				return true
			})
			if !ok {
				return false
			}
		}
		return true
	}
	var in rewrite.Insertion
	v := site.val
	switch {
	case v == nil:
		in = f.appendToBody(site.t, []string{"environment:", spaces(s.seq) + "- " + scalarLike(item, nil, s.quote, false)}, s)
		in = nextLine(in)
	case isImplicitNull(v):
		indent := site.key.Column - 1 + s.seq
		in = f.insertAfter(f.blockEnd(v, site.key.Column-1), []string{spaces(indent) + "- " + scalarLike(item, nil, s.quote, false)}, 0, s.nl)
	case v.Kind == yaml.SequenceNode && v.Style&yaml.FlowStyle != 0:
		in, err = f.flowAppend(v, scalarLike(item, v.Content, s.quote, true))
	case v.Kind == yaml.SequenceNode:
		in = f.insertAfter(f.blockEnd(v, site.key.Column-1), []string{spaces(f.childIndent(v)) + "- " + scalarLike(item, v.Content, s.quote, false)}, 0, s.nl)
	case v.Kind == yaml.MappingNode:
		flow := v.Style&yaml.FlowStyle != 0
		entry := scalarLike(key, keys(v), s.quote, flow) + ": " + scalarLike(value, values(v), s.quote, flow)
		if flow {
			in, err = f.flowAppend(v, entry)
		} else {
			in = f.insertAfter(f.blockEnd(v, site.key.Column-1), []string{spaces(f.childIndent(v)) + entry}, 0, s.nl)
		}
		if err != nil {
			return nil, nil, err
		}
		return f.apply(what, in, func(root map[string]any) bool {
			for _, p := range site.paths {
				ok := setAt(root, p, func(m map[string]any, k string) bool {
					env, ok := child(m, k)
					if ok {
						env[key] = value
					}
					return ok
				})
				if !ok {
					return false
				}
			}
			return true
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
