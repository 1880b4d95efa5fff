// Package project finds the files of a FastAPI project the way the tools
// that read them find them: the Python project as uv does (the nearest
// pyproject.toml or requirements file at or above the directory, a uv
// workspace's member), the compose files as Docker Compose does (the
// directory and its parents, COMPOSE_FILE, the override file), the
// application's service from the build contexts and mounts of the merged
// compose files, the environment file from the settings' env_file, and the
// application's entrypoint from where the project declares how it runs.
//
// It only reads. Everything it returns is a slash path relative to the
// Layout's Base, the directory that holds every file paxx may edit, so that
// one transaction can write them all; Display turns such a path into one
// relative to where the user ran paxx.
package project

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/paxx-dev/paxx/rewrite"
)

// Options says where paxx was started and what the user chose.
type Options struct {
	// Dir is the directory paxx runs in (-C), as given.
	Dir string
	// ComposeFiles are --compose-file values, relative to Dir; they
	// replace Compose's own search.
	ComposeFiles []string
	// ComposeFilesFrom says where ComposeFiles come from, for messages:
	// "" for the command line's --compose-file, else the record that
	// keeps them ("[tool.paxx] flags in pyproject.toml").
	ComposeFilesFrom string
	// AppService is the --app-service choice, "" to find it.
	AppService string
	// Getenv reads the environment (COMPOSE_FILE, COMPOSE_PATH_SEPARATOR);
	// nil reads nothing.
	Getenv func(string) string
	// PythonOnly finds the Python project and nothing else: no compose
	// files, no app service. A caller reads the project's record with it
	// before it knows the choices the record holds.
	PythonOnly bool
}

// Layout is where one project's files are.
type Layout struct {
	// Base is the absolute directory, symbolic links resolved, that holds
	// every file below: the root of the transaction that writes them.
	Base string
	// Dir is the absolute, resolved directory paxx was started in.
	Dir string
	// Repo is the repository root (the directory holding .git) or "".
	Repo string
	// Python is the Python project's directory, relative to Base ("." when
	// they are the same).
	Python string
	// Pyproject is the Python project's pyproject.toml, "" when it has
	// none.
	Pyproject string
	// Requirements is the requirements file that holds the dependencies
	// when pyproject.toml does not (or does not exist), else "".
	Requirements string
	// Workspace is the uv workspace root's directory when the Python
	// project is one of its members, else "".
	Workspace string
	// Compose is the compose project, nil when there is none.
	Compose *Compose
	pyDoc   map[string]any // Pyproject decoded, nil without one
	// df is the app's Dockerfile once read (appDockerfile), nil when there
	// is none; dfRead says whether it was looked for.
	df     *dockerfile
	dfRead bool
	// dest and destErr are Dependencies' answer once worked out.
	dest     Destination
	destErr  error
	destDone bool
}

// Find finds the project that paxx started in opts.Dir works on.
func Find(opts Options) (*Layout, error) {
	dir, err := realDir(opts.Dir)
	if err != nil {
		return nil, err
	}
	l := &Layout{Dir: dir, Repo: repoRoot(dir)}
	py, err := l.findPython(dir)
	if err != nil {
		return nil, err
	}
	l.Base = py.dir
	l.Workspace = py.workspace
	l.pyDoc = py.doc
	if l.Workspace == "" {
		l.Workspace = l.enclosingWorkspace(py.dir)
	}
	if !opts.PythonOnly {
		// Compose finds its files from the directory it runs in; paxx
		// looks from the Python project's, so that it finds the same
		// files whichever directory it was started in.
		if err := l.findCompose(opts, py.dir); err != nil {
			return nil, err
		}
	}
	if l.Compose != nil {
		for _, f := range l.Compose.absFiles {
			l.Base = commonDir(l.Base, filepath.Dir(f))
		}
	}
	l.Python = l.rel(py.dir)
	if py.pyproject != "" {
		l.Pyproject = l.rel(py.pyproject)
	}
	if py.requirements != "" {
		l.Requirements = l.rel(py.requirements)
	}
	if l.Compose != nil {
		l.Compose.relativize(l)
		if err := l.Compose.findApp(l, opts.AppService); err != nil {
			return nil, err
		}
	}
	return l, nil
}

// realDir resolves the directory paxx runs in, refusing what is not one.
func realDir(dir string) (string, error) {
	info, err := os.Stat(dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return "", &rewrite.Error{Path: dir, Msg: "project directory does not exist", Hint: "pass the project root with -C DIR", Kind: rewrite.ErrRefused}
		}
		return "", fmt.Errorf("project directory: %w", err)
	}
	if !info.IsDir() {
		return "", &rewrite.Error{Path: dir, Msg: "not a directory", Hint: "pass the project root with -C DIR", Kind: rewrite.ErrRefused}
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("project directory %s: %w", dir, err)
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return "", fmt.Errorf("project directory %s: %w", dir, err)
	}
	return real, nil
}

