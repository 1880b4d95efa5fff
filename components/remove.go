package components

import (
	"bytes"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/paxx-dev/paxx/compose"
	"github.com/paxx-dev/paxx/dotenv"
	"github.com/paxx-dev/paxx/pyproject"
	"github.com/paxx-dev/paxx/python"
	"github.com/paxx-dev/paxx/requirements"
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
// no installed component that stays requires it. Nothing is written: the Result holds the
// changes, deletions included, for one commit.
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
	r := &remover{engine: &engine{p: p, force: opts.Force, found: Removed}}
	if p.pyproj != "" {
		f, err := p.parsePyproject()
		if err != nil {
			return nil, err
		}
		r.record = recordOf(f)
	}
	if r.record != nil {
		for _, c := range p.cat.autoremoved(comps, installedNames, r.record.automatic()) {
			r.note(c, p.pyproj, 0, "installed automatically for %s, which no component that stays requires: removing it too",
				strings.Join(p.cat.requirers(c.Name, componentNames(comps)), ", "))
			comps = append(comps, c)
		}
	} else {
		r.keptRequired(comps, installedNames)
	}
	res := &Result{}
	for _, c := range p.cat.dependentsFirst(comps) {
		if err := r.uninstall(c); err != nil {
			return nil, err
		}
		res.Components = append(res.Components, c.Name)
	}
	if len(comps) > 0 {
		if err := r.unfilled(r.comp); err != nil {
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
func (cat *Catalog) dependentsFirst(comps []*Component) []*Component {
	var names []string
	for _, c := range comps {
		names = append(names, c.Name)
	}
	ordered, err := cat.Resolve(names)
	if err != nil {
		return comps
	}
	var out []*Component
	for _, c := range slices.Backward(ordered) {
		if slices.Contains(names, c.Name) {
			out = append(out, c)
		}
	}
	return out
}

// remover undoes a component's installation with the engine's project and
// findings.
type remover struct {
	*engine
	record    *record // the [tool.paxx] record of pyproject.toml as read, nil without one
	comp      *Component
	mine      func(item string) bool // whether paxx added the item, for comp
	byDefault bool                   // no record: only what matches paxx's defaults goes
}

// uninstall removes c's parts in the reverse order of install.
func (r *remover) uninstall(c *Component) error {
	r.comp = c
	r.byDefault = r.record == nil || !slices.Contains(r.record.installed(), c.Name)
	var adopted []string
	if r.record != nil {
		adopted = r.record.adopted(c.Name)
	}
	r.mine = func(item string) bool { return !slices.Contains(adopted, item) }
	if r.byDefault {
		r.note(c, "", 0, "%s is not in the [tool.paxx] record: removing only what matches paxx's defaults", c.Name)
	}
	steps := []func(*Component) error{r.unrecord, r.unmodules, r.unenvExample, r.undependencies, r.unretag, r.unworker, r.unservice, r.unfields}
	for _, step := range steps {
		if err := step(c); err != nil {
			return err
		}
	}
	return nil
}

// unrecord removes c from [tool.paxx]: its automatic entry, its replaced
// items, its adopted items, then its infra entry, the reverse of the order
// add writes them.
func (r *remover) unrecord(c *Component) error {
	if r.record == nil {
		return nil
	}
	rel := r.p.pyproj
	if slices.Contains(r.record.automatic(), c.Name) {
		if err := r.edit(c, rel, func(src []byte) ([]byte, []rewrite.Action, error) {
			return removeRecordEntry(rel, src, keyAutomatic, c.Name)
		}); err != nil {
			return err
		}
	}
	if err := r.unreplace(c); err != nil {
		return err
	}
	for _, item := range slices.Backward(r.record.adopted(c.Name)) {
		if err := r.edit(c, rel, func(src []byte) ([]byte, []rewrite.Action, error) {
			return removeRecordEntry(rel, src, keyAdopted, ownedEntry(c.Name, item))
		}); err != nil {
			return err
		}
	}
	if folder, ok := r.record.sources()[c.Name]; ok {
		if err := r.edit(c, rel, func(src []byte) ([]byte, []rewrite.Action, error) {
			return removeRecordEntry(rel, src, keySources, ownedEntry(c.Name, folder))
		}); err != nil {
			return err
		}
	}
	if err := r.edit(c, rel, func(src []byte) ([]byte, []rewrite.Action, error) {
		return removeRecordEntry(rel, src, keyInfra, c.Name)
	}); err != nil {
		return err
	}
	userRecord := r.userRecord()
	if userRecord != "" {
		// The last component to go takes the note that the record was the
		// user's, as the first one to come wrote it. It goes after the
		// infra entry: while it is there, the infra line cannot be taken
		// for one that add created.
		g, err := r.p.parsePyproject()
		if err != nil {
			return err
		}
		if len(recordOf(g).installed()) == 0 {
			if err := r.edit(c, rel, func(src []byte) ([]byte, []rewrite.Action, error) {
				return removeRecordEntry(rel, src, keyAdopted, ownedEntry(recordOwner, userRecord))
			}); err != nil {
				return err
			}
		}
	}
	return r.tidyRecord(c)
}

// tidyRecord takes away, as c's changes, what the removals left of the
// [tool.paxx] record: emptied keys, and the table when paxx made it.
func (r *remover) tidyRecord(c *Component) error {
	rel, userRecord := r.p.pyproj, r.userRecord()
	return r.edit(c, rel, func(src []byte) ([]byte, []rewrite.Action, error) {
		return tidyRecord(rel, src, r.recordKeys(userRecord), userRecord == userTable)
	})
}

// keepKey reports whether the record, as read, says that the compose key
// of service ("" for the top level) was the user's, there with no value
// before add filled it: remove then keeps it.
func (r *remover) keepKey(service, key string) bool {
	return r.record != nil && slices.Contains(r.record.adopted(recordOwner), emptyKey{service, key}.item())
}

// unfilled drops, once the components are removed, the adopted entries of
// the compose keys that are empty again, and tidies the record after
// them; c is the component the changes are reported under.
func (r *remover) unfilled(c *Component) error {
	if r.record == nil || r.p.compose == "" {
		return nil
	}
	keys, err := r.p.fillableKeys()
	if err != nil {
		return err
	}
	rel := r.p.pyproj
	dropped := false
	for _, k := range keys {
		if !r.keepKey(k.service, k.key) {
			continue
		}
		if empty, err := r.p.hasEmptyKey(k); err != nil {
			return err
		} else if !empty {
			continue
		}
		if err := r.edit(c, rel, func(src []byte) ([]byte, []rewrite.Action, error) {
			return removeRecordEntry(rel, src, keyAdopted, ownedEntry(recordOwner, k.item()))
		}); err != nil {
			return err
		}
		dropped = true
	}
	if !dropped {
		return nil
	}
	return r.tidyRecord(c)
}

// userRecord returns what of the [tool.paxx] record, as read, was the
// user's before paxx's first component: userInfra, userTable or nothing.
func (r *remover) userRecord() string {
	for _, item := range r.record.adopted(recordOwner) {
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
func (r *remover) recordKeys(userRecord string) []recordKey {
	var keys []recordKey
	for _, key := range everyRecordKey() {
		if len(r.record.entries(key)) > 0 && (key != keyInfra || userRecord != userInfra) {
			keys = append(keys, key)
		}
	}
	return keys
}

// unmodules deletes the generated modules that are what paxx generates
// (or any, with --force), then the core package when paxx made it for them
// and nothing else is left in it.
func (r *remover) unmodules(c *Component) error {
	if len(c.Modules) == 0 {
		return nil
	}
	data, err := r.moduleData(c)
	if err != nil {
		return err
	}
	deleted := 0
	for _, m := range c.Modules {
		rel := path.Join(r.p.coreDir, m.Name)
		want, err := render(m, data)
		if err != nil {
			return err
		}
		want = []byte(rewrite.WithNewline(string(want), data.newline))
		f, err := r.p.file(rel)
		if err != nil {
			return err
		}
		switch {
		case !f.Existed || f.New == nil:
			deleted++
		case bytes.Equal(f.Old, want) || r.force:
			f.New = nil
			deleted++
			r.add(c, Removed, rel, 0, "removed module "+r.p.moduleImport(rel))
		default:
			r.note(c, rel, 0, "differs from what paxx generates: kept (use --force to delete it)")
		}
	}
	if deleted == len(c.Modules) {
		return r.unpackage(c)
	}
	return nil
}

// unpackage deletes the core package's __init__.py when it is empty and
// nothing else is left in the directory once the deletions are made: the
// package paxx created for its modules. A package that was there before
// paxx's first module is recorded as adopted by add and stays.
func (r *remover) unpackage(c *Component) error {
	if r.packageAdopted() {
		return nil // the package was there before paxx: the user's
	}
	init := path.Join(r.p.coreDir, "__init__.py")
	entries, err := os.ReadDir(filepath.Join(r.p.root, filepath.FromSlash(r.p.coreDir)))
	if err != nil {
		return nil // no directory: nothing to remove
	}
	for _, e := range entries {
		rel := path.Join(r.p.coreDir, e.Name())
		if f, ok := r.p.files[rel]; ok && f.Deleted() || rel == init || e.Name() == "__pycache__" {
			continue
		}
		return nil
	}
	f, err := r.p.file(init)
	if err != nil || !f.Existed || f.New == nil || len(bytes.TrimSpace(f.Old)) > 0 {
		return err
	}
	f.New = nil
	r.add(c, Removed, init, 0, "removed package "+r.p.coreMod)
	return nil
}

// unenvExample removes c's variables from .env.example.
func (r *remover) unenvExample(c *Component) error {
	if len(c.Fields) == 0 {
		return nil
	}
	envRel := r.p.env.Path
	ex, err := r.p.file(envRel)
	if err != nil || !ex.Existed {
		return err
	}
	cls, _, err := r.p.settingsClass()
	if err != nil {
		return err
	}
	var vars []dotenv.Var
	for _, nf := range c.Fields {
		name := cls.EnvName(r.fieldName(cls, nf.Name))
		if r.mine("variable " + name) {
			vars = append(vars, dotenv.Var{Name: name, Value: envValue(r.p.resolveDefault(nf.Default))})
		}
	}
	if err := r.edit(c, envRel, func(src []byte) ([]byte, []rewrite.Action, error) {
		f, err := dotenv.Parse(envRel, src)
		if err != nil {
			return nil, nil, err
		}
		g, actions, err := f.RemoveVars(c.Section, vars)
		if err != nil {
			return nil, nil, err
		}
		return g.Bytes(), actions, nil
	}); err != nil {
		return err
	}
	if ex.New != nil && len(bytes.TrimSpace(ex.New)) == 0 && len(bytes.TrimSpace(ex.Old)) > 0 {
		ex.New = nil // it held only what paxx wrote, as when paxx created it
		r.add(c, Removed, envRel, 0, "removed "+path.Base(envRel)+", left empty")
	}
	return nil
}

// undependencies removes c's requirements.
func (r *remover) undependencies(c *Component) error {
	if !r.p.hasDeps {
		return nil
	}
	for _, req := range slices.Backward(c.Dependencies) {
		if !r.mine("dependency " + requirementName(req)) {
			continue
		}
		var err error
		if r.p.deps.Kind == pyproject.Requirements {
			rel := r.p.deps.Path
			err = r.edit(c, rel, func(src []byte) ([]byte, []rewrite.Action, error) {
				return editBytes(rel, src, requirements.Parse, func(f *requirements.File) (*requirements.File, []rewrite.Action, error) {
					return f.RemoveLine(req)
				})
			})
		} else {
			err = r.edit(c, r.p.pyproj, func(src []byte) ([]byte, []rewrite.Action, error) {
				return editBytes(r.p.pyproj, src, pyproject.Parse, func(f *pyproject.File) (*pyproject.File, []rewrite.Action, error) {
					return f.RemoveDependency(req)
				})
			})
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// unworker removes the worker service c added, and its app environment.
func (r *remover) unworker(c *Component) error {
	w := c.Worker
	if w == nil || r.p.compose == "" {
		return nil
	}
	rel, defined, err := r.p.serviceFile(w.Name)
	if err != nil {
		return err
	}
	if defined && r.mine("service "+w.Name) {
		if err := r.edit(c, rel, r.p.composeOp(rel, func(f *compose.File) (*compose.File, []rewrite.Action, error) {
			return f.RemoveService(w.Name, "")
		})); err != nil {
			return err
		}
	}
	// The used component goes after this one (dependents first), so its
	// service is still there to name, as add named it in the values.
	cf, err := r.p.parseCompose()
	if err != nil {
		return err
	}
	used, err := r.p.cat.Lookup(w.Uses)
	if err != nil {
		return err
	}
	service, _ := usedService(cf, used)
	return r.unwire(c, w.AppEnv, service)
}

// unservice removes c's app wiring, volumes and service.
func (r *remover) unservice(c *Component) error {
	s := c.Service
	if s == nil || r.p.compose == "" {
		return nil
	}
	rel := r.p.compose
	cf, err := r.p.parseCompose()
	if err != nil {
		return err
	}
	name, own := s.Name, true
	existing, ok := cf.Service(s.Name)
	switch {
	case ok:
		own = r.mine("service "+s.Name) && (!r.byDefault || existing.Image == s.Image)
	default:
		if reuse := cf.ServicesByImage(s.Images...); len(reuse) > 0 {
			name, own = reuse[0].Name, false
		}
	}
	condition := "service_started"
	if s.Healthy && cf.HasHealthcheck(name) {
		condition = "service_healthy"
	}
	// The reverse of wireApp: depends_on went in after the environment.
	_, app, ok, err := r.p.appCompose()
	if err != nil {
		return err
	}
	if ok && r.mine("depends_on "+name) {
		appFile := r.p.appFile
		if err := r.edit(c, appFile, r.p.composeOp(appFile, func(f *compose.File) (*compose.File, []rewrite.Action, error) {
			return f.RemoveDependsOn(app.Name, name, condition, r.keepKey(app.Name, "depends_on"))
		})); err != nil {
			return err
		}
	}
	if err := r.unwire(c, s.AppEnv, name); err != nil {
		return err
	}
	if !own {
		if ok {
			r.note(c, rel, existing.Line, "service %s was there before %s: kept", s.Name, c.Name)
		}
		return nil
	}
	for _, v := range slices.Backward(s.Volumes) {
		g, err := r.p.parseCompose()
		if err != nil {
			return err
		}
		if users := slices.DeleteFunc(g.VolumeUsers(v), func(u string) bool { return u == s.Name }); len(users) > 0 {
			r.note(c, rel, 0, "volume %s is still mounted by service %s: kept", v, strings.Join(users, ", "))
			continue
		}
		if err := r.edit(c, rel, r.p.composeOp(rel, func(f *compose.File) (*compose.File, []rewrite.Action, error) {
			return f.RemoveVolume(v, s.Name, r.keepKey("", "volumes"))
		})); err != nil {
			return err
		}
	}
	return r.edit(c, rel, r.p.composeOp(rel, func(f *compose.File) (*compose.File, []rewrite.Action, error) {
		return f.RemoveService(s.Name, s.Body)
	}))
}

// unwire removes the app service's environment entries for envs (their
// {{service}} standing for service).
func (r *remover) unwire(c *Component, envs []AppEnv, service string) error {
	rel := r.p.appFile
	cf, app, ok, err := r.p.appCompose()
	if err != nil || !ok {
		return err
	}
	cls, _, err := r.p.settingsClass()
	if err != nil {
		return err
	}
	have := cf.Environment(app.Name)
	for _, ae := range slices.Backward(envs) {
		key := cls.EnvName(r.fieldName(cls, ae.Field))
		value := strings.ReplaceAll(ae.Value, "{{service}}", service)
		if !r.mine("environment "+key) || (r.byDefault && have[key] != value) {
			continue
		}
		if err := r.edit(c, rel, r.p.composeOp(rel, func(f *compose.File) (*compose.File, []rewrite.Action, error) {
			return f.RemoveEnvironment(app.Name, key, value, r.keepKey(app.Name, "environment"))
		})); err != nil {
			return err
		}
	}
	return nil
}

// unfields removes c's settings fields.
func (r *remover) unfields(c *Component) error {
	if len(c.Fields) == 0 {
		return nil
	}
	cls, mod, err := r.p.settingsClass()
	if err != nil {
		return err
	}
	ty, err := r.typing(mod)
	if err != nil {
		return err
	}
	var fields []python.NewField
	for _, nf := range c.Fields {
		nf.Default = r.p.resolveDefault(nf.Default)
		f, ok := cls.HasField(nf.Name)
		if !ok || !r.mine("field "+nf.Name) || (r.byDefault && !sameLiteral(f.Default, pyLiteral(nf.Default))) {
			continue
		}
		nf.Section = c.Section
		nf.Type = ty.annotation(nf.Type)
		fields = append(fields, nf)
	}
	if err := r.edit(c, r.p.settings.Path, func(src []byte) ([]byte, []rewrite.Action, error) {
		return r.p.pyMemo.edit(src, r.p.parseSettingsSrc, func(f *python.File) (*python.File, []rewrite.Action, error) {
			return f.RemoveFields(cls.Name, fields)
		})
	}); err != nil {
		return err
	}
	var imports []python.Import
	for _, nf := range fields {
		imports = append(imports, typeImports(nf.Type)...)
	}
	return r.edit(c, r.p.settings.Path, func(src []byte) ([]byte, []rewrite.Action, error) {
		return r.p.pyMemo.edit(src, r.p.parseSettingsSrc, func(f *python.File) (*python.File, []rewrite.Action, error) {
			return f.RemoveImports(imports)
		})
	})
}

// edit runs a Remove operation on a file and records what it removed,
// at the line where it was.
func (r *remover) edit(c *Component, rel string, op func(src []byte) ([]byte, []rewrite.Action, error)) error {
	return r.editAs(c, rel, "removed", op)
}

// editAs runs an operation of remove on a file and records its actions as
// findings that read "<verb> <what>".
func (r *remover) editAs(c *Component, rel, verb string, op func(src []byte) ([]byte, []rewrite.Action, error)) error {
	f, err := r.p.file(rel)
	if err != nil {
		return err
	}
	if f.New == nil {
		return nil
	}
	out, actions, err := op(f.New)
	if err != nil {
		return err
	}
	f.New = out
	for _, a := range actions {
		r.add(c, Removed, rel, a.Line, verb+" "+a.What)
	}
	return nil
}

// packageAdopted reports whether the record, as read, says the core
// package was the user's before paxx's first module, whichever component
// took it in: components removed together may go in any order.
func (r *remover) packageAdopted() bool {
	if r.record == nil {
		return false
	}
	item := "package " + r.p.coreMod
	for _, name := range r.record.installed() {
		if slices.Contains(r.record.adopted(name), item) {
			return true
		}
	}
	return false
}
