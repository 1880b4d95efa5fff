package project

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"github.com/compose-spec/compose-go/v2/dotenv"

	"github.com/paxx-dev/paxx/compose"
	"github.com/paxx-dev/paxx/filetx"
	"github.com/paxx-dev/paxx/rewrite"
)

// composeNames are the file names Docker Compose looks for, in its order,
// and overrideNames the override files it merges over them, in its order
// (compose-go's DefaultFileNames and DefaultOverrideFileNames: .yml before
// .yaml for docker-compose and for the overrides).
var (
	composeNames  = [...]string{"compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml"}
	overrideNames = [...]string{"compose.override.yml", "compose.override.yaml", "docker-compose.override.yml", "docker-compose.override.yaml"}
)

// Compose is a compose project: the files Compose merges, and the service
// that runs the application.
type Compose struct {
	// Files are the compose files Compose merges, in order, relative to
	// Base. The first is the base file: new services go there.
	Files []string
	// App is the application's service, "" when none was found (an
	// image-only project).
	App string
	// AppFile is the file that defines App first: its environment and
	// depends_on are edited there.
	AppFile string
	// AppFiles are the files that mention App, in merge order: its build:
	// may live in the override only.
	AppFiles []string
	// AppCommand is the app service's command as Compose merges it, nil
	// when the files set none.
	AppCommand []string
	// AppEntrypoint is the app service's entrypoint as Compose merges it,
	// nil when the files set none.
	AppEntrypoint []string
	// AppDockerfile is the app's Dockerfile relative to Base, "" when the
	// service is not built or the file is not there.
	AppDockerfile string
	// Source says how the files were found (the search, COMPOSE_FILE,
	// --compose-file), for messages.
	Source string

	absFiles   []string
	appContext string                   // the app's build context, absolute, "" when not built
	appBuilt   bool                     // the app service has a build:
	runDir     string                   // where `docker compose` finds these files by itself
	parsed     map[string]*compose.File // each file of Files as merge parsed it
	runners    map[string]bool          // the services that run the Python project
	named      bool                     // the files were named (--compose-file, or the record's flags)
}

// RunsProject reports whether service runs the Python project's code:
// the app, and every service built from the Python project (or from a
// directory holding it, not the whole compose project) or that mounts it,
// by the rule that picks the app. An environment shared through an anchor
// is edited only when every service that takes it runs the project:
// compose's AddEnvironmentShared takes this as its runsProject.
func (c *Compose) RunsProject(service string) bool {
	return service != "" && (service == c.App || c.runners[service])
}

// Parsed returns the compose file rel (one of Files) as it was parsed to
// find the app service, so that a caller that reads the same bytes need
// not parse them again; ok is false when it has none under that name.
func (c *Compose) Parsed(rel string) (f *compose.File, ok bool) {
	f, ok = c.parsed[rel]
	return f, ok
}

// Base returns the base compose file, where new services go.
func (c *Compose) Base() string { return c.Files[0] }

// findCompose finds the compose files as Docker Compose does when it runs
// in from, the Python project's directory: the --compose-file flags; else
// COMPOSE_FILE from the environment; else, in from and then each parent
// up to the repository root, a COMPOSE_FILE in its .env or one of
// Compose's file names with the override file beside it.
func (l *Layout) findCompose(opts Options, from string) error {
	getenv := opts.Getenv
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	var files []string
	var source string
	runDir := l.Dir
	switch {
	case len(opts.ComposeFiles) > 0:
		for _, f := range opts.ComposeFiles {
			files = append(files, absFrom(l.Dir, f))
		}
		source = "--compose-file"
		if opts.ComposeFilesFrom != "" {
			source = opts.ComposeFilesFrom
		}
	case getenv("COMPOSE_FILE") != "":
		files = splitComposeFile(l.Dir, getenv("COMPOSE_FILE"), getenv("COMPOSE_PATH_SEPARATOR"))
		source = "COMPOSE_FILE"
	default:
		var err error
		if files, source, runDir, err = l.searchCompose(from); err != nil {
			return err
		}
	}
	if len(files) == 0 {
		return nil
	}
	for _, f := range files {
		info, err := os.Stat(f)
		switch {
		case err != nil:
			return rewrite.Errorf(rewrite.ErrRefused, l.displayAbs(f), 0, 0, "compose file named by %s does not exist", source).
				WithHint("fix %s, or name the files with --compose-file", source)
		case info.IsDir():
			return rewrite.Errorf(rewrite.ErrRefused, l.displayAbs(f), 0, 0, "is a directory, not a compose file").
				WithHint("remove or rename the directory, then run paxx again")
		}
		// A symbolic link is kept as found: reading it checks that it
		// stays inside the project.
		l.Compose = l.composeOr()
		l.Compose.absFiles = append(l.Compose.absFiles, f)
	}
	l.Compose.Source, l.Compose.runDir, l.Compose.named = source, runDir, len(opts.ComposeFiles) > 0
	return nil
}

