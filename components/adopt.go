package components

import (
	"bytes"
	"slices"

	"github.com/paxx-dev/paxx/alembic"
	"github.com/paxx-dev/paxx/dotenv"
	"github.com/paxx-dev/paxx/pyproject"
	"github.com/paxx-dev/paxx/requirements"
	"github.com/paxx-dev/paxx/rewrite"
)

// How paxx tells its own additions from the user's configuration.
//
// When add installs a component that the [tool.paxx] record does not list
// yet, everything of the component that the project already has — a
// settings field, the service (by name, or another one that runs a
// compatible image), an app environment entry, a depends_on entry, a
// dependency, a .env.example variable, the line the component adds to the
// migration template — is the user's: add leaves it alone and records it
// in [tool.paxx] adopted as "component: thing" (for example "redis: field
// redis_url"). Remove deletes what the component describes except what
// that list names. Nothing is written to adopted when nothing pre-existed,
// so the record stays `infra = [...]` for the common case.
//
// The one value add changes rather than adds, a service's image (postgis),
// is kept with the value it replaced in [tool.paxx] replaced, as
// "postgis: image db postgres:16-alpine": remove sets the image back from
// it, and drops the entry.
//
// The record itself may be the user's: a [tool.paxx] table that is there
// before paxx's first component (one that lists nothing) is kept as
// "paxx: table", and its empty infra array as "paxx: infra". When the last
// component goes, remove then leaves the table (and the empty array) as
// they were, and drops that entry. Likewise a compose key that add fills
// rather than creates, written with no value before (an app service's
// `environment:`, its `depends_on:`, the top-level `volumes:`), is kept as
// "paxx: empty key volumes" or "paxx: empty key services.app.environment":
// remove leaves the key, empty, once it has taken out the last entry that
// paxx put in it, and drops the entry.
//
// Every project has a record: [tool.paxx] in pyproject.toml, or the same
// table in RecordFile beside the dependency file of a project without
// one. A component the record does not list was not installed by paxx:
// remove leaves everything of it where it is, and says so.

// adoptions lists what of c the project has before c is added, in the
// words of the adopted record. It is empty for a component already
// recorded: what it has then is paxx's own.
func (e *engine) adoptions(c *Component) ([]string, error) {
	f, err := e.p.parseRecord()
	if err != nil {
		return nil, err
	}
	if slices.Contains(recordOf(f).installed(), c.Name) {
		return nil, nil
	}
	var items []string
	cls, _, err := e.p.settingsClass()
	if err != nil {
		return nil, err
	}
	for _, nf := range c.Fields {
		if _, ok := cls.HasField(nf.Name); ok {
			items = append(items, "field "+nf.Name)
		}
	}
	b, err := e.bind(c)
	if err != nil {
		return nil, err
	}
	if s := c.Service; s != nil && e.p.compose != "" {
		name := b.service
		if b.reused {
			items = append(items, "service "+name)
		}
		af, app, ok, err := e.p.appCompose()
		if err != nil {
			return nil, err
		}
		if ok {
			env := af.Environment(app.Name)
			for _, ae := range s.AppEnv {
				if key := e.envKey(ae.Field); hasKey(env, key) {
					items = append(items, "environment "+key)
				}
			}
			if slices.Contains(af.DependsOn(app.Name), name) {
				items = append(items, "depends_on "+name)
			}
		}
	}
	if w := c.Worker; w != nil && e.p.compose != "" {
		if b.userWorker {
			items = append(items, "service "+b.worker)
		}
		af, app, ok, err := e.p.appCompose()
		if err != nil {
			return nil, err
		}
		if ok {
			env := af.Environment(app.Name)
			for _, ae := range w.AppEnv {
				if key := e.envKey(ae.Field); hasKey(env, key) {
					items = append(items, "environment "+key)
				}
			}
		}
	}
	if r := c.Retag; r != nil && r.Migration != "" {
		rel, ok, err := e.p.migrationTemplate()
		if err != nil {
			return nil, err
		}
		if ok {
			tf, err := docOf(e.p, rel, alembic.Parse)
			if err != nil {
				return nil, err
			}
			if tf.HasImport(r.Migration) {
				items = append(items, "migration "+r.Migration)
			}
		}
	}
	if len(c.Modules) > 0 && barePackage(e.p.root, e.p.coreDir) && !e.modulesRecorded(f) {
		// An empty core package that was there before any paxx module is
		// the user's, though it looks like the one paxx would create.
		items = append(items, "package "+e.p.coreMod)
	}
	appItems, err := e.appAdoptions(c)
	if err != nil {
		return nil, err
	}
	items = append(items, appItems...)
	for _, req := range c.Dependencies {
		if present, err := e.hasDependency(req); err != nil {
			return nil, err
		} else if present {
			items = append(items, "dependency "+requirementName(req))
		}
	}
	ex, err := e.p.file(e.p.env.Path)
	if err != nil {
		return nil, err
	}
	if ex.Existed {
		ef, err := docOf(e.p, e.p.env.Path, dotenv.Parse)
		if err != nil {
			return nil, err
		}
		names := ef.Names()
		for _, nf := range c.Fields {
			if v := e.envKey(nf.Name); slices.Contains(names, v) {
				items = append(items, "variable "+v)
			}
		}
	}
	return items, nil
}

