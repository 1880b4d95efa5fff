package compose

import (
	"github.com/paxx-dev/paxx/rewrite"
	"gopkg.in/yaml.v3"
)

// AddVolume adds the named volume name to the top-level volumes, unless it
// is already there. A file without volumes gets the key at the end of the
// document, after a blank line when its top-level keys are separated by
// blank lines. A new entry is written like the existing ones (`name:` or
// `name: {}`); a flow-style `volumes: {...}` gets `name: {}` inside its
// braces.
//
// It returns the file as it is after the edit, parsed again by the check
// that every edit passes (f itself when nothing was missing), so that the
// next edit need not parse it once more.
func (f *File) AddVolume(name string) (*File, []rewrite.Action, error) {
	for _, v := range f.Volumes() {
		if v == name {
			return f, nil, nil
		}
	}
	s := f.style()
	key, vols := pair(f.root, "volumes")
	empty := func(root map[string]any) bool {
		volumes, ok := child(root, "volumes")
		if ok {
			volumes[name] = map[string]any{}
		}
		return ok
	}
	entry := quoted(name, 0, false) + ":"
	var in rewrite.Insertion
	switch {
	case key == nil:
		in = f.appendTopLevel([]string{"volumes:", spaces(s.unit) + entry}, s)
		in = nextLine(in)
	case vols.Kind == yaml.MappingNode && vols.Style&yaml.FlowStyle != 0:
		if err := f.checkShared("volumes", vols); err != nil {
			return nil, nil, err
		}
		ins, err := f.flowAppend(vols, quoted(name, 0, true)+": {}")
		if err != nil {
			return nil, nil, err
		}
		return f.apply("volume "+name, ins, empty)
	case isImplicitNull(vols):
		owner := key.Column - 1
		in = f.insertAfter(f.blockEnd(vols, owner), []string{spaces(owner+s.unit) + entry}, 0, s.nl)
	case vols.Kind == yaml.MappingNode:
		if err := f.checkShared("volumes", vols); err != nil {
			return nil, nil, err
		}
		if emptyFlowLast(vols) {
			entry += " {}"
		}
		blanks, _ := f.spacing(vols)
		in = f.insertAfter(f.blockEnd(vols, key.Column-1), []string{spaces(f.childIndent(vols)) + entry}, blanks, s.nl)
	default:
		return nil, nil, rewrite.Errorf(rewrite.ErrRefused, f.path, vols.Line, vols.Column,
			"volumes is %s, not a mapping of volume names", kindName(vols)).
			WithHint("write volumes as a block mapping: one `name:` per volume")
	}
	return f.apply("volume "+name, in, func(root map[string]any) bool {
		volumes, ok := child(root, "volumes")
		if ok {
			volumes[name] = nil
			if emptyFlowLast(vols) {
				volumes[name] = map[string]any{}
			}
		}
		return ok
	})
}

// emptyFlowLast reports whether the last entry of mapping m, when m is one,
// is written `name: {}`, the style a new entry then follows.
func emptyFlowLast(m *yaml.Node) bool {
	if m == nil || m.Kind != yaml.MappingNode || len(m.Content) < 2 {
		return false
	}
	v := m.Content[len(m.Content)-1]
	return v.Kind == yaml.MappingNode && len(v.Content) == 0
}
