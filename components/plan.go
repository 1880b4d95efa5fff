package components

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"github.com/paxx-dev/paxx/alembic"
	"github.com/paxx-dev/paxx/compose"
	"github.com/paxx-dev/paxx/dotenv"
	"github.com/paxx-dev/paxx/pyproject"
	"github.com/paxx-dev/paxx/python"
	"github.com/paxx-dev/paxx/requirements"
	"github.com/paxx-dev/paxx/rewrite"
)

// step is one typed edit of a component's plan, bound to the file it
// edits: what add ensures, check reports as drift and remove undoes.
type step struct {
	rel string // the file, relative to the tree's root
	// item names what the step puts in, in the words of the [tool.paxx]
	// adopted record ("field redis_url"); remove leaves alone a step whose
	// item the record says was the user's. "" for a step that has none.
	item string
	// edit is the typed edit the step makes, as a value (a fieldsEdit, a
	// serviceEdit...); a step whose edit is decided as it runs (the
	// depends_on condition) holds it without that, and a generated module
	// or the core package holds a moduleEdit.
	edit any
	run  func(p *tree, undo bool) ([]rewrite.Action, error)
	// say words a finding about an action of the step, for steps that
	// change a value rather than add one; nil for "added X" (add),
	// "missing X" (check) and "removed X" (remove).
	say func(kind Kind, a rewrite.Action) string
	// narrow, for a step whose edit puts in several items (the fields of
	// a component), returns the step that puts in those keep accepts.
	narrow func(keep func(item string) bool) step
}

// parted is an edit that puts in several things, each an item of the
// record ("field redis_url"): narrow returns the edit of those that keep
// accepts, so that remove undoes only what the record says paxx added.
type parted[F document] interface {
	edit[F]
	narrow(keep func(item string) bool) edit[F]
}

// stepOf binds the edit ed, of format F, to the file rel.
func stepOf[F document](rel, item string, parse parser[F], ed edit[F]) step {
	s := step{rel: rel, item: item, edit: ed, run: func(p *tree, undo bool) ([]rewrite.Action, error) {
		return runEdit(p, rel, parse, ed, undo)
	}}
	if pe, ok := ed.(parted[F]); ok {
		s.narrow = func(keep func(string) bool) step { return stepOf(rel, item, parse, pe.narrow(keep)) }
	}
	return s
}

// plan returns the steps that install c in the project as it is now, in
// the order add makes them. The same plan serves the three commands: add
// ensures every step, check does so on the files in memory and reports
// what it did, and remove undoes the steps that are paxx's in reverse
// order. Planning also makes the notes about what the project has
// differently from paxx's defaults, worded for the command that runs.
func (e *engine) plan(c *Component) ([]step, error) {
	var steps []step
	for _, part := range []func(*Component) ([]step, error){e.planFields, e.planService, e.planWorker, e.planRetag, e.planDependencies, e.planVariables, e.planModules, e.planApp} {
		s, err := part(c)
		if err != nil {
			return nil, err
		}
		steps = append(steps, s...)
	}
	return steps, nil
}

// apply ensures every step of a plan, in order, and records what each did
// as findings of c.
func (e *engine) apply(c *Component, steps []step) error {
	for _, s := range steps {
		f, err := e.p.file(s.rel)
		if err != nil {
			return err
		}
		before := f.New
		actions, err := s.run(e.p, false)
		if err != nil {
			return err
		}
		e.shift(s.rel, before, f.New)
		e.report(c, s, actions)
	}
	return nil
}

// undo undoes the steps of a plan that are paxx's, in reverse order, and
// records what each took out as findings of c.
func (e *engine) undo(c *Component, steps []step) error {
	b, err := e.bind(c)
	if err != nil {
		return err
	}
	for _, s := range slices.Backward(steps) {
		if s.item != "" && !b.mine(s.item) {
			continue
		}
		if s.narrow != nil {
			s = s.narrow(b.mine)
		}
		actions, err := s.run(e.p, true)
		if err != nil {
			return err
		}
		e.report(c, s, actions)
	}
	return nil
}

