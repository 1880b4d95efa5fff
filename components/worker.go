package components

import (
	"fmt"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/paxx-dev/paxx/compose"
)

// drift is the kind of a finding about something missing that paxx does
// not add itself: drift under check, a note under add.
func (e *engine) drift() Kind {
	if e.found == Drift {
		return Drift
	}
	return Note
}

// usedValue is the value the used component gives field inside compose.
func usedValue(used *Component, field, service string) string {
	for _, ae := range used.Service.AppEnv {
		if ae.Field == field {
			return serviceValue(ae.Value, service)
		}
	}
	return ""
}

// dependsCondition is the condition a depends_on on service takes in the
// compose file cf: service_healthy when healthy is asked for and the
// service has a healthcheck, which docker compose up would otherwise wait
// on for ever; else service_started.
func dependsCondition(cf *compose.File, service string, healthy bool) string {
	if healthy && cf.HasHealthcheck(service) {
		return "service_healthy"
	}
	return "service_started"
}

// workerCommand is the worker's command for this project, run as the app
// runs (`poetry run arq ...` beside `poetry run uvicorn ...`), so that
// its executable is found in the image as the app's is.
func (e *engine) workerCommand(w *Worker) string {
	cmd := strings.Fields(strings.ReplaceAll(w.Command, "{{core}}", e.p.coreMod))
	return strings.Join(e.p.layout.AppRunner().Wrap(cmd), " ")
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
	fmt.Fprintf(&b, "depends_on:\n  %s:\n    condition: %s\n", service, dependsCondition(cf, service, true))
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
