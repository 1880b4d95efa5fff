package compose

import (
	"bytes"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/paxx-dev/paxx/rewrite"
	"gopkg.in/yaml.v3"
)

// RemoveService removes service name, the inverse of AddService: given the
// same body, it undoes exactly what AddService inserted (the blank lines
// before the service, and the services: key when the service was its only
// entry), and otherwise deletes the service's own lines, with services:
// when no other service is left — unless keepKey: a services: key that
// was there, empty, before AddService filled it stays. A missing service
// is no change.
//
// It returns the file as it is after the edit, parsed again by the check
// that every edit passes (f itself when nothing changed), so that the next
// edit need not parse it once more.
func (f *File) RemoveService(name, body string, keepKey bool) (*File, []rewrite.Action, error) {
	if f.services == nil {
		return f, nil, nil
	}
	k, v := pair(f.services, name)
	if k == nil {
		return f, nil, nil
	}
	if err := f.checkShared("services", f.services); err != nil {
		return nil, nil, err
	}
	r := removal{
		what: "service " + name, container: f.services, owner: f.servicesKey, first: k, last: v, keepKey: keepKey,
		redo: f.redo(func(g *File) (*File, []rewrite.Action, error) { return g.AddService(name, body) }),
		drop: func(root map[string]any) []slot {
			services, _ := child(root, "services")
			delete(services, name)
			return []slot{{root, "services"}}
		},
	}
	return f.remove(r)
}

// RemoveVolume removes the top-level named volume name, the inverse of
// AddVolume (with volumes: when it was the only one, unless keepKey: a
// key that was there, empty, before AddVolume filled it stays). It
// refuses while a service other than owner (the service the volume was
// added for, which goes with it; "" for none) mounts the volume. A missing
// volume is no change.
//
// It returns the file as it is after the edit, parsed again by the check
// that every edit passes (f itself when nothing changed), so that the next
// edit need not parse it once more.
func (f *File) RemoveVolume(name, owner string, keepKey bool) (*File, []rewrite.Action, error) {
	key, vols := pair(f.root, "volumes")
	if vols == nil || vols.Kind != yaml.MappingNode {
		return f, nil, nil
	}
	k, v := pair(vols, name)
	if k == nil {
		return f, nil, nil
	}
	if users := slices.DeleteFunc(f.VolumeUsers(name), func(s string) bool { return s == owner }); len(users) > 0 {
		return nil, nil, rewrite.Errorf(rewrite.ErrRefused, f.path, k.Line, k.Column,
			"volume %s is still mounted by service %s", name, strings.Join(users, ", ")).
			WithHint("remove the mount first, or keep the volume")
	}
	if err := f.checkShared("volumes", vols); err != nil {
		return nil, nil, err
	}
	r := removal{
		what: "volume " + name, container: vols, owner: key, first: k, last: v, keepKey: keepKey,
		redo: f.redo(func(g *File) (*File, []rewrite.Action, error) { return g.AddVolume(name) }),
		drop: func(root map[string]any) []slot {
			volumes, _ := child(root, "volumes")
			delete(volumes, name)
			return []slot{{root, "volumes"}}
		},
	}
	return f.remove(r)
}

// RemoveEnvironment removes variable key from the environment of service,
// the inverse of AddEnvironment (with environment: when it was the only
// entry, unless keepKey: a key that was there, empty, before
// AddEnvironment filled it stays). A service or variable that is not
// there is no change; one that the service only has through a merge key
// (`<<:`) is refused.
//
// It returns the file as it is after the edit, parsed again by the check
// that every edit passes (f itself when nothing changed), so that the next
// edit need not parse it once more.
func (f *File) RemoveEnvironment(service, key, value string, keepKey bool) (*File, []rewrite.Action, error) {
	return f.RemoveEnvironmentShared(service, key, value, keepKey, nil)
}