// report records a step's actions as findings of c.
func (e *engine) report(c *Component, s step, actions []rewrite.Action) {
	for _, a := range actions {
		if s.say != nil {
			e.findings = append(e.findings, Finding{Component: c.Name, Kind: e.found, Path: s.rel, Line: a.Line, Message: s.say(e.found, a)})
			continue
		}
		msg := a.What
		if e.found == Removed {
			msg = "removed " + msg
		}
		e.add(c, e.found, s.rel, a.Line, msg)
	}
}

// planFields plans c's settings fields, typed as the module writes types.
// Add and check note a field the class has with another default; remove
// leaves a field the record says is the user's.
func (e *engine) planFields(c *Component) ([]step, error) {
	if len(c.Fields) == 0 {
		return nil, nil
	}
	cls, mod, err := e.p.settingsClass()
	if err != nil {
		return nil, err
	}
	ty, err := e.typing(mod)
	if err != nil {
		return nil, err
	}
	ed := fieldsEdit{class: cls.Name}
	for _, nf := range c.Fields {
		nf.Default = e.p.resolveDefault(nf.Default)
		if f, ok := cls.HasField(nf.Name); ok && f.Default != "" && !sameLiteral(f.Default, pyLiteral(nf.Default)) {
			e.noteAdd(c, e.p.settings.Path, f.Line, "field %s in %s defaults to %s (paxx's default: %s)", f.Name, cls.Name, f.Default, pyLiteral(nf.Default))
		}
		nf.Section = c.Section
		nf.Type = ty.annotation(nf.Type)
		ed.fields = append(ed.fields, nf)
	}
	return []step{stepOf(e.p.settings.Path, "", python.Parse, edit[*python.File](ed))}, nil
}

// planService plans c's compose service, its volumes, and the app
// service's wiring to it (environment, then depends_on), for the service
// the binding names. A service of the project's own that the component
// reuses is used as it is: add notes it, and it gets no step.
func (e *engine) planService(c *Component) ([]step, error) {
	s := c.Service
	if s == nil {
		return nil, nil
	}
	if e.p.compose == "" {
		e.noteAdd(c, "", 0, "no compose file (compose.yaml or docker-compose.yml): service %s not added", s.Name)
		return nil, nil
	}
	b, err := e.bind(c)
	if err != nil {
		return nil, err
	}
	rel, name := e.p.compose, b.service
	var steps []step
	switch existing, _, exists, err := e.p.findService(name); {
	case err != nil:
		return nil, err
	case b.reused && name != s.Name:
		e.noteAdd(c, rel, b.reusedLine, "service %s (%s) already provides %s: using it, leaving it as it is", name, existing.Image, c.Name)
	case b.reused:
		if existing.Image != "" && existing.Image != s.Image {
			e.noteAdd(c, rel, existing.Line, "service %s runs %s (paxx's default: %s)", existing.Name, existing.Image, s.Image)
		}
	default:
		if name != s.Name && !exists {
			e.noteAdd(c, rel, 0, "service %s is the project's own, running something else: paxx adds its %s service as %s", s.Name, c.Name, name)
		}
		item := "service " + name
		body, portSteps, err := e.servicePorts(name, s.Body, item)
		if err != nil {
			return nil, err
		}
		steps = append(steps, stepOf(rel, item, compose.Parse, edit[*compose.File](serviceEdit{name, body, e.keepServices(rel)})))
		steps = append(steps, portSteps...)
		cf, err := e.p.parseCompose()
		if err != nil {
			return nil, err
		}
		for _, v := range s.Volumes {
			vs := stepOf(rel, item, compose.Parse, edit[*compose.File](volumeEdit{v, name, e.keepKey("", "volumes")}))
			undo := vs.run
			vs.run = func(p *tree, isUndo bool) ([]rewrite.Action, error) {
				if isUndo {
					if users := slices.DeleteFunc(cf.VolumeUsers(v), func(u string) bool { return u == name }); len(users) > 0 {
						e.note(c, rel, 0, "volume %s is still mounted by service %s: kept", v, strings.Join(users, ", "))
						return nil, nil
					}
				}
				return undo(p, isUndo)
			}
			steps = append(steps, vs)
		}
	}
	if _, _, ok, err := e.p.appCompose(); err != nil {
		return nil, err
	} else if !ok {
		e.noteAdd(c, rel, 0, "no app service (one built from the Python project) to wire to %s: set its environment and depends_on yourself, or name it with --app-service", name)
		return steps, nil
	}
	env, err := e.planEnvironment(c, s.AppEnv, name, true)
	if err != nil {
		return nil, err
	}
	return append(append(steps, env...), e.dependsOnStep(name, s.Healthy)), nil
}

