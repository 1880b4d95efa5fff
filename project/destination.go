package project

import (
	"fmt"
	"path"
	"path/filepath"

	"github.com/paxx-dev/paxx/filetx"
	"github.com/paxx-dev/paxx/pyproject"
	"github.com/paxx-dev/paxx/requirements"
	"github.com/paxx-dev/paxx/rewrite"
)

// Destination is where a runtime dependency of the app must go so that
// the app's image installs it.
type Destination struct {
	// Target is the place: its Kind, and its Group for a group or an
	// extra. For Requirements, Target.Path is the file relative to Base
	// (not to the Python project, as pyproject's DependencyTarget gives
	// it).
	Target pyproject.Target
	// File is the file to edit, relative to Base: the pyproject.toml or the
	// requirements file; "" when the project has neither.
	File string
	// Compiled is the compiled requirements file the image installs,
	// relative to Base, when File is its source (requirements.in,
	// pyproject.toml); "" otherwise. Compile is the command that makes it
	// again, as its header writes it, to run in Compiled's directory, and
	// CompileTool its compiler ("pip-compile", "uv pip compile", "uv
	// export", or "" for a command paxx does not know).
	Compiled, Compile, CompileTool string
	// Install is the Dockerfile's command that decided, nil when the
	// project's own declaration stands (no Dockerfile, or one that
	// installs nothing paxx recognises, or that installs that
	// declaration).
	Install *Install
}

// Installs returns the commands of the app's Dockerfile that install
// Python dependencies, in the order the build runs them (the stages the
// final image is built from only): nil without a Dockerfile. The
// Dockerfile is the app service's; without a compose app, the Python
// project's own Dockerfile.
func (l *Layout) Installs() []Install {
	df, ctx := l.appImage()
	d, ok := l.appDockerfile()
	if !ok {
		return nil
	}
	return l.installs(d, df, ctx)
}

// appDockerfile returns the app's Dockerfile (appImage's) as read the
// first time it is asked for: where the dependencies go, the tool, the
// runner and the next steps all read it, once. ok is false when there is
// none, or it cannot be read.
func (l *Layout) appDockerfile() (*dockerfile, bool) {
	if !l.dfRead {
		l.dfRead = true
		if df, _ := l.appImage(); df != "" {
			l.df, _ = readDockerfile(l.Abs(df))
		}
	}
	return l.df, l.df != nil
}

// appImage returns the Dockerfile that builds the app, relative to Base,
// and its build context, absolute; "" when there is none.
func (l *Layout) appImage() (dockerfile, ctx string) {
	if c := l.Compose; c != nil && c.App != "" {
		if c.AppDockerfile == "" || c.appContext == "" {
			return "", ""
		}
		return c.AppDockerfile, c.appContext
	}
	if p := l.InPython("Dockerfile"); exists(l.Abs(p)) {
		return p, l.Abs(l.Python)
	}
	return "", ""
}

// Dependencies tells where a runtime dependency must go: where the app's
// image installs dependencies from. The project's own declaration (its
// requirements file, or pyproject.toml's table as
// pyproject.File.DependencyTarget finds it) stands when the Dockerfile
// installs it or installs nothing paxx recognises. Otherwise the first
// install decides:
//
//   - uv sync --only-group NAME: [dependency-groups].NAME; poetry install
//     --only NAME: [tool.poetry.group.NAME.dependencies]; pdm install
//     --no-default -G NAME: the table that holds group NAME
//     ([project.optional-dependencies], [tool.pdm.dev-dependencies] or
//     [dependency-groups]);
//   - pip install -r FILE (uv pip too): FILE, unless it only includes
//     other files (-r), then the included file that names fastapi, else
//     the first that declares requirements; a compiled file's source
//     instead of the file (its requirements.in, or pyproject.toml), with
//     the command that compiles it again.
//
// A compiled file whose source paxx cannot find is refused.
func (l *Layout) Dependencies() (Destination, error) {
	if !l.destDone {
		l.dest, l.destErr = l.dependencies()
		l.destDone = true
	}
	return l.dest, l.destErr
}