// RemoveEnvironmentShared removes variable key from the environment of
// service, the inverse of AddEnvironmentShared given the same runsProject:
// from the anchor's environment when the service takes it from one that
// only services runsProject accepts share, else as RemoveEnvironment.
func (f *File) RemoveEnvironmentShared(service, key, value string, keepKey bool, runsProject func(service string) bool) (*File, []rewrite.Action, error) {
	if _, ok := f.Environment(service)[key]; !ok {
		return f, nil, nil
	}
	site, err := f.envSite(service, runsProject, key, true)
	if err != nil {
		return nil, nil, err
	}
	var item, itemVal *yaml.Node
	switch site.val.Kind {
	case yaml.SequenceNode:
		for _, n := range site.val.Content {
			if k, _, _ := strings.Cut(n.Value, "="); n.Kind == yaml.ScalarNode && k == key {
				item, itemVal = n, n
				break
			}
		}
	case yaml.MappingNode:
		item, itemVal = pair(site.val, key)
	}
	if item == nil {
		return nil, nil, rewrite.Errorf(rewrite.ErrRefused, f.path, site.val.Line, site.val.Column,
			"%s in the environment of service %s is not written in it", key, service).
			WithHint("remove it by hand")
	}
	r := removal{
		what: key + " in environment of service " + service, container: site.val, owner: site.key, first: item, last: itemVal, keepKey: keepKey,
		redo: f.redo(func(g *File) (*File, []rewrite.Action, error) {
			return g.AddEnvironmentShared(service, key, value, runsProject)
		}),
		drop: func(root map[string]any) []slot {
			var out []slot
			for _, p := range site.paths {
				parent := walkTo(root, p[:len(p)-1])
				if parent == nil {
					continue
				}
				k := p[len(p)-1]
				switch env := parent[k].(type) {
				case map[string]any:
					delete(env, key)
				case []any:
					parent[k] = withoutItem(env, func(s string) bool { k, _, _ := strings.Cut(s, "="); return k == key })
				}
				out = append(out, slot{parent, k})
			}
			return out
		},
	}
	return f.remove(r)
}

// walkTo returns the mapping at path in a decoded document, nil when the
// path does not lead through mappings.
func walkTo(root map[string]any, path []string) map[string]any {
	m := root
	for _, k := range path {
		var ok bool
		if m, ok = m[k].(map[string]any); !ok {
			return nil
		}
	}
	return m
}

// RemoveDependsOn removes dep from the depends_on of service, the inverse
// of AddDependsOn (with depends_on: when it was the only entry, unless
// keepKey: a key that was there, empty, before AddDependsOn filled it
// stays). A service or dependency that is not there is no change.
//
// It returns the file as it is after the edit, parsed again by the check
// that every edit passes (f itself when nothing changed), so that the next
// edit need not parse it once more.
func (f *File) RemoveDependsOn(service, dep, condition string, keepKey bool) (*File, []rewrite.Action, error) {
	found := false
	for _, d := range f.DependsOn(service) {
		found = found || d == dep
	}
	if !found {
		return f, nil, nil
	}
	t, err := f.target(service, "depends_on")
	if err != nil {
		return nil, nil, err
	}
	if t.mergedVal != nil {
		return nil, nil, f.refuseMerged(t, "depends_on", dep)
	}
	var item, itemVal *yaml.Node
	switch t.val.Kind {
	case yaml.SequenceNode:
		for _, n := range t.val.Content {
			if n.Kind == yaml.ScalarNode && n.Value == dep {
				item, itemVal = n, n
				break
			}
		}
	case yaml.MappingNode:
		item, itemVal = pair(t.val, dep)
	}
	if item == nil {
		return nil, nil, rewrite.Errorf(rewrite.ErrRefused, f.path, t.val.Line, t.val.Column,
			"%s in the depends_on of service %s is not written in it", dep, service).
			WithHint("remove it by hand")
	}
	r := removal{
		what: "depends_on " + dep + " in service " + service, container: t.val, owner: t.key, first: item, last: itemVal, keepKey: keepKey,
		redo: f.redo(func(g *File) (*File, []rewrite.Action, error) { return g.AddDependsOn(service, dep, condition) }),
		drop: func(root map[string]any) []slot {
			svc, _ := serviceValue(root, service)
			switch deps := svc["depends_on"].(type) {
			case map[string]any:
				delete(deps, dep)
			case []any:
				svc["depends_on"] = withoutItem(deps, func(s string) bool { return s == dep })
			}
			return []slot{{svc, "depends_on"}}
		},
	}
	return f.remove(r)
}

// VolumeUsers names the services that mount the named volume name, in the
// short (`name:/path`) or the long (`source: name`) syntax.
func (f *File) VolumeUsers(name string) []string {
	var users []string
	for _, s := range f.Services() {
		_, mounts, _ := get(f.body(s.Name), "volumes")
		if mounts == nil || mounts.Kind != yaml.SequenceNode {
			continue
		}
		for _, m := range mounts.Content {
			m = resolve(m)
			source := ""
			switch {
			case m == nil:
			case m.Kind == yaml.ScalarNode:
				source, _, _ = strings.Cut(m.Value, ":")
			case m.Kind == yaml.MappingNode:
				if _, v, _ := get(m, "source"); v != nil && v.Kind == yaml.ScalarNode {
					source = v.Value
				}
			}
			if source == name {
				users = append(users, s.Name)
				break
			}
		}
	}
	return users
}

