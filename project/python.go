package project

import (
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/pelletier/go-toml/v2"

	"github.com/paxx-dev/paxx/filetx"
	"github.com/paxx-dev/paxx/requirements"
	"github.com/paxx-dev/paxx/rewrite"
)

// pythonProject is a Python project's directory and dependency files, as
// absolute paths.
type pythonProject struct {
	dir          string
	pyproject    string // "" when none
	requirements string // the requirements file that holds the dependencies, or ""
	workspace    string // the uv workspace root when dir is a member, or ""
	// doc is pyproject.toml decoded, nil when there is none or it does not
	// decode: read once, for every question asked of it.
	doc map[string]any
}

// findPython finds the Python project as uv does: the nearest directory at
// or above dir with a pyproject.toml or a requirements file. A uv workspace
// root stands for the member that holds the FastAPI app. When there is
// none above, a single project below dir (a repository whose Python code
// lives in backend/) is the one; several are refused, listing them.
func (l *Layout) findPython(dir string) (pythonProject, error) {
	for _, d := range l.parents(dir) {
		if p, ok := readPython(d); ok {
			return l.resolveWorkspace(p, dir)
		}
	}
	below := projectsBelow(dir, 2)
	switch {
	case len(below) == 1:
		p, _ := readPython(below[0])
		return l.resolveWorkspace(p, dir)
	case len(below) > 1:
		if apps := fastAPIProjects(below); len(apps) == 1 {
			p, _ := readPython(apps[0])
			return l.resolveWorkspace(p, dir)
		}
		return pythonProject{}, chooseDir(dir, ".", below, "found several Python projects below the directory and cannot tell which one is the app")
	}
	// No dependency file anywhere: the directory itself, as before.
	return pythonProject{dir: dir}, nil
}

// readPython reads the dependency files of the directory d; ok is false
// when it has none.
func readPython(d string) (pythonProject, bool) {
	p := pythonProject{dir: d}
	// Anything called pyproject.toml counts: a directory in its place is
	// refused when it is read, not passed over.
	if _, err := os.Lstat(filepath.Join(d, "pyproject.toml")); err == nil {
		p.pyproject = filepath.Join(d, "pyproject.toml")
		p.doc = readTOML(p.pyproject)
	}
	p.requirements = requirementsFile(d)
	if p.pyproject != "" && p.requirements != "" && declaresDependencies(p.doc) {
		p.requirements = "" // pyproject.toml holds them; requirements.txt is a lock or an export
	}
	return p, p.pyproject != "" || p.requirements != ""
}

// requirementsFile returns the requirements file of d: requirements.txt,
// else the only requirements*.txt, else "".
func requirementsFile(d string) string {
	if p := filepath.Join(d, "requirements.txt"); exists(p) {
		return p
	}
	matches, _ := filepath.Glob(filepath.Join(d, "requirements*.txt"))
	var files []string
	for _, m := range matches {
		if exists(m) {
			files = append(files, m)
		}
	}
	if len(files) == 1 {
		return files[0]
	}
	return ""
}

// readTOML decodes a TOML file into a generic map; a file that does not
// decode gives nil, and its editor reports the error where it is needed.
func readTOML(p string) map[string]any {
	data, err := filetx.ReadRegular(p)
	if err != nil {
		return nil
	}
	var m map[string]any
	if toml.Unmarshal(data, &m) != nil {
		return nil
	}
	return m
}

// lookup returns the value at a key path of a decoded TOML document.
func lookup(m map[string]any, keys ...string) any {
	var cur any = m
	for _, k := range keys {
		t, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = t[k]
	}
	return cur
}

// declaresDependencies reports whether a decoded pyproject.toml has a place for
// the project's dependencies: a [project] table or Poetry's dependencies.
// One that only configures tools (black, pytest) does not.
func declaresDependencies(m map[string]any) bool {
	if m == nil {
		return true // let the editor report what is wrong with it
	}
	_, project := m["project"]
	_, poetry := lookup(m, "tool", "poetry", "dependencies").(map[string]any)
	return project || poetry
}

