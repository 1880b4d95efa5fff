package python

import (
	"bytes"
	"fmt"
	"path"
	"strings"

	"github.com/paxx-dev/paxx/rewrite"
)

// App is where a project builds the FastAPI app that its entrypoint runs,
// and where that app's lifespan is defined: what a Wire edits.
type App struct {
	// Path is the module that builds the app, a slash path relative to
	// the root; Module is its dotted name.
	Path, Module string
	// Attr is what the entrypoint names in the module ("app",
	// "create_app"), "" when it names nothing.
	Attr string
	// Line is the line that builds the app.
	Line int
	// Lifespan is the app's lifespan when the module imports it from
	// another module of the project; nil when the app has none or defines
	// it itself.
	Lifespan *Lifespan
	// HasLifespan says the app passes lifespan= (from anywhere) or has
	// on_event / add_event_handler handlers: a lifespan of the user's.
	HasLifespan bool
}

// Lifespan is a lifespan function defined in another module than the
// app's.
type Lifespan struct {
	Path, Module, Func string
}

// FindApp finds the app that the project's entrypoints run ("app.main:app",
// "app/main.py", "main:create_app"), else the one module in the usual
// places (main.py, app/main.py, src/*/main.py, app.py, api/main.py) or,
// failing those, in the project that builds an app. A module that builds
// several, or several modules that build one when no entrypoint says
// which, are a refusal: paxx does not guess.
func FindApp(root string, entrypoints []string) (*App, error) {
	p, err := newProject(root)
	if err != nil {
		return nil, err
	}
	files, regular, err := p.pythonFiles()
	if err != nil {
		return nil, err
	}
	listed := map[string]bool{}
	for _, f := range files {
		listed[f] = true
	}
	r := &appFinder{p: p, listed: listed, regular: regular}
	for _, ref := range entrypoints {
		spec, attr, _ := strings.Cut(ref, ":")
		spec, attr = strings.TrimSpace(spec), strings.TrimSpace(attr)
		rel := ""
		if strings.Contains(spec, "/") || strings.HasSuffix(spec, ".py") {
			if c := path.Clean(strings.TrimPrefix(spec, "./")); listed[c] {
				rel = c
			}
		} else {
			rel = r.module(spec)
		}
		if rel == "" {
			continue
		}
		if a, err := r.app(rel, attr); a != nil || err != nil {
			return a, err
		}
	}
	var found []string
	for _, pattern := range []string{"main.py", "app/main.py", "src/*/main.py", "app.py", "api/main.py"} {
		for _, rel := range files {
			if ok, _ := path.Match(pattern, rel); ok && r.builds(rel) {
				found = append(found, rel)
			}
		}
		if len(found) > 0 {
			break
		}
	}
	if len(found) == 0 {
		for _, rel := range files {
			if !isTestPath(rel) && r.builds(rel) {
				found = append(found, rel)
			}
		}
	}
	switch len(found) {
	case 0:
		return nil, rewrite.Errorf(rewrite.ErrRefused, "", 0, 0, "no module builds a FastAPI app (app = FastAPI(...))").
			WithHint("name the app in pyproject.toml's [tool.fastapi] entrypoint = \"module:app\"")
	case 1:
		return r.app(found[0], "")
	}
	return nil, rewrite.Errorf(rewrite.ErrRefused, found[1], 0, 0, "%d modules build a FastAPI app (%s): paxx cannot tell which one runs", len(found), strings.Join(found, ", ")).
		WithHint("name the app in pyproject.toml's [tool.fastapi] entrypoint = \"module:app\"")
}

// appFinder reads the project's modules for FindApp.
type appFinder struct {
	p       *project
	listed  map[string]bool
	regular map[string]bool
}

// read returns a listed module's source, nil when discovery passes over
// it.
func (r *appFinder) read(rel string) []byte {
	src, err := r.p.readListed(rel, r.regular[rel])
	if err != nil {
		return nil
	}
	return src
}

// builds reports whether a module mentions FastAPI( and builds an app.
func (r *appFinder) builds(rel string) bool {
	src := r.read(rel)
	if !bytes.Contains(src, []byte("FastAPI(")) {
		return false
	}
	t, err := readAppTree(rel, src)
	if err != nil {
		return false
	}
	defer t.close()
	return len(t.builds()) > 0
}

// module returns the file of a dotted module, under the root or src/.
func (r *appFinder) module(dotted string) string {
	if dotted == "" || strings.HasPrefix(dotted, ".") {
		return ""
	}
	base := strings.ReplaceAll(dotted, ".", "/")
	for _, prefix := range []string{"", "src/"} {
		for _, rel := range []string{prefix + base + ".py", prefix + base + "/__init__.py"} {
			if r.listed[rel] {
				return rel
			}
		}
	}
	return ""
}

// relative returns the file of a relative import's module spec (".",
// "..core.lifespan") written in module rel.
func (r *appFinder) relative(rel, spec string) string {
	level := len(spec) - len(strings.TrimLeft(spec, "."))
	dir := path.Dir(rel)
	for range level - 1 {
		dir = path.Dir(dir)
	}
	base := path.Join(dir, strings.ReplaceAll(spec[level:], ".", "/"))
	for _, c := range []string{base + ".py", base + "/__init__.py"} {
		if r.listed[path.Clean(c)] {
			return path.Clean(c)
		}
	}
	return ""
}

// app reads the app that attr names in module rel; nil when the module
// builds none.
func (r *appFinder) app(rel, attr string) (*App, error) {
	src := r.read(rel)
	if src == nil {
		return nil, nil
	}
	t, err := readAppTree(rel, src)
	if err != nil {
		return nil, err
	}
	defer t.close()
	if len(t.builds()) == 0 {
		return nil, nil
	}
	b, err := t.app(attr)
	if err != nil {
		return nil, err
	}
	line, _ := rewrite.Position(src, int(b.assign.StartByte()))
	a := &App{Path: rel, Module: moduleName(rel), Attr: attr, Line: line}
	_, args := t.callParts(b.call)
	a.HasLifespan = len(t.handlers(b)) > 0
	kw := t.keyword(args, "lifespan")
	if kw == nil {
		return a, nil
	}
	a.HasLifespan = true
	v := kw.ChildByFieldName("value")
	if v == nil || v.Type() != "identifier" {
		return a, nil
	}
	name := t.text(v)
	if _, def := t.function(name); def != nil {
		return a, nil
	}
	from, ok := t.bound(name)
	if !ok || from == "" || strings.HasPrefix(from, "\x00") {
		return a, nil
	}
	target := r.module(from)
	if strings.HasPrefix(from, ".") {
		target = r.relative(rel, from)
	}
	if target == "" {
		return a, nil // a library's lifespan: Wire refuses it, with the lines to paste
	}
	lsrc := r.read(target)
	lt, err := readAppTree(target, lsrc)
	if err != nil {
		return nil, err
	}
	defer lt.close()
	if _, def := lt.function(name); def != nil && yieldStmt(def) != nil {
		a.Lifespan = &Lifespan{Path: target, Module: moduleName(target), Func: name}
	}
	return a, nil
}

// String describes the app for messages.
func (a *App) String() string {
	if a.Attr != "" {
		return fmt.Sprintf("%s:%s", a.Path, a.Attr)
	}
	return a.Path
}

// Defines reports whether the module defines name at its top level (a
// function, a class or an assignment), not by importing it: what a
// component's module must do for each name the app is to use.
func (f *File) Defines(name string) bool {
	t, err := readAppTree(f.path, f.Bytes())
	if err != nil {
		return false
	}
	defer t.close()
	from, ok := t.bound(name)
	return ok && from == ""
}
