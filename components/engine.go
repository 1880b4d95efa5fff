package components

import (
	"bytes"
	"fmt"
	"path"
	"strings"
	"text/template"

	"github.com/paxx-dev/paxx/compose"
	"github.com/paxx-dev/paxx/dotenv"
	"github.com/paxx-dev/paxx/pyproject"
	"github.com/paxx-dev/paxx/python"
	"github.com/paxx-dev/paxx/requirements"
	"github.com/paxx-dev/paxx/rewrite"
)

// engine carries out components' plans on a project in memory.
type engine struct {
	p        *tree
	force    bool
	found    Kind // Added for add, Drift for check: what an edit is
	findings []Finding
	// replaced collects, while add installs a component, the values it
	// changed as [tool.paxx] replaced items, for record to write.
	replaced []string
	// services are, by component, the compose services it runs: its own or
	// one it reuses, and its worker.
	services map[string][]string
}

// uses notes that component c runs the compose service name.
func (e *engine) uses(c *Component, name string) {
	if e.services == nil {
		e.services = map[string][]string{}
	}
	e.services[c.Name] = append(e.services[c.Name], name)
}

// install runs every step of c's plan against the project.
func (e *engine) install(c *Component) error {
	steps := []func(*Component) error{e.fields, e.service, e.worker, e.retag, e.dependencies, e.envExample, e.modules}
	for _, step := range steps {
		if err := step(c); err != nil {
			return err
		}
	}
	return nil
}

// edit runs one rewriter operation on the file rel and records its actions
// as findings.
func (e *engine) edit(c *Component, rel string, op func(src []byte) ([]byte, []rewrite.Action, error)) error {
	f, err := e.p.file(rel)
	if err != nil {
		return err
	}
	out, actions, err := op(f.New)
	if err != nil {
		return err
	}
	e.shift(rel, f.New, out)
	f.New = out
	for _, a := range actions {
		e.add(c, e.found, rel, a.Line, a.What)
	}
	return nil
}

// editSettings runs a python operation on the settings module, as parsed
// now, and records its actions as findings.
func (e *engine) editSettings(c *Component, op func(*python.File) (*python.File, []rewrite.Action, error)) error {
	return e.edit(c, e.p.settings.Path, func(src []byte) ([]byte, []rewrite.Action, error) {
		return e.p.pyMemo.edit(src, e.p.parseSettingsSrc, op)
	})
}

// editCompose runs a compose operation on the compose file, as parsed now,
// and records its actions as findings.
func (e *engine) editCompose(c *Component, op func(*compose.File) (*compose.File, []rewrite.Action, error)) error {
	return e.editComposeAt(c, e.p.compose, op)
}

// editComposeAt runs a compose operation on the compose file rel, as parsed
// now, and records its actions as findings.
func (e *engine) editComposeAt(c *Component, rel string, op func(*compose.File) (*compose.File, []rewrite.Action, error)) error {
	return e.edit(c, rel, func(src []byte) ([]byte, []rewrite.Action, error) {
		return e.p.composeMemoOf(rel).edit(src, func(src []byte) (*compose.File, error) { return compose.Parse(rel, src) }, op)
	})
}

// editPyproject runs a pyproject operation on pyproject.toml, as parsed
// now, and records its actions as findings.
func (e *engine) editPyproject(c *Component, op func(*pyproject.File) (*pyproject.File, []rewrite.Action, error)) error {
	return e.edit(c, e.p.pyproj, func(src []byte) ([]byte, []rewrite.Action, error) {
		return e.p.tomlMemo.edit(src, e.p.parsePyprojectSrc, op)
	})
}

// shift moves the lines of earlier findings in rel past the lines that an
// edit from before to after inserted, so that every finding names its line
// in the file as finally written. Rewriter operations insert at one place.
func (e *engine) shift(rel string, before, after []byte) {
	delta := bytes.Count(after, []byte("\n")) - bytes.Count(before, []byte("\n"))
	if delta == 0 {
		return
	}
	same := 0 // whole lines the two share at the start
	for i := 0; i < len(before) && i < len(after) && before[i] == after[i]; i++ {
		if before[i] == '\n' {
			same++
		}
	}
	for i := range e.findings {
		if f := &e.findings[i]; f.Path == rel && f.Line > same {
			f.Line += delta
		}
	}
}