// hasDependency reports whether the project's dependencies already name
// req's package: adding it would change nothing.
func (e *engine) hasDependency(req string) (bool, error) {
	if !e.p.hasDeps {
		return false, nil
	}
	var acts []rewrite.Action
	var err error
	if e.p.deps.Kind == pyproject.Requirements {
		f, ferr := docOf(e.p, e.p.deps.Path, requirements.Parse)
		if ferr != nil {
			return false, ferr
		}
		_, acts, err = f.AddLine(req)
	} else {
		f, ferr := docOf(e.p, e.p.depsFile, pyproject.Parse)
		if ferr != nil {
			return false, ferr
		}
		_, acts, err = f.AddDependencyTo(e.p.deps, req)
	}
	if err != nil {
		return true, nil // a conflicting requirement is the user's too
	}
	return len(acts) == 0, nil
}

// recordOwner is the name under which the adopted record keeps what of
// the [tool.paxx] record itself was the user's.
const recordOwner = "paxx"

// The items of recordOwner in the adopted record.
const (
	userTable = "table" // a [tool.paxx] table without infra
	userInfra = "infra" // a [tool.paxx] table with an empty infra array
	// emptyKeyItem starts an item naming a compose key that was there with
	// no value before add filled it ("empty key volumes", "empty key
	// services.app.environment").
	emptyKeyItem = "empty key "
)

// blankFileItem starts an item naming the environment file when it was
// there holding nothing but blank lines before add wrote to it ("blank
// file .env.example"): remove, which deletes the file when it leaves it
// blank, keeps this one.
const blankFileItem = "blank file "

// blankEnvFile reports whether the environment file exists and holds
// nothing but blanks, as it is now.
func (p *tree) blankEnvFile() (bool, error) {
	ex, err := p.file(p.env.Path)
	if err != nil {
		return false, err
	}
	return ex.New != nil && len(bytes.TrimSpace(ex.New)) == 0 && ex.Existed, nil
}

// recordBlankFile writes to [tool.paxx] adopted, as c's change, that the
// environment file was there, blank, when add (finding it so: wasBlank)
// has now written to it.
func (e *engine) recordBlankFile(c *Component, wasBlank bool) error {
	if !wasBlank {
		return nil
	}
	if still, err := e.p.blankEnvFile(); err != nil || still {
		return err
	}
	return e.adopt(c, recordOwner, []string{blankFileItem + e.p.env.Path})
}

// emptyKey is a compose key that add fills, naming its service ("" at the
// top level) and itself.
type emptyKey struct{ service, key string }

// item is the key's adopted item.
func (k emptyKey) item() string {
	if k.service == "" {
		return emptyKeyItem + k.key
	}
	return emptyKeyItem + "services." + k.service + "." + k.key
}