// withoutItem returns list without the string items that match.
func withoutItem(list []any, match func(string) bool) []any {
	out := []any{}
	for _, v := range list {
		if s, ok := v.(string); ok && match(s) {
			continue
		}
		out = append(out, v)
	}
	return out
}

// slot is a place in a decoded document: the key of a mapping.
type slot struct {
	parent map[string]any
	key    string
}

// removal is one entry that a Remove method takes out of a collection.
type removal struct {
	what        string
	container   *yaml.Node // the mapping or sequence holding the entry
	owner       *yaml.Node // the key whose value container is
	first, last *yaml.Node // the entry's first node (key or item) and last (value or item)
	// redo is the Add method that would have inserted the entry.
	redo rewrite.Redo
	// drop removes the entry from the decoded document and returns the
	// places of the container (one, or every place an anchored container
	// is seen), which may go too once empty.
	drop func(root map[string]any) []slot
	// keepKey keeps the owner key, with no value, when the entry was the
	// container's last.
	keepKey bool
}

// redo gives rewrite.Undo the addition that add makes, on a candidate
// text of the file at f's path.
func (f *File) redo(add func(*File) (*File, []rewrite.Action, error)) rewrite.Redo {
	return rewrite.RedoWith(Parse, f.path, add)
}

// remove takes r's entry out: the exact inverse of its addition when there
// is one, else the entry's own text, or the whole owner key when the entry
// was its only one. The result must parse and decode to the document less
// the entry; it is returned as that check parsed it.
func (f *File) remove(r removal) (*File, []rewrite.Action, error) {
	start, end, err := f.entrySpan(r.container, r.first, r.last)
	if err != nil {
		return nil, nil, err
	}
	// The check keeps the parse of the candidate it accepts last, which is
	// the one Undo returns: it stops at the first it accepts.
	var g *File
	out, ok := rewrite.Undo(f.src, start, end, r.redo, func(c []byte) error {
		checked, err := f.verifyRemoved(c, r.drop, r.keepKey)
		if err == nil {
			g = checked
		}
		return err
	})
	if !ok {
		last := len(r.container.Content) <= 2 && (r.container.Kind == yaml.MappingNode || len(r.container.Content) == 1)
		// closes: the entry is the last of a block collection that
		// others are left in, so what follows it is outside it.
		closes := false
		if last && !r.keepKey {
			start, end = f.starts[r.owner.Line-1], f.lineEnd(f.contentEnd(r.container))
		} else if r.container.Style&yaml.FlowStyle != 0 {
			start, end = flowSeparator(f.src, start, end, r.first == r.container.Content[0])
		} else {
			closes = r.last == r.container.Content[len(r.container.Content)-1]
		}
		if r.container.Style&yaml.FlowStyle == 0 || start == f.starts[r.owner.Line-1] {
			start = f.blanksBefore(start, end, closes)
		}
		if out, err = rewrite.Apply(f.src, []rewrite.Edit{{Start: start, End: end}}); err != nil {
			return nil, nil, fmt.Errorf("compose: removing %s from %s: %w", r.what, f.path, err)
		}
		g, err = f.verifyRemoved(out, r.drop, r.keepKey)
	}
	if err != nil {
		return nil, nil, rewrite.Errorf(rewrite.ErrRefused, f.path, r.first.Line, 0,
			"removing %s did not give the intended file: %v", r.what, err).
			WithHint("nothing was written; remove it by hand, and please report this file to paxx")
	}
	return g, []rewrite.Action{{Line: r.first.Line, What: r.what}}, nil
}

// blanksBefore widens a deletion of whole lines that ends before a blank
// line or the end of the text by the blank lines before it, so that taking
// a block out leaves one blank line between its neighbours, not two. When
// the deletion closes its collection (takes its last entry, and a key of
// an outer mapping follows), the blank lines before it went with the
// entry too: they separated it from the entry before, as AddService and
// its kind put them, and nothing after it.
func (f *File) blanksBefore(start, end int, closes bool) int {
	if !closes && end < len(f.src) && len(bytes.TrimSpace(f.src[end:rewrite.LineEnd(f.src, end)])) > 0 {
		return start
	}
	for start > 0 {
		prev := rewrite.LineStart(f.src, start-1)
		if len(bytes.TrimSpace(f.src[prev:start])) > 0 {
			break
		}
		start = prev
	}
	return start
}

// entrySpan is the text of an entry from its first node to its last: whole
// lines in a block collection, the exact text in a flow one.
func (f *File) entrySpan(container, first, last *yaml.Node) (start, end int, err error) {
	if container.Style&yaml.FlowStyle == 0 {
		return f.starts[first.Line-1], f.lineEnd(f.contentEnd(last)), nil
	}
	start = f.offset(first)
	end, ok := flowValueEnd(f.src, f.offset(last))
	if !ok {
		return 0, 0, rewrite.Errorf(rewrite.ErrRefused, f.path, last.Line, last.Column,
			"cannot find where this flow value ends")
	}
	return start, end, nil
}