// servicePorts returns the body of the service name, as paxx adds it, with
// its published ports bound to 127.0.0.1 on host ports no other service
// publishes; and where the project keeps its host ports in an override
// file, the body without its ports and the step that puts them, under the
// same service, in that file.
func (e *engine) servicePorts(name, body, item string) (string, []step, error) {
	files, err := e.p.composeFiles()
	if err != nil {
		return "", nil, err
	}
	hp := compose.HostPortsOf(files)
	if body, err = hp.LocalPorts(name, body); err != nil {
		return "", nil, err
	}
	if !hp.OverrideOnly() {
		return body, nil, nil
	}
	rest, ports, err := compose.SplitPorts(body)
	if err != nil || ports == "" {
		return body, nil, err
	}
	override := e.p.layout.Compose.Files[hp.PortsFile()]
	return rest, []step{stepOf(override, item, compose.Parse, edit[*compose.File](serviceEdit{name, ports, e.keepServices(override)}))}, nil
}

// planEnvironment plans the app service's environment entries for envs,
// their {{service}} standing for service; nil without an app service. Add
// leaves an entry the app has already, noting it (with notes) when its
// value is not paxx's; remove leaves one that is the user's, or without a
// record one whose value is not paxx's.
func (e *engine) planEnvironment(c *Component, envs []AppEnv, service string, notes bool) ([]step, error) {
	af, app, ok, err := e.p.appCompose()
	if err != nil || !ok {
		return nil, err
	}
	rel := e.p.appFile
	if _, _, err = e.p.settingsClass(); err != nil {
		return nil, err
	}
	have := af.Environment(app.Name)
	var steps []step
	for _, ae := range envs {
		key := e.envKey(ae.Field)
		value := serviceValue(ae.Value, service)
		if v, ok := have[key]; ok && v != value {
			line := max(af.EnvironmentLine(app.Name, key), app.Line)
			if host, missing, err := e.missingHost(v); err != nil {
				return nil, err
			} else if missing && host != service && e.found != Removed {
				e.add(c, e.drift(), rel, line, fmt.Sprintf("service %s sets %s=%s, but no compose service %s runs: the app cannot reach it (use %s)", app.Name, key, v, host, value))
			} else if notes {
				e.noteAdd(c, rel, line, "service %s sets %s=%s (paxx's default: %s)", app.Name, key, v, value)
			}
		}
		steps = append(steps, stepOf(rel, "environment "+key, compose.Parse,
			edit[*compose.File](environmentEdit{app.Name, key, value, e.keepKey(app.Name, "environment"), e.p.layout.Compose.RunsProject})))
		workerValue := value
		if v, ok := have[key]; ok {
			workerValue = v // the app's own value, which the worker must share
		}
		ws, err := e.workerEnvironment(c, key, workerValue)
		if err != nil {
			return nil, err
		}
		steps = append(steps, ws...)
	}
	return steps, nil
}

// workerEnvironment plans key=value in the environment of every worker
// paxx added to the project (but c's own, which takes the app's
// environment when it is written): a worker runs the app's code and needs
// what the app's settings read. A variable the worker has already (the
// app's own value, copied in with the rest) stays as it is.
func (e *engine) workerEnvironment(c *Component, key, value string) ([]step, error) {
	rec, err := e.p.readRecord()
	if err != nil {
		return nil, err
	}
	var steps []step
	for _, name := range rec.installed() {
		other, err := e.p.cat.Lookup(name)
		if err != nil || other.Worker == nil || other == c {
			continue
		}
		b, err := e.bind(other)
		if err != nil {
			return nil, err
		}
		rel, ok, err := e.p.serviceFile(b.worker)
		if err != nil {
			return nil, err
		}
		if !ok || b.userWorker {
			continue
		}
		steps = append(steps, stepOf(rel, "environment "+key+" of "+b.worker, compose.Parse,
			edit[*compose.File](environmentEdit{b.worker, key, value, false, e.p.layout.Compose.RunsProject})))
	}
	return steps, nil
}

