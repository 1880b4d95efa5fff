package components_test

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/compose-spec/compose-go/v2/types"

	"github.com/paxx-dev/paxx/components"
	"github.com/paxx-dev/paxx/project"
	pysrc "github.com/paxx-dev/paxx/python"
)

// TestAsItRuns checks DESIGN.md's second promise, "what paxx leaves runs",
// on every whole-tree golden project that has compose files, as the
// project runs: its want tree (what `paxx infra add` of components.txt
// leaves) is loaded with compose-go as `docker compose up` would load it,
// and for the app service, every service whose environment paxx changed
// and every service paxx added that runs the project's code (the worker):
//
//   - settings/SERVICE: Python instantiates the project's settings class
//     (found as paxx finds it) with exactly the environment Compose gives
//     the service, and nothing else (no env_file read by pydantic); it
//     must succeed, the component's fields that the service must get
//     (the app's app_environment, the worker's env) must be set by that
//     environment to a service of the project, and every component field
//     the environment sets must have its value;
//   - ports: no host port is published twice (an address on every
//     interface clashes with any other on the same port);
//   - runner/WORKER: the worker's command starts with the runner the
//     app's does (poetry run, uv run, ...), the Dockerfile's ENTRYPOINT
//     and CMD counted;
//   - same-runtime/WORKER: the worker is the app's runtime with another
//     command: the same build, env files and environment;
//   - dependency: every dependency of the components is in what the app's
//     Dockerfile installs (the requirements file it names, the pyproject
//     table and groups its install command selects).
//
// A settings module that imports a third-party module that is not
// installed here is skipped, naming the module; the skips are counted in
// the log.
func TestAsItRuns(t *testing.T) {
	py, ok := findInterpreters()
	need(t, "python3 with pydantic-settings", ok)
	wants, err := filepath.Glob("../testdata/projects/*/want")
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(wants)
	var skips skipCount
	t.Cleanup(func() { skips.report(t) })
	ran := 0
	for _, want := range wants {
		dir := filepath.Dir(want)
		if !hasComposeFile(t, want) {
			continue
		}
		ran++
		t.Run(filepath.Base(dir), func(t *testing.T) {
			t.Parallel()
			asItRuns(t, py, dir, &skips)
		})
	}
	if ran == 0 {
		t.Fatal("no golden project with compose files")
	}
}

// skipCount counts the subtests skipped, by reason, across parallel
// fixtures.
type skipCount struct {
	mu      sync.Mutex
	reasons map[string][]string
}

func (s *skipCount) add(t *testing.T, reason string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.reasons == nil {
		s.reasons = map[string][]string{}
	}
	s.reasons[reason] = append(s.reasons[reason], t.Name())
}

func (s *skipCount) report(t *testing.T) {
	s.mu.Lock()
	defer s.mu.Unlock()
	total := 0
	for reason, names := range s.reasons {
		total += len(names)
		t.Logf("skipped %d: %s: %v", len(names), reason, names)
	}
	t.Logf("skipped %d subtests in all", total)
}

// hasComposeFile reports whether the tree holds a compose file.
func hasComposeFile(t *testing.T, dir string) bool {
	for rel := range readTree(t, dir) {
		base := filepath.Base(rel)
		if strings.HasSuffix(base, ".yml") || strings.HasSuffix(base, ".yaml") {
			if strings.Contains(base, "compose") {
				return true
			}
		}
	}
	return false
}

// role is why a service is checked.
type role string

const (
	roleApp    role = "the app"
	roleWired  role = "a service whose environment paxx changed"
	roleWorker role = "a service paxx added that runs the project"
)

