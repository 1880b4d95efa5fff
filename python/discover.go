package python

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/paxx-dev/paxx/rewrite"
)

// Location is where the project's settings class lives.
type Location struct {
	Path string // slash path relative to the root, e.g. "app/core/config.py"
	// Module is the dotted import path: as the app imports it when the
	// trail found the class ("src.config" for `from src.config import
	// Config`), else derived from Path, a src/ layout dropping "src.".
	Module string
	Class  string
	Line   int
	// Via says, for messages, how discovery found the class: "app/main.py
	// imports settings from app.core.config", "settings.py (usual place)".
	Via string
	// Object is the settings object the application uses, when the trail
	// from its entrypoint found one: generated modules reach the settings
	// the same way. nil when the class was found otherwise.
	Object *Object
}

// Object is a module-level settings object: an instance, or a function
// that returns one (get_settings), in the module that defines it.
type Object struct {
	// Module is the dotted path the application imports it from.
	Module string
	Accessor
}

// DiscoverOptions tunes Discover.
type DiscoverOptions struct {
	// Choice is --settings "PATH" or "PATH:Class"; it wins when set.
	Choice string
	// Entrypoints are the app references the caller found, in priority
	// order: "app.main:app", "app.main" or a slash path "app/main.py"
	// (from [tool.fastapi] entrypoint, a uvicorn, gunicorn or fastapi
	// command in compose or a Dockerfile, [project.scripts]). Discovery
	// starts its trail from the first that names a project module.
	Entrypoints []string
}

// places are where settings usually live, in the order FindSettings looks:
// each entry is one place, and a pattern's matches form one place.
func places() []string {
	return []string{
		"settings.py",
		"app/settings.py", "app/config.py", "app/core/config.py", "app/core/settings.py",
		"core/config.py", "config.py",
		"src/*/settings.py", "src/*/config.py", "src/*/core/config.py",
	}
}

// FindSettings finds the project's settings class. It follows the app's
// imports to the settings object it uses, as DiscoverWith describes; only
// when that trail ends nowhere does it search by name. The search looks
// in settings.py, then in the usual places (app/settings.py, app/config.py,
// app/core/config.py, app/core/settings.py, core/config.py, config.py,
// src/*/settings.py, src/*/config.py, src/*/core/config.py), then in every
// other .py file of the project, passing over hidden directories, virtual
// environments, caches, node_modules, build, dist and site-packages, files
// larger than filetx.MaxFileSize (10 MB), and symbolic links that lead out
// of root — what filetx.ReadFile would refuse to edit. Classes in tests
// and scripts (tests/, test/, bin/, scripts/, test_*.py, *_test.py,
// conftest.py) and in a gunicorn configuration module are never
// candidates.
//
// A candidate is a class deriving from pydantic's BaseSettings, or from a
// project class that does (transitively, matched by name). Within the
// first place that has candidates, a candidate that another one derives
// from is a base, not the settings; of the rest, the one named Settings
// wins, else the only one. Several are an error of kind rewrite.ErrRefused
// that lists them as path:line; so is finding none. A candidate file that
// does not parse is its syntax error.
//
// choice, when not empty, is "PATH" or "PATH:Class" (from --settings) and
// wins; it is an error when the file has no such class.
func FindSettings(root, choice string) (*Location, error) {
	loc, _, err := Discover(root, choice)
	return loc, err
}

// Discover finds the settings class as FindSettings does, and returns the
// module that holds it too, parsed from the bytes that discovery read: a
// caller that reads the same bytes need not parse them again. It is
// DiscoverWith with only a choice.
func Discover(root, choice string) (*Location, *File, error) {
	return DiscoverWith(root, DiscoverOptions{Choice: choice})
}

// DiscoverWith finds the settings class that the running app uses, the
// way Python gets to it: from the module that creates the app (the given
// entrypoints, else main.py, app/main.py, src/*/main.py, app.py,
// api/main.py, else a module assigning `X = FastAPI(...)`) along its
// project imports to the settings object it uses, an instance or a
// function returning one, and to that object's class (see trace). An
// object annotated with a settings class (`settings: BaseAppSettings =
// get_settings()`, `def get_settings() -> BaseAppSettings`) is of that
// class; a family of classes chosen at run time otherwise gives their
// nearest common settings base. Only when no trail reaches a settings object does it
// search as FindSettings describes, never taking a class from tests or
// scripts. opts.Choice wins over all of it. Refusals and "nothing found"
// say what discovery passed over and why.
//
// A module found in one of the usual places, on the trail, or chosen, is
// read in full (style and imports too), as the edits will need; one found
// elsewhere reads the rest on first use.
func DiscoverWith(root string, opts DiscoverOptions) (*Location, *File, error) {
	p, err := newProject(root)
	if err != nil {
		return nil, nil, err
	}
	src, err := newSources(p)
	if err != nil {
		return nil, nil, err
	}
	var t *tracer
	if opts.Choice == "" {
		t = &tracer{src: src, modules: map[string]*module{}}
		loc, f, err := t.trace(opts.Entrypoints)
		if loc != nil || err != nil {
			return loc, f, withNotes(err, t.notes)
		}
	}
	loc, f, err := p.search(src, opts.Choice)
	if err != nil && t != nil {
		return nil, nil, withNotes(err, append(p.passedOver(), t.notes...))
	}
	return loc, f, err
}