// missingHost reports whether value is a URL whose host is a name that
// no compose service of the project has: inside Compose's network the
// app reaches another service by its name, so such a URL points nowhere.
// An address, localhost, a dotted host name (outside the project) or a
// value written with variables is not judged.
func (e *engine) missingHost(value string) (string, bool, error) {
	u, err := url.Parse(value)
	if err != nil || u.Host == "" || strings.Contains(value, "${") {
		return "", false, nil
	}
	host := u.Hostname()
	if host == "" || host == "localhost" || strings.ContainsAny(host, ".:") {
		return host, false, nil
	}
	_, _, ok, err := e.p.findService(host)
	return host, !ok, err
}

// dependsOnStep makes the app service depend on service: with condition
// service_healthy when healthy and the service has a healthcheck, as the
// base file has it when the step runs (after add has put the service in,
// before remove takes it out): service_healthy on a service without one
// would stop `docker compose up`.
func (e *engine) dependsOnStep(service string, healthy bool) step {
	rel := e.p.appFile
	return step{rel: rel, item: "depends_on " + service, edit: dependsOnEdit{service: e.p.app, dep: service}, run: func(p *tree, undo bool) ([]rewrite.Action, error) {
		cf, err := p.parseCompose()
		if err != nil {
			return nil, err
		}
		ed := dependsOnEdit{p.app, service, dependsCondition(cf, service, healthy), e.keepKey(p.app, "depends_on")}
		return runEdit(p, rel, compose.Parse, edit[*compose.File](ed), undo)
	}}
}

// serviceValue is a catalogue value with {{service}} standing for the
// compose service's name in the project.
func serviceValue(value, service string) string {
	return strings.ReplaceAll(value, "{{service}}", service)
}

// planDependencies plans c's requirements where the project keeps its
// dependencies: pyproject.toml's table, or a requirements file.
func (e *engine) planDependencies(c *Component) ([]step, error) {
	if len(c.Dependencies) == 0 {
		return nil, nil
	}
	if !e.p.hasDeps {
		e.noteAdd(c, "", 0, "no pyproject.toml or requirements.txt: add %s to your dependencies yourself", strings.Join(c.Dependencies, ", "))
		return nil, nil
	}
	for _, o := range c.Overlaps {
		if have, err := e.hasDependency(o); err != nil {
			return nil, err
		} else if have {
			e.noteAdd(c, e.p.depsFile, 0, "the project depends on %s, which does what %s does: keep one of the two, or the app does it twice", o, c.Name)
		}
	}
	var steps []step
	for _, req := range c.Dependencies {
		item := "dependency " + requirementName(req)
		if e.p.deps.Kind == pyproject.Requirements {
			steps = append(steps, stepOf(e.p.deps.Path, item, requirements.Parse, edit[*requirements.File](requirementEdit{req})))
		} else {
			steps = append(steps, stepOf(e.p.depsFile, item, pyproject.Parse, edit[*pyproject.File](dependencyEdit{req, e.p.deps})))
		}
	}
	return steps, nil
}

// planVariables plans c's variables in the environment file; remove
// leaves those that were the user's, and a file that is not there.
func (e *engine) planVariables(c *Component) ([]step, error) {
	if len(c.Fields) == 0 {
		return nil, nil
	}
	rel := e.p.env.Path
	_, _, err := e.p.settingsClass()
	if err != nil {
		return nil, err
	}
	ed := variablesEdit{section: c.Section}
	for _, nf := range c.Fields {
		name := e.envKey(nf.Name)
		ed.vars = append(ed.vars, dotenv.Var{Name: name, Value: envValue(e.p.resolveDefault(nf.Default))})
	}
	return []step{stepOf(rel, "", dotenv.Parse, edit[*dotenv.File](ed))}, nil
}

