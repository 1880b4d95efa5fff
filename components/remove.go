package components

import (
	"bytes"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/paxx-dev/paxx/pyproject"
	"github.com/paxx-dev/paxx/rewrite"
)

// Removed is the kind of a finding that remove took out of the project.
const Removed Kind = "removed"

// RequiredError is the refusal to remove a component that another
// installed component requires.
type RequiredError struct {
	Name       string   // the component asked to be removed
	Dependents []string // the installed components that require it
}

func (e *RequiredError) Error() string {
	return fmt.Sprintf("cannot remove %s: %s requires it (remove them together: paxx infra remove %s %s)",
		e.Name, strings.Join(e.Dependents, ", "), strings.Join(e.Dependents, " "), e.Name)
}

// Remove undoes what Add did for the named components: their settings
// fields (with the section comment and blank lines that came with them),
// compose service, named volumes no other service mounts, app wiring,
// dependencies, .env.example lines, unmodified generated modules (a
// modified one is kept and reported unless opts.Force), the migration
// template's line, and their record; an image that add changed is set
// back to the one [tool.paxx] replaced records.
// What a component found in place when it was added (its [tool.paxx]
// adopted list) is the user's and stays. Removing a component that another
// installed component requires is refused with a *RequiredError, unless
// both are removed together. A component that add installed only because
// a removed one required it ([tool.paxx] automatic) is removed too, once
// no installed component that stays requires it. Nothing is written: the
// Result holds the changes, deletions included, for one commit.
func Remove(opts Options, names []string) (*Result, error) {
	p, err := openProject(opts)
	if err != nil {
		return nil, unknownFirst(opts, names, err)
	}
	var comps []*Component
	for _, n := range names {
		c, err := p.cat.Lookup(n)
		if err != nil {
			return nil, err
		}
		if !slices.Contains(comps, c) {
			comps = append(comps, c)
		}
	}
	installedNames, _, err := installed(p)
	if err != nil {
		return nil, err
	}
	if err := p.cat.refuseRequired(comps, installedNames); err != nil {
		return nil, err
	}
	r := &engine{p: p, force: opts.Force, found: Removed}
	if r.rec, err = p.readRecord(); err != nil {
		return nil, err
	}
	res := &Result{}
	// A component the record does not list is not paxx's to remove:
	// whatever of it the project has, the user put there.
	comps = slices.DeleteFunc(comps, func(c *Component) bool {
		if slices.Contains(r.rec.installed(), c.Name) {
			return false
		}
		r.note(c, "", 0, "%s is not installed (%s records no %s): nothing removed", c.Name, r.p.layout.Display(r.p.recordRel), c.Name)
		res.Components = append(res.Components, c.Name)
		return true
	})
	for _, c := range p.cat.autoremoved(comps, installedNames, r.rec.automatic()) {
		r.note(c, p.recordRel, 0, "installed automatically for %s, which no component that stays requires: removing it too",
			strings.Join(p.cat.requirers(c.Name, componentNames(comps)), ", "))
		comps = append(comps, c)
	}
	ordered, err := p.cat.dependentsFirst(comps)
	if err != nil {
		return nil, err
	}
	for _, c := range ordered {
		if err := r.uninstall(c); err != nil {
			return nil, err
		}
		res.Components = append(res.Components, c.Name)
	}
	if len(ordered) > 0 {
		if err := r.unfilled(ordered[len(ordered)-1]); err != nil {
			return nil, err
		}
	}
	res.Findings = r.sorted()
	res.Changes = p.changes()
	p.finish(res)
	return res, nil
}

// refuseRequired fails when an installed component that stays requires one
// that goes.
func (cat *Catalog) refuseRequired(comps []*Component, installedNames []string) error {
	going := map[string]bool{}
	for _, c := range comps {
		going[c.Name] = true
	}
	for _, c := range comps {
		if deps := cat.dependents(c.Name, installedNames, going); len(deps) > 0 {
			return &RequiredError{Name: c.Name, Dependents: deps}
		}
	}
	return nil
}

// componentNames returns the names of comps, in order.
func componentNames(comps []*Component) []string {
	names := make([]string, 0, len(comps))
	for _, c := range comps {
		names = append(names, c.Name)
	}
	return names
}

