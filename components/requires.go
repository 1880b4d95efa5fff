package components

import (
	"slices"
	"strings"
)

// noteRequired says, for add, which components come in only because a
// named one requires them and the project (whose record lists recorded)
// does not have them yet.
func (e *engine) noteRequired(comps []*Component, names, recorded []string) {
	for _, c := range comps {
		if named(names, c.Name) || slices.Contains(recorded, c.Name) {
			continue
		}
		for _, other := range comps {
			if slices.Contains(other.Requires, c.Name) && named(names, other.Name) {
				e.note(other, "", 0, "%s requires %s: adding %s too, recorded as automatic (removing %s removes it)", other.Name, c.Name, c.Name, other.Name)
			}
		}
	}
}

// requiredDrift reports, for check, installed components whose required
// components are not installed (recorded) any more.
func (e *engine) requiredDrift(comps []*Component, names []string) {
	for _, c := range comps {
		if !named(names, c.Name) {
			continue
		}
		for _, r := range c.Requires {
			if !named(names, r) {
				rel := e.p.recordRel
				e.add(c, Drift, rel, 0, "component "+r+", which "+c.Name+" requires (run `paxx infra add "+r+"`)")
			}
		}
	}
}

// named reports whether name is among names, ignoring case.
func named(names []string, name string) bool {
	return slices.ContainsFunc(names, func(n string) bool { return strings.EqualFold(n, name) })
}
