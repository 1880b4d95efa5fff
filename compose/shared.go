package compose

import (
	"fmt"
	"slices"
	"strings"

	"github.com/paxx-dev/paxx/rewrite"
	"gopkg.in/yaml.v3"
)

// envSite is the environment an environment edit changes: the node
// written in the file and its key, and every place of the decoded
// document where Compose sees it (["services", "app", "environment"],
// ["x-api-common", "environment"]).
type envSite struct {
	t        target
	key, val *yaml.Node // nil when the service has no environment at all
	paths    [][]string
}

// envSite finds the environment of service that an edit changes. Its own
// environment is edited in place. One it shares, through a merge key
// (`<<: *api-common`, where x-api-common holds environment:) or an anchor,
// is edited where it is written when runsProject accepts every service
// that takes it: a variable for this project's code is then right in all
// of them. Otherwise, and always when runsProject is nil, it is refused,
// naming the anchor and the services; addition is what the hint tells the
// person to add by hand, or with removing to remove.
func (f *File) envSite(service string, runsProject func(service string) bool, addition string, removing bool) (envSite, error) {
	t, err := f.target(service, "environment")
	if err == nil && t.mergedVal == nil {
		own := envSite{t: t, key: t.key, val: t.val, paths: [][]string{{"services", service, "environment"}}}
		return own, nil
	}
	if runsProject == nil {
		if err != nil {
			return envSite{}, err
		}
		return envSite{}, f.refuseMerged(t, "environment", addition)
	}
	located, lerr := f.locate(service)
	if lerr != nil {
		return envSite{}, lerr
	}
	// Where the shared environment cannot be edited in place — a shared
	// body without one (an environment added to it would reach every
	// service that takes the body, each as its merge keys allow), or one
	// that no key holds (an alias inside a sequence) — paxx refuses.
	refuse := func() (envSite, error) {
		if err != nil {
			return envSite{}, err
		}
		return envSite{}, f.refuseMerged(t, "environment", addition)
	}
	_, val, _ := get(located.body, "environment")
	if val == nil {
		return refuse()
	}
	key, ok := f.keyOf(val)
	if !ok {
		return refuse()
	}
	site := envSite{t: located, key: key, val: val, paths: f.occurrences(val)}
	var takers, strangers []string
	for _, p := range site.paths {
		switch {
		case len(p) == 3 && p[0] == "services" && p[2] == "environment":
			takers = append(takers, p[1])
			if !runsProject(p[1]) {
				strangers = append(strangers, p[1])
			}
		case strings.HasPrefix(p[0], "x-"):
			// Compose ignores extension fields: nothing runs them.
		default:
			verb := "add"
			if removing {
				verb = "remove"
			}
			return envSite{}, rewrite.Errorf(rewrite.ErrRefused, f.path, val.Line, val.Column,
				"the environment of service %s is also %s", service, strings.Join(p, ".")).
				WithHint("%s %s by hand", verb, addition)
		}
	}
	if !slices.Contains(takers, service) {
		return envSite{}, fmt.Errorf("compose: %s: the environment of service %s is not where paxx looked for it", f.path, service)
	}
	if len(strangers) > 0 {
		where := f.pathOf(key)
		if a := f.anchorAbove(val); a != "" {
			where += " (&" + a + ")"
		}
		verb := "does"
		if len(strangers) > 1 {
			verb = "do"
		}
		e := rewrite.Errorf(rewrite.ErrRefused, f.path, key.Line, key.Column,
			"service %s takes its environment from %s, which services %s share; %s %s not run this project",
			service, where, strings.Join(takers, ", "), strings.Join(strangers, ", "), verb)
		if removing {
			return envSite{}, e.WithHint("remove %s from %s by hand if %s should not have it either",
				addition, where, strings.Join(strangers, ", "))
		}
		return envSite{}, e.WithHint("add %s to %s by hand if %s should have it too, or give service %s its own environment",
			addition, where, strings.Join(strangers, ", "), service)
	}
	return site, nil
}

// keyOf returns the key whose value node n is written as, in the file's
// own tree (not through an alias).
func (f *File) keyOf(n *yaml.Node) (*yaml.Node, bool) {
	for _, m := range f.order {
		if m.Kind != yaml.MappingNode {
			continue
		}
		for i := 1; i < len(m.Content); i += 2 {
			if m.Content[i] == n {
				return m.Content[i-1], true
			}
		}
	}
	return nil, false
}

// pathOf names where key k is written, its mapping keys from the top down
// (x-api-common.environment).
func (f *File) pathOf(k *yaml.Node) string {
	var names []string
	for n := k; n != nil; {
		names = append(names, n.Value)
		parent := f.parentKey(n)
		if parent == nil {
			break
		}
		n = parent
	}
	slices.Reverse(names)
	return strings.Join(names, ".")
}

// parentKey returns the key of the mapping entry whose value holds key
// node k, nil at the top.
func (f *File) parentKey(k *yaml.Node) *yaml.Node {
	for _, m := range f.order {
		if m.Kind != yaml.MappingNode {
			continue
		}
		for i := 1; i < len(m.Content); i += 2 {
			v := m.Content[i]
			if v.Kind == yaml.MappingNode && slices.Contains(v.Content, k) {
				return m.Content[i-1]
			}
		}
	}
	return nil
}

// anchorAbove returns the anchor of n or of the nearest mapping holding
// it, "" when none has one.
func (f *File) anchorAbove(n *yaml.Node) string {
	for n != nil {
		if n.Anchor != "" {
			return n.Anchor
		}
		k, ok := f.keyOf(n)
		if !ok {
			return ""
		}
		n = nil
		for _, m := range f.order {
			if m.Kind == yaml.MappingNode && slices.Contains(m.Content, k) {
				n = m
				break
			}
		}
	}
	return ""
}

// maxVisits bounds the mapping entries occurrences walks: aliases may
// make a short file stand for a huge document.
const maxVisits = 1 << 16

// occurrences returns every path of mapping keys at which the decoded
// document holds node n, aliases and merge keys followed as Compose
// follows them (an entry a mapping writes itself hides a merged one).
func (f *File) occurrences(n *yaml.Node) [][]string {
	var out [][]string
	visits := 0
	var walk func(m *yaml.Node, path []string)
	walk = func(m *yaml.Node, path []string) {
		if m == nil || m.Kind != yaml.MappingNode || len(path) > maxMerge {
			return
		}
		for _, p := range entries(m) {
			if visits++; visits > maxVisits {
				return
			}
			v := resolve(p.v)
			at := append(slices.Clone(path), p.k.Value)
			if v == n {
				out = append(out, at)
				continue
			}
			walk(v, at)
		}
	}
	walk(f.root, nil)
	return out
}

// setAt applies change to the value at path in an expectation being built
// from root (see child): the mappings on the way are copied. It reports
// false when the path does not lead through mappings.
func setAt(root map[string]any, path []string, change func(m map[string]any, key string) bool) bool {
	m := root
	for _, k := range path[:len(path)-1] {
		c, ok := m[k].(map[string]any)
		if !ok {
			return false
		}
		if m, ok = child(m, k); !ok || c == nil {
			return false
		}
	}
	return change(m, path[len(path)-1])
}