// composeOr returns the layout's compose project, new when it has none.
func (l *Layout) composeOr() *Compose {
	if l.Compose == nil {
		return &Compose{}
	}
	return l.Compose
}

// searchCompose looks in the directory from and its parents.
func (l *Layout) searchCompose(from string) (files []string, source, dir string, err error) {
	for _, d := range l.parents(from) {
		if list := dotenvComposeFile(d); list != "" {
			return splitComposeFile(d, list, dotenvValue(d, "COMPOSE_PATH_SEPARATOR")), "COMPOSE_FILE in " + l.displayAbs(filepath.Join(d, ".env")), d, nil
		}
		for _, name := range composeNames {
			p := filepath.Join(d, name)
			info, err := os.Stat(p)
			if err != nil {
				continue
			}
			if info.IsDir() {
				return nil, "", "", rewrite.Errorf(rewrite.ErrRefused, l.displayAbs(p), 0, 0, "is a directory, not a compose file").
					WithHint("remove or rename the directory, then run paxx again")
			}
			files := []string{p}
			for _, o := range overrideNames {
				if op := filepath.Join(d, o); exists(op) {
					files = append(files, op)
					break
				}
			}
			return files, "search", d, nil
		}
	}
	return nil, "", "", nil
}

// dotenvComposeFile returns COMPOSE_FILE from the .env file of d, read as
// Compose reads it, or "".
func dotenvComposeFile(d string) string {
	return dotenvValue(d, "COMPOSE_FILE")
}

// dotenvValue returns the value of key in d's .env file, or "".
func dotenvValue(d, key string) string {
	data, err := filetx.ReadRegular(filepath.Join(d, ".env"))
	if err != nil || !bytes.Contains(data, []byte(key)) {
		return ""
	}
	env, err := dotenv.UnmarshalBytesWithLookup(data, func(string) (string, bool) { return "", false })
	if err != nil {
		return ""
	}
	return env[key]
}

// splitComposeFile splits a COMPOSE_FILE list, resolving its paths against
// dir. The separator is COMPOSE_PATH_SEPARATOR, else the system's list
// separator.
func splitComposeFile(dir, list, sep string) []string {
	if sep == "" {
		sep = string(os.PathListSeparator)
		if runtime.GOOS == "windows" {
			sep = ";"
		}
	}
	var out []string
	for _, f := range strings.Split(list, sep) {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, absFrom(dir, f))
		}
	}
	return out
}

// absFrom resolves p against dir.
func absFrom(dir, p string) string {
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(dir, filepath.FromSlash(p))
}

// displayAbs shows an absolute path relative to where paxx was started.
func (l *Layout) displayAbs(p string) string {
	r, err := filepath.Rel(l.Dir, p)
	if err != nil {
		return p
	}
	return filepath.ToSlash(r)
}

// relativize sets Files once Base is known.
func (c *Compose) relativize(l *Layout) {
	c.Files = nil
	for _, f := range c.absFiles {
		c.Files = append(c.Files, l.rel(f))
	}
}

// merged is a service as the compose files together describe it.
type merged struct {
	name       string
	files      []string // the files that mention it, Base-relative
	line       int      // its line in the first of them
	build      bool
	context    string // absolute
	dockerfile string // absolute, "" when not built
	// ctx and df are the build's context and Dockerfile as the files
	// write them, merged key by key as Compose merges build: an override
	// that sets only target: keeps the base's context.
	ctx, df    string
	command    []string
	entrypoint []string
	binds      []string // absolute
	ports      bool
}

// findApp reads the compose files and finds the application's service.
func (c *Compose) findApp(l *Layout, choice string) error {
	services, err := c.merge(l)
	if err != nil {
		return err
	}
	c.runners = runners(l, services)
	app, err := pickApp(l, services, choice)
	if err != nil || app == nil {
		return err
	}
	c.App, c.AppFile, c.AppFiles, c.AppCommand = app.name, app.files[0], app.files, app.command
	c.AppEntrypoint, c.appContext, c.appBuilt = app.entrypoint, app.context, app.build
	if app.dockerfile != "" && exists(app.dockerfile) && within(l.Base, app.dockerfile) {
		c.AppDockerfile = l.rel(app.dockerfile)
	}
	return nil
}

