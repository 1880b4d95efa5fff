package components

import (
	"errors"
	"path"
	"slices"
	"strings"

	"github.com/paxx-dev/paxx/pyproject"
	"github.com/paxx-dev/paxx/python"
	"github.com/paxx-dev/paxx/requirements"
	"github.com/paxx-dev/paxx/rewrite"
)

// appLifespanItem is the adopted record's item for a lifespan (or
// on_event handlers) the app had before the component was added: remove
// never deletes it, even left empty.
const appLifespanItem = "app lifespan"

// appHooks returns what the app is to use from c's modules, each hook's
// Module the generated module's import path.
func (e *engine) appHooks(c *Component) []python.Hook {
	var out []python.Hook
	for _, m := range c.Modules {
		mod := e.p.moduleImport(path.Join(e.p.coreDir, m.Name))
		for _, h := range m.hooks() {
			h.Module = mod
			out = append(out, h)
		}
	}
	return out
}

// findApp finds the app the project's entrypoints run, once per command:
// where the app is built and where its lifespan lives do not move while
// the components' edits add to them. A refusal (no app, several) is
// returned as it is, for the caller to make a note of.
func (e *engine) findApp() (*python.App, error) {
	if e.app != nil || e.appErr != nil {
		return e.app, e.appErr
	}
	l := e.p.layout
	app, err := python.FindApp(l.Abs(l.Python), l.Entrypoints())
	if err != nil {
		e.appErr = displayErr(l, err, l.Python)
		return nil, e.appErr
	}
	e.app = app
	return app, nil
}

// appWire returns the Wire of hook h and the file it edits: the module
// that builds the app, or for a startup or shutdown hook of an app whose
// lifespan another module defines, that module.
func (e *engine) appWire(b *binding, app *python.App, h python.Hook, req string) (string, python.Wire) {
	w := python.Wire{App: app.Attr, Hook: h, FastAPI: req, KeepLifespan: !b.mine(appLifespanItem)}
	rel := app.Path
	if l := app.Lifespan; l != nil && (h.Kind == python.Startup || h.Kind == python.Shutdown) {
		w.Lifespan, rel = l.Func, l.Path
	}
	return e.p.layout.InPython(rel), w
}

// planApp plans the app's use of c's modules: one step per name they
// give the app (startup, shutdown, setup, routers, in that order), each a
// python.Wire on the module that builds the app (or that defines its
// lifespan), recorded as "app NAME". An app that paxx cannot find or edit
// safely is a note with the lines to paste, and the rest of the install
// goes ahead.
func (e *engine) planApp(c *Component) ([]step, error) {
	hooks := e.appHooks(c)
	if len(hooks) == 0 {
		return nil, nil
	}
	app, err := e.findApp()
	if err != nil {
		// Any app paxx cannot read (refused, or a module it cannot
		// parse) is left for the user to wire: the rest of the install
		// goes ahead.
		var lines []string
		for _, h := range hooks {
			lines = append(lines, python.Wire{Hook: h}.Paste())
		}
		e.noteAdd(c, "", 0, "app not wired: %v; wire it by hand: %s", err, strings.ReplaceAll(strings.Join(lines, "\n"), "\n", "; "))
		return nil, nil
	}
	req, err := e.fastapiRequirement()
	if err != nil {
		return nil, err
	}
	b, err := e.bind(c)
	if err != nil {
		return nil, err
	}
	var steps []step
	for _, h := range hooks {
		item := "app " + h.Name
		rel, w := e.appWire(b, app, h, req)
		s := stepOf(rel, item, python.Parse, edit[*python.File](w))
		run := s.run
		s.run = func(p *tree, undo bool) ([]rewrite.Action, error) {
			actions, err := run(p, undo)
			var u *python.UnwiredError
			switch {
			case errors.As(err, &u):
				e.note(c, rel, u.Err.Line, "%s not wired: %s; wire it by hand: %s", h.Name, u.Err.Msg, strings.ReplaceAll(u.Paste, "\n", "; "))
				return nil, nil
			case err != nil && !undo:
				// An edit paxx cannot make safely is the user's to make.
				e.note(c, rel, 0, "%s not wired: %v; wire it by hand: %s", h.Name, err, strings.ReplaceAll(w.Paste(), "\n", "; "))
				return nil, nil
			}
			return actions, err
		}
		s.say = func(kind Kind, a rewrite.Action) string {
			switch kind {
			case Drift:
				return "app does not use " + h.Name + ": " + a.What
			case Removed:
				return "removed " + a.What
			}
			if name, ok := strings.CutPrefix(a.What, "lifespan "); ok {
				return "added lifespan " + name + "() to the app" // a new one
			}
			return "added " + a.What
		}
		steps = append(steps, s)
	}
	return steps, nil
}

// appAdoptions lists what of c's app wiring the project has before c is
// added, in the words of the adopted record: each hook the app uses
// already ("app close_redis"), and a lifespan or handlers of the app's
// own ("app lifespan"). For the planner of adoptions to call beside its
// others.
func (e *engine) appAdoptions(c *Component) ([]string, error) {
	hooks := e.appHooks(c)
	if len(hooks) == 0 {
		return nil, nil
	}
	app, err := e.findApp()
	if err != nil {
		return nil, nil // not wired: planApp notes it
	}
	var items []string
	if app.HasLifespan && e.userLifespan() {
		items = append(items, appLifespanItem)
	}
	req, err := e.fastapiRequirement()
	if err != nil {
		return nil, err
	}
	b, err := e.bind(c)
	if err != nil {
		return nil, err
	}
	for _, h := range hooks {
		rel, w := e.appWire(b, app, h, req)
		f, err := docOf(e.p, rel, python.Parse)
		if err != nil {
			continue // a module paxx cannot read is not wired: planApp notes it
		}
		if _, actions, err := w.Ensure(f); err == nil && len(actions) == 0 {
			items = append(items, "app "+h.Name)
		}
	}
	return items, nil
}

// userLifespan reports whether the app's lifespan (or handlers), which
// it has now, is the user's: paxx wired no installed component into the
// app yet, or the first that it did found the lifespan in place. A
// lifespan paxx created for one component is paxx's for the next one too.
func (e *engine) userLifespan() bool {
	rec, err := e.p.readRecord()
	if err != nil {
		return true
	}
	for _, name := range rec.installed() {
		if other, err := e.p.cat.Lookup(name); err == nil && len(e.appHooks(other)) > 0 {
			// The record as it is now: the first component's adoption
			// was written in this very command, when add installs several.
			return slices.Contains(rec.adopted(other.Name), appLifespanItem)
		}
	}
	return true
}

// fastapiRequirement returns the project's requirement on fastapi as its
// dependency file declares it (PEP 508), or "" when paxx cannot tell.
func (e *engine) fastapiRequirement() (string, error) {
	var declared []string
	switch {
	case e.p.hasDeps && e.p.deps.Kind == pyproject.Requirements:
		c, err := e.p.file(e.p.deps.Path)
		if err != nil {
			return "", err
		}
		for _, line := range strings.Split(string(c.New), "\n") {
			line, _, _ = strings.Cut(line, "#")
			declared = append(declared, strings.TrimSpace(line))
		}
	case e.p.pyproj != "":
		f, err := e.p.parsePyproject()
		if err != nil {
			return "", err
		}
		declared = f.StringArray("project", "dependencies")
	}
	for _, d := range declared {
		r, err := requirements.ParseRequirement(d)
		if err == nil && r.Key() == "fastapi" {
			return d, nil
		}
	}
	return "", nil
}
