package components

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/paxx-dev/paxx/compose"
	"github.com/paxx-dev/paxx/filetx"
	"github.com/paxx-dev/paxx/project"
	"github.com/paxx-dev/paxx/pyproject"
	"github.com/paxx-dev/paxx/python"
	"github.com/paxx-dev/paxx/rewrite"
)

// Options says where the project is and how to treat it.
type Options struct {
	// Root is the directory paxx runs in (-C): the Python project is found
	// from there as uv finds it, the compose files as Docker Compose does.
	Root string
	// Settings is the --settings choice, "PATH" or "PATH:Class", or "".
	Settings string
	// Force lets add overwrite generated modules the user has modified.
	Force bool
	// ComposeFiles are --compose-file values, relative to Root; they
	// replace Compose's own search.
	ComposeFiles []string
	// AppService is the --app-service choice, "" to find it.
	AppService string
	// Getenv reads the environment (COMPOSE_FILE); nil reads none.
	Getenv func(string) string
	// UserDir is the folder of the user's own components (see UserDir);
	// "" for none.
	UserDir string

	// composeFrom names the record when ComposeFiles come from its flags,
	// for messages.
	composeFrom string
}

// tree is the set of files one command reads and edits, each read once
// and edited in memory in sequence, so that later edits see earlier ones.
// Every path is a slash path relative to root, the directory that holds
// them all (the layout's Base).
type tree struct {
	root     string
	layout   *project.Layout
	files    map[string]*filetx.Change
	order    []string
	settings *python.Location // its Path relative to root
	compose  string           // the base compose file, "" when the project has none
	app      string           // the app service, "" when there is none
	appFile  string           // the compose file that defines the app service
	pyproj   string           // pyproject.toml when it exists, else ""
	// recordRel is the file that holds paxx's record: pyproject.toml, or
	// RecordFile beside the dependency file for a project without one.
	recordRel string
	flags     []string // the flags this run was given, as the record keeps them
	deps      pyproject.Target
	depsFile  string // the file deps is in: pyproject.toml or the requirements file
	hasDeps   bool   // deps is where requirements go
	coreDir   string // the core package's directory
	coreMod   string // the core package's import path
	env       project.EnvTarget
	cat       *Catalog // the components this command knows

	// docs are the files as last parsed, by path: the document an edit
	// returned is what the next step of the plan starts from, so that a
	// file is parsed once per edit, by the check the edit makes.
	docs map[string]parsed
}

// openProject finds and reads the files paxx works on, with the choices
// that the project's record keeps (flags.go).
func openProject(opts Options) (*tree, error) {
	given := opts
	opts, err := withRecordedFlags(opts)
	if err != nil {
		return nil, err
	}
	l, err := project.Find(project.Options{Dir: opts.Root, ComposeFiles: opts.ComposeFiles, ComposeFilesFrom: opts.composeFrom, AppService: opts.AppService, Getenv: opts.Getenv})
	if err != nil {
		return nil, err
	}
	pyRoot := l.Abs(l.Python)
	choice := opts.Settings
	if choice != "" && !filepath.IsAbs(choice) {
		// --settings names a file from where paxx runs, like every path
		// the user gives.
		choice = filepath.Join(l.Dir, choice)
	}
	loc, mod, err := python.DiscoverWith(pyRoot, python.DiscoverOptions{Choice: choice, Entrypoints: l.Entrypoints()})
	if err != nil {
		return nil, displayErr(l, err, l.Python)
	}
	cls, _ := mod.Class(loc.Class)
	p := &tree{layout: l, files: map[string]*filetx.Change{}, docs: map[string]parsed{}, flags: givenFlags(given, l.Dir, pyRoot)}
	// The environment file may lie above the Python project (env_file =
	// "../.env"): choose it before any path is fixed, as it can widen the
	// layout's base.
	p.env = l.EnvExample(cls.Config.EnvFiles, cls.Config.EnvFileUnresolved)
	p.root = l.Base
	where := *loc
	where.Path = l.InPython(loc.Path)
	p.settings = &where
	c, err := p.file(p.settings.Path)
	if err != nil {
		return nil, p.shown(err)
	}
	if bytes.Equal(c.Old, mod.Bytes()) {
		p.docs[p.settings.Path] = parsed{mod, c.New} // what discovery parsed is what paxx edits
	}
	if err := p.checkEnvPrefix(); err != nil {
		return nil, p.shown(err)
	}
	p.coreDir, p.coreMod = corePackage(p.root, l.Python, p.settings.Path, p.settings.Module)

	if cp := l.Compose; cp != nil {
		p.compose, p.app, p.appFile = cp.Base(), cp.App, cp.AppFile
		for _, rel := range cp.Files {
			c, err := p.file(rel)
			if err != nil {
				return nil, p.shown(err)
			}
			if f, ok := cp.Parsed(rel); ok && bytes.Equal(c.Old, f.Bytes()) {
				p.docs[rel] = parsed{f, c.New} // what the layout parsed is what paxx edits
				continue
			}
			if _, err := p.parseComposeAt(rel); err != nil {
				return nil, p.shown(err)
			}
		}
	}

	if l.Pyproject != "" {
		p.pyproj = l.Pyproject
		if _, err := p.parsePyproject(); err != nil {
			return nil, p.shown(err)
		}
	}
	// Dependencies go where the app's image installs them from.
	dest, err := l.Dependencies()
	if err != nil {
		return nil, p.shown(err)
	}
	if dest.File != "" {
		p.deps, p.depsFile = dest.Target, dest.File
		if _, err := p.file(dest.File); err != nil {
			return nil, p.shown(err)
		}
		p.hasDeps = true
	}
	p.recordRel = recordPath(l)
	if err := p.loadCatalog(opts); err != nil {
		return nil, err
	}
	return p, nil
}