// dependentsFirst orders comps so that a component comes before those it
// requires: the reverse of the order add installs them in.
func (cat *Catalog) dependentsFirst(comps []*Component) ([]*Component, error) {
	names := componentNames(comps)
	ordered, err := cat.Resolve(names)
	if err != nil {
		return nil, err
	}
	var out []*Component
	for _, c := range slices.Backward(ordered) {
		if slices.Contains(names, c.Name) {
			out = append(out, c)
		}
	}
	return out, nil
}

// uninstall undoes c's installation: its record first, then the steps of
// its plan in reverse order, generated modules first.
func (r *engine) uninstall(c *Component) error {
	// The binding reads the record as add left it, before its entries go.
	if _, err := r.bind(c); err != nil {
		return err
	}
	if err := r.unrecord(c); err != nil {
		return err
	}
	steps, err := r.plan(c)
	if err != nil {
		return err
	}
	if err := r.undo(c, steps); err != nil {
		return err
	}
	return r.unenvFile(c)
}

// unenvFile deletes the environment file when c's variables were all it
// held, as when paxx created it.
func (r *engine) unenvFile(c *Component) error {
	if len(c.Fields) == 0 {
		return nil
	}
	rel := r.p.env.Path
	ex, err := r.p.file(rel)
	if err != nil || !ex.Existed {
		return err
	}
	if ex.New != nil && len(bytes.TrimSpace(ex.New)) == 0 && len(bytes.TrimSpace(ex.Old)) > 0 && !r.keptBlank() {
		ex.New = nil
		r.add(c, Removed, rel, 0, "removed "+path.Base(rel)+", left empty")
	}
	return nil
}

// unrecord removes c from [tool.paxx]: its automatic entry, its replaced
// items, its adopted items, then its infra entry, the reverse of the order
// add writes them.
func (r *engine) unrecord(c *Component) error {
	if slices.Contains(r.rec.automatic(), c.Name) {
		if err := r.unrecordEntry(c, keyAutomatic, c.Name); err != nil {
			return err
		}
	}
	for _, item := range slices.Backward(r.rec.owned(keyRenamed, c.Name)) {
		if err := r.unrecordEntry(c, keyRenamed, ownedEntry(c.Name, item)); err != nil {
			return err
		}
	}
	if err := r.unreplace(c); err != nil {
		return err
	}
	for _, item := range slices.Backward(r.rec.adopted(c.Name)) {
		if err := r.unrecordEntry(c, keyAdopted, ownedEntry(c.Name, item)); err != nil {
			return err
		}
	}
	if folder, ok := r.rec.sources()[c.Name]; ok {
		if err := r.unrecordEntry(c, keySources, ownedEntry(c.Name, folder)); err != nil {
			return err
		}
	}
	if err := r.unrecordEntry(c, keyInfra, c.Name); err != nil {
		return err
	}
	userRecord := r.userRecord()
	if userRecord != "" {
		// The last component to go takes the note that the record was the
		// user's, as the first one to come wrote it. It goes after the
		// infra entry: while it is there, the infra line cannot be taken
		// for one that add created.
		g, err := r.p.parseRecord()
		if err != nil {
			return err
		}
		if len(recordOf(g).installed()) == 0 {
			if err := r.unrecordEntry(c, keyAdopted, ownedEntry(recordOwner, userRecord)); err != nil {
				return err
			}
		}
	}
	if g, err := r.p.parseRecord(); err != nil {
		return err
	} else if len(recordOf(g).installed()) == 0 {
		// The last component takes the flags with it, as the first
		// wrote them.
		for _, entry := range slices.Backward(recordOf(g).entries(keyFlags)) {
			if err := r.unrecordEntry(c, keyFlags, entry); err != nil {
				return err
			}
		}
	}
	return r.tidyRecord(c)
}

// tidyRecord takes away, as c's changes, what the removals left of the
// [tool.paxx] record: emptied keys, and the table when paxx made it.
func (r *engine) tidyRecord(c *Component) error {
	userRecord := r.userRecord()
	err := editFile(r, c, r.p.recordRel, pyproject.Parse, func(f *pyproject.File) (*pyproject.File, []rewrite.Action, error) {
		return tidyRecord(f, r.recordKeys(userRecord), userRecord == userTable)
	})
	if err != nil || r.p.recordRel == r.p.pyproj {
		return err
	}
	// The record file that paxx created goes when it holds nothing else.
	f, err := r.p.file(r.p.recordRel)
	if err != nil || !f.Existed || f.New == nil || string(f.New) != recordHeader {
		return err
	}
	f.New = nil
	r.add(c, Removed, r.p.recordRel, 0, "removed "+path.Base(r.p.recordRel)+", left empty")
	return nil
}