// add records a finding; edits read "added X" under add and "missing X"
// under check.
func (e *engine) add(c *Component, kind Kind, rel string, line int, msg string) {
	switch kind {
	case Added:
		msg = "added " + msg
	case Drift:
		msg = "missing " + msg
	}
	e.findings = append(e.findings, Finding{Component: c.Name, Kind: kind, Path: rel, Line: line, Message: msg})
}

// note records a finding that needs no edit.
func (e *engine) note(c *Component, rel string, line int, format string, args ...any) {
	e.add(c, Note, rel, line, fmt.Sprintf(format, args...))
}

// fields adds the component's settings fields, typed as the module writes
// types, with the imports they need, and notes defaults that differ.
func (e *engine) fields(c *Component) error {
	if len(c.Fields) == 0 {
		return nil
	}
	cls, mod, err := e.p.settingsClass()
	if err != nil {
		return err
	}
	ty, err := e.typing(mod)
	if err != nil {
		return err
	}
	var missing []python.NewField
	var imports []python.Import
	for _, nf := range c.Fields {
		nf.Default = e.p.resolveDefault(nf.Default)
		if f, ok := cls.HasField(nf.Name); ok {
			if want := pyLiteral(nf.Default); f.Default != "" && !sameLiteral(f.Default, want) {
				e.note(c, e.p.settings.Path, f.Line, "field %s in %s defaults to %s (paxx's default: %s)", f.Name, cls.Name, f.Default, want)
			}
			continue
		}
		nf.Section = c.Section
		nf.Type = ty.annotation(nf.Type)
		imports = append(imports, typeImports(nf.Type)...)
		missing = append(missing, nf)
	}
	if len(missing) == 0 {
		return nil
	}
	if err := e.editSettings(c, func(f *python.File) (*python.File, []rewrite.Action, error) {
		return f.EnsureImports(imports)
	}); err != nil {
		return err
	}
	return e.editSettings(c, func(f *python.File) (*python.File, []rewrite.Action, error) {
		return f.AddFields(cls.Name, missing)
	})
}

// service adds or reuses the compose service, its volumes, and wires the
// app service to it.
func (e *engine) service(c *Component) error {
	s := c.Service
	if s == nil {
		return nil
	}
	if e.p.compose == "" {
		e.note(c, "", 0, "no compose file (compose.yaml or docker-compose.yml): service %s not added", s.Name)
		return nil
	}
	rel := e.p.compose
	cf, err := e.p.parseCompose()
	if err != nil {
		return err
	}
	name := s.Name
	if existing, ok := cf.Service(s.Name); ok {
		if existing.Image != "" && existing.Image != s.Image {
			e.note(c, rel, existing.Line, "service %s runs %s (paxx's default: %s)", existing.Name, existing.Image, s.Image)
		}
	} else if reuse := cf.ServicesByImage(s.Images...); len(reuse) > 0 {
		name = reuse[0].Name
		e.note(c, rel, reuse[0].Line, "service %s (%s) already provides %s: using it, leaving it as it is", name, reuse[0].Image, c.Name)
	} else {
		if err := e.editCompose(c, func(f *compose.File) (*compose.File, []rewrite.Action, error) {
			return f.AddService(s.Name, s.Body)
		}); err != nil {
			return err
		}
		for _, v := range s.Volumes {
			if err := e.editCompose(c, func(f *compose.File) (*compose.File, []rewrite.Action, error) {
				return f.AddVolume(v)
			}); err != nil {
				return err
			}
		}
	}
	e.uses(c, name)
	return e.wireApp(c, name)
}