// dependencies works out what Dependencies gives, once per Layout: the
// files it reads are the project's as Find found it.
func (l *Layout) dependencies() (Destination, error) {
	def, err := l.declared()
	if err != nil {
		return Destination{}, err
	}
	installs := l.Installs()
	var first *Destination
	for i := range installs {
		inst := &installs[i]
		dests, err := l.installed(inst, def)
		if err != nil {
			return Destination{}, err
		}
		for _, d := range dests {
			if d.File == def.File && d.Target == def.Target {
				if d.Compiled != "" {
					d.Install = inst
					return d, nil
				}
				return def, nil // the image installs the project's own declaration
			}
		}
		if first == nil && len(dests) > 0 {
			d := dests[0]
			d.Install = inst
			first = &d
		}
	}
	if first != nil {
		return *first, nil
	}
	return def, nil
}

// declared is the project's own declaration of its dependencies, as paxx
// found it before reading any Dockerfile.
func (l *Layout) declared() (Destination, error) {
	if l.Requirements != "" {
		return Destination{Target: pyproject.Target{Kind: pyproject.Requirements, Path: l.Requirements}, File: l.Requirements}, nil
	}
	if l.Pyproject == "" {
		return Destination{}, nil
	}
	f, err := l.parsePyproject()
	if err != nil {
		return Destination{}, err
	}
	t, err := f.DependencyTarget()
	if err != nil {
		return Destination{}, err
	}
	if t.Kind == pyproject.Requirements {
		t.Path = l.InPython(t.Path)
		return Destination{Target: t, File: t.Path}, nil
	}
	return Destination{Target: t, File: l.Pyproject}, nil
}

// parsePyproject parses the Python project's pyproject.toml.
func (l *Layout) parsePyproject() (*pyproject.File, error) {
	data, err := filetx.ReadRegular(l.Abs(l.Pyproject))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", l.Display(l.Pyproject), err)
	}
	return pyproject.Parse(l.Pyproject, data)
}

// installed returns the places an install command installs the
// dependencies of, the one it stands for first.
func (l *Layout) installed(inst *Install, def Destination) ([]Destination, error) {
	var out []Destination
	for _, r := range inst.Requirements {
		d, err := l.requirementsDestination(r, map[string]bool{})
		if err != nil {
			return nil, err
		}
		if d.File != "" {
			out = append(out, d)
		}
		// The files it includes are installed too: the project's own
		// requirements file among them keeps its place.
		for _, inc := range l.includedFiles(r, map[string]bool{}) {
			out = append(out, Destination{Target: pyproject.Target{Kind: pyproject.Requirements, Path: inc}, File: inc})
		}
	}
	if l.Pyproject == "" || !l.isThisPackage(inst.Package) {
		return out, nil
	}
	if inst.Main && def.File != "" && def.Target.Kind != pyproject.Requirements {
		out = append(out, def)
	} else if inst.Main && def.Target.Kind == pyproject.Requirements && def.File != l.Requirements {
		out = append(out, def) // dynamic metadata read from a file: installing the project installs it
	}
	if !inst.Main && inst.Only && len(inst.Groups) > 0 {
		// Only groups: the first is where a runtime dependency goes.
		out = append(out, Destination{Target: l.groupTarget(inst.Tool, inst.Groups[0]), File: l.Pyproject})
	}
	return out, nil
}

// isThisPackage reports whether uv's --package names the Python project
// (or is not given).
func (l *Layout) isThisPackage(pkg string) bool {
	if pkg == "" {
		return true
	}
	name, _ := lookup(l.pyDoc, "project", "name").(string)
	return requirements.NormalizeName(name) == requirements.NormalizeName(pkg)
}

// groupTarget is the table a tool's group NAME lives in.
func (l *Layout) groupTarget(tool, name string) pyproject.Target {
	switch tool {
	case "poetry":
		return pyproject.Target{Kind: pyproject.PoetryGroup, Group: name}
	case "pdm":
		switch {
		case lookup(l.pyDoc, "project", "optional-dependencies", name) != nil:
			return pyproject.Target{Kind: pyproject.OptionalDependencies, Group: name}
		case lookup(l.pyDoc, "tool", "pdm", "dev-dependencies", name) != nil:
			return pyproject.Target{Kind: pyproject.PDMDevGroup, Group: name}
		case lookup(l.pyDoc, "dependency-groups") == nil && lookup(l.pyDoc, "tool", "pdm", "dev-dependencies") != nil:
			return pyproject.Target{Kind: pyproject.PDMDevGroup, Group: name}
		}
	}
	return pyproject.Target{Kind: pyproject.DependencyGroup, Group: name}
}