// withNotes adds what discovery passed over to a refusal's message.
func withNotes(err error, notes []string) error {
	var re *rewrite.Error
	if len(notes) == 0 || !errors.As(err, &re) || !errors.Is(err, rewrite.ErrRefused) {
		return err
	}
	out := *re
	out.Msg += "; passed over: " + strings.Join(notes, "; ")
	return &out
}

// passedOver describes the usual places that hold a file discovery could
// not use: a directory, a symbolic link out of the project, an empty file.
func (p *project) passedOver() []string {
	var notes []string
	for _, pattern := range places() {
		if strings.ContainsAny(pattern, "*?[") {
			continue
		}
		full := filepath.Join(p.root, filepath.FromSlash(pattern))
		info, err := os.Lstat(full)
		if err != nil {
			continue
		}
		switch {
		case info.IsDir():
			notes = append(notes, pattern+" is a directory")
		case info.Mode()&fs.ModeSymlink != 0:
			real, err := filepath.EvalSymlinks(full)
			if err != nil {
				target, _ := os.Readlink(full)
				notes = append(notes, fmt.Sprintf("%s is a symbolic link to %s, which does not exist", pattern, target))
			} else if !p.files.Contains(real) {
				notes = append(notes, fmt.Sprintf("%s is a symbolic link to %s, outside the project", pattern, real))
			}
		case info.Mode().IsRegular():
			if src, err := p.files.Read(pattern); err == nil && len(bytes.TrimSpace(src)) == 0 {
				notes = append(notes, pattern+" is empty")
			}
		}
	}
	return notes
}

// search finds the settings class without a trail: the chosen one, else
// the usual places in order, else any file.
func (p *project) search(src *sources, choice string) (*Location, *File, error) {
	files := src.files
	var groups [][]string // the files of each usual place, in order
	var err error
	if choice == "" {
		if groups, err = placeFiles(files); err != nil {
			return nil, nil, err
		}
	}
	// The usual places are read fully, so that the module found there,
	// as it almost always is, needs no second parse.
	full := map[string]bool{}
	for _, g := range groups {
		for _, m := range g {
			full[m] = true
		}
	}
	idx, err := src.index(full)
	if err != nil {
		return nil, nil, err
	}
	if choice != "" {
		return p.choose(idx, choice)
	}
	seen := map[string]bool{}
	for _, matches := range groups {
		var group []string
		for _, m := range matches {
			if idx.files[m] != nil && !seen[m] {
				seen[m] = true
				group = append(group, m)
			}
		}
		if c, err := idx.pick(group); c != nil || err != nil {
			return found(c, err, "(usual place)")
		}
	}
	var rest []string
	for _, rel := range files {
		if !seen[rel] && idx.files[rel] != nil {
			rest = append(rest, rel)
		}
	}
	if c, err := idx.pick(rest); c != nil || err != nil {
		return found(c, err, "(the only settings class in the project)")
	}
	if len(files) == 0 && !p.pythonProject() {
		return nil, nil, rewrite.Errorf(rewrite.ErrRefused, "", 0, 0,
			"no Python project here: %s holds no Python module, pyproject.toml or requirements file", p.root).
			WithHint("run paxx in your FastAPI project, or name it with -C DIR")
	}
	return nil, nil, rewrite.Errorf(rewrite.ErrRefused, "", 0, 0,
		"no pydantic-settings class (a class deriving from BaseSettings) in the project at %s", p.root).
		WithHint("create one, or name it with --settings PATH[:Class]")
}

// pythonProject reports whether the root holds what makes a directory a
// Python project, for a message: a pyproject.toml, a requirements file, a
// setup.py or setup.cfg.
func (p *project) pythonProject() bool {
	for _, name := range []string{"pyproject.toml", "setup.py", "setup.cfg"} {
		if _, err := os.Lstat(filepath.Join(p.root, name)); err == nil {
			return true
		}
	}
	matches, _ := filepath.Glob(filepath.Join(p.root, "requirements*.txt"))
	return len(matches) > 0
}