// merge reads every compose file and merges what each says of each
// service, later files over earlier ones as Compose does. Relative paths
// resolve against the project directory, the first file's directory.
func (c *Compose) merge(l *Layout) ([]*merged, error) {
	projectDir := filepath.Dir(c.absFiles[0])
	var order []*merged
	byName := map[string]*merged{}
	for _, rel := range c.Files {
		src, err := readCompose(l.Base, rel)
		if err != nil {
			return nil, err
		}
		f, err := compose.Parse(rel, src)
		if err != nil {
			return nil, err
		}
		if c.parsed == nil {
			c.parsed = map[string]*compose.File{}
		}
		c.parsed[rel] = f
		for _, s := range f.Specs() {
			m := byName[s.Name]
			if m == nil {
				m = &merged{name: s.Name, line: s.Line}
				byName[s.Name] = m
				order = append(order, m)
			}
			m.files = append(m.files, rel)
			if s.Build {
				m.build = true
				if s.Context != "" {
					m.ctx = s.Context
				}
				if s.Dockerfile != "" {
					m.df = s.Dockerfile
				}
				ctx, df := m.ctx, m.df
				if ctx == "" {
					ctx = "."
				}
				if df == "" {
					df = "Dockerfile"
				}
				m.context = resolveContext(projectDir, ctx)
				m.dockerfile = ""
				if m.context != "" {
					m.dockerfile = absFrom(m.context, df)
				}
			}
			if s.Command != nil {
				m.command = s.Command
			}
			if s.Entrypoint != nil {
				m.entrypoint = s.Entrypoint
			}
			for _, b := range s.Binds {
				if !strings.HasPrefix(b, "~") {
					m.binds = append(m.binds, absFrom(projectDir, b))
				}
			}
			m.ports = m.ports || s.Ports
		}
	}
	return order, nil
}

// readCompose reads a compose file as every project file is read: a
// regular UTF-8 file of reasonable size, inside base.
func readCompose(base, rel string) ([]byte, error) {
	c, err := filetx.ReadText(base, rel)
	if err != nil {
		return nil, err
	}
	if !c.Existed {
		return nil, rewrite.Errorf(rewrite.ErrRefused, rel, 0, 0, "compose file disappeared while paxx read it")
	}
	return c.Old, nil
}

// resolveContext resolves a build context against the project directory;
// a remote context (a Git URL) gives "".
func resolveContext(projectDir, ctx string) string {
	if strings.Contains(ctx, "://") || strings.HasPrefix(ctx, "git@") || strings.Contains(ctx, "${") {
		return ""
	}
	return absFrom(projectDir, ctx)
}

// appNames are the names that mark the application among several built
// services, in order of preference.
var appNames = [...]string{"app", "api", "web", "backend", "server"}

// pickApp chooses the application's service: the --app-service choice;
// else the service whose build context is the Python project or holds
// it, or whose bind mounts and watched paths lie in it; among several, the
// one built from the project's own Dockerfile, then the one that runs a
// web server, then the one that runs no job (a worker, migrations). A compose project inside the Python project (compose.yaml
// beside pyproject.toml) takes its built service as before: named app,
// api, web, backend or server, else the first.
func pickApp(l *Layout, services []*merged, choice string) (*merged, error) {
	if choice != "" {
		for _, s := range services {
			if s.name == choice {
				return s, nil
			}
		}
		return nil, rewrite.Errorf(rewrite.ErrRefused, l.Display(l.Compose.Base()), 0, 0, "there is no service %q (--app-service)", choice).
			WithHint("the services are: %s", names(services))
	}
	py := l.Abs(l.Python)
	projectDir := filepath.Dir(l.Compose.absFiles[0])
	if within(py, projectDir) {
		var built []*merged
		for _, s := range services {
			if s.build {
				built = append(built, s)
			}
		}
		if len(built) == 0 {
			return nil, nil
		}
		for _, name := range appNames {
			for _, s := range built {
				if s.name == name {
					return s, nil
				}
			}
		}
		return built[0], nil
	}
	var found []*merged
	for _, s := range services {
		if runsProject(s, py, projectDir) || l.buildsMember(s, py) {
			found = append(found, s)
		}
	}
	if len(found) > 1 {
		found = narrow(found, func(s *merged) bool { return s.dockerfile != "" && within(py, s.dockerfile) })
		found = narrow(found, runsServer)
		found = narrow(found, func(s *merged) bool { return !runsJob(s) })
	}
	switch len(found) {
	case 0:
		return nil, nil
	case 1:
		return found[0], nil
	}
	return nil, rewrite.Errorf(rewrite.ErrRefused, l.Display(found[0].files[0]), found[0].line, 0,
		"services %s all run the Python project %s, and paxx cannot tell which one is the app", names(found), l.Display(l.Python)).
		WithHint("name it with --app-service %s", found[0].name)
}

