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

// Bounds of the import walk: a real application reaches its settings in a
// few hops; the bounds keep a huge or cyclic import graph cheap.
const (
	maxHops    = 8   // import hops from the entry module
	maxModules = 400 // modules one trail may visit
	maxDepth   = 24  // nested look-ups (re-exports, base classes, factories)
)

// sources reads and parses a project's listed Python files, each at most
// once, for the trace and the fallback search alike.
type sources struct {
	p       *project
	files   []string        // the listed files, in lexical order
	listed  map[string]bool // the same, as a set
	regular map[string]bool // which of them the walk saw as regular files
	srcs    map[string][]byte
	parsed  map[string]*indexed // parsed in full (readAll), by path
}

// newSources lists the project's Python files.
func newSources(p *project) (*sources, error) {
	files, regular, err := p.pythonFiles()
	if err != nil {
		return nil, err
	}
	s := &sources{p: p, files: files, listed: map[string]bool{}, regular: regular,
		srcs: map[string][]byte{}, parsed: map[string]*indexed{}}
	for _, f := range files {
		s.listed[f] = true
	}
	return s, nil
}

// read returns a listed file's contents, or errSkip.
func (s *sources) read(rel string) ([]byte, error) {
	if src, ok := s.srcs[rel]; ok {
		return src, nil
	}
	src, err := s.p.readListed(rel, s.regular[rel])
	if err != nil {
		return nil, err
	}
	s.srcs[rel] = src
	return src, nil
}

// parse returns a listed file parsed in full, with its syntax error if
// any, or errSkip.
func (s *sources) parse(rel string) (*indexed, error) {
	if in, ok := s.parsed[rel]; ok {
		return in, nil
	}
	src, err := s.read(rel)
	if err != nil {
		return nil, err
	}
	f, serr, err := parse(rel, src, readAll)
	if err != nil {
		return nil, err
	}
	in := &indexed{rel: rel, src: src, file: f, serr: serr}
	s.parsed[rel] = in
	return in, nil
}

// module is a project module on the trail: its file and the dotted name
// the application imports it by.
type module struct {
	rel, name string
	in        *indexed
}

// symKind says what a name refers to.
type symKind int

const (
	symNone    symKind = iota // unbound, or not something the trace follows
	symLibrary                // imported from outside the project
	symModule
	symClass
	symFunc
	symAssign
	symDict
)

// symbol is what a name in a module refers to.
type symbol struct {
	kind    symKind
	mod     *module // where it is defined (the module itself for symModule)
	name    string  // its name there
	library string  // the module a library name comes from
	class   *classInfo
	fn      *moduleFunc
	assign  *moduleAssign
	dict    *moduleDict
}

// classRef is a project class and the module that defines it.
type classRef struct {
	mod   *module
	class *classInfo
}

func (c classRef) key() string { return c.mod.rel + ":" + c.class.class.Name }

func (c classRef) String() string {
	return fmt.Sprintf("%s:%d (%s)", c.mod.rel, c.class.class.Line, c.class.class.Name)
}

// settingsKind is how sure the trace is that a class is a settings class.
type settingsKind int

const (
	notSettings     settingsKind = iota
	unknownSettings              // some base comes from a library paxx cannot see
	isSettings                   // derives from pydantic's BaseSettings
)

// tracer follows an application's imports to its settings object.
type tracer struct {
	src     *sources
	modules map[string]*module // by path
	notes   []string           // what was passed over, and why
}

// load returns the module at path rel, imported as name (the first name
// it was reached by is kept), or nil when rel is "". The module is parsed
// when first looked into (see file): the walk queues modules it may never
// reach.
func (t *tracer) load(rel, name string) *module {
	if rel == "" {
		return nil
	}
	if m, ok := t.modules[rel]; ok {
		return m
	}
	m := &module{rel: rel, name: name}
	t.modules[rel] = m
	return m
}

// file returns the module parsed, parsing it on first use. A file that
// discovery passes over (too large, a link out of the project) reads as
// an empty module.
func (t *tracer) file(m *module) (*File, error) {
	if m.in != nil {
		return m.in.file, nil
	}
	in, err := t.src.parse(m.rel)
	if errors.Is(err, errSkip) {
		in, err = &indexed{rel: m.rel, file: &File{path: m.rel}}, nil
	}
	if err != nil {
		return nil, err
	}
	m.in = in
	return in.file, nil
}