// placeFiles returns, for each usual place (see places), the files among
// the project's files that it matches, in lexical order. It matches the
// list that the walk over the project made rather than globbing the file
// system again: discovery only considers listed files anyway.
func placeFiles(files []string) ([][]string, error) {
	var groups [][]string
	for _, pattern := range places() {
		var matches []string
		for _, rel := range files {
			ok, err := path.Match(pattern, rel)
			if err != nil {
				return nil, fmt.Errorf("looking for %s: %w", pattern, err)
			}
			if ok {
				matches = append(matches, rel)
			}
		}
		groups = append(groups, matches)
	}
	return groups, nil
}

// index is every parsed Python file of a project and the names of its
// settings classes.
type index struct {
	files    map[string]*indexed // by slash path
	settings map[string]bool     // names of classes that derive from BaseSettings
}

// indexed is one file: parsed, possibly only partly, with its syntax error.
type indexed struct {
	rel  string
	src  []byte
	file *File
	serr *rewrite.Error
}

// index parses the project's files and finds its settings class names.
// Files that cannot hold a class are not parsed; those in full are read
// as Parse reads them, the others only as far as discovery needs. A file
// the trace parsed already is not parsed again.
func (s *sources) index(full map[string]bool) (*index, error) {
	idx := &index{files: map[string]*indexed{}, settings: map[string]bool{}}
	for _, rel := range s.files {
		if in, ok := s.parsed[rel]; ok {
			idx.files[rel] = in
			continue
		}
		src, err := s.read(rel)
		if errors.Is(err, errSkip) {
			continue
		}
		if err != nil {
			return nil, err
		}
		in := &indexed{rel: rel, src: src}
		if bytes.Contains(src, []byte("class")) {
			var need reads
			if full[rel] {
				need = readAll
			}
			in.file, in.serr, err = parse(rel, src, need)
			if err != nil {
				return nil, err
			}
		}
		idx.files[rel] = in
	}
	for changed := true; changed; {
		changed = false
		for _, in := range idx.files {
			for _, c := range in.classes() {
				if !idx.settings[c.class.Name] && idx.derives(in, c.class) {
					idx.settings[c.class.Name] = true
					changed = true
				}
			}
		}
	}
	return idx, nil
}

// classes returns the file's classes, none when it was not parsed.
func (in *indexed) classes() []classInfo {
	if in.file == nil {
		return nil
	}
	return in.file.classes
}

// derives reports whether a class of the file derives from BaseSettings,
// directly or through a known settings class.
func (idx *index) derives(in *indexed, c Class) bool {
	for _, b := range c.Bases {
		last := b[strings.LastIndexByte(b, '.')+1:]
		if in.file.isSettingsBase(b) || (idx.settings[last] && last != c.Name) {
			return true
		}
	}
	return false
}

// candidate is a settings class found in a file.
type candidate struct {
	in    *indexed
	class Class
}

func (c candidate) String() string {
	return fmt.Sprintf("%s:%d (%s)", c.in.rel, c.class.Line, c.class.Name)
}

// candidates returns the settings classes of the files, in order, and the
// first syntax error of a file that holds or may hold one.
func (idx *index) candidates(files []string) ([]candidate, error) {
	var out []candidate
	for _, rel := range files {
		in := idx.files[rel]
		if isTestPath(rel) || isGunicornConf(rel) {
			continue // tests, scripts and server configuration are not the app
		}
		found := 0
		for _, ci := range in.classes() {
			if idx.derives(in, ci.class) {
				out = append(out, candidate{in: in, class: ci.class})
				found++
			}
		}
		if in.serr != nil && (found > 0 || bytes.Contains(in.src, []byte("BaseSettings"))) {
			return nil, in.serr
		}
	}
	return out, nil
}