// resolveWorkspace turns a uv workspace root into the member that holds the
// FastAPI app, when dir is the root itself (a member found first needs no
// turning).
func (l *Layout) resolveWorkspace(p pythonProject, dir string) (pythonProject, error) {
	if p.pyproject == "" {
		return p, nil
	}
	m := p.doc
	members, _ := lookup(m, "tool", "uv", "workspace", "members").([]any)
	if len(members) == 0 {
		return p, nil
	}
	if dependsOnFastAPI(m) {
		return p, nil // the root is itself the app (and a workspace of libraries)
	}
	excludes, _ := lookup(m, "tool", "uv", "workspace", "exclude").([]any)
	dirs := workspaceMembers(p.dir, members, excludes)
	apps := fastAPIProjects(dirs)
	switch {
	case len(dirs) == 0:
		return pythonProject{}, noMembers(dir, p.pyproject, members)
	case len(dirs) == 1:
		apps = dirs
	case len(apps) == 0:
		return pythonProject{}, chooseDir(dir, shownFrom(dir, p.pyproject), dirs, "is a uv workspace root and no member depends on fastapi")
	case len(apps) > 1:
		return pythonProject{}, chooseDir(dir, shownFrom(dir, p.pyproject), apps, "is a uv workspace root whose members hold several FastAPI apps")
	}
	member, _ := readPython(apps[0])
	member.workspace = p.dir
	return member, nil
}

// enclosingWorkspace returns the uv workspace root above dir whose members
// include dir, or "": a member found by the upward search belongs to the
// workspace its lock file lives in.
func (l *Layout) enclosingWorkspace(dir string) string {
	for _, d := range l.parents(dir)[1:] {
		m := readTOML(filepath.Join(d, "pyproject.toml"))
		members, _ := lookup(m, "tool", "uv", "workspace", "members").([]any)
		if len(members) == 0 {
			continue
		}
		excludes, _ := lookup(m, "tool", "uv", "workspace", "exclude").([]any)
		for _, member := range workspaceMembers(d, members, excludes) {
			if member == dir {
				return d
			}
		}
	}
	return ""
}

// workspaceMembers expands a uv workspace's member globs into the member
// directories that hold a pyproject.toml, less the excluded ones.
func workspaceMembers(root string, members, excludes []any) []string {
	excluded := map[string]bool{}
	for _, e := range excludes {
		if s, ok := e.(string); ok {
			matches, _ := filepath.Glob(filepath.Join(root, filepath.FromSlash(s)))
			for _, m := range matches {
				excluded[m] = true
			}
		}
	}
	seen := map[string]bool{}
	var out []string
	for _, g := range members {
		s, ok := g.(string)
		if !ok {
			continue
		}
		matches, _ := filepath.Glob(filepath.Join(root, filepath.FromSlash(s)))
		for _, m := range matches {
			if !seen[m] && !excluded[m] && exists(filepath.Join(m, "pyproject.toml")) {
				seen[m] = true
				out = append(out, m)
			}
		}
	}
	sort.Strings(out)
	return out
}

// fastAPIProjects returns the directories whose dependencies name fastapi.
func fastAPIProjects(dirs []string) []string {
	var out []string
	for _, d := range dirs {
		if p := filepath.Join(d, "pyproject.toml"); exists(p) && dependsOnFastAPI(readTOML(p)) {
			out = append(out, d)
			continue
		}
		if r := requirementsFile(d); r != "" && requirementsNameFastAPI(r) {
			out = append(out, d)
		}
	}
	return out
}

