package compose

import (
	"fmt"

	"github.com/paxx-dev/paxx/rewrite"
	"gopkg.in/yaml.v3"
)

// AddService adds service name with body at the end of services, unless a
// service of that name is already there.
//
// body is the service's body as block-style YAML with two-space indentation,
// such as
//
//	image: redis:7-alpine
//	ports:
//	  - "6379:6379"
//	healthcheck:
//	  test: ["CMD", "redis-cli", "ping"]
//
// It is written again in the file's style: its indentation of service
// bodies and nested mappings, its sequence indentation, its blank lines
// between services, its line endings, and its quote character when the file
// clearly prefers the other one; flow collections stay flow. The service goes
// after the last service's block, including comment lines indented under it,
// and before comments at the left margin, which belong to what follows. A
// file without services gets a services key at the end of the document.
//
// It returns the file as it is after the edit, parsed again by the check
// that every edit passes (f itself when nothing was missing), so that the
// next edit need not parse it once more.
func (f *File) AddService(name, body string) (*File, []rewrite.Action, error) {
	bodyNode, bodyValue, err := parseBody(name, body)
	if err != nil {
		return nil, nil, err
	}
	if f.services != nil {
		if k, _ := pair(f.services, name); k != nil {
			return f, nil, nil
		}
	}
	s := f.style()
	r := renderer{s}
	entry := func(indent int) []string {
		return append([]string{spaces(indent) + quoted(name, 0, false) + ":"}, r.mapping(bodyNode, indent+f.bodyIndent(s))...)
	}
	var in rewrite.Insertion
	switch {
	case f.services == nil:
		in = f.appendTopLevel(append([]string{"services:"}, entry(s.unit)...), s)
		in = nextLine(in)
	case len(f.services.Content) == 0:
		if !isImplicitNull(f.services) {
			return nil, nil, rewrite.Errorf(rewrite.ErrRefused, f.path, f.services.Line, f.services.Column,
				"services is set to %s", f.services.Value).
				WithHint("remove %q after services: so that services can be added under it", f.services.Value)
		}
		owner := f.servicesKey.Column - 1
		in = f.insertAfter(f.blockEnd(f.services, owner), entry(owner+s.unit), 0, s.nl)
	default:
		if err := f.checkShared("services", f.services); err != nil {
			return nil, nil, err
		}
		blanks, ok := f.spacing(f.services)
		if !ok {
			blanks = min(f.topSpacing(), 1)
		}
		in = f.insertAfter(f.blockEnd(f.services, f.servicesKey.Column-1), entry(f.childIndent(f.services)), blanks, s.nl)
	}
	return f.apply("service "+name, in, func(root map[string]any) bool {
		services, ok := child(root, "services")
		if ok {
			services[name] = bodyValue
		}
		return ok
	})
}

// parseBody parses a service body given to AddService: a block mapping.
func parseBody(name, body string) (*yaml.Node, any, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(body), &doc); err != nil {
		return nil, nil, fmt.Errorf("compose: body of service %s: %w", name, err)
	}
	if len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode || doc.Content[0].Style&yaml.FlowStyle != 0 {
		return nil, nil, fmt.Errorf("compose: body of service %s is not a block mapping", name)
	}
	b := &File{path: "body of service " + name, src: []byte(body), aliased: map[*yaml.Node]*yaml.Node{}}
	b.walk(doc.Content[0])
	if err := b.checkDuplicates(); err != nil {
		return nil, nil, fmt.Errorf("compose: %w", err)
	}
	v, err := canonicalValue(b.path, doc.Content[0], len(body))
	if err != nil {
		return nil, nil, fmt.Errorf("compose: %w", err)
	}
	return doc.Content[0], v, nil
}

// checkShared refuses to edit node n, named what, when an alias elsewhere
// refers to it: the edit would change that place too.
func (f *File) checkShared(what string, n *yaml.Node) error {
	if alias := f.aliased[n]; alias != nil {
		return rewrite.Errorf(rewrite.ErrRefused, f.path, n.Line, n.Column,
			"%s is anchored as &%s and reused at line %d; changing it here would change it there too", what, n.Anchor, alias.Line).
			WithHint("make the change by hand where you mean it")
	}
	return nil
}