// wireApp gives the app service the component's environment and makes it
// depend on the service called name.
func (e *engine) wireApp(c *Component, name string) error {
	s := c.Service
	cf, err := e.p.parseCompose()
	if err != nil {
		return err
	}
	af, app, ok, err := e.p.appCompose()
	if err != nil {
		return err
	}
	if !ok {
		e.note(c, e.p.compose, 0, "no app service (one built from the Python project) to wire to %s: set its environment and depends_on yourself, or name it with --app-service", name)
		return nil
	}
	rel := e.p.appFile
	cls, _, err := e.p.settingsClass()
	if err != nil {
		return err
	}
	env := af.Environment(app.Name)
	for _, ae := range s.AppEnv {
		key := cls.EnvName(e.fieldName(cls, ae.Field))
		value := strings.ReplaceAll(ae.Value, "{{service}}", name)
		if have, ok := env[key]; ok {
			if have != value {
				e.note(c, rel, app.Line, "service %s sets %s=%s (paxx's default: %s)", app.Name, key, have, value)
			}
			continue
		}
		if err := e.editComposeAt(c, rel, func(f *compose.File) (*compose.File, []rewrite.Action, error) {
			return f.AddEnvironment(app.Name, key, value)
		}); err != nil {
			return err
		}
	}
	// An existing service of that name may have no healthcheck, and
	// service_healthy on it would stop `docker compose up`: ask the file.
	condition := "service_started"
	if s.Healthy && cf.HasHealthcheck(name) {
		condition = "service_healthy"
	}
	return e.editComposeAt(c, rel, func(f *compose.File) (*compose.File, []rewrite.Action, error) {
		return f.AddDependsOn(app.Name, name, condition)
	})
}