// unrecordEntry takes entry out of the record's array key, as c's change.
func (r *engine) unrecordEntry(c *Component, key recordKey, entry string) error {
	return editFile(r, c, r.p.recordRel, pyproject.Parse, recordEdit{key, entry}.Undo)
}

// keepKey reports whether the record, as read, says that the compose key
// of service ("" for the top level) was the user's, there with no value
// before add filled it: remove then keeps it.
func (r *engine) keepKey(service, key string) bool {
	return slices.Contains(r.rec.adopted(recordOwner), emptyKey{service, key}.item())
}

// keepServices reports whether the services: key of the compose file rel
// was the user's, there with no value before add filled it: remove then
// keeps it. Only the base file's is recorded.
func (r *engine) keepServices(rel string) bool {
	return rel == r.p.compose && r.keepKey("", "services")
}

// unfilled drops, once the components are removed, the adopted entries of
// the compose keys that are empty again, and tidies the record after
// them; c is the component the changes are reported under.
func (r *engine) unfilled(c *Component) error {
	dropped := false
	if r.keptBlank() {
		if blank, err := r.p.blankEnvFile(); err != nil {
			return err
		} else if blank {
			if err := r.unrecordEntry(c, keyAdopted, ownedEntry(recordOwner, blankFileItem+r.p.env.Path)); err != nil {
				return err
			}
			dropped = true
		}
	}
	var keys []emptyKey
	if r.p.compose != "" {
		var err error
		if keys, err = r.p.fillableKeys(); err != nil {
			return err
		}
	}
	for _, k := range keys {
		if !r.keepKey(k.service, k.key) {
			continue
		}
		if empty, err := r.p.hasEmptyKey(k); err != nil {
			return err
		} else if !empty {
			continue
		}
		if err := r.unrecordEntry(c, keyAdopted, ownedEntry(recordOwner, k.item())); err != nil {
			return err
		}
		dropped = true
	}
	if !dropped {
		return nil
	}
	return r.tidyRecord(c)
}

// keptBlank reports whether the record, as read, says the environment file
// was there, blank, before add wrote to it: remove then leaves it blank
// rather than deleting it.
func (r *engine) keptBlank() bool {
	return slices.Contains(r.rec.adopted(recordOwner), blankFileItem+r.p.env.Path)
}

// userRecord returns what of the [tool.paxx] record, as read, was the
// user's before paxx's first component: userInfra, userTable or nothing.
func (r *engine) userRecord() string {
	for _, item := range r.rec.adopted(recordOwner) {
		if item == userInfra || item == userTable {
			return item
		}
	}
	return ""
}

// recordKeys returns the [tool.paxx] keys that held entries when remove
// read the project and that paxx wrote: those that an emptied array of is
// paxx's to tidy away. An infra array that was the user's (userRecord is
// userInfra) is not among them.
func (r *engine) recordKeys(userRecord string) []recordKey {
	var keys []recordKey
	for _, key := range everyRecordKey() {
		if len(r.rec.entries(key)) > 0 && (key != keyInfra || userRecord != userInfra) {
			keys = append(keys, key)
		}
	}
	return keys
}

// packageAdopted reports whether the record, as read, says the core
// package was the user's before paxx's first module, whichever component
// took it in: components removed together may go in any order.
func (r *engine) packageAdopted() bool {
	item := "package " + r.p.coreMod
	for _, name := range r.rec.installed() {
		if slices.Contains(r.rec.adopted(name), item) {
			return true
		}
	}
	return false
}

// unreplace removes c's [tool.paxx] replaced entries.
func (r *engine) unreplace(c *Component) error {
	for _, item := range slices.Backward(r.rec.replaced(c.Name)) {
		if err := r.unrecordEntry(c, keyReplaced, ownedEntry(c.Name, item)); err != nil {
			return err
		}
	}
	return nil
}