// displayErr names, in a located error, the file as the user sees it:
// relative to where paxx was started. base is the directory, relative to
// the layout's base, that the error's path is relative to.
func displayErr(l *project.Layout, err error, base string) error {
	var re *rewrite.Error
	if errors.As(err, &re) && re.Path != "" && !path.IsAbs(re.Path) && !strings.HasPrefix(re.Path, "..") {
		re.Path = l.Display(path.Join(base, re.Path))
	}
	return err
}

// shown is displayErr for a path relative to the project's root.
func (p *tree) shown(err error) error {
	return displayErr(p.layout, err, ".")
}

// file returns the change for rel, reading the file the first time.
func (p *tree) file(rel string) (*filetx.Change, error) {
	if c, ok := p.files[rel]; ok {
		return c, nil
	}
	c, err := filetx.ReadText(p.root, rel)
	if err != nil {
		return nil, err
	}
	p.files[rel] = c
	p.order = append(p.order, rel)
	return c, nil
}

// changes returns the files that the command changes, in the order they
// were first read.
func (p *tree) changes() []*filetx.Change {
	var out []*filetx.Change
	for _, rel := range p.order {
		if c := p.files[rel]; c.Changed() {
			out = append(out, c)
		}
	}
	return out
}

// settingsClass parses the settings module as it is now.
func (p *tree) settingsClass() (python.Class, *python.File, error) {
	f, err := docOf(p, p.settings.Path, python.Parse)
	if err != nil {
		return python.Class{}, nil, err
	}
	cls, ok := f.Class(p.settings.Class)
	if !ok {
		return python.Class{}, nil, fmt.Errorf("%s: class %s disappeared after an edit", p.settings.Path, p.settings.Class)
	}
	return cls, f, nil
}

// parseCompose parses the base compose file as it is now.
func (p *tree) parseCompose() (*compose.File, error) {
	return p.parseComposeAt(p.compose)
}

// parseComposeAt parses the compose file rel as it is now.
func (p *tree) parseComposeAt(rel string) (*compose.File, error) {
	return docOf(p, rel, compose.Parse)
}

// serviceFile returns the compose file that defines the service name
// first, in the order Compose merges the files; ok is false when none does.
func (p *tree) serviceFile(name string) (rel string, ok bool, err error) {
	for _, rel := range p.layout.Compose.Files {
		cf, err := p.parseComposeAt(rel)
		if err != nil {
			return "", false, err
		}
		if _, ok := cf.Service(name); ok {
			return rel, true, nil
		}
	}
	return "", false, nil
}

// findService returns the service name as the first compose file that
// defines it has it, in the order Compose merges the files, and that file.
func (p *tree) findService(name string) (s compose.Service, rel string, ok bool, err error) {
	if p.compose == "" {
		return compose.Service{}, "", false, nil
	}
	for _, rel := range p.layout.Compose.Files {
		cf, err := p.parseComposeAt(rel)
		if err != nil {
			return compose.Service{}, "", false, err
		}
		if s, ok := cf.Service(name); ok {
			return s, rel, true, nil
		}
	}
	return compose.Service{}, "", false, nil
}

