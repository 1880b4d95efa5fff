package compose

import (
	"strings"

	"gopkg.in/yaml.v3"
)

// Service is one entry of a compose file's services.
type Service struct {
	Name  string
	Image string // "" when the service is built and names no image
	Build bool   // the service has a build: key
	Line  int    // 1-based line of the service's name
}

// Services returns the services in the order they are written.
func (f *File) Services() []Service {
	if f.services == nil {
		return nil
	}
	var out []Service
	for i := 0; i+1 < len(f.services.Content); i += 2 {
		if k := f.services.Content[i]; k.Kind == yaml.ScalarNode {
			out = append(out, service(k, f.services.Content[i+1]))
		}
	}
	return out
}

// Service returns the service called name.
func (f *File) Service(name string) (Service, bool) {
	if f.services == nil {
		return Service{}, false
	}
	for i := 0; i+1 < len(f.services.Content); i += 2 {
		if k := f.services.Content[i]; k.Kind == yaml.ScalarNode && k.Value == name {
			return service(k, f.services.Content[i+1]), true
		}
	}
	return Service{}, false
}

// service reads the service whose name is scalar k and whose body is body.
func service(k, body *yaml.Node) Service {
	s := Service{Name: k.Value, Line: k.Line}
	if _, v, _ := get(body, "image"); v != nil && v.Kind == yaml.ScalarNode && !isNull(v) {
		s.Image = v.Value
	}
	_, b, _ := get(body, "build")
	s.Build = b != nil
	return s
}

// Environment returns a service's environment as written, in list form
// (`- K=V`, `- K`) or map form (`K: V`), as key → value; a key without a
// value maps to "". Entries merged in with `<<:` count, as they do for
// docker compose.
func (f *File) Environment(service string) map[string]string {
	_, env, _ := get(f.body(service), "environment")
	if env == nil {
		return nil
	}
	out := map[string]string{}
	switch env.Kind {
	case yaml.SequenceNode:
		for _, item := range env.Content {
			if item.Kind == yaml.ScalarNode && !isNull(item) {
				k, v, _ := strings.Cut(item.Value, "=")
				out[k] = v
			}
		}
	case yaml.MappingNode:
		for _, p := range entries(env) {
			if p.v.Kind == yaml.ScalarNode && !isNull(p.v) {
				out[p.k.Value] = p.v.Value
			} else {
				out[p.k.Value] = ""
			}
		}
	}
	return out
}

// EnvironmentLine returns the 1-based line of key's entry in the
// environment of service as this file writes it (list or map form), 0
// when it has none: where a finding about the value points.
func (f *File) EnvironmentLine(service, key string) int {
	_, env, _ := get(f.body(service), "environment")
	if env == nil {
		return 0
	}
	switch env.Kind {
	case yaml.SequenceNode:
		for _, item := range env.Content {
			if k, _, _ := strings.Cut(item.Value, "="); item.Kind == yaml.ScalarNode && k == key {
				return item.Line
			}
		}
	case yaml.MappingNode:
		for _, p := range entries(env) {
			if p.k.Value == key {
				return p.k.Line
			}
		}
	}
	return 0
}

// DependsOn returns the names of the services a service depends on, in list
// or map form, in the order written.
func (f *File) DependsOn(service string) []string {
	_, deps, _ := get(f.body(service), "depends_on")
	if deps == nil {
		return nil
	}
	var out []string
	switch deps.Kind {
	case yaml.SequenceNode:
		for _, item := range deps.Content {
			if item.Kind == yaml.ScalarNode && !isNull(item) {
				out = append(out, item.Value)
			}
		}
	case yaml.MappingNode:
		for _, p := range entries(deps) {
			out = append(out, p.k.Value)
		}
	}
	return out
}

// Volumes returns the names of the top-level named volumes, in order.
func (f *File) Volumes() []string {
	_, vols := pair(f.root, "volumes")
	vols = resolve(vols)
	if vols == nil || vols.Kind != yaml.MappingNode {
		return nil
	}
	var out []string
	for _, p := range entries(vols) {
		out = append(out, p.k.Value)
	}
	return out
}

// body returns the mapping of a service, aliases resolved, or nil.
func (f *File) body(service string) *yaml.Node {
	if f.services == nil {
		return nil
	}
	for i := 0; i+1 < len(f.services.Content); i += 2 {
		if k := f.services.Content[i]; k.Kind == yaml.ScalarNode && k.Value == service {
			return resolve(f.services.Content[i+1])
		}
	}
	return nil
}

// kv is one scalar-keyed entry of a mapping.
type kv struct{ k, v *yaml.Node }

// entries returns the scalar-keyed entries of mapping m as docker compose
// sees them: its own, then those merged in with `<<:` that it does not
// override.
func entries(m *yaml.Node) []kv {
	c := collector{seen: map[string]bool{}, visited: map[*yaml.Node]bool{}}
	c.collect(m, 0)
	return c.out
}

// maxMerge bounds how deep merge keys and aliases are followed.
const maxMerge = 32

// collector gathers a mapping's entries through its merge keys.
type collector struct {
	seen    map[string]bool     // keys already taken: the first one wins
	visited map[*yaml.Node]bool // mappings already merged: once is enough
	out     []kv
}

func (c *collector) collect(m *yaml.Node, depth int) {
	m = resolve(m)
	if m == nil || m.Kind != yaml.MappingNode || depth > maxMerge || c.visited[m] {
		return
	}
	c.visited[m] = true
	var merges []*yaml.Node
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		switch {
		case k.Kind != yaml.ScalarNode:
		case k.Tag == "!!merge":
			merges = append(merges, v)
		case !c.seen[k.Value]:
			c.seen[k.Value] = true
			c.out = append(c.out, kv{k, v})
		}
	}
	for _, v := range merges {
		v = resolve(v)
		if v != nil && v.Kind == yaml.SequenceNode {
			for _, item := range v.Content {
				c.collect(item, depth+1)
			}
			continue
		}
		c.collect(v, depth+1)
	}
}

// get returns the key and value of key in mapping m as docker compose sees
// it, aliases resolved; merged is true when it comes through `<<:`.
func get(m *yaml.Node, key string) (k, v *yaml.Node, merged bool) {
	m = resolve(m)
	if k, v := pair(m, key); k != nil {
		return k, resolve(v), false
	}
	if !hasMerge(m) {
		// Without merge keys the entries are m's own, which pair has
		// looked through.
		return nil, nil, false
	}
	for _, p := range entries(m) {
		if p.k.Value == key {
			return p.k, resolve(p.v), true
		}
	}
	return nil, nil, false
}

// hasMerge reports whether mapping m has a merge key (`<<:`).
func hasMerge(m *yaml.Node) bool {
	if m == nil || m.Kind != yaml.MappingNode {
		return false
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if k := m.Content[i]; k.Kind == yaml.ScalarNode && k.Tag == tagMerge {
			return true
		}
	}
	return false
}

// resolve follows an alias to the node it names.
func resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < maxMerge; i++ {
		n = n.Alias
	}
	return n
}

// HasEmptyKey reports whether key is written with no value (`volumes:`
// and nothing under it): at the top level when service is "", else in
// that service. The Add methods fill such a key rather than create it,
// so the file after them is the same with or without it; a caller that
// knows the key was there before passes keepKey to the Remove methods.
func (f *File) HasEmptyKey(service, key string) bool {
	m := f.root
	if service != "" {
		m = f.body(service)
	}
	if m == nil || m.Kind != yaml.MappingNode {
		return false
	}
	_, v := pair(m, key)
	return v != nil && isImplicitNull(v)
}
