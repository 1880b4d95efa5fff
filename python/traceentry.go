package python

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/paxx-dev/paxx/rewrite"
)

// listSome joins the first n items, and says how many more there are.
func listSome(items []string, n int) string {
	if len(items) <= n {
		return strings.Join(items, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(items[:n], ", "), len(items)-n)
}

// isTestPath reports whether a file belongs to tests or scripts rather
// than to the application: under a tests/, test/, bin/ or scripts/
// directory, or named test_*.py, *_test.py or conftest.py.
func isTestPath(rel string) bool {
	dirs := strings.Split(path.Dir(rel), "/")
	for _, d := range dirs {
		switch d {
		case "tests", "test", "bin", "scripts":
			return true
		}
	}
	base := path.Base(rel)
	return strings.HasPrefix(base, "test_") || strings.HasSuffix(base, "_test.py") || base == "conftest.py"
}

// isGunicornConf reports whether a file is a gunicorn configuration
// module (gunicorn_conf.py, gunicorn.conf.py, ...): it configures the
// server, it is not the app.
func isGunicornConf(rel string) bool {
	return strings.HasPrefix(path.Base(rel), "gunicorn")
}

// entry is a module to start the trail from, and where it came from.
type entry struct {
	rel, name, how string
}

// given returns the entry modules named by the caller's entrypoints, in
// order, noting those that name no project module.
func (t *tracer) given(refs []string) []entry {
	var out []entry
	for _, ref := range refs {
		spec, _, _ := strings.Cut(ref, ":")
		spec = strings.TrimSpace(spec)
		var rel, name string
		if strings.Contains(spec, "/") || strings.HasSuffix(spec, ".py") {
			rel = path.Clean(strings.TrimPrefix(spec, "./"))
			name = t.entryName(rel)
			if !t.src.listed[rel] {
				rel = ""
			}
		} else {
			rel, name = t.findModule(spec), spec
		}
		if rel == "" {
			t.notes = append(t.notes, fmt.Sprintf("entrypoint %s names no module in the project", ref))
			continue
		}
		out = append(out, entry{rel: rel, name: name, how: "entrypoint " + ref})
	}
	return out
}

// entryName is the dotted name of an entry module given by its path: a
// src/ layout without src/__init__.py drops "src.", as moduleName does.
func (t *tracer) entryName(rel string) string {
	if strings.HasPrefix(rel, "src/") && t.src.listed["src/__init__.py"] {
		mod := strings.TrimSuffix(strings.TrimSuffix(rel, ".py"), "/__init__")
		return strings.ReplaceAll(mod, "/", ".")
	}
	return moduleName(rel)
}

// usual returns the usual places of the app module that exist: main.py,
// app/main.py, src/*/main.py, app.py, api/main.py.
func (t *tracer) usual() []entry {
	var out []entry
	for _, pattern := range []string{"main.py", "app/main.py", "src/*/main.py", "app.py", "api/main.py"} {
		for _, rel := range t.src.files {
			if ok, _ := path.Match(pattern, rel); ok {
				out = append(out, entry{rel: rel, name: t.entryName(rel), how: "the usual place of the app"})
			}
		}
	}
	return out
}

// scan returns the project modules that create the app at module level
// (see createsApp), outside tests and scripts. Only files that mention
// FastAPI are parsed.
func (t *tracer) scan(tried map[string]bool) ([]entry, error) {
	var out []entry
	for _, rel := range t.src.files {
		if tried[rel] || isTestPath(rel) || isGunicornConf(rel) {
			continue
		}
		src, err := t.src.read(rel)
		if errors.Is(err, errSkip) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if !bytes.Contains(src, []byte("FastAPI")) {
			continue
		}
		m := t.load(rel, t.entryName(rel))
		f, err := t.file(m)
		if err != nil {
			return nil, err
		}
		if createsApp(f) {
			out = append(out, entry{rel: rel, name: m.name, how: "it creates the FastAPI app"})
		}
	}
	return out, nil
}

// createsApp reports whether a module assigns `X = FastAPI(...)` at
// module level, or `X = create_app()` for a function of the module that
// returns a FastAPI instance.
func createsApp(f *File) bool {
	isApp := func(callee string) bool { return callee == "FastAPI" || strings.HasSuffix(callee, ".FastAPI") }
	factories := map[string]bool{}
	for _, fn := range f.funcs {
		if slices.ContainsFunc(fn.targets, isApp) {
			factories[fn.name] = true
		}
	}
	for _, a := range f.assigns {
		if isApp(a.callee) || factories[a.callee] {
			return true
		}
	}
	return false
}

// trace finds the settings class the application uses: from each entry
// in turn (the given ones, else the usual places, else the modules that
// create the app) along its imports. It returns nil when no trail reaches
// a settings object; t.notes then say what was followed.
func (t *tracer) trace(refs []string) (*Location, *File, error) {
	tried := map[string]bool{}
	try := func(entries []entry) (*Location, *File, error) {
		for _, e := range entries {
			if tried[e.rel] {
				continue
			}
			tried[e.rel] = true
			if isGunicornConf(e.rel) {
				t.notes = append(t.notes, fmt.Sprintf("%s is a gunicorn configuration, not the app", e.rel))
				continue
			}
			loc, f, err := t.follow(e)
			if loc != nil || err != nil {
				return loc, f, err
			}
		}
		return nil, nil, nil
	}
	if loc, f, err := try(t.given(refs)); loc != nil || err != nil {
		return loc, f, err
	}
	if loc, f, err := try(t.usual()); loc != nil || err != nil {
		return loc, f, err
	}
	scanned, err := t.scan(tried)
	if err != nil {
		return nil, nil, err
	}
	return try(scanned)
}

// follow walks the trail from one entry module.
func (t *tracer) follow(e entry) (*Location, *File, error) {
	objs, visited, err := t.trail(t.load(e.rel, e.name))
	if err != nil {
		return nil, nil, err
	}
	if len(objs) == 0 {
		t.notes = append(t.notes, fmt.Sprintf("followed %s (%s): its imports reach no settings object (looked at %s)", e.rel, e.how, listSome(visited, 6)))
		return nil, nil, nil
	}
	c, tied, err := t.settle(objs)
	if err != nil {
		return nil, nil, err
	}
	if c == nil {
		list := make([]string, len(tied))
		for i, tc := range tied {
			list[i] = tc.String()
		}
		return nil, nil, rewrite.Errorf(rewrite.ErrRefused, "", 0, 0,
			"followed %s (%s): it uses settings objects of %d classes with no common settings base and paxx cannot tell which one to edit: %s",
			e.rel, e.how, len(tied), strings.Join(list, ", ")).
			WithHint("choose one with --settings PATH[:Class], e.g. --settings %s:%s", tied[0].mod.rel, tied[0].class.class.Name)
	}
	in := c.target.mod.in
	if in.serr != nil {
		return nil, nil, in.serr
	}
	loc := &Location{Path: c.target.mod.rel, Module: c.target.mod.name, Class: c.target.class.class.Name,
		Line: c.target.class.class.Line, Via: c.via}
	// An object of the entry module itself would make a generated module
	// import the app's main module: a cycle. The class's module is then
	// asked instead.
	if o := c.object; o.mod != nil && o.mod.name != "" && o.mod.rel != e.rel {
		loc.Object = &Object{Module: o.mod.name, Accessor: Accessor{Name: o.name, Call: o.call}}
	}
	return loc, in.file, nil
}
