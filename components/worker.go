package components

import (
	"fmt"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/paxx-dev/paxx/compose"
	"github.com/paxx-dev/paxx/rewrite"
)

// worker adds the component's worker service, built like the app service,
// and gives the app and the worker the component's environment.
func (e *engine) worker(c *Component) error {
	w := c.Worker
	if w == nil {
		return nil
	}
	if e.p.compose == "" {
		e.note(c, "", 0, "no compose file: service %s not added; run `%s` yourself", w.Name, e.workerCommand(w))
		return nil
	}
	rel := e.p.compose
	cf, err := e.p.parseCompose()
	if err != nil {
		return err
	}
	used, err := e.p.cat.Lookup(w.Uses)
	if err != nil {
		return err
	}
	service, ok := usedService(cf, used)
	if !ok {
		e.add(c, e.drift(), rel, 0, fmt.Sprintf("service %s, which %s requires (run `paxx infra add %s`)", used.Name, c.Name, used.Name))
		return nil
	}
	af, app, ok, err := e.p.appCompose()
	if err != nil {
		return err
	}
	if !ok {
		e.note(c, rel, 0, "no app service (one built from the Python project) to build service %s like: add it yourself, or name the app with --app-service", w.Name)
		return nil
	}
	cls, _, err := e.p.settingsClass()
	if err != nil {
		return err
	}
	// The app's environment first, so that the worker copies what it has.
	var env [][2]string
	appEnv := af.Environment(app.Name)
	for _, field := range w.Env {
		key := cls.EnvName(e.fieldName(cls, field))
		value, ok := appEnv[key]
		if !ok {
			value = e.usedValue(used, field, service)
		}
		env = append(env, [2]string{key, value})
	}
	for _, ae := range w.AppEnv {
		key := cls.EnvName(e.fieldName(cls, ae.Field))
		value := strings.ReplaceAll(ae.Value, "{{service}}", service)
		if have, ok := appEnv[key]; ok {
			value = have
		} else if err := e.editComposeAt(c, e.p.appFile, func(f *compose.File) (*compose.File, []rewrite.Action, error) {
			return f.AddEnvironment(app.Name, key, value)
		}); err != nil {
			return err
		}
		env = append(env, [2]string{key, value})
	}
	e.uses(c, w.Name)
	if _, ok, err := e.p.serviceFile(w.Name); err != nil || ok {
		return err // the user's own worker, wherever it is: left as it is
	}
	cf, err = e.p.parseCompose()
	if err != nil {
		return err
	}
	if af, err = e.p.parseComposeAt(e.p.appFile); err != nil {
		return err
	}
	body, err := e.workerBody(cf, af, app.Name, w, env, service)
	if err != nil {
		return err
	}
	// The worker is the app's sibling: it goes where the app is defined
	// (the override, for an app built for development only).
	return e.editComposeAt(c, e.p.appFile, func(f *compose.File) (*compose.File, []rewrite.Action, error) {
		return f.AddService(w.Name, body)
	})
}

// drift is the kind of a finding about something missing that paxx does
// not add itself: drift under check, a note under add.
func (e *engine) drift() Kind {
	if e.found == Drift {
		return Drift
	}
	return Note
}

// usedService returns the name of the service that provides the used
// component: its own name, or a service running one of its images.
func usedService(cf *compose.File, used *Component) (string, bool) {
	if used.Service == nil {
		return "", false
	}
	if _, ok := cf.Service(used.Service.Name); ok {
		return used.Service.Name, true
	}
	if s := cf.ServicesByImage(used.Service.Images...); len(s) > 0 {
		return s[0].Name, true
	}
	return "", false
}

// usedValue is the value the used component gives field inside compose.
func (e *engine) usedValue(used *Component, field, service string) string {
	for _, ae := range used.Service.AppEnv {
		if ae.Field == field {
			return strings.ReplaceAll(ae.Value, "{{service}}", service)
		}
	}
	return ""
}

// workerCommand is the worker's command for this project.
func (e *engine) workerCommand(w *Worker) string {
	return strings.ReplaceAll(w.Command, "{{core}}", e.p.coreMod)
}

// workerBody renders the worker service, for the compose file cf: the
// app's build (or image) as af, the file defining the app, writes it, the
// command, the environment and a dependency on the used service.
func (e *engine) workerBody(cf, af *compose.File, app string, w *Worker, env [][2]string, service string) (string, error) {
	build, err := af.Definition(app, "build", "image")
	if err != nil {
		return "", fmt.Errorf("%s: reading service %s: %w", e.p.appFile, app, err)
	}
	var b strings.Builder
	b.WriteString(build)
	fmt.Fprintf(&b, "command: %s\n", yamlString(e.workerCommand(w)))
	if len(env) > 0 {
		b.WriteString("environment:\n")
		for _, kv := range env {
			fmt.Fprintf(&b, "  %s: %s\n", kv[0], yamlString(kv[1]))
		}
	}
	condition := "service_started"
	if cf.HasHealthcheck(service) {
		condition = "service_healthy"
	}
	fmt.Fprintf(&b, "depends_on:\n  %s:\n    condition: %s\n", service, condition)
	return b.String(), nil
}

// yamlString writes s as a YAML scalar: plain where YAML reads it back as
// the same string, else quoted; the compose rewriter then follows the
// file's own quoting.
func yamlString(s string) string {
	out, err := yaml.Marshal(s)
	if err != nil {
		return strconv.Quote(s)
	}
	return strings.TrimSuffix(string(out), "\n")
}
