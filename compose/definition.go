package compose

import (
	"bytes"

	"gopkg.in/yaml.v3"
)

// Definition returns the entries of a service named by keys, as compose
// sees them (aliases and `<<:` merges followed), written as canonical block
// YAML with 2-space indentation: what AddService takes as a body. It is
// how another service is "built like" this one: Definition("app",
// "build", "image"). Anchors and comments are left out, so the text
// stands on its own; keys the service does not have are skipped.
func (f *File) Definition(service string, keys ...string) (string, error) {
	body := f.body(service)
	m := &yaml.Node{Kind: yaml.MappingNode}
	for _, key := range keys {
		k, v, _ := get(body, key)
		if k == nil || v == nil {
			continue
		}
		m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key}, detach(v, 0))
	}
	if len(m.Content) == 0 {
		return "", nil
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(m); err != nil {
		return "", err
	}
	if err := enc.Close(); err != nil {
		return "", err
	}
	return buf.String(), nil
}

// detach returns a copy of n with aliases resolved and merges applied, and
// no anchors, comments or positions.
func detach(n *yaml.Node, depth int) *yaml.Node {
	n = resolve(n)
	if n == nil || depth > maxMerge {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}
	}
	c := &yaml.Node{Kind: n.Kind, Tag: n.Tag, Value: n.Value, Style: n.Style &^ (yaml.FlowStyle)}
	switch n.Kind {
	case yaml.MappingNode:
		for _, p := range entries(n) {
			c.Content = append(c.Content, detach(p.k, depth+1), detach(p.v, depth+1))
		}
	case yaml.SequenceNode:
		for _, item := range n.Content {
			c.Content = append(c.Content, detach(item, depth+1))
		}
	}
	return c
}