// dependsOnFastAPI reports whether a decoded pyproject.toml lists fastapi
// among its dependencies (PEP 621 or Poetry).
func dependsOnFastAPI(m map[string]any) bool {
	deps, _ := lookup(m, "project", "dependencies").([]any)
	for _, d := range deps {
		if s, ok := d.(string); ok && isFastAPI(s) {
			return true
		}
	}
	poetry, _ := lookup(m, "tool", "poetry", "dependencies").(map[string]any)
	for name := range poetry {
		if requirements.NormalizeName(name) == "fastapi" {
			return true
		}
	}
	return false
}

// requirementsNameFastAPI reports whether a requirements file names fastapi.
func requirementsNameFastAPI(p string) bool {
	data, err := filetx.ReadRegular(p)
	if err != nil {
		return false
	}
	for _, line := range strings.Split(string(data), "\n") {
		if isFastAPI(strings.TrimSpace(line)) {
			return true
		}
	}
	return false
}

// isFastAPI reports whether a requirement string is fastapi's.
func isFastAPI(s string) bool {
	r, err := requirements.ParseRequirement(s)
	return err == nil && r.Key() == "fastapi"
}

// projectsBelow returns the directories up to depth levels below dir that
// hold a pyproject.toml or requirements file, passing over hidden
// directories, virtual environments and node_modules.
func projectsBelow(dir string, depth int) []string {
	var out []string
	var walk func(d string, level int)
	walk = func(d string, level int) {
		entries, err := os.ReadDir(d)
		if err != nil {
			return
		}
		for _, e := range entries {
			name := e.Name()
			if !e.IsDir() || strings.HasPrefix(name, ".") || name == "node_modules" || name == "venv" || name == "__pycache__" {
				continue
			}
			sub := filepath.Join(d, name)
			if exists(filepath.Join(sub, "pyvenv.cfg")) {
				continue
			}
			if _, ok := readPython(sub); ok {
				out = append(out, sub)
				continue
			}
			if level < depth {
				walk(sub, level+1)
			}
		}
	}
	walk(dir, 1)
	return out
}

// noMembers is the refusal for a uv workspace root, not itself the app,
// whose members match no directory with a pyproject.toml: it names the
// file (relative to dir, where paxx started) and the line of its members.
func noMembers(dir, pyproject string, members []any) *rewrite.Error {
	var globs []string
	for _, m := range members {
		if s, ok := m.(string); ok {
			globs = append(globs, strconv.Quote(s))
		}
	}
	line := 0
	if data, err := filetx.ReadRegular(pyproject); err == nil {
		for i, l := range strings.Split(string(data), "\n") {
			if strings.HasPrefix(strings.TrimSpace(l), "members") {
				line = i + 1
				break
			}
		}
	}
	return rewrite.Errorf(rewrite.ErrRefused, shownFrom(dir, pyproject), line, 0,
		"is a uv workspace root, and its [tool.uv.workspace] members (%s) match no directory with a pyproject.toml", strings.Join(globs, ", ")).
		WithHint("fix members, or run paxx in the app's project with -C DIR")
}

// shownFrom names the file p as seen from dir, where paxx started.
func shownFrom(dir, p string) string {
	if r, err := filepath.Rel(dir, p); err == nil {
		return filepath.ToSlash(r)
	}
	return p
}

// chooseDir is the refusal for several candidate Python projects: it lists
// them, relative to dir, with the -C to use. path is the file or directory
// the refusal is about, as seen from dir.
func chooseDir(dir, path string, dirs []string, why string) *rewrite.Error {
	var list []string
	for _, d := range dirs {
		r, err := filepath.Rel(dir, d)
		if err != nil {
			r = d
		}
		list = append(list, filepath.ToSlash(r))
	}
	first := "DIR"
	if len(list) > 0 {
		first = list[0]
	}
	return rewrite.Errorf(rewrite.ErrRefused, path, 0, 0, "%s: %s", why, strings.Join(list, ", ")).
		WithHint("run paxx in the app's project, e.g. paxx -C %s", first)
}
