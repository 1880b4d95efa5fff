package compose

import (
	"fmt"

	"github.com/paxx-dev/paxx/rewrite"
	"gopkg.in/yaml.v3"
)

// converter turns a yaml.v3 node tree into its canonical value: every
// mapping a map[string]any, every sequence a []any, every scalar what
// scalar gives. It does what decoding into an any does, aliases and `<<:`
// merges followed, in time linear in the size of the tree, where yaml.v3's
// own decoder compares every pair of keys in a mapping. Duplicate keys are
// left to File.checkDuplicates.
//
// An anchored node is converted once and its value shared by every alias
// to it, so that nested aliases (a "billion laughs" document) cost no more
// than their text. What the value would be once written out in full is
// still bounded, by limit, since cloning and comparing it does write it out.
type converter struct {
	path string
	// limit bounds the size of the value, every alias counted in full.
	limit int
	// memo holds the value and size of each anchored node converted.
	memo map[*yaml.Node]converted
	// busy holds the anchored nodes being converted: an alias to one of
	// them is inside its own anchor.
	busy map[*yaml.Node]bool
	// depth counts the nodes being converted, one inside the other.
	depth int
}

// maxDepth bounds how deep conversion recurses: yaml.v3's parser nests no
// deeper, but aliases to anchors not converted yet (those under a merge
// key, which comes last) could otherwise chain further.
const maxDepth = 10000

// converted is a node's canonical value and its size: the number of nodes
// it stands for, aliases counted in full, never past the limit.
type converted struct {
	v    any
	size int
}

// expansionLimit is the largest size a document of n bytes may expand to
// through its aliases: far more than any real compose file reuses, and
// little enough that cloning and comparing the value stays in proportion
// to the file.
func expansionLimit(n int) int {
	return 1<<18 + 16*n
}

// canonicalValue returns the canonical value of node n of the file at path,
// whose text is size bytes long.
func canonicalValue(path string, n *yaml.Node, size int) (any, error) {
	c := converter{path: path, limit: expansionLimit(size), memo: map[*yaml.Node]converted{}, busy: map[*yaml.Node]bool{}}
	r, err := c.convert(n)
	return r.v, err
}

// matches reports whether node n, the top of a document of size bytes at
// path, has a canonical value equal to want, and want may stand as that
// value: whether canonicalValue would give a value without error, equal
// would find it equal to want, and no sequence in want has spare capacity
// (see appended). It compares as it goes rather than build the value. It
// may answer false where they would answer true, never the reverse, so
// that false only means "convert it in full to know".
func matches(path string, n *yaml.Node, size int, want any) bool {
	c := converter{path: path, limit: expansionLimit(size), memo: map[*yaml.Node]converted{}, busy: map[*yaml.Node]bool{}}
	_, ok := c.match(n, want)
	return ok
}

// match is convert compared with want on the way: it returns the size
// convert would give and whether convert would succeed with a value equal
// to want. Aliases, anchored nodes and mappings whose keys are not all
// plain strings (merge keys among them) go to convert itself, whose value
// is then compared, so that anchors are converted and checked just as
// convert does. A mapping whose keys are all strings has distinct keys, as
// Parse refused duplicates: matching each key's value in want and the
// number of keys proves the mappings equal.
func (c *converter) match(n *yaml.Node, want any) (int, bool) {
	if n.Kind == yaml.AliasNode || n.Anchor != "" || n.Kind != yaml.ScalarNode && n.Kind != yaml.SequenceNode && !stringKeys(n) {
		r, err := c.convert(n)
		return r.size, err == nil && equal(want, r.v) && tight(want)
	}
	if c.depth++; c.depth > maxDepth {
		c.depth--
		return 0, false
	}
	defer func() { c.depth-- }()
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == tagStr {
			s, ok := want.(string)
			return 1, ok && s == n.Value
		}
		v, err := scalar(n)
		return 1, err == nil && equal(want, v)
	case yaml.SequenceNode:
		w, ok := want.([]any)
		if !ok || len(w) != len(n.Content) || cap(w) != len(w) {
			return 0, false
		}
		size := 1
		for i, item := range n.Content {
			s, ok := c.match(item, w[i])
			if size += s; !ok || size > c.limit {
				return 0, false
			}
		}
		return size, true
	}
	w, ok := want.(map[string]any)
	if !ok || len(w) != len(n.Content)/2 {
		return 0, false
	}
	size := 1
	for i := 0; i+1 < len(n.Content); i += 2 {
		e, ok := w[n.Content[i].Value]
		if !ok {
			return 0, false
		}
		s, ok := c.match(n.Content[i+1], e)
		if size += 1 + s; !ok || size > c.limit {
			return 0, false
		}
	}
	return size, true
}

// stringKeys reports whether n is a mapping whose keys are all scalars
// tagged !!str with no anchor: keys convert turns into themselves.
func stringKeys(n *yaml.Node) bool {
	if n.Kind != yaml.MappingNode {
		return false
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i]; k.Kind != yaml.ScalarNode || k.Tag != tagStr || k.Anchor != "" {
			return false
		}
	}
	return true
}

