package project

import (
	"path/filepath"
	"strings"
)

// buildsMember reports whether the service s is built from the uv
// workspace root that holds the Python project py (`build: .` beside the
// workspace's pyproject.toml) with a Dockerfile that installs this
// project (`uv sync --package NAME`, `uv run --package NAME`) or runs its
// code (`python -m pkg`, `uvicorn pkg.main:app`, pkg a package of the
// project): the app, though its context holds every member.
func (l *Layout) buildsMember(s *merged, py string) bool {
	if !s.build || l.Workspace == "" || s.context != l.Workspace || s.dockerfile == "" || !within(s.context, py) {
		return false
	}
	d, ok := readDockerfile(s.dockerfile)
	if !ok {
		return false
	}
	for _, inst := range l.installs(d, "", s.context) {
		if inst.Package != "" && l.isThisPackage(inst.Package) {
			return true
		}
	}
	entry, cmd := d.entryCommand()
	words := append(append([]string{}, entry...), cmd...)
	for _, st := range d.final() {
		for _, in := range st.ins {
			if in.keyword == "RUN" {
				for _, c := range runCommands(in.args) {
					words = append(words, c...)
				}
			}
		}
	}
	words = append(append(words, s.entrypoint...), s.command...)
	for i, w := range words {
		switch {
		case w == "--package" && i+1 < len(words) && l.isThisPackage(words[i+1]):
			return true
		case w == "-m" && i+1 < len(words) && hasPackage(py, words[i+1]):
			return true
		case appRef.MatchString(w) && hasPackage(py, w[:strings.Index(w, ":")]):
			return true
		}
	}
	return false
}

// hasPackage reports whether the top-level package or module of the
// dotted module name mod lives in the project at py (flat or src layout).
// The servers and tools run with -m are no package of the project.
func hasPackage(py, mod string) bool {
	top, _, _ := strings.Cut(mod, ".")
	if top == "" || toolModule(top) {
		return false
	}
	for _, dir := range []string{py, filepath.Join(py, "src")} {
		if exists(filepath.Join(dir, top, "__init__.py")) || exists(filepath.Join(dir, top, "__main__.py")) || exists(filepath.Join(dir, top+".py")) {
			return true
		}
	}
	return false
}