// findModule returns the path of a dotted module under the root or under
// root/src, as a module file or a package's __init__.py, or "".
func (t *tracer) findModule(dotted string) string {
	if dotted == "" || strings.HasPrefix(dotted, ".") {
		return ""
	}
	base := strings.ReplaceAll(dotted, ".", "/")
	for _, prefix := range []string{"", "src/"} {
		for _, rel := range []string{prefix + base + ".py", prefix + base + "/__init__.py"} {
			if t.src.listed[rel] {
				return rel
			}
		}
	}
	return ""
}

// resolveSpec resolves an import's module, as written in module from
// (absolute, or relative with leading dots), to a project module: nil
// when it is not one.
func (t *tracer) resolveSpec(from *module, spec string) *module {
	return t.load(t.locate(from, spec))
}

// locate returns the path and dotted name of an import's module, as
// resolveSpec reads it, or "" for the path when it is no project file.
func (t *tracer) locate(from *module, spec string) (rel, name string) {
	level := len(spec) - len(strings.TrimLeft(spec, "."))
	if level == 0 {
		return t.findModule(spec), spec
	}
	rest := spec[level:]
	dir := path.Dir(from.rel)
	pkg := strings.Split(from.name, ".")
	if path.Base(from.rel) != "__init__.py" && len(pkg) > 0 {
		pkg = pkg[:len(pkg)-1]
	}
	for range level - 1 {
		if dir == "." {
			return "", ""
		}
		dir = path.Dir(dir)
		if len(pkg) > 0 {
			pkg = pkg[:len(pkg)-1]
		}
	}
	if rest != "" {
		pkg = append(pkg, strings.Split(rest, ".")...)
	}
	name = strings.Join(slices.DeleteFunc(pkg, func(s string) bool { return s == "" }), ".")
	base := path.Join(dir, strings.ReplaceAll(rest, ".", "/"))
	for _, c := range []string{base + ".py", base + "/__init__.py"} {
		if rest == "" && c == base+".py" {
			continue
		}
		if c = path.Clean(c); t.src.listed[c] {
			return c, name
		}
	}
	return "", name
}

// joinSpec is the module spec of a submodule: ".config" for "." and
// "config", "app.core.config" for "app.core" and "config".
func joinSpec(spec, name string) string {
	if strings.HasSuffix(spec, ".") {
		return spec + name
	}
	return spec + "." + name
}

// lookup resolves a name, possibly dotted ("cfg.settings"), as module m
// binds it.
func (t *tracer) lookup(m *module, name string, depth int) (symbol, error) {
	parts := strings.Split(name, ".")
	s, err := t.lookupName(m, parts[0], depth)
	for _, part := range parts[1:] {
		if err != nil {
			return symbol{}, err
		}
		switch s.kind {
		case symModule:
			s, err = t.member(s.mod, part, depth+1)
		case symLibrary:
			s.library += "." + part
		default:
			return symbol{}, nil
		}
	}
	return s, err
}

// member resolves attribute part of module m: a name it binds, else its
// submodule.
func (t *tracer) member(m *module, part string, depth int) (symbol, error) {
	s, err := t.lookupName(m, part, depth)
	if err != nil || s.kind != symNone {
		return s, err
	}
	dir := strings.TrimSuffix(m.rel, ".py")
	if path.Base(m.rel) == "__init__.py" {
		dir = path.Dir(m.rel)
	}
	for _, rel := range []string{dir + "/" + part + ".py", dir + "/" + part + "/__init__.py"} {
		if t.src.listed[rel] {
			return symbol{kind: symModule, mod: t.load(rel, m.name+"."+part), name: part}, nil
		}
	}
	return symbol{}, nil
}

