package compose

import (
	"github.com/paxx-dev/paxx/rewrite"
	"gopkg.in/yaml.v3"
)

// target is an entry of a service's body that an Add method edits.
type target struct {
	service   string
	svcKey    *yaml.Node // the service's name
	body      *yaml.Node // its body: a block mapping or an implicit null
	key, val  *yaml.Node // the entry written in the body; nil when missing
	mergedVal *yaml.Node // the entry merged in with `<<:` when not written
}

// target finds entry key of service for editing, refusing what cannot be
// edited in place: a missing service, a body in flow style or given by an
// alias, a body or entry shared through an anchor.
func (f *File) target(service, key string) (target, error) {
	t, err := f.locate(service)
	if err != nil {
		return t, err
	}
	if err := f.checkShared("service "+service, t.body); err != nil {
		return t, err
	}
	t.key, t.val = pair(t.body, key)
	if t.key == nil {
		_, t.mergedVal, _ = get(t.body, key)
		return t, nil
	}
	what := key + " of service " + service
	if t.val.Kind == yaml.AliasNode {
		return t, rewrite.Errorf(rewrite.ErrRefused, f.path, t.val.Line, t.val.Column,
			"%s is an alias of &%s, shared with other places", what, t.val.Value).
			WithHint("make the change by hand where you mean it")
	}
	return t, f.checkShared(what, t.val)
}

// locate finds service's name and body for editing, refusing a missing
// service and a body paxx cannot add to in place: an alias, flow style,
// anything but a block mapping or nothing. Whether the body is shared is
// left to the caller.
func (f *File) locate(service string) (target, error) {
	t := target{service: service}
	if f.services != nil {
		for i := 0; i+1 < len(f.services.Content); i += 2 {
			if k := f.services.Content[i]; k.Kind == yaml.ScalarNode && k.Value == service {
				t.svcKey, t.body = k, f.services.Content[i+1]
			}
		}
	}
	if t.svcKey == nil {
		line, col := 0, 0
		if f.servicesKey != nil {
			line, col = f.servicesKey.Line, f.servicesKey.Column
		}
		return t, rewrite.Errorf(rewrite.ErrRefused, f.path, line, col, "there is no service %q", service).
			WithHint("add the service first, or name one of the services the file has")
	}
	b := t.body
	switch {
	case b.Kind == yaml.AliasNode:
		return t, rewrite.Errorf(rewrite.ErrRefused, f.path, b.Line, b.Column,
			"service %s is an alias of &%s", service, b.Value).
			WithHint("give the service a body of its own (`<<: *%s` merges the anchor and allows additions)", b.Value)
	case b.Kind == yaml.MappingNode && b.Style&yaml.FlowStyle != 0:
		return t, rewrite.Errorf(rewrite.ErrRefused, f.path, b.Line, b.Column,
			"service %s is written in flow style ({...})", service).
			WithHint("rewrite the service in block style, one key per line, so that paxx can add to it")
	case b.Kind != yaml.MappingNode && !isImplicitNull(b):
		return t, rewrite.Errorf(rewrite.ErrRefused, f.path, b.Line, b.Column,
			"service %s is %s, not a mapping", service, kindName(b)).
			WithHint("write the service as a mapping of keys such as image:")
	}
	return t, nil
}

// refuseMerged is the error for an entry that a service only has through a
// merge key: writing one in the service would replace the merged one.
func (f *File) refuseMerged(t target, key, addition string) error {
	return rewrite.Errorf(rewrite.ErrRefused, f.path, t.svcKey.Line, t.svcKey.Column,
		"service %s takes its %s from a merge key (<<:); one of its own would replace all of it", t.service, key).
		WithHint("add %s to the merged %s by hand, or give the service its own %s", addition, key, key)
}

// bodyIndentOf returns the indentation of keys in a target's body.
func (f *File) bodyIndentOf(t target, s style) int {
	if t.body.Kind == yaml.MappingNode && len(t.body.Content) > 0 {
		return f.childIndent(t.body)
	}
	return t.svcKey.Column - 1 + f.bodyIndent(s)
}

// appendToBody adds a new entry, given as lines without indentation
// relative to the body, at the end of a target's body.
func (f *File) appendToBody(t target, lines []string, s style) rewrite.Insertion {
	indent := f.bodyIndentOf(t, s)
	for i, l := range lines {
		lines[i] = spaces(indent) + l
	}
	return f.insertAfter(f.blockEnd(t.body, t.svcKey.Column-1), lines, 0, s.nl)
}

// scalarLike renders s as its peers, the items of a collection, are
// written: in their quote character when more of them are quoted by choice
// than plain, plain when s allows it, else in the file's quote character.
// A peer quoted out of necessity (a number kept a string) is no evidence.
func scalarLike(s string, peers []*yaml.Node, fileQuote byte, flow bool) string {
	doubles, singles, plains := 0, 0, 0
	for _, p := range peers {
		switch {
		case p.Kind != yaml.ScalarNode:
		case p.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 && !plainSafe(p.Value, flow):
		case p.Style&yaml.DoubleQuotedStyle != 0:
			doubles++
		case p.Style&yaml.SingleQuotedStyle != 0:
			singles++
		default:
			plains++
		}
	}
	switch {
	case doubles > singles && doubles > plains:
		return quoteDouble(s)
	case singles > doubles && singles > plains:
		return quoted(s, '\'', flow)
	case plainSafe(s, flow):
		return s
	case fileQuote == '\'':
		return quoted(s, '\'', flow)
	}
	return quoteDouble(s)
}

// values returns the values of mapping m's entries.
func values(m *yaml.Node) []*yaml.Node {
	var out []*yaml.Node
	for i := 1; i < len(m.Content); i += 2 {
		out = append(out, m.Content[i])
	}
	return out
}

// keys returns the keys of mapping m's entries.
func keys(m *yaml.Node) []*yaml.Node {
	var out []*yaml.Node
	for i := 0; i < len(m.Content); i += 2 {
		out = append(out, m.Content[i])
	}
	return out
}
