package components

import (
	"strings"

	"github.com/paxx-dev/paxx/python"
)

// Component describes one piece of infrastructure and everything it adds to
// a project. It is data: the engine in this package turns it into edits.
type Component struct {
	// Name is what users type: "redis".
	Name string
	// Summary is one line for `paxx infra list`.
	Summary string
	// Requires names components that must be installed first.
	Requires []string
	// Section is the comment that heads the component's group of settings
	// fields and .env.example lines: "Redis".
	Section string
	// Fields are the settings fields, named in lower snake case; the engine
	// follows the project's own naming (UPPER_CASE classes) and env_prefix.
	Fields []python.NewField
	// Service is the compose service the component runs, or nil.
	Service *Service
	// Dependencies are PEP 508 requirements: "redis>=5.0".
	Dependencies []string
	// Overlaps names packages that do what the component does (another
	// Prometheus middleware beside metrics): a project that depends on one
	// gets a note, as the two would do the same thing twice.
	Overlaps []string
	// Modules are the files generated into the project's core package.
	Modules []Module
	// Worker is a compose service that runs the project's own code, or nil.
	Worker *Worker
	// Retag moves an existing service to another image, or is nil.
	Retag *Retag
	// Replaces is the built-in's name when the component, from a folder,
	// takes the place of the built-in of its own name; else "".
	Replaces string
	// Source is the folder the component was loaded from, as it was
	// named; "" for a built-in.
	Source string
}

// Worker is a compose service built like the app service that runs a
// command of the project's own code, connected to another component's
// service.
type Worker struct {
	// Name is the service's name: "worker".
	Name string
	// Command is what the service runs; {{core}} is the import path of
	// the generated core package.
	Command string
	// Uses is the component whose service the app and the worker connect
	// to: "redis".
	Uses string
	// Env names fields of the used component that the worker gets as the
	// app has them.
	Env []string
	// AppEnv are this component's variables, set in the app's and the
	// worker's environment; {{service}} is the used service's name.
	AppEnv []AppEnv
}

// Retag moves the project's service running one of Images to Target, the
// same major version: the one change paxx makes to an existing value.
type Retag struct {
	// Images are the repositories that identify the service: "postgres".
	Images []string
	// Target is the repository it moves to.
	Target string
	// Tag is the tag it moves to; {{major}} stands for the major version
	// the service runs: "{{major}}-3.4".
	Tag string
	// Refuse are repositories of the same software that Target cannot
	// replace as they are (their configuration differs).
	Refuse []string
	// Migration is a line that the Alembic migration template gains beside
	// `import sqlalchemy as sa`, or "".
	Migration string
}

// Service is a compose service and how the app service is wired to it.
type Service struct {
	// Name is the service's name when paxx adds it: "redis".
	Name string
	// Body is the service's body as canonical block YAML (2-space indent);
	// the compose rewriter re-renders it in the file's own style.
	Body string
	// Image is the image paxx writes, compared against an existing service's
	// image to report a differing tag.
	Image string
	// Volumes are the named volumes the service mounts.
	Volumes []string
	// Images lists image repositories that provide this service already
	// ("redis", "valkey/valkey", ...): a project service running one of them
	// is reused and wired instead of adding another.
	Images []string
	// AppEnv sets settings fields in the app service's environment. Values
	// may use {{service}} for the host name of the service inside compose.
	AppEnv []AppEnv
	// Healthy makes the app depend on the service with condition
	// service_healthy (the service has a healthcheck); else started.
	Healthy bool
}

// AppEnv is one environment entry of the app service: the variable that sets
// Field, with Value.
type AppEnv struct {
	Field string
	Value string
}

// Module is a generated source file.
type Module struct {
	// Name is the file's name inside the core package: "cache.py".
	Name string
	// Template is the file's text/template source; see moduleData for
	// what it can use.
	Template string
	// Exports are the names the app imports from the module to use it,
	// for the next steps printed after add; none for a module that runs
	// on its own (the worker's tasks.py).
	Exports []string
	// Startup and Shutdown name async functions of the module, taking no
	// argument, that the app awaits when it starts and when it stops (in
	// its lifespan, or its on_event handlers).
	Startup, Shutdown []string
	// Setup names functions of the module that the app calls with itself
	// once it is built: `setup_metrics(app)`.
	Setup []string
	// Routers names APIRouters of the module that the app includes.
	Routers []string
}

// hooks returns what the app is to use from the module, as Wire hooks
// whose Module is left for the engine to fill in: startup, shutdown,
// setup, then routers, each in the order the component lists them.
func (m Module) hooks() []python.Hook {
	var out []python.Hook
	for _, g := range []struct {
		kind  python.HookKind
		names []string
	}{{python.Startup, m.Startup}, {python.Shutdown, m.Shutdown}, {python.Setup, m.Setup}, {python.Router, m.Routers}} {
		for _, n := range g.names {
			out = append(out, python.Hook{Kind: g.kind, Name: n})
		}
	}
	return out
}

// hookKey is the component.toml key of a hook's kind.
func hookKey(k python.HookKind) string {
	if k == python.Router {
		return "routers"
	}
	return k.String()
}

// closest returns the name within edit distance 2 of s, or "".
func closest(s string, names []string) string {
	best, bestD := "", 3
	for _, n := range names {
		if d := distance(strings.ToLower(s), n); d < bestD {
			best, bestD = n, d
		}
	}
	return best
}

// distance is the Levenshtein distance between a and b.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