// convert returns the value of n and its size.
func (c *converter) convert(n *yaml.Node) (converted, error) {
	if c.depth++; c.depth > maxDepth {
		return converted{}, c.errorf(n, "the document nests deeper than %d levels", maxDepth)
	}
	defer func() { c.depth-- }()
	if n.Kind == yaml.AliasNode {
		return c.alias(n)
	}
	if n.Anchor == "" {
		return c.node(n)
	}
	if r, ok := c.memo[n]; ok {
		return r, nil
	}
	c.busy[n] = true
	r, err := c.node(n)
	delete(c.busy, n)
	if err != nil {
		return converted{}, err
	}
	c.memo[n] = r
	return r, nil
}

// alias returns the value of the node alias n refers to.
func (c *converter) alias(n *yaml.Node) (converted, error) {
	switch {
	case n.Alias == nil:
		return converted{}, c.errorf(n, "unknown anchor '%s' referenced", n.Value)
	case c.busy[n.Alias]:
		return converted{}, c.errorf(n, "anchor '%s' value contains itself", n.Value)
	}
	return c.convert(n.Alias)
}

// node converts n itself, without looking at its anchor.
func (c *converter) node(n *yaml.Node) (converted, error) {
	switch n.Kind {
	case yaml.MappingNode:
		return c.mapping(n)
	case yaml.SequenceNode:
		return c.sequence(n)
	case yaml.ScalarNode:
		v, err := scalar(n)
		if err != nil {
			return converted{}, c.errorf(n, "%v", err)
		}
		return converted{v, 1}, nil
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return converted{}, nil
		}
		return c.convert(n.Content[0])
	}
	return converted{}, c.errorf(n, "unexpected YAML node")
}

// sequence converts sequence n. The slice has no spare capacity (see
// appended).
func (c *converter) sequence(n *yaml.Node) (converted, error) {
	out := make([]any, len(n.Content))
	size := 1
	for i, item := range n.Content {
		r, err := c.convert(item)
		if err != nil {
			return converted{}, err
		}
		out[i] = r.v
		if size, err = c.grow(n, size, r.size); err != nil {
			return converted{}, err
		}
	}
	return converted{out, size}, nil
}

// mapping converts mapping n: its own entries, then those its merge keys
// bring that it does not have already.
func (c *converter) mapping(n *yaml.Node) (converted, error) {
	out := make(map[string]any, len(n.Content)/2)
	size := 1
	var merges []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.Tag == tagMerge {
			merges = append(merges, v)
			continue
		}
		key, keySize, err := c.key(k)
		if err != nil {
			return converted{}, err
		}
		r, err := c.convert(v)
		if err != nil {
			return converted{}, err
		}
		out[key] = r.v
		if size, err = c.grow(n, size, keySize+r.size); err != nil {
			return converted{}, err
		}
	}
	for _, m := range merges {
		sources, err := c.mergeSources(m)
		if err != nil {
			return converted{}, err
		}
		for _, src := range sources {
			r, err := c.convert(src)
			if err != nil {
				return converted{}, err
			}
			// Growing first bounds the copying below by the limit.
			if size, err = c.grow(n, size, r.size); err != nil {
				return converted{}, err
			}
			merged, _ := r.v.(map[string]any)
			for k, v := range merged {
				if _, ok := out[k]; !ok {
					out[k] = v
				}
			}
		}
	}
	return converted{out, size}, nil
}

// mergeSources returns the mappings the value m of a merge key merges in,
// first one first: m itself or the items of sequence m, each a mapping or
// an alias to one.
func (c *converter) mergeSources(m *yaml.Node) ([]*yaml.Node, error) {
	items := []*yaml.Node{m}
	if m.Kind == yaml.SequenceNode {
		items = m.Content
	}
	for _, item := range items {
		target := item
		if item.Kind == yaml.AliasNode {
			target = item.Alias
		}
		if target == nil || target.Kind != yaml.MappingNode {
			return nil, c.errorf(item, "map merge requires map or sequence of maps as the value")
		}
	}
	return items, nil
}

// key returns the text of mapping key k, a string as it is and any other
// value as fmt prints it, and the size of that value.
func (c *converter) key(k *yaml.Node) (string, int, error) {
	if k.Kind == yaml.ScalarNode && k.Tag == tagStr {
		return k.Value, 1, nil
	}
	r, err := c.convert(k)
	if err != nil {
		return "", 0, err
	}
	if s, ok := r.v.(string); ok {
		return s, r.size, nil
	}
	return fmt.Sprint(r.v), r.size, nil
}

// grow returns size, the size of collection n so far, grown by more; past
// the limit it is an error, so that the work done to convert a document
// stays in proportion to the limit.
func (c *converter) grow(n *yaml.Node, size, more int) (int, error) {
	if size += more; size <= c.limit {
		return size, nil
	}
	what := "mapping"
	if n.Kind == yaml.SequenceNode {
		what = "sequence"
	}
	return 0, rewrite.Errorf(rewrite.ErrRefused, c.path, n.Line, n.Column,
		"this %s expands its aliases to more than %d values", what, c.limit).
		WithHint("write the repeated parts out, or reuse them less deeply")
}

// errorf returns a syntax error at node n.
func (c *converter) errorf(n *yaml.Node, format string, args ...any) *rewrite.Error {
	return rewrite.Errorf(rewrite.ErrSyntax, c.path, n.Line, n.Column, format, args...)
}