// planWorker plans c's worker: the app's environment for it, then the
// worker service, built like the app service, beside it, under the name
// the binding gives it. A worker the project defines already that runs
// the worker's command is the user's and stays as it is.
func (e *engine) planWorker(c *Component) ([]step, error) {
	w := c.Worker
	if w == nil {
		return nil, nil
	}
	if e.p.compose == "" {
		e.noteAdd(c, "", 0, "no compose file: service %s not added; run `%s` yourself", w.Name, e.workerCommand(w))
		return nil, nil
	}
	rel := e.p.compose
	used, err := e.p.cat.Lookup(w.Uses)
	if err != nil {
		return nil, err
	}
	b, err := e.bind(c)
	if err != nil {
		return nil, err
	}
	ub, err := e.bind(used)
	if err != nil {
		return nil, err
	}
	service := ub.service
	if _, _, found, err := e.p.findService(service); err != nil {
		return nil, err
	} else if !found && e.found != Removed {
		e.add(c, e.drift(), rel, 0, fmt.Sprintf("service %s, which %s requires (run `paxx infra add %s`)", used.Name, c.Name, used.Name))
		return nil, nil
	}
	af, app, ok, err := e.p.appCompose()
	if err != nil {
		return nil, err
	}
	if !ok {
		e.noteAdd(c, rel, 0, "no app service (one built from the Python project) to build service %s like: add it yourself, or name the app with --app-service", b.worker)
		return nil, nil
	}
	steps, err := e.planEnvironment(c, w.AppEnv, service, false)
	if err != nil {
		return nil, err
	}
	item := "service " + b.worker
	// The worker is the app's runtime with another command: its build, env
	// files and environment as the file that defines the app has them, and
	// the used component's values where the app has none yet.
	rt, _ := af.Runtime(app.Name)
	if _, _, err = e.p.settingsClass(); err != nil {
		return nil, err
	}
	var extra []compose.Var
	for _, field := range w.Env {
		extra = append(extra, compose.Var{Key: e.envKey(field), Value: usedValue(used, field, service)})
	}
	for _, ae := range w.AppEnv {
		extra = append(extra, compose.Var{Key: e.envKey(ae.Field), Value: serviceValue(ae.Value, service)})
	}
	command := e.workerCommand(w)
	if _, defined, err := e.p.serviceFile(b.worker); err != nil {
		return nil, err
	} else if defined {
		if b.userWorker {
			return steps, nil // the user's own worker, wherever it is: left as it is
		}
		if err := e.workerDrift(c, b.worker, rt, extra, command); err != nil {
			return nil, err
		}
		// Its whole entry in every file that has one, whatever it holds
		// now: the app's build that add copied into it may have changed
		// since.
		for _, rel := range e.p.layout.Compose.Files {
			f, err := e.p.parseComposeAt(rel)
			if err != nil {
				return nil, err
			}
			if _, ok := f.Service(b.worker); ok {
				steps = append(steps, stepOf(rel, item, compose.Parse, edit[*compose.File](serviceEdit{b.worker, "", e.keepServices(rel)})))
			}
		}
		return steps, nil
	}
	if b.worker != w.Name {
		e.noteAdd(c, rel, 0, "service %s is the project's own, running something else: paxx adds its worker as %s", w.Name, b.worker)
	}
	cf, err := e.p.parseCompose()
	if err != nil {
		return nil, err
	}
	body := rt.WorkerBody(command, extra) + fmt.Sprintf("depends_on:\n  %s:\n    condition: %s\n", service, dependsCondition(cf, service, true))
	// The worker is the app's sibling: it goes where the app is defined
	// (the override, for an app built for development only), and each
	// later file that gives the app a build, env files or variables gives
	// the worker the same, so that Compose merges the two alike.
	steps = append(steps, stepOf(e.p.appFile, item, compose.Parse, edit[*compose.File](serviceEdit{b.worker, body, e.keepServices(e.p.appFile)})))
	later := false
	for _, rel := range e.p.layout.Compose.Files {
		if rel == e.p.appFile {
			later = true
			continue
		}
		f, err := e.p.parseComposeAt(rel)
		if err != nil {
			return nil, err
		}
		part, ok := f.Runtime(app.Name)
		if !later || !ok || part.Build == "" && len(part.EnvFiles) == 0 && len(part.Environment) == 0 {
			continue
		}
		steps = append(steps, stepOf(rel, item, compose.Parse, edit[*compose.File](serviceEdit{b.worker, part.WorkerBody("", nil), e.keepServices(rel)})))
	}
	return steps, nil
}