// runners returns the names of the services that run the Python project:
// those runsProject accepts, those built from a workspace root that install
// or run this member, and, for a compose project inside the Python
// project, every service it builds (as pickApp judges them).
func runners(l *Layout, services []*merged) map[string]bool {
	py := l.Abs(l.Python)
	projectDir := filepath.Dir(l.Compose.absFiles[0])
	inside := within(py, projectDir)
	out := map[string]bool{}
	for _, s := range services {
		if inside && s.build || runsProject(s, py, projectDir) || l.buildsMember(s, py) {
			out[s.name] = true
		}
	}
	return out
}

// runsProject reports whether a service runs the Python project in py: it
// is built from py or a directory holding it (not the whole compose
// project, which holds everything), or mounts or watches py or a
// directory in it.
func runsProject(s *merged, py, projectDir string) bool {
	if s.build && s.context != "" && within(s.context, py) {
		ownDockerfile := s.dockerfile != "" && within(py, s.dockerfile)
		if s.context == py || s.context != projectDir || ownDockerfile {
			return true
		}
	}
	for _, b := range s.binds {
		if within(py, b) {
			return true
		}
	}
	return false
}

// runsServer reports whether a service runs a web server: its command or
// entrypoint starts uvicorn, gunicorn, hypercorn, granian or `fastapi
// run|dev` (also inside `sh -c "... && uvicorn ..."`), or it sets neither
// (the image's own, a server's as a rule) and publishes ports.
func runsServer(s *merged) bool {
	if s.command == nil && s.entrypoint == nil {
		return s.ports
	}
	return slices.ContainsFunc(runWords(s), isServer)
}

// jobWords are words that mark a service that runs the project's code for
// something other than serving it: task workers and schedulers,
// migrations and start-up scripts, tests.
var jobWords = map[string]bool{
	"celery": true, "arq": true, "rq": true, "dramatiq": true, "taskiq": true, "huey": true, "flower": true,
	"worker": true, "beat": true, "scheduler": true,
	"alembic": true, "migrate": true, "migrations": true, "prestart": true, "pytest": true,
}

// runsJob reports whether a service's command or entrypoint names a job
// rather than the app: `celery -A app worker`, `arq app.worker.Settings`,
// `bash scripts/prestart.sh`, `alembic upgrade head`, `bash devCelery.sh`.
func runsJob(s *merged) bool {
	for _, w := range runWords(s) {
		for _, part := range strings.FieldsFunc(strings.ToLower(w), func(r rune) bool {
			return r == '/' || r == '.' || r == '-' || r == '_' || r == ':' || r == '='
		}) {
			if jobWords[part] {
				return true
			}
			for word := range jobWords {
				// Long words inside a name count too: devCelery.sh.
				if len(word) >= 5 && strings.Contains(part, word) {
					return true
				}
			}
		}
	}
	return false
}

// runWords returns the words a service runs, entrypoint then command, with
// the commands given to a shell (`sh -c "..."`) split into theirs.
func runWords(s *merged) []string {
	var out []string
	words := append(append([]string{}, s.entrypoint...), s.command...)
	for i, w := range words {
		out = append(out, w)
		if (w == "-c" || w == "-lc") && i+1 < len(words) {
			out = append(out, shellWords(words[i+1])...)
		}
	}
	return out
}

// narrow keeps the services that keep accepts, unless it accepts none.
func narrow(services []*merged, keep func(*merged) bool) []*merged {
	var out []*merged
	for _, s := range services {
		if keep(s) {
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		return services
	}
	return out
}

// names lists services' names for a message.
func names(services []*merged) string {
	var out []string
	for _, s := range services {
		out = append(out, s.name)
	}
	slices.Sort(out)
	return strings.Join(out, ", ")
}