// lookupName resolves a plain name in module m: what the module defines
// (a class, function, call result or dict) before what it imports.
func (t *tracer) lookupName(m *module, name string, depth int) (symbol, error) {
	if depth > maxDepth {
		return symbol{}, nil
	}
	f, err := t.file(m)
	if err != nil {
		return symbol{}, err
	}
	if ci := f.classInfo(name); ci != nil {
		return symbol{kind: symClass, mod: m, name: name, class: ci}, nil
	}
	for i := len(f.funcs) - 1; i >= 0; i-- {
		if f.funcs[i].name == name {
			return symbol{kind: symFunc, mod: m, name: name, fn: &f.funcs[i]}, nil
		}
	}
	for i := len(f.assigns) - 1; i >= 0; i-- {
		if f.assigns[i].name == name {
			return symbol{kind: symAssign, mod: m, name: name, assign: &f.assigns[i]}, nil
		}
	}
	for i := len(f.dicts) - 1; i >= 0; i-- {
		if f.dicts[i].name == name {
			return symbol{kind: symDict, mod: m, name: name, dict: &f.dicts[i]}, nil
		}
	}
	for i := len(f.bindings) - 1; i >= 0; i-- {
		if f.bindings[i].name == name {
			return t.resolveBinding(m, f.bindings[i], depth)
		}
	}
	return symbol{}, nil
}

// resolveBinding resolves what an import of module m binds.
func (t *tracer) resolveBinding(m *module, b binding, depth int) (symbol, error) {
	if b.attr == "" {
		spec := b.module
		if strings.HasPrefix(spec, b.name+".") {
			spec = b.name // import a.b binds a
		}
		mod := t.resolveSpec(m, spec)
		if mod == nil {
			return symbol{kind: symLibrary, library: spec}, nil
		}
		return symbol{kind: symModule, mod: mod, name: b.name}, nil
	}
	from := t.resolveSpec(m, b.module)
	if from != nil && from != m {
		s, err := t.lookupName(from, b.attr, depth+1)
		if err != nil || s.kind != symNone {
			return s, err
		}
	}
	if sub := t.resolveSpec(m, joinSpec(b.module, b.attr)); sub != nil {
		return symbol{kind: symModule, mod: sub, name: b.attr}, nil
	}
	if from == nil && !strings.HasPrefix(b.module, ".") {
		return symbol{kind: symLibrary, library: b.module + "." + b.attr}, nil
	}
	return symbol{}, nil
}

// classKind says whether a project class is a settings class, following
// its bases through the imports of the module that defines it.
func (t *tracer) classKind(c classRef, depth int) (settingsKind, error) {
	if depth > maxDepth {
		return notSettings, nil
	}
	kind := notSettings
	for _, b := range c.class.class.Bases {
		if c.mod.in.file.isSettingsBase(b) {
			return isSettings, nil
		}
		s, err := t.lookup(c.mod, b, depth+1)
		if err != nil {
			return notSettings, err
		}
		switch s.kind {
		case symClass:
			base := classRef{mod: s.mod, class: s.class}
			if base.key() == c.key() {
				continue
			}
			k, err := t.classKind(base, depth+1)
			if err != nil {
				return notSettings, err
			}
			kind = max(kind, k)
		case symLibrary:
			root, _, _ := strings.Cut(s.library, ".")
			if !isSettingsModule(root) && !isStdlib(root) {
				kind = max(kind, unknownSettings)
			}
		}
		if kind == isSettings {
			return kind, nil
		}
	}
	return kind, nil
}

// accepts reports whether an instance of the class is a settings object:
// a BaseSettings subclass, or a class whose bases come from a library
// paxx cannot see and whose name or bases say settings or config (so that
// a `class MyApp(FastAPI)` instance is not taken for settings).
func (t *tracer) accepts(c classRef) (bool, error) {
	if isTestPath(c.mod.rel) {
		return false, nil
	}
	k, err := t.classKind(c, 0)
	if err != nil || k == notSettings {
		return false, err
	}
	if k == isSettings {
		return true, nil
	}
	for _, name := range append([]string{c.class.class.Name}, c.class.class.Bases...) {
		lower := strings.ToLower(name)
		if strings.Contains(lower, "setting") || strings.Contains(lower, "config") {
			return true, nil
		}
	}
	return false, nil
}