// readRequirements reads and parses the requirements file rel (relative
// to Base).
func (l *Layout) readRequirements(rel string) (*requirements.File, error) {
	data, err := filetx.ReadRegular(l.Abs(rel))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", l.Display(rel), err)
	}
	return requirements.Parse(rel, data)
}

// requirementsDestination is where a dependency goes for the image to
// install it from the requirements file rel: rel itself, a file it
// includes when it only includes others, or a compiled file's source.
func (l *Layout) requirementsDestination(rel string, seen map[string]bool) (Destination, error) {
	if seen[rel] {
		return Destination{}, nil
	}
	seen[rel] = true
	f, err := l.readRequirements(rel)
	if err != nil {
		return Destination{}, err
	}
	if c, ok := f.Compiled(); ok {
		return l.compiledDestination(rel, c)
	}
	here := Destination{Target: pyproject.Target{Kind: pyproject.Requirements, Path: rel}, File: rel}
	if len(f.Names()) > 0 || len(f.Includes()) == 0 {
		return here, nil
	}
	var found []Destination
	for _, inc := range f.Includes() {
		p := path.Join(path.Dir(rel), inc)
		if !exists(l.Abs(p)) || !filepath.IsLocal(filepath.FromSlash(p)) {
			continue
		}
		d, err := l.requirementsDestination(p, seen)
		if err != nil {
			return Destination{}, err
		}
		if d.File != "" {
			found = append(found, d)
		}
	}
	for _, d := range found {
		if d.Target.Kind == pyproject.Requirements && requirementsNameFastAPI(l.Abs(d.File)) {
			return d, nil
		}
	}
	if len(found) > 0 {
		return found[0], nil
	}
	return here, nil
}

// includedFiles returns the files rel includes, at any depth, relative to
// Base.
func (l *Layout) includedFiles(rel string, seen map[string]bool) []string {
	if seen[rel] {
		return nil
	}
	seen[rel] = true
	f, err := l.readRequirements(rel)
	if err != nil {
		return nil
	}
	var out []string
	for _, inc := range f.Includes() {
		p := path.Join(path.Dir(rel), inc)
		if exists(l.Abs(p)) && filepath.IsLocal(filepath.FromSlash(p)) {
			out = append(out, p)
			out = append(out, l.includedFiles(p, seen)...)
		}
	}
	return out
}

// compiledDestination is where a dependency goes for the compiled file
// rel, which c made: the source it was compiled from.
func (l *Layout) compiledDestination(rel string, c requirements.Compiled) (Destination, error) {
	dir := path.Dir(rel)
	sources := c.Sources
	switch {
	case c.Tool == "uv export":
		sources = []string{"pyproject.toml"}
	case len(sources) == 0:
		for _, s := range []string{"requirements.in", "pyproject.toml", "setup.py"} {
			if exists(l.Abs(path.Join(dir, s))) {
				sources = []string{s}
				break
			}
		}
	}
	out := Destination{Compiled: rel, Compile: c.Command, CompileTool: c.Tool}
	for _, s := range sources {
		p := path.Join(dir, s)
		if !filepath.IsLocal(filepath.FromSlash(p)) || !exists(l.Abs(p)) {
			continue
		}
		switch {
		case path.Base(p) == "pyproject.toml" && p == l.Pyproject:
			def, err := l.declared()
			if err != nil {
				return Destination{}, err
			}
			if c.Tool == "uv export" {
				inst := Install{Tool: "uv"}
				readUvSync(&inst, c.Words)
				if inst.Only && len(inst.Groups) > 0 {
					def = Destination{Target: l.groupTarget("uv", inst.Groups[0]), File: l.Pyproject}
				}
			}
			out.Target, out.File = def.Target, def.File
			return out, nil
		case path.Ext(p) == ".in" || path.Ext(p) == ".txt":
			d, err := l.requirementsDestination(p, map[string]bool{rel: true})
			if err != nil {
				return Destination{}, err
			}
			if d.Compiled == "" && d.File != "" {
				out.Target, out.File = d.Target, d.File
				return out, nil
			}
		}
	}
	return Destination{}, rewrite.Errorf(rewrite.ErrRefused, l.Display(rel), 1, 1, "is compiled by `%s`, from a source paxx cannot find or edit", c.Command).
		WithHint("add the dependency to the file it is compiled from and compile it again, or name the source in the header's command")
}