// asItRuns runs the checks on one golden project.
func asItRuns(t *testing.T, py interpreters, dir string, skips *skipCount) {
	names := caseComponents(t, dir)
	comps, err := components.Builtins().Resolve(names)
	if err != nil {
		t.Fatal(err)
	}
	root := copyProject(t, filepath.Join(dir, "want"))
	inRoot := copyProject(t, filepath.Join(dir, "input"))
	run := filepath.Join(root, caseDir(t, dir))

	layout, err := project.Find(project.Options{Dir: run})
	if err != nil {
		t.Fatalf("finding the project: %v", err)
	}
	pyDir := layout.Abs(layout.Python)
	pyRel, _ := filepath.Rel(root, pyDir)
	inPyDir := filepath.Join(inRoot, pyRel)

	crun := composeRunDir(root, pyDir)
	if crun == "" {
		t.Skip("no compose file from the Python project's directory up")
	}
	proj, err := loadComposeAsItRuns(t, crun)
	if err != nil {
		t.Fatalf("want: %v", err)
	}
	inProj, err := loadComposeAsItRuns(t, filepath.Join(inRoot, rel(root, crun)))
	if err != nil {
		// The input need not run (paxx may be what makes it valid): every
		// service is then taken as added.
		t.Logf("the input does not load: %v", err)
		inProj = &types.Project{}
	}

	app := ""
	if layout.Compose != nil {
		app = layout.Compose.App
	}
	appSvc, hasApp := proj.Services[app]
	checked := map[string]role{}
	for _, name := range proj.ServiceNames() {
		svc := proj.Services[name]
		old, had := inProj.Services[name]
		switch {
		case name == app:
			checked[name] = roleApp
		case !had && runsProject(svc, appSvc, hasApp):
			checked[name] = roleWorker
		case had && envGained(old, svc) && layout.Compose != nil && layout.Compose.RunsProject(name):
			// A service that does not run the project (a database reading
			// the same env_file) needs no settings.
			checked[name] = roleWired
		}
	}
	if len(checked) == 0 {
		t.Skip("no service runs the project")
	}

	loc, _, err := pysrc.DiscoverWith(pyDir, pysrc.DiscoverOptions{Entrypoints: layout.Entrypoints()})
	if err != nil {
		t.Fatalf("finding the settings: %v", err)
	}
	fields := componentFields(comps)

	for _, name := range slices.Sorted(mapKeys(checked)) {
		t.Run("settings/"+name, func(t *testing.T) {
			checkSettings(t, settingsCheck{
				py: py, proj: proj, inProj: inProj, name: name, role: checked[name],
				pyDir: pyDir, inPyDir: inPyDir, loc: loc, fields: fields, skips: skips,
			})
		})
	}
	t.Run("ports", func(t *testing.T) {
		clashes, err := portClashes(proj)
		if err != nil {
			t.Fatal(err)
		}
		if len(clashes) == 0 {
			return
		}
		before, _ := portClashes(inProj)
		for _, c := range clashes {
			if slices.Contains(before, c) {
				t.Errorf("host port published twice (the input did so already): %s", c)
			} else {
				t.Errorf("host port published twice: %s", c)
			}
		}
	})
	if base, ok := overridePortsShape(t, filepath.Join(inRoot, rel(root, crun))); ok {
		t.Run("ports-in-override", func(t *testing.T) {
			checkOverridePorts(t, crun, base)
		})
	}
	var appDF *dockerfile
	if hasApp {
		appDF = dockerfileOf(t, proj, appSvc)
	}
	for _, name := range slices.Sorted(mapKeys(checked)) {
		if checked[name] != roleWorker {
			continue
		}
		w := proj.Services[name]
		t.Run("runner/"+name, func(t *testing.T) {
			if !hasApp {
				skips.add(t, "no app service")
				t.Skip("no app service to compare with")
			}
			wDF := dockerfileOf(t, proj, w)
			if w.Build == nil && w.Image == appSvc.Image {
				wDF = appDF
			}
			appArgv := effectiveCommand(appSvc.Entrypoint, appSvc.Command, appDF)
			wArgv := effectiveCommand(w.Entrypoint, w.Command, wDF)
			if len(appArgv) == 0 {
				skips.add(t, "the app's command is unknown (no command, no Dockerfile)")
				t.Skipf("the app %s sets no command and has no Dockerfile: its runner is unknown", app)
			}
			if a, b := runnerOf(appArgv), runnerOf(wArgv); a != b {
				t.Errorf("the app %s runs %q (runner %q); the worker %s runs %q (runner %q): it does not start the way the app does", app, appArgv, a, name, wArgv, b)
			}
		})
		t.Run("same-runtime/"+name, func(t *testing.T) {
			if !hasApp {
				skips.add(t, "no app service")
				t.Skip("no app service to compare with")
			}
			checkSameRuntime(t, app, appSvc, name, w)
		})
	}
	t.Run("dependency", func(t *testing.T) {
		if !hasApp {
			skips.add(t, "no app service")
			t.Skip("no app service")
		}
		if appDF == nil {
			skips.add(t, "the app builds from no Dockerfile")
			t.Skipf("the app %s builds from no Dockerfile in the tree", app)
		}
		ctx := appSvc.Build.Context
		if !filepath.IsAbs(ctx) {
			ctx = filepath.Join(proj.WorkingDir, ctx)
		}
		inst, err := imageInstalls(appDF, ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(inst.steps) == 0 {
			t.Fatalf("%s installs nothing this test can read; RUN: %q", rel(root, appDF.path), appDF.runs)
		}
		for _, c := range comps {
			for _, d := range c.Dependencies {
				if _, ok := inst.names[nameOf(d)]; !ok {
					t.Errorf("%s (component %s) is not in what %s installs (%q); it installs %v", d, c.Name, rel(root, appDF.path), inst.steps, slices.Sorted(mapKeys(inst.names)))
				}
			}
		}
	})
}

// mapKeys returns the keys of m, for slices.Sorted.
func mapKeys[K comparable, V any](m map[K]V) func(func(K) bool) {
	return func(yield func(K) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// runsProject reports whether a service paxx added runs the project's
// code: it is built (no catalogue service is), or runs the app's image.
func runsProject(svc, app types.ServiceConfig, hasApp bool) bool {
	return svc.Build != nil || hasApp && app.Image != "" && svc.Image == app.Image
}

// envGained reports whether a service's environment after add has a
// variable, or a value, that it did not have before.
func envGained(before, after types.ServiceConfig) bool {
	old := environment(before)
	for k, v := range environment(after) {
		if ov, ok := old[k]; !ok || ov != v {
			return true
		}
	}
	return false
}

// componentFields are the settings fields the components bring, by the
// services that must get them.
type fieldSets struct {
	all, app, worker []string
}

func componentFields(comps []*components.Component) fieldSets {
	var fs fieldSets
	for _, c := range comps {
		for _, f := range c.Fields {
			fs.all = append(fs.all, f.Name)
		}
		if c.Service != nil {
			for _, e := range c.Service.AppEnv {
				fs.app = append(fs.app, e.Field)
			}
		}
		if c.Worker != nil {
			fs.worker = append(fs.worker, c.Worker.Env...)
			for _, e := range c.Worker.AppEnv {
				fs.app = append(fs.app, e.Field)
				fs.worker = append(fs.worker, e.Field)
			}
		}
	}
	return fs
}

// settingsCheck is one service's settings check.
type settingsCheck struct {
	py           interpreters
	proj, inProj *types.Project
	name         string
	role         role
	pyDir        string
	inPyDir      string
	loc          *pysrc.Location
	fields       fieldSets
	skips        *skipCount
}

// importPaths are the directories a settings module imports from: the
// Python project's and its src/.
func importPaths(pyDir string) []string {
	paths := []string{pyDir}
	if src := filepath.Join(pyDir, "src"); exists(src) {
		paths = append(paths, src)
	}
	return paths
}

// checkSettings instantiates the settings with the service's environment.
func checkSettings(t *testing.T, c settingsCheck) {
	svc := c.proj.Services[c.name]
	env := environment(svc)
	r, err := loadSettings(c.py, c.pyDir, c.loc.Module, c.loc.Class, importPaths(c.pyDir), c.fields.all, env)
	if err != nil {
		t.Fatal(err)
	}
	switch r.Status {
	case "missing":
		c.skips.add(t, "the settings module imports a module not installed here: "+r.Module)
		t.Skipf("%s imports %s, which is not installed here", c.loc.Path, r.Module)
	case "nopydantic":
		t.Fatalf("no pydantic to load the settings with:\n%s", r.Error)
	case "error":
		if r.Kind == "PydanticImportError" && c.py.v1 == "" {
			c.skips.add(t, "the settings need pydantic 1, which /usr/bin/python3 lacks")
			need(t, "pydantic 1 in /usr/bin/python3 (the settings import BaseSettings from pydantic)", false)
		}
		t.Fatalf("service %s (%s): %s.%s does not load with the environment Compose gives it%s\nenvironment: %s\n%s",
			c.name, c.role, c.loc.Module, c.loc.Class, c.inputAlso(), envString(env), lastLines(r.Error, 6))
	}
	if !r.V2 {
		t.Logf("the settings import BaseSettings from pydantic: loaded with pydantic 1 (%s)", c.py.v1)
	}
	var required []string
	switch c.role {
	case roleApp:
		required = c.fields.app
	case roleWorker:
		required = c.fields.worker
	}
	for _, f := range required {
		fr := r.Fields[f]
		if fr == nil {
			t.Errorf("%s has no field %s", c.loc.Class, f)
			continue
		}
		name, value, ok := r.lookup(fr, env)
		if !ok {
			t.Errorf("service %s (%s) has no %s in its environment: its %s runs with the default %s", c.name, c.role, strings.Join(fr.Env, " or "), fr.Attr, fr.Repr)
			continue
		}
		if host := hostOf(f, value); host != "" && !c.isService(host) {
			t.Errorf("service %s: %s=%s names %s, which is no service of the project (%v)", c.name, name, value, host, c.proj.ServiceNames())
		}
	}
	for f, fr := range r.Fields {
		name, value, ok := r.lookup(fr, env)
		if ok && fr.Str != nil && *fr.Str != value {
			t.Errorf("service %s: %s=%q but the settings' %s is %q", c.name, name, value, fr.Attr, *fr.Str)
		}
		_ = f
	}
}

// inputAlso says whether the same service of the input fails too: then
// the fixture's own environment is short, not what paxx added.
func (c settingsCheck) inputAlso() string {
	in, ok := c.inProj.Services[c.name]
	if !ok {
		return ""
	}
	r, err := loadSettings(c.py, c.inPyDir, c.loc.Module, c.loc.Class, importPaths(c.inPyDir), nil, environment(in))
	if err == nil && r.Status == "error" {
		return " (nor does the input's: the fixture's own environment is short)"
	}
	return " (the input's does)"
}

// isService reports whether host names a service of the project (its
// name, hostname or container name).
func (c settingsCheck) isService(host string) bool {
	for name, svc := range c.proj.Services {
		if host == name || host == svc.Hostname || host == svc.ContainerName {
			return true
		}
	}
	return false
}

// hostOf returns the host a field's value points at: a URL's host, or
// the whole value of a *_host field; "" for neither.
func hostOf(field, value string) string {
	if u, err := url.Parse(value); err == nil && u.Host != "" {
		return u.Hostname()
	}
	if strings.HasSuffix(field, "_host") && !strings.Contains(value, "/") {
		return value
	}
	return ""
}

// envString renders an environment sorted, for messages.
func envString(env map[string]string) string {
	var parts []string
	for _, k := range slices.Sorted(mapKeys(env)) {
		parts = append(parts, k+"="+env[k])
	}
	return strings.Join(parts, " ")
}

// lastLines returns the last n lines of s.
func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// dockerfileOf reads the Dockerfile a service builds from; nil when it
// is not built or the file is not in the tree.
func dockerfileOf(t *testing.T, proj *types.Project, svc types.ServiceConfig) *dockerfile {
	t.Helper()
	if svc.Build == nil {
		return nil
	}
	ctx := svc.Build.Context
	if !filepath.IsAbs(ctx) {
		ctx = filepath.Join(proj.WorkingDir, ctx)
	}
	p := svc.Build.Dockerfile
	if p == "" {
		p = "Dockerfile"
	}
	if !filepath.IsAbs(p) {
		p = filepath.Join(ctx, p)
	}
	if _, err := os.Stat(p); err != nil {
		return nil
	}
	df, err := parseDockerfile(p)
	if err != nil {
		t.Fatal(err)
	}
	return df
}

// checkSameRuntime checks that the worker is the app's runtime: the same
// build (or image), env files and environment.
func checkSameRuntime(t *testing.T, app string, a types.ServiceConfig, name string, w types.ServiceConfig) {
	switch {
	case a.Build != nil && !sameBuild(a.Build, w.Build):
		t.Errorf("the worker %s builds %s, the app %s %s", name, buildString(w.Build), app, buildString(a.Build))
	case a.Build == nil && a.Image != w.Image:
		t.Errorf("the worker %s runs image %q, the app %s %q", name, w.Image, app, a.Image)
	}
	if af, wf := envFilePaths(a), envFilePaths(w); !slices.Equal(af, wf) {
		t.Errorf("the worker %s reads env files %v, the app %s %v", name, wf, app, af)
	}
	ae, we := environment(a), environment(w)
	var missing []string
	for _, k := range slices.Sorted(mapKeys(ae)) {
		if v, ok := we[k]; !ok || v != ae[k] {
			missing = append(missing, k)
		}
	}
	if len(missing) > 0 {
		t.Errorf("the worker %s lacks (or has other values of) the app %s's %s", name, app, strings.Join(missing, ", "))
	}
}

// buildString renders a build for messages.
func buildString(b *types.BuildConfig) string {
	if b == nil {
		return "nothing"
	}
	return fmt.Sprintf("%s (dockerfile %q)", b.Context, b.Dockerfile)
}