// dependencies adds the component's requirements where the project keeps
// its dependencies.
func (e *engine) dependencies(c *Component) error {
	if len(c.Dependencies) == 0 {
		return nil
	}
	if !e.p.hasDeps {
		e.note(c, "", 0, "no pyproject.toml or requirements.txt: add %s to your dependencies yourself", strings.Join(c.Dependencies, ", "))
		return nil
	}
	for _, req := range c.Dependencies {
		var err error
		switch e.p.deps.Kind {
		case pyproject.Requirements:
			rel := e.p.deps.Path
			err = e.edit(c, rel, func(src []byte) ([]byte, []rewrite.Action, error) {
				return editBytes(rel, src, requirements.Parse, func(f *requirements.File) (*requirements.File, []rewrite.Action, error) {
					return f.AddLine(req)
				})
			})
		default:
			err = e.editPyproject(c, func(f *pyproject.File) (*pyproject.File, []rewrite.Action, error) {
				return f.AddDependency(req)
			})
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// envExample adds the component's variables to .env.example.
func (e *engine) envExample(c *Component) error {
	if len(c.Fields) == 0 {
		return nil
	}
	cls, _, err := e.p.settingsClass()
	if err != nil {
		return err
	}
	var vars []dotenv.Var
	for _, nf := range c.Fields {
		vars = append(vars, dotenv.Var{Name: cls.EnvName(e.fieldName(cls, nf.Name)), Value: envValue(e.p.resolveDefault(nf.Default))})
	}
	rel := e.p.env.Path
	return e.edit(c, rel, func(src []byte) ([]byte, []rewrite.Action, error) {
		f, err := dotenv.Parse(rel, src) // nil src, a missing file, is an empty one
		if err != nil {
			return nil, nil, err
		}
		g, actions, err := f.AddVars(c.Section, vars)
		if err != nil {
			return nil, nil, err
		}
		return g.Bytes(), actions, nil
	})
}

// modules writes the component's generated modules into the core package.
func (e *engine) modules(c *Component) error {
	if len(c.Modules) == 0 {
		return nil
	}
	data, err := e.moduleData(c)
	if err != nil {
		return err
	}
	init := path.Join(e.p.coreDir, "__init__.py")
	if !holdsPython(e.p.root, e.p.coreDir) {
		f, err := e.p.file(init)
		if err != nil {
			return err
		}
		if !f.Existed && f.New == nil {
			f.New = []byte{}
			e.add(c, e.found, init, 0, "package "+e.p.coreMod)
		}
	}
	for _, m := range c.Modules {
		rel := path.Join(e.p.coreDir, m.Name)
		want, err := render(m, data)
		if err != nil {
			return err
		}
		want = []byte(rewrite.WithNewline(string(want), data.newline))
		f, err := e.p.file(rel)
		if err != nil {
			return err
		}
		switch {
		case !f.Existed:
			f.New = want
			e.add(c, e.found, rel, 0, "module "+e.p.moduleImport(rel))
		case bytes.Equal(f.Old, want):
		case e.force && e.found == Added:
			f.New = want
			e.findings = append(e.findings, Finding{Component: c.Name, Kind: Added, Path: rel, Message: "overwrote modified module " + e.p.moduleImport(rel) + " (--force)"})
		default:
			e.note(c, rel, 0, "differs from what paxx generates: kept as it is (use --force to overwrite)")
		}
	}
	return nil
}

// fieldName is the name the settings class has, or would give, the field
// the catalogue calls name.
func (e *engine) fieldName(cls python.Class, name string) string {
	if f, ok := cls.HasField(name); ok {
		return f.Name
	}
	return cls.FieldName(name)
}

// moduleData is what a module template can use: .Import (the line that
// imports the project's settings), .Settings (the expression that gives the
// settings object), .Core (the import path of the core package), .Service
// (the compose service the component runs, as the project names it), and
// the functions attr (a field's attribute name) and env (a field's
// environment variable).
type moduleData struct {
	Import   string
	Settings string
	Core     string
	Service  string
	cls      python.Class
	e        *engine
	newline  string // the settings module's line ending, which generated modules follow
}

func (e *engine) moduleData(c *Component) (*moduleData, error) {
	cls, f, err := e.p.settingsClass()
	if err != nil {
		return nil, err
	}
	mod := e.p.settings.Module
	src, err := e.p.file(e.p.settings.Path)
	if err != nil {
		return nil, err
	}
	d := &moduleData{cls: cls, e: e, newline: rewrite.Newline(src.New), Core: e.p.coreMod}
	if d.Service, err = e.serviceName(c); err != nil {
		return nil, err
	}
	acc, ok := f.Accessor(cls.Name)
	if obj := e.p.settings.Object; obj != nil {
		// The object the app itself uses, where it lives.
		mod, acc, ok = obj.Module, obj.Accessor, true
	}
	if ok {
		d.Import = fmt.Sprintf("from %s import %s", mod, acc.Name)
		d.Settings = acc.Name
		if acc.Call {
			d.Settings += "()"
		}
	} else {
		d.Import = fmt.Sprintf("from %s import %s\n\nsettings = %s()", mod, cls.Name, cls.Name)
		d.Settings = "settings"
	}
	return d, nil
}

// render executes a module template.
func render(m Module, d *moduleData) ([]byte, error) {
	t, err := template.New(m.Name).Option("missingkey=error").Funcs(template.FuncMap{
		"attr": func(name string) string { return d.e.fieldName(d.cls, name) },
		"env":  func(name string) string { return d.cls.EnvName(d.e.fieldName(d.cls, name)) },
	}).Parse(m.Template)
	if err != nil {
		return nil, fmt.Errorf("template %s: %w", m.Name, err)
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, d); err != nil {
		return nil, fmt.Errorf("template %s: %w", m.Name, err)
	}
	return buf.Bytes(), nil
}

// serviceName is the compose service that c runs, as the project names
// it: its own, or one it reuses; "" for a component without a service.
func (e *engine) serviceName(c *Component) (string, error) {
	if c.Service == nil {
		return "", nil
	}
	if e.p.compose == "" {
		return c.Service.Name, nil
	}
	cf, err := e.p.parseCompose()
	if err != nil {
		return "", err
	}
	if name, ok := usedService(cf, c); ok {
		return name, nil
	}
	return c.Service.Name, nil
}