// fillableKeys are the compose keys add may fill: the top-level services
// and volumes, and the app service's environment and depends_on.
func (p *tree) fillableKeys() ([]emptyKey, error) {
	keys := []emptyKey{{"", "services"}, {"", "volumes"}}
	if _, app, ok, err := p.appCompose(); err != nil {
		return nil, err
	} else if ok {
		keys = append(keys, emptyKey{app.Name, "environment"}, emptyKey{app.Name, "depends_on"})
	}
	return keys, nil
}

// hasEmptyKey reports whether the compose key k is written with no value:
// the top-level key in the base file, an app service's key where the app
// service is defined.
func (p *tree) hasEmptyKey(k emptyKey) (bool, error) {
	rel := p.compose
	if k.service != "" {
		rel = p.appFile
	}
	cf, err := p.parseComposeAt(rel)
	if err != nil {
		return false, err
	}
	return cf.HasEmptyKey(k.service, k.key), nil
}

// emptyKeys returns the compose keys the compose file has with no value,
// nil without a compose file or a record to keep them in.
func (e *engine) emptyKeys() ([]emptyKey, error) {
	if e.p.compose == "" {
		return nil, nil
	}
	keys, err := e.p.fillableKeys()
	if err != nil {
		return nil, err
	}
	var out []emptyKey
	for _, k := range keys {
		if empty, err := e.p.hasEmptyKey(k); err != nil {
			return nil, err
		} else if empty {
			out = append(out, k)
		}
	}
	return out, nil
}

// recordFilled writes to [tool.paxx] adopted, as c's changes, the keys of
// empty that add has filled: they were the user's, and remove keeps them
// once it has taken out what add put in them.
func (e *engine) recordFilled(c *Component, empty []emptyKey) error {
	if len(empty) == 0 {
		return nil
	}
	var items []string
	for _, k := range empty {
		if still, err := e.p.hasEmptyKey(k); err != nil {
			return err
		} else if !still {
			items = append(items, k.item())
		}
	}
	return e.adopt(c, recordOwner, items)
}

// recordAdoption says what of the [tool.paxx] record was there before
// paxx's first component, in the words of the adopted record: userInfra,
// userTable or nothing.
func (e *engine) recordAdoption() (string, error) {
	rec, err := e.p.readRecord()
	if err != nil {
		return "", err
	}
	switch infra := rec.installed(); {
	case !rec.hasTable() || len(infra) > 0:
		return "", nil
	case infra != nil:
		return userInfra, nil
	default:
		return userTable, nil
	}
}

// recordAdopted writes what c found in place to [tool.paxx] adopted.
func (e *engine) recordAdopted(c *Component, items []string) error {
	return e.adopt(c, c.Name, items)
}

// adopt writes items to [tool.paxx] adopted under owner, as c's changes.
func (e *engine) adopt(c *Component, owner string, items []string) error {
	for _, item := range items {
		if err := e.record(c, recordEdit{keyAdopted, ownedEntry(owner, item)}); err != nil {
			return err
		}
	}
	return nil
}

// recordReplaced writes the values c changed to [tool.paxx] replaced, in
// the order it changed them, when there is a record to keep them in.
func (e *engine) recordReplaced(c *Component) error {
	b, err := e.bind(c)
	if err != nil {
		return err
	}
	for _, item := range b.replaced {
		if err := e.record(c, recordEdit{keyReplaced, ownedEntry(c.Name, item)}); err != nil {
			return err
		}
	}
	return nil
}

// hasKey reports whether m has key.
func hasKey(m map[string]string, key string) bool {
	_, ok := m[key]
	return ok
}

// requirementName is the normalized package name of a requirement.
func requirementName(req string) string {
	r, err := requirements.ParseRequirement(req)
	if err != nil {
		return req
	}
	return r.Key()
}

// modulesRecorded reports whether a component in the record f generates
// modules: the core package is then paxx's, or already adopted by it.
func (e *engine) modulesRecorded(f *pyproject.File) bool {
	for _, name := range recordOf(f).installed() {
		if c, err := e.p.cat.Lookup(name); err == nil && len(c.Modules) > 0 {
			return true
		}
	}
	return false
}