// workerDrift reports, for check (and as notes for add), how paxx's worker
// service, as the compose files have it merged, no longer runs as the app
// with the worker's command: a build, an env file or a variable it lacks
// or has otherwise (the app's URL of the used service among them), or
// another command.
func (e *engine) workerDrift(c *Component, worker string, app compose.Runtime, extra []compose.Var, command string) error {
	if e.found == Removed {
		return nil
	}
	files, err := e.p.composeFiles()
	if err != nil {
		return err
	}
	have, ok := compose.RuntimeOf(files, worker)
	if !ok {
		return nil
	}
	appMerged, ok := compose.RuntimeOf(files, app.Service)
	if !ok {
		return nil
	}
	want := appMerged
	want.Environment = slices.Clone(appMerged.Environment)
	for _, v := range extra {
		if _, ok := want.Env(v.Key); !ok {
			want.Environment = append(want.Environment, v)
		}
	}
	want.Command = strings.Fields(command)
	if len(have.Command) > len(want.Command) {
		// A runner before the command (poetry run arq ...) runs it too.
		if strings.HasSuffix(" "+strings.Join(have.Command, " "), " "+command) {
			want.Command = have.Command
		}
	}
	for _, d := range have.Differences(want) {
		e.add(c, e.drift(), have.Path, have.Line, d)
	}
	return nil
}

// planRetag plans c's Retag: each service running one of its images moves
// to the target image of the same major version, and the migration
// template gets its import line. Add and check refuse a project that has
// no such service, or one whose image paxx cannot move; add keeps the
// image it replaced for the record. For an installed component the images
// are those the record says were replaced: remove sets them back where
// the service still runs what add made of it.
func (e *engine) planRetag(c *Component) ([]step, error) {
	r := c.Retag
	if r == nil {
		return nil, nil
	}
	// An installed component's image changes are those the record says it
	// made; another's, those it would make in the project as it is.
	b, err := e.bind(c)
	if err != nil {
		return nil, err
	}
	var steps []step
	if b.installed {
		steps, err = e.recordedImages(c, b.replaced)
	} else {
		steps, err = e.planImages(c)
	}
	if err != nil {
		return nil, err
	}
	if r.Migration == "" {
		return steps, nil
	}
	rel, ok, err := e.p.migrationTemplate()
	if err != nil || !ok {
		return steps, err
	}
	s := stepOf(rel, "migration "+r.Migration, alembic.Parse, edit[*alembic.File](migrationEdit{r.Migration}))
	ensure := s.run
	s.run = func(p *tree, undo bool) ([]rewrite.Action, error) {
		actions, err := ensure(p, undo)
		if errors.Is(err, alembic.ErrNoAnchor) {
			e.note(c, rel, 0, "no `%s` line: add `%s` to the template yourself", alembic.Anchor, r.Migration)
			return nil, nil
		}
		return actions, err
	}
	return append(steps, s), nil
}

// planImages plans, for add and check, the image changes of c's Retag.
func (e *engine) planImages(c *Component) ([]step, error) {
	r, rel := c.Retag, e.p.compose
	refuse := func(line int, format string, args ...any) *rewrite.Error {
		return rewrite.Errorf(rewrite.ErrRefused, rel, line, 0, format, args...)
	}
	if rel == "" {
		return nil, refuse(0, "%s needs a Postgres service, and the project has no compose file", c.Name).
			WithHint("add a db service running postgres:16 to docker-compose.yml, then run paxx again")
	}
	cf, err := e.p.parseCompose()
	if err != nil {
		return nil, err
	}
	if bad := cf.ServicesByImage(r.Refuse...); len(bad) > 0 {
		return nil, refuse(bad[0].Line, "service %s runs %s, whose settings %s does not read", bad[0].Name, bad[0].Image, r.Target).
			WithHint("switch the service to the official postgres image (POSTGRES_USER, ...) first, or use a PostGIS build of %s", bad[0].Image)
	}
	services := cf.ServicesByImage(append([]string{r.Target}, r.Images...)...)
	if len(services) == 0 && e.found == Drift {
		e.add(c, Drift, rel, 0, fmt.Sprintf("a service running %s", strings.Join(r.Images, " or ")))
		return nil, nil
	}
	if len(services) == 0 {
		return nil, refuse(0, "%s needs a Postgres service: no service runs %s", c.Name, strings.Join(r.Images, " or ")).
			WithHint("add a db service running postgres:16, then run paxx again")
	}
	var steps []step
	for _, s := range services {
		if strings.ContainsFunc(s.Image, unicode.IsSpace) {
			// An image reference holds no blank: docker would refuse this
			// one. (A service name with one is recorded quoted: imageItem.)
			return nil, refuse(s.Line, "service %q runs %q: an image with a blank in it is not one docker accepts", s.Name, s.Image).
				WithHint("fix the service's image, then run paxx again")
		}
		major, ok := majorVersion(s.Image)
		if !ok {
			return nil, refuse(s.Line, "service %s runs %s: paxx cannot tell its Postgres major version", s.Name, s.Image).
				WithHint("pin the image to a major version (postgres:16), which its data directory is tied to, then run paxx again")
		}
		want := r.target(major)
		if compose.ImageIs(s.Image, r.Target) {
			if s.Image != want {
				e.note(c, rel, s.Line, "service %s runs %s (paxx's default: %s)", s.Name, s.Image, want)
			}
			continue
		}
		b, err := e.bind(c)
		if err != nil {
			return nil, err
		}
		b.replaced = append(b.replaced, imageItem(s.Name, s.Image))
		steps = append(steps, imageStep(c, e, rel, imageEdit{s.Name, s.Image, want}, r.Target))
	}
	return steps, nil
}