// instanceOf returns the project classes that calling one of targets, as
// written in module m, may instantiate: a class, a factory function's
// returns, or the classes of a dict the call indexes.
func (t *tracer) instanceOf(m *module, targets []string, depth int) ([]classRef, error) {
	if depth > maxDepth {
		return nil, nil
	}
	var out []classRef
	for _, tg := range targets {
		name, indexed := strings.CutSuffix(tg, "[]")
		s, err := t.lookup(m, name, depth+1)
		if err != nil {
			return nil, err
		}
		var more []classRef
		switch {
		case indexed && s.kind == symDict:
			more, err = t.instanceOf(s.mod, s.dict.values, depth+1)
		case indexed:
		case s.kind == symClass:
			more = []classRef{{mod: s.mod, class: s.class}}
		case s.kind == symFunc:
			more, err = t.instanceOf(s.mod, s.fn.targets, depth+1)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, more...)
	}
	return out, nil
}

// object is a settings object the application uses: an instance or a
// function that returns one, and the classes it may be an instance of.
type object struct {
	name    string
	classes []classRef
	via     string  // how the trail reached it
	mod     *module // the module that defines it
	call    bool    // it is a function that returns the instance
}

// settingsObject returns the object a module-level name of module m
// holds, or nil when it holds no settings object.
func (t *tracer) settingsObject(s symbol, via string) (*object, error) {
	var targets []string
	switch s.kind {
	case symAssign:
		targets = s.assign.targets
	case symFunc:
		targets = s.fn.targets
	default:
		return nil, nil
	}
	classes, err := t.instanceOf(s.mod, targets, 0)
	if err != nil || len(classes) == 0 {
		return nil, err
	}
	for _, c := range classes {
		ok, err := t.accepts(c)
		if err != nil || !ok {
			return nil, err
		}
	}
	return &object{name: s.name, classes: classes, via: via, mod: s.mod, call: s.kind == symFunc}, nil
}

// step is a module the walk reached, and the chain of modules that led
// there.
type step struct {
	m     *module
	chain string
}

// trail walks the imports from the entry module, breadth first, and
// returns the settings objects at the smallest distance (those the entry
// module defines or imports by name come first) and the modules it
// looked at, in order.
func (t *tracer) trail(entry *module) (objs []object, visited []string, err error) {
	queue := []step{{m: entry, chain: entry.rel}}
	seen := map[string]bool{entry.rel: true}
	for hop := 0; hop <= maxHops && len(queue) > 0; hop++ {
		var next []step
		for _, st := range queue {
			if len(visited) == maxModules {
				break
			}
			visited = append(visited, st.m.rel)
			found, more, err := t.visit(st, seen)
			if err != nil {
				return nil, visited, err
			}
			objs, next = append(objs, found...), append(next, more...)
		}
		if len(objs) > 0 {
			return objs, visited, nil
		}
		queue = next
	}
	return nil, visited, nil
}

// visit reads one module of the walk: the settings objects it defines or
// imports by name, and the project modules it imports, to visit next.
func (t *tracer) visit(st step, seen map[string]bool) ([]object, []step, error) {
	f, err := t.file(st.m)
	if err != nil {
		return nil, nil, err
	}
	var objs []object
	var next []step
	enqueue := func(m *module) {
		if m != nil && !seen[m.rel] {
			seen[m.rel] = true
			next = append(next, step{m: m, chain: st.chain + " → " + m.rel})
		}
	}
	add := func(s symbol, via string) error {
		o, err := t.settingsObject(s, via)
		if o != nil {
			objs = append(objs, *o)
		}
		return err
	}
	for i := range f.assigns {
		a := &f.assigns[i]
		if err := add(symbol{kind: symAssign, mod: st.m, name: a.name, assign: a}, fmt.Sprintf("%s sets %s = %s(...)", st.chain, a.name, a.callee)); err != nil {
			return nil, nil, err
		}
	}
	for i := range f.funcs {
		fn := &f.funcs[i]
		if err := add(symbol{kind: symFunc, mod: st.m, name: fn.name, fn: fn}, fmt.Sprintf("%s defines %s()", st.chain, fn.name)); err != nil {
			return nil, nil, err
		}
	}
	for _, b := range f.bindings {
		if b.attr == "" {
			enqueue(t.resolveSpec(st.m, b.module))
			continue
		}
		s, err := t.resolveBinding(st.m, b, 0)
		if err != nil {
			return nil, nil, err
		}
		switch s.kind {
		case symModule:
			enqueue(s.mod)
			continue
		case symAssign, symFunc:
			if err := add(s, fmt.Sprintf("%s imports %s from %s", st.chain, b.attr, b.module)); err != nil {
				return nil, nil, err
			}
		}
		enqueue(t.resolveSpec(st.m, b.module))
	}
	return objs, next, nil
}