// pick chooses the settings class of one place, or returns nil, nil when
// the place has none.
func (idx *index) pick(files []string) (*candidate, error) {
	all, err := idx.candidates(files)
	if err != nil || len(all) == 0 {
		return nil, err
	}
	// A candidate that another derives from is a base class, not the
	// settings.
	var leaves []candidate
	for _, c := range all {
		base := false
		for _, o := range all {
			for _, b := range o.class.Bases {
				if o.class.Name != c.class.Name && b[strings.LastIndexByte(b, '.')+1:] == c.class.Name {
					base = true
				}
			}
		}
		if !base {
			leaves = append(leaves, c)
		}
	}
	if len(leaves) == 0 {
		leaves = all
	}
	var named []candidate
	for _, c := range leaves {
		if c.class.Name == "Settings" {
			named = append(named, c)
		}
	}
	switch {
	case len(named) == 1:
		return &named[0], nil
	case len(named) == 0 && len(leaves) == 1:
		return &leaves[0], nil
	}
	if len(named) > 1 {
		leaves = named
	}
	list := make([]string, len(leaves))
	for i, c := range leaves {
		list[i] = c.String()
	}
	return nil, rewrite.Errorf(rewrite.ErrRefused, "", 0, 0,
		"found %d settings classes and cannot tell which one to edit: %s", len(leaves), strings.Join(list, ", ")).
		WithHint("choose one with --settings PATH[:Class], e.g. --settings %s:%s", leaves[0].in.rel, leaves[0].class.Name)
}

// location is where the candidate is; how says how it was found, after
// its path, for Location.Via.
func (c candidate) location(how string) *Location {
	return &Location{Path: c.in.rel, Module: moduleName(c.in.rel), Class: c.class.Name, Line: c.class.Line,
		Via: c.in.rel + " " + how}
}

// found returns what Discover returns for the candidate c that pick chose,
// or pick's error (c is then nil): the location and the module.
func found(c *candidate, err error, how string) (*Location, *File, error) {
	if err != nil {
		return nil, nil, err
	}
	return c.location(how), c.in.file, nil
}

// choose resolves --settings PATH or PATH:Class.
func (p *project) choose(idx *index, choice string) (*Location, *File, error) {
	path, class := choice, ""
	if i := strings.LastIndexByte(choice, ':'); i >= 0 && isIdentifier(choice[i+1:]) {
		path, class = choice[:i], choice[i+1:]
	}
	rel, err := p.relative(path)
	if err != nil {
		return nil, nil, err
	}
	if !strings.HasSuffix(rel, ".py") {
		return nil, nil, rewrite.Errorf(rewrite.ErrRefused, rel, 0, 0, "is not a Python module (named by --settings)").
			WithHint("name the .py file that defines the settings class, as --settings PATH.py[:Class]")
	}
	src, err := p.read(rel)
	if errors.Is(err, errSkip) {
		return nil, nil, rewrite.Errorf(rewrite.ErrRefused, rel, 0, 0, "no such Python file in the project (named by --settings)").
			WithHint("name the .py file that defines the settings class; a relative path is taken from where paxx runs (-C DIR)")
	}
	if err != nil {
		return nil, nil, err
	}
	f, err := parseChecked(rel, src, readAll) // the module paxx will edit
	if err != nil {
		return nil, nil, err
	}
	in := &indexed{rel: rel, src: src, file: f}
	if class != "" {
		c, ok := f.Class(class)
		if !ok {
			return nil, nil, rewrite.Errorf(rewrite.ErrRefused, rel, 0, 0, "no top-level class %s (named by --settings)", class).
				WithHint("%s", classesHint(rel, f))
		}
		return candidate{in: in, class: c}.location("(--settings)"), f, nil
	}
	idx.files[rel] = in
	c, err := idx.pick([]string{rel})
	if c == nil && err == nil {
		return nil, nil, rewrite.Errorf(rewrite.ErrRefused, rel, 0, 0, "no class deriving from BaseSettings (named by --settings)").
			WithHint("%s", classesHint(rel, f))
	}
	return found(c, err, "(--settings)")
}

// classesHint is the hint of a --settings module without the class asked
// for: the classes it has, to name one as PATH:Class, or, when it has
// none, that the settings class lives in another module.
func classesHint(rel string, f *File) string {
	var names []string
	for _, c := range f.classes {
		names = append(names, c.class.Name)
	}
	if len(names) == 0 {
		return "the module defines no class: name the one that defines the settings class"
	}
	return fmt.Sprintf("name the class: --settings %s:Class; the module defines %s", rel, strings.Join(names, ", "))
}

// relative turns a --settings path, relative to the root or absolute, into
// a slash path inside the root.
func (p *project) relative(path string) (string, error) {
	abs := path
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(p.root, filepath.FromSlash(path))
	} else if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real // the root is resolved: compare like with like
	}
	rel, err := filepath.Rel(p.root, filepath.Clean(abs))
	if err != nil || !p.files.Contains(filepath.Join(p.root, rel)) {
		return "", rewrite.Errorf(rewrite.ErrRefused, path, 0, 0, "--settings names a file outside the project").
			WithHint("give a path inside the project root")
	}
	return filepath.ToSlash(rel), nil
}