// composeFiles parses every compose file as it is now, in the order
// Compose merges them.
func (p *tree) composeFiles() ([]*compose.File, error) {
	var files []*compose.File
	for _, rel := range p.layout.Compose.Files {
		f, err := p.parseComposeAt(rel)
		if err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	return files, nil
}

// servicesByImage returns the services of every compose file that run one
// of the image repositories names, each once, in file order.
func (p *tree) servicesByImage(names ...string) ([]compose.Service, error) {
	var out []compose.Service
	for _, rel := range p.layout.Compose.Files {
		cf, err := p.parseComposeAt(rel)
		if err != nil {
			return nil, err
		}
		for _, s := range cf.ServicesByImage(names...) {
			if !slices.ContainsFunc(out, func(o compose.Service) bool { return o.Name == s.Name }) {
				out = append(out, s)
			}
		}
	}
	return out, nil
}

// serviceSpec returns what the compose files, merged as Compose merges
// them, say the service name runs: the last file that sets its command
// gives it.
func (p *tree) serviceSpec(name string) (spec compose.Spec, ok bool, err error) {
	if p.compose == "" {
		return compose.Spec{}, false, nil
	}
	for _, rel := range p.layout.Compose.Files {
		cf, err := p.parseComposeAt(rel)
		if err != nil {
			return compose.Spec{}, false, err
		}
		for _, s := range cf.Specs() {
			if s.Name != name {
				continue
			}
			if !ok || s.Command != nil {
				cmd := spec.Command
				spec, ok = s, true
				if s.Command == nil {
					spec.Command = cmd
				}
			}
		}
	}
	return spec, ok, nil
}

// appCompose returns the compose file that defines the app service, as
// parsed now, and the service; ok is false when the project has no compose
// file or no app service.
func (p *tree) appCompose() (cf *compose.File, app compose.Service, ok bool, err error) {
	if p.compose == "" || p.app == "" {
		return nil, compose.Service{}, false, nil
	}
	if cf, err = p.parseComposeAt(p.appFile); err != nil {
		return nil, compose.Service{}, false, err
	}
	app, ok = cf.Service(p.app)
	return cf, app, ok, nil
}

// parsePyproject parses pyproject.toml as it is now; the project must
// have one (p.pyproj is set).
func (p *tree) parsePyproject() (*pyproject.File, error) {
	return docOf(p, p.pyproj, pyproject.Parse)
}

// parseRecord parses the file that holds paxx's record as it is now: an
// empty document when it does not exist yet.
func (p *tree) parseRecord() (*pyproject.File, error) {
	return docOf(p, p.recordRel, pyproject.Parse)
}

// readRecord returns paxx's record as it is now.
func (p *tree) readRecord() (*record, error) {
	f, err := p.parseRecord()
	if err != nil {
		return nil, err
	}
	return recordOf(f), nil
}

// corePackage returns the directory and import path of the core package
// that generated modules go into, always in the package the app imports
// the settings from: the nearest directory called core at or above the
// settings module (app/core/ for app/core/settings/app.py), else a core
// package beside the settings module — or, when a module core.py stands
// there and a package of that name would shadow it, the settings module's
// own package. py is the Python project's directory.
func corePackage(root, py, settingsPath, settingsModule string) (dir, module string) {
	dir = path.Dir(settingsPath)
	parts := strings.Split(settingsModule, ".")
	parts = parts[:len(parts)-1] // the settings module's package
	for d, n := dir, len(parts); n > 0 && d != py && d != "."; d, n = path.Dir(d), n-1 {
		if path.Base(d) == "core" && parts[n-1] == "core" {
			return d, strings.Join(parts[:n], ".")
		}
	}
	parent := strings.Join(parts, ".")
	if fileExists(root, path.Join(dir, "core.py")) && parent != "" {
		return dir, parent
	}
	if parent == "" {
		return path.Join(dir, "core"), "core"
	}
	return path.Join(dir, "core"), parent + ".core"
}

// moduleImport returns the import path of a module of the core package.
func (p *tree) moduleImport(rel string) string {
	return p.coreMod + "." + strings.TrimSuffix(path.Base(rel), ".py")
}

// checkEnvPrefix refuses a settings class whose env_prefix makes variable
// names that a .env file or a compose environment list cannot hold (a
// space, "=", "#", quotes...): paxx would have to write them.
func (p *tree) checkEnvPrefix() error {
	cls, _, err := p.settingsClass()
	if err != nil {
		return err
	}
	prefix := cls.Config.EnvPrefix
	for _, r := range prefix {
		if r != '_' && !('a' <= r && r <= 'z') && !('A' <= r && r <= 'Z') && !('0' <= r && r <= '9') {
			return rewrite.Errorf(rewrite.ErrRefused, p.settings.Path, cls.Line, 1,
				"%s's env_prefix %q holds %q: paxx cannot write such variable names to .env.example or compose", cls.Name, prefix, r).
				WithHint("use letters, digits and _ in env_prefix")
		}
	}
	if prefix != "" && '0' <= prefix[0] && prefix[0] <= '9' {
		return rewrite.Errorf(rewrite.ErrRefused, p.settings.Path, cls.Line, 1,
			"%s's env_prefix %q starts with a digit: no environment variable name can", cls.Name, prefix).
			WithHint("start env_prefix with a letter or _")
	}
	return nil
}

// loadCatalog builds the catalogue of the command: the built-ins, the
// user's and the project's components, and those the [tool.paxx] record
// says come from a folder, which it loads from there (a folder that is gone
// makes the component missing, reported when it is needed).
func (p *tree) loadCatalog(opts Options) error {
	rec, err := p.readRecord()
	if err != nil {
		return p.shown(err)
	}
	cat, err := projectCatalog(p.layout, opts.UserDir, rec)
	p.cat = cat
	return err
}

// projectCatalog returns the catalogue of the project l: the built-ins,
// the user's components in userDir, the project's own and those that its
// record (rec, nil for none) says were added from a folder.
func projectCatalog(l *project.Layout, userDir string, rec *record) (*Catalog, error) {
	pyRoot := l.Abs(l.Python)
	show := func(dir string) string { return showDir(l, dir) }
	cat, err := loadCatalog(pyRoot, userDir, show)
	if err != nil {
		return nil, err
	}
	for name, folder := range rec.sources() {
		dir := filepath.FromSlash(folder)
		if !filepath.IsAbs(dir) {
			dir = filepath.Join(pyRoot, dir)
		}
		if _, err := os.Stat(filepath.Join(dir, ManifestName)); errors.Is(err, fs.ErrNotExist) {
			cat.setMissing(name, folder)
			continue
		}
		c, err := loadDirAs(dir, show(dir))
		if err != nil {
			return nil, err
		}
		if c.Name != name {
			return nil, &FolderError{Dir: show(dir), Err: fmt.Errorf("holds component %q, but [tool.paxx] sources records it for %s", c.Name, name)}
		}
		if err := cat.Put(c, show(dir)); err != nil {
			return nil, err
		}
	}
	return cat, nil
}

// showDir names a folder as the user sees it: relative to where paxx was
// started (l.Dir) when it lies below, else as it is.
func showDir(l *project.Layout, dir string) string {
	if r, err := filepath.Rel(l.Dir, dir); err == nil && !strings.HasPrefix(r, "..") {
		return filepath.ToSlash(r)
	}
	return dir
}

// sourceOf returns the folder c came from as [tool.paxx] sources records
// it: relative to the Python project when inside it, else absolute.
func (p *tree) sourceOf(c *Component) string {
	pyRoot := p.layout.Abs(p.layout.Python)
	abs, err := filepath.Abs(c.Source)
	if err != nil {
		abs = c.Source
	}
	if r, err := filepath.Rel(pyRoot, abs); err == nil && r != "." && !strings.HasPrefix(r, "..") {
		return filepath.ToSlash(r)
	}
	return abs
}

// fromFolders loads the arguments of add that name a component's folder
// (relative to opts.Root) into the catalogue, and returns the names with
// each folder replaced by its component's name. A folder outside the
// Python project is refused: the record, which is committed, names the
// folder relative to the project, never by a path of one machine, so the
// component must be in the project for the team and CI to see it.
func (p *tree) fromFolders(opts Options, args []string) ([]string, error) {
	out := make([]string, len(args))
	for i, a := range args {
		if !isPath(a) {
			out[i] = a
			continue
		}
		dir := filepath.FromSlash(a)
		if !filepath.IsAbs(dir) {
			dir = filepath.Join(opts.Root, dir)
		}
		c, err := loadDirAs(dir, a)
		if err != nil {
			return nil, err
		}
		if folder := p.sourceOf(c); filepath.IsAbs(folder) {
			inside := path.Join(p.layout.Display(p.layout.Python), ".paxx", "components", c.Name)
			return nil, rewrite.Errorf(rewrite.ErrRefused, a, 0, 0, "component folder %s lies outside the project, and the record paxx commits names no folder of one machine", a).
				WithHint("copy it into the project (cp -r %s %s) and add it from there, or by name", a, inside)
		}
		if err := p.cat.Put(c, a); err != nil {
			return nil, err
		}
		out[i] = c.Name
	}
	return out, nil
}

// unknownFirst returns, for a command that could not open the project, the
// error for a name that neither the built-ins nor the user's components
// have, as paxx reported before it looked for the project; else err.
func unknownFirst(opts Options, names []string, err error) error {
	if errors.Is(err, rewrite.ErrSyntax) {
		// A file of the project that does not parse is what to fix first;
		// the name may well be one of the project's own components.
		return err
	}
	cat, cerr := LoadCatalog("", opts.UserDir)
	if cerr != nil {
		return err
	}
	for _, n := range names {
		if isPath(n) {
			continue
		}
		var unknown *UnknownError
		if _, lerr := cat.Lookup(n); errors.As(lerr, &unknown) {
			return lerr
		}
	}
	return err
}