// choice is the class the trace settled on, and how.
type choice struct {
	target classRef
	via    string
	object object // the object the app uses
}

// settle picks the class among the objects found at one distance: their
// one class, else the nearest common settings base of their classes. A
// class that another candidate uses as a field type is a nested model,
// not the target. Several classes without a common base are a refusal.
func (t *tracer) settle(objs []object) (*choice, []classRef, error) {
	var classes []classRef
	seen := map[string]bool{}
	for _, o := range objs {
		for _, c := range o.classes {
			if !seen[c.key()] {
				seen[c.key()] = true
				classes = append(classes, c)
			}
		}
	}
	classes = withoutFieldTypes(classes)
	if len(classes) == 1 {
		o := objectOf(objs, classes[0])
		return &choice{target: classes[0], via: o.via, object: o}, nil, nil
	}
	base, err := t.commonBase(classes)
	if err != nil || base == nil {
		return nil, classes, err
	}
	names := make([]string, len(classes))
	for i, c := range classes {
		names[i] = c.class.class.Name
	}
	via := fmt.Sprintf("%s; it is one of %s, chosen at run time: their common base", objs[0].via, strings.Join(names, ", "))
	return &choice{target: *base, via: via, object: objs[0]}, nil, nil
}

// objectOf returns the first object the trail reached that is an
// instance of c.
func objectOf(objs []object, c classRef) object {
	for _, o := range objs {
		for _, oc := range o.classes {
			if oc.key() == c.key() {
				return o
			}
		}
	}
	return objs[0]
}

// withoutFieldTypes drops the classes that another of them uses in a
// field's type: `postgres: PostgresSettings = PostgresSettings()`.
func withoutFieldTypes(classes []classRef) []classRef {
	var out []classRef
	for _, c := range classes {
		nested := false
		for _, o := range classes {
			if o.key() == c.key() {
				continue
			}
			for _, fd := range o.class.class.Fields {
				if slices.Contains(identifiers(fd.Type), c.class.class.Name) {
					nested = true
				}
			}
		}
		if !nested {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		return classes
	}
	return out
}

// identifiers splits a type annotation's text into its names.
func identifiers(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !(r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 127)
	})
}

// ancestors returns a project class and its project base classes, nearest
// first (breadth first in base order).
func (t *tracer) ancestors(c classRef) ([]classRef, error) {
	out := []classRef{c}
	seen := map[string]bool{c.key(): true}
	for i := 0; i < len(out) && i < maxDepth; i++ {
		for _, b := range out[i].class.class.Bases {
			s, err := t.lookup(out[i].mod, b, 0)
			if err != nil {
				return nil, err
			}
			if s.kind != symClass {
				continue
			}
			base := classRef{mod: s.mod, class: s.class}
			if !seen[base.key()] {
				seen[base.key()] = true
				out = append(out, base)
			}
		}
	}
	return out, nil
}

// commonBase returns the nearest class that every one of classes is or
// derives from and that is itself a settings class, or nil.
func (t *tracer) commonBase(classes []classRef) (*classRef, error) {
	if len(classes) == 0 {
		return nil, nil
	}
	var sets []map[string]bool
	var first []classRef
	for i, c := range classes {
		anc, err := t.ancestors(c)
		if err != nil {
			return nil, err
		}
		if i == 0 {
			first = anc
		}
		set := map[string]bool{}
		for _, a := range anc {
			set[a.key()] = true
		}
		sets = append(sets, set)
	}
	for _, a := range first {
		all := true
		for _, set := range sets[1:] {
			all = all && set[a.key()]
		}
		if !all {
			continue
		}
		if ok, err := t.accepts(a); err != nil || ok {
			if err != nil {
				return nil, err
			}
			return &a, nil
		}
	}
	return nil, nil
}

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