// repoRoot returns the nearest directory at or above dir that holds .git
// (a directory, or a file in a worktree), or "".
func repoRoot(dir string) string {
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			return ""
		}
	}
}

// parents returns dir and the directories above it, up to the repository
// root when there is one, else up to the file system's root: the places a
// tool that searches upwards looks.
func (l *Layout) parents(dir string) []string {
	var out []string
	for d := dir; ; d = filepath.Dir(d) {
		out = append(out, d)
		if d == l.Repo || filepath.Dir(d) == d {
			return out
		}
	}
}

// commonDir returns the deepest directory holding both a and b.
func commonDir(a, b string) string {
	for !within(a, b) {
		parent := filepath.Dir(a)
		if parent == a {
			return a
		}
		a = parent
	}
	return a
}

// within reports whether path p is dir or lies under it.
func within(dir, p string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && filepath.IsLocal(rel)
}

// rel returns the absolute path p as a slash path relative to Base.
func (l *Layout) rel(p string) string {
	r, err := filepath.Rel(l.Base, p)
	if err != nil {
		return filepath.ToSlash(p)
	}
	return filepath.ToSlash(r)
}

// Abs returns the absolute path of a slash path relative to Base.
func (l *Layout) Abs(rel string) string {
	return filepath.Join(l.Base, filepath.FromSlash(rel))
}

// Display returns a slash path relative to Base as the user sees it: from
// the directory paxx was started in ("../compose.yml" for a compose file
// one level up). "" stays "".
func (l *Layout) Display(rel string) string {
	if rel == "" {
		return ""
	}
	r, err := filepath.Rel(l.Dir, l.Abs(rel))
	if err != nil {
		return rel
	}
	return filepath.ToSlash(r)
}

// InPython returns the Base-relative path of a path relative to the Python
// project's directory.
func (l *Layout) InPython(rel string) string {
	return path.Join(l.Python, rel)
}

// FromPython returns the path, relative to the Python project's directory,
// of a Base-relative path inside it; ok is false for a path outside.
func (l *Layout) FromPython(rel string) (string, bool) {
	if l.Python == "." {
		return rel, true
	}
	r, ok := strings.CutPrefix(rel, l.Python+"/")
	return r, ok
}

// exists reports whether the file at the absolute path p is a regular file.
func exists(p string) bool {
	info, err := os.Stat(p)
	return err == nil && info.Mode().IsRegular()
}

// SyncCommand is the command that installs the project's dependencies
// with its own tool, as one line: InstallSteps(nil) joined with &&
// (`poetry lock && poetry install`, `cd backend && uv sync --group
// server`, `pip install -r requirements.txt`, `pip install -e .` for a
// pyproject.toml no tool manages). NextSteps, which knows the
// requirements added, is what to print after an add.
func (l *Layout) SyncCommand() string {
	return strings.Join(l.InstallSteps(nil), " && ")
}

// ComposeUpCommand is the command that starts services of the compose
// project: `docker compose up -d NAME...`, run where Compose finds the
// same files (a `cd` when that is not the current directory, -f for files
// named by COMPOSE_FILE or --compose-file). "" without a compose project.
func (l *Layout) ComposeUpCommand(services []string) string {
	c := l.Compose
	if c == nil || len(services) == 0 {
		return ""
	}
	up := "docker compose up -d " + strings.Join(services, " ")
	if c.named {
		var b strings.Builder
		b.WriteString("docker compose")
		for _, f := range c.Files {
			b.WriteString(" -f " + l.Display(f))
		}
		return b.String() + " up -d " + strings.Join(services, " ")
	}
	return l.inDir(c.runDir, up)
}

// ComposeUpAppCommand is ComposeUpCommand with the app service first and
// --build: `docker compose up -d --build APP NEW...`, so that Compose
// builds the app's image again (with its new dependencies) and recreates
// its container (with its new environment), which `up -d NEW...` leaves
// running as it was. Without an app service it is ComposeUpCommand;
// --build is left out when the app is not built. "" without a compose
// project, or with neither an app nor services.
func (l *Layout) ComposeUpAppCommand(services []string) string {
	c := l.Compose
	if c == nil || c.App == "" {
		return l.ComposeUpCommand(services)
	}
	names := []string{c.App}
	for _, s := range services {
		if !slices.Contains(names, s) {
			names = append(names, s)
		}
	}
	up := l.ComposeUpCommand(names)
	if c.appBuilt {
		up = strings.Replace(up, " up -d ", " up -d --build ", 1)
	}
	return up
}

// inDir prefixes cmd with a cd to dir when dir is not where paxx runs.
func (l *Layout) inDir(dir, cmd string) string {
	if dir == l.Dir {
		return cmd
	}
	r, err := filepath.Rel(l.Dir, dir)
	if err != nil {
		r = dir
	}
	return "cd " + filepath.ToSlash(r) + " && " + cmd
}