// recordedImages plans the image changes that the record says c made
// (items, its replaced entries):
// each service it moved, from the image it ran, to the image of its
// major version on the target.
func (e *engine) recordedImages(c *Component, items []string) ([]step, error) {
	rel := e.p.compose
	if rel == "" {
		return nil, nil
	}
	cf, err := e.p.parseCompose()
	if err != nil {
		return nil, err
	}
	if len(items) == 0 && e.found == Removed {
		for _, s := range cf.ServicesByImage(c.Retag.Target) {
			e.note(c, rel, s.Line, "service %s runs %s, and no [tool.paxx] replaced entry says what it ran before %s: kept (set the image back by hand)", s.Name, s.Image, c.Name)
		}
		return nil, nil
	}
	var steps []step
	for _, item := range items {
		service, image, ok := parseImageItem(item)
		if !ok {
			e.note(c, e.p.recordRel, 0, "cannot read [tool.paxx] replaced entry %q: left as it is", c.Name+": "+item)
			continue
		}
		if _, ok := cf.Service(service); !ok {
			e.noteAdd(c, rel, 0, "service %s, which ran %s before %s, is gone", service, image, c.Name)
			continue
		}
		major, _ := majorVersion(image)
		steps = append(steps, imageStep(c, e, rel, imageEdit{service, image, c.Retag.target(major)}, c.Retag.Target))
	}
	return steps, nil
}

// imageStep is the step that moves a service from one image to another
// on the repository target, with findings that say so. A service that
// runs target already (another tag) needs no change, and a note says so;
// one that no longer runs what the step gave it is left as it is by its
// undo, with a note.
func imageStep(c *Component, e *engine, rel string, ed imageEdit, target string) step {
	s := stepOf(rel, "", compose.Parse, edit[*compose.File](ed))
	run := s.run
	s.run = func(p *tree, undo bool) ([]rewrite.Action, error) {
		cf, err := p.parseComposeAt(rel)
		if err != nil {
			return nil, err
		}
		svc, _ := cf.Service(ed.service)
		switch {
		case undo && svc.Image != ed.to:
			e.note(c, rel, svc.Line, "service %s runs %s, not %s as %s left it: kept (it ran %s before)", ed.service, svc.Image, ed.to, c.Name, ed.from)
			return nil, nil
		case !undo && compose.ImageIs(svc.Image, target):
			if svc.Image != ed.to {
				e.noteAdd(c, rel, svc.Line, "service %s runs %s (paxx's default: %s)", ed.service, svc.Image, ed.to)
			}
			return nil, nil
		}
		return run(p, undo)
	}
	s.say = func(kind Kind, a rewrite.Action) string {
		switch kind {
		case Drift:
			return fmt.Sprintf("service %s runs %s, not PostGIS (%s)", ed.service, ed.from, ed.to)
		case Removed:
			return "restored " + a.What
		}
		return fmt.Sprintf("changed service %s from %s to %s", ed.service, ed.from, ed.to)
	}
	return s
}

