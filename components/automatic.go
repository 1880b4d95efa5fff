package components

import (
	"slices"
	"strings"

	"github.com/paxx-dev/paxx/pyproject"
	"github.com/paxx-dev/paxx/rewrite"
)

// How paxx tells a component the user asked for from one it installed
// only because another required it.
//
// `add tasks` installs redis too, as tasks requires it. When redis was not
// installed before and was not named, add records it in [tool.paxx]
// automatic, as apt marks a package "automatically installed":
//
//	[tool.paxx]
//	infra = ["redis", "tasks"]
//	automatic = ["redis"]
//
// `remove tasks` then removes redis as well, once no installed component
// that stays requires it, so that add then remove gives back the project.
// Naming the component in add, before or after, makes it the user's: it is
// never written to the list, or add takes it off. A component on the list
// can still be removed by name when nothing requires it; while something
// does, removing it is refused as for any other.

// automaticOnAdd returns which of comps add installs only because another
// of them requires it: not named and not installed before.
func automaticOnAdd(comps []*Component, names, recorded []string) map[string]bool {
	auto := map[string]bool{}
	for _, c := range comps {
		if !named(names, c.Name) && !slices.Contains(recorded, c.Name) {
			auto[c.Name] = true
		}
	}
	return auto
}

// recordAutomatic writes c to [tool.paxx] automatic, as c's change.
func (e *engine) recordAutomatic(c *Component) error {
	return e.record(c, recordEdit{keyAutomatic, c.Name})
}

// claim takes c, named in add, off [tool.paxx] automatic when it is
// there: the user has asked for it now, and removing the components that
// required it will leave it. The edit is reported as add's.
func (e *engine) claim(c *Component, automatic []string) error {
	if !slices.Contains(automatic, c.Name) {
		return nil
	}
	s := step{rel: e.p.recordRel, say: func(_ Kind, a rewrite.Action) string {
		return "removed " + a.What + ": " + c.Name + " is yours now, and stays when what required it goes"
	}}
	return editAs(e, c, s, pyproject.Parse, recordEdit{keyAutomatic, c.Name}.Undo)
}

// autoremoved returns the components that go with comps when they are
// removed: those on the automatic list that a going component requires
// (directly or through another going one) and that no installed
// component staying requires, in the order they are found.
func (cat *Catalog) autoremoved(comps []*Component, installedNames, automatic []string) []*Component {
	going := map[string]bool{}
	for _, c := range comps {
		going[c.Name] = true
	}
	var out []*Component
	for queue := slices.Clone(comps); len(queue) > 0; queue = queue[1:] {
		for _, r := range queue[0].Requires {
			if going[r] || !slices.Contains(installedNames, r) || !slices.Contains(automatic, r) {
				continue
			}
			if len(cat.dependents(r, installedNames, going)) > 0 {
				continue
			}
			c, err := cat.Lookup(r)
			if err != nil {
				continue
			}
			going[r] = true
			out = append(out, c)
			queue = append(queue, c)
		}
	}
	return out
}

// dependents returns the installed components, but those going, that
// require name.
func (cat *Catalog) dependents(name string, installedNames []string, going map[string]bool) []string {
	var out []string
	for _, n := range installedNames {
		other, err := cat.Lookup(n)
		if err != nil || going[other.Name] {
			continue
		}
		if slices.Contains(other.Requires, name) {
			out = append(out, other.Name)
		}
	}
	return out
}

// requirers returns the names of the components among names that require
// name.
func (cat *Catalog) requirers(name string, names []string) []string {
	var out []string
	for _, n := range names {
		if c, err := cat.Lookup(n); err == nil && slices.Contains(c.Requires, name) {
			out = append(out, c.Name)
		}
	}
	return out
}

// automaticNotes says, for check, which of comps paxx installed only
// because another component required them, and which of those no
// installed component requires any more.
func (e *engine) automaticNotes(comps []*Component, installedNames, automatic []string) {
	for _, c := range comps {
		if !slices.Contains(automatic, c.Name) {
			continue
		}
		if by := e.p.cat.requirers(c.Name, installedNames); len(by) > 0 {
			e.note(c, e.p.recordRel, 0, "installed automatically for %s", strings.Join(by, ", "))
			continue
		}
		e.note(c, e.p.recordRel, 0, "installed automatically, and no installed component requires it any more (`paxx infra remove %s` removes it, `paxx infra add %s` keeps it)", c.Name, c.Name)
	}
}