// flowValueEnd returns the end of the flow value that starts at off: a
// quoted scalar, a bracketed collection, or a plain scalar up to the next
// separator.
func flowValueEnd(src []byte, off int) (int, bool) {
	if off >= len(src) {
		return 0, false
	}
	switch src[off] {
	case '"', '\'':
		return skipQuoted(src, off)
	case '[', '{':
		depth := 0
		for i := off; i < len(src); i++ {
			switch c := src[i]; c {
			case '"', '\'':
				end, ok := skipQuoted(src, i)
				if !ok {
					return 0, false
				}
				i = end - 1
			case '[', '{':
				depth++
			case ']', '}':
				if depth--; depth == 0 {
					return i + 1, true
				}
			}
		}
		return 0, false
	}
	i := off
	for i < len(src) && !strings.ContainsRune(",]}\n\r#", rune(src[i])) {
		i++
	}
	for i > off && (src[i-1] == ' ' || src[i-1] == '\t') {
		i--
	}
	return i, i > off
}

// flowSeparator widens the text of a flow entry by its separator: the comma
// before it, or for the first entry the comma and space after it.
func flowSeparator(src []byte, start, end int, first bool) (int, int) {
	if !first {
		p := start
		for p > 0 && strings.ContainsRune(" \t\r\n", rune(src[p-1])) {
			p--
		}
		if p > 0 && src[p-1] == ',' {
			return p - 1, end
		}
		return start, end
	}
	p := end
	for p < len(src) && (src[p] == ' ' || src[p] == '\t') {
		p++
	}
	if p < len(src) && src[p] == ',' {
		p++
		for p < len(src) && strings.ContainsRune(" \t\r\n", rune(src[p])) {
			p++
		}
		return start, p
	}
	return start, end
}

// verifyRemoved parses out and checks that it decodes to the original
// document less the entry that drop removes; a container left empty may
// be gone (unless keepKey), null or empty, alike in every place it is
// seen. It returns out parsed, for the next edit to start from.
func (f *File) verifyRemoved(out []byte, drop func(root map[string]any) []slot, keepKey bool) (*File, error) {
	g, err := Parse(f.path, out)
	if err != nil {
		return nil, err
	}
	want, _ := clone(f.value).(map[string]any)
	if want == nil {
		return nil, fmt.Errorf("the original document is empty")
	}
	got := g.value
	if got == nil {
		got = map[string]any{}
	}
	slots := drop(want)
	if equal(want, got) {
		return g, nil
	}
	var empties []slot
	for _, s := range slots {
		empty := s.parent[s.key] == nil
		switch h := s.parent[s.key].(type) {
		case map[string]any:
			empty = len(h) == 0
		case []any:
			empty = len(h) == 0
		}
		if empty {
			empties = append(empties, s)
		}
	}
	if len(empties) == len(slots) && len(slots) > 0 {
		for _, v := range []any{nil, map[string]any{}, []any{}} {
			for _, s := range empties {
				s.parent[s.key] = v
			}
			if equal(want, got) {
				return g, nil
			}
		}
		if keepKey {
			return nil, fmt.Errorf("the key %s went with its last entry", empties[0].key)
		}
		for _, s := range empties {
			delete(s.parent, s.key)
		}
		if equal(want, got) {
			return g, nil
		}
		// A mapping left with no key may be left with no value too, as a
		// service that add gave its first key (`app:` and nothing more).
		if len(empties) == 1 {
			if parent := empties[0].parent; len(parent) == 0 && nullMapping(want, parent) && equal(want, got) {
				return g, nil
			}
		}
	}
	return nil, fmt.Errorf("the edited document differs from the original in more than the removal")
}

// nullMapping replaces the mapping m wherever it is a value in doc (a
// mapping or sequence tree) with null, and reports whether it was there.
func nullMapping(doc any, m map[string]any) bool {
	target := reflect.ValueOf(m).Pointer()
	is := func(v any) bool {
		c, ok := v.(map[string]any)
		return ok && reflect.ValueOf(c).Pointer() == target
	}
	found := false
	switch d := doc.(type) {
	case map[string]any:
		for k, v := range d {
			if is(v) {
				d[k], found = nil, true
			} else if nullMapping(v, m) {
				found = true
			}
		}
	case []any:
		for i, v := range d {
			if is(v) {
				d[i], found = nil, true
			} else if nullMapping(v, m) {
				found = true
			}
		}
	}
	return found
}