// planModules plans c's generated modules: the core package they go into
// (an empty __init__.py, when the directory holds no Python yet), then each
// module, rendered for this project. A module that differs from what paxx
// generates is the user's: add keeps it unless --force, and so does
// remove.
func (e *engine) planModules(c *Component) ([]step, error) {
	if len(c.Modules) == 0 {
		return nil, nil
	}
	data, err := e.moduleData(c)
	if err != nil {
		return nil, err
	}
	steps := []step{e.packageStep(c)}
	for _, m := range c.Modules {
		want, err := render(m, data)
		if err != nil {
			return nil, err
		}
		want = []byte(rewrite.WithNewline(string(want), data.newline))
		steps = append(steps, e.moduleStep(c, path.Join(e.p.coreDir, m.Name), want))
	}
	return steps, nil
}

// moduleStep is the step that writes the generated module rel, whose
// content is want.
func (e *engine) moduleStep(c *Component, rel string, want []byte) step {
	what := "module " + e.p.moduleImport(rel)
	return step{rel: rel, edit: moduleEdit{what}, run: func(p *tree, undo bool) ([]rewrite.Action, error) {
		f, err := p.file(rel)
		if err != nil {
			return nil, err
		}
		switch {
		case undo && (!f.Existed || f.New == nil):
		case undo && (bytes.Equal(f.Old, want) || e.force):
			f.New = nil
			return []rewrite.Action{{What: what}}, nil
		case undo && len(c.Dependencies) > 0:
			e.note(c, rel, 0, "differs from what paxx generates: kept (paxx infra remove %s --force deletes it); it may still import %s, which remove takes out of the dependencies", c.Name, strings.Join(c.Dependencies, ", "))
		case undo:
			e.note(c, rel, 0, "differs from what paxx generates: kept (paxx infra remove %s --force deletes it)", c.Name)
		case !f.Existed:
			f.New = want
			return []rewrite.Action{{What: what}}, nil
		case bytes.Equal(f.Old, want):
		case e.force && e.found == Added:
			f.New = want
			e.findings = append(e.findings, Finding{Component: c.Name, Kind: Added, Path: rel, Message: "overwrote modified " + what + " (--force)"})
		default:
			e.note(c, rel, 0, "differs from what paxx generates: kept as it is (paxx infra add %s --force overwrites it)", c.Name)
		}
		return nil, nil
	}}
}

// packageStep is the step that makes the core package for the generated
// modules: an empty __init__.py where the directory holds no Python. Its
// undo deletes that file when it is empty and nothing else is left in the
// directory once the modules are gone; a package that was there before
// paxx's first module is recorded as adopted by add, and stays.
func (e *engine) packageStep(c *Component) step {
	init := path.Join(e.p.coreDir, "__init__.py")
	what := "package " + e.p.coreMod
	return step{rel: init, edit: moduleEdit{what}, run: func(p *tree, undo bool) ([]rewrite.Action, error) {
		if !undo {
			if holdsPython(p.root, p.coreDir) {
				return nil, nil
			}
			f, err := p.file(init)
			if err != nil || f.Existed || f.New != nil {
				return nil, err
			}
			f.New = []byte{}
			return []rewrite.Action{{What: what}}, nil
		}
		if e.packageAdopted() {
			return nil, nil // the package was there before paxx: the user's
		}
		entries, err := os.ReadDir(filepath.Join(p.root, filepath.FromSlash(p.coreDir)))
		if err != nil {
			return nil, nil // no directory: nothing to remove
		}
		for _, d := range entries {
			rel := path.Join(p.coreDir, d.Name())
			if f, ok := p.files[rel]; ok && f.Deleted() || rel == init || d.Name() == "__pycache__" {
				continue
			}
			return nil, nil
		}
		f, err := p.file(init)
		if err != nil || !f.Existed || f.New == nil || len(bytes.TrimSpace(f.Old)) > 0 {
			return nil, err
		}
		f.New = nil
		return []rewrite.Action{{What: what}}, nil
	}}
}

// moduleEdit names a whole file that a component's plan writes: a
// generated module, or the core package's __init__.py.
type moduleEdit struct{ what string }
