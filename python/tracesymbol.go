package python

import (
	"fmt"
	"path"
	"strings"
)

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

// lookup resolves a name, possibly dotted ("cfg.settings"), as module m
// binds it.
func (t *tracer) lookup(m *module, name string, depth int) (symbol, error) {
	first, rest, _ := strings.Cut(name, ".")
	s, err := t.lookupName(m, first, depth)
	if err != nil {
		return symbol{}, err
	}
	return t.attrs(s, rest, depth)
}

// attrs resolves the dotted attributes rest ("a.b", or "" for none) of
// what s refers to.
func (t *tracer) attrs(s symbol, rest string, depth int) (symbol, error) {
	if rest == "" {
		return s, nil
	}
	for part := range strings.SplitSeq(rest, ".") {
		switch s.kind {
		case symModule:
			var err error
			if s, err = t.member(s.mod, part, depth+1); err != nil {
				return symbol{}, err
			}
		case symLibrary:
			s.library += "." + part
		default:
			return symbol{}, nil
		}
	}
	return s, nil
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
		if b := f.bindings[i]; b.name == name && !b.guarded {
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
// holds, or nil when it holds no settings object. An object annotated
// with a settings class (`settings: BaseAppSettings = get_settings()`, a
// function `-> BaseAppSettings`) is of that class, whatever the factory
// behind it may pick at run time; else it is of the classes its call may
// instantiate.
func (t *tracer) settingsObject(s symbol, via string) (*object, error) {
	var targets []string
	var annotation string
	switch s.kind {
	case symAssign:
		targets, annotation = s.assign.targets, s.assign.annotation
	case symFunc:
		targets, annotation = s.fn.targets, s.fn.returns
	default:
		return nil, nil
	}
	o := &object{name: s.name, via: via, mod: s.mod, call: s.kind == symFunc}
	named, c, err := t.annotated(s.mod, annotation)
	if err != nil || c != nil {
		o.classes, o.via = []classRef{*c}, fmt.Sprintf("%s; its annotation names %s", via, named)
		return o, err
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
	o.classes = classes
	return o, nil
}

// annotated returns the settings class an annotation written in module m
// names, and the name as written, or nil: the annotation is a name or a
// dotted name, possibly in quotes, of a project class that is a settings
// class. The name may come from an import under `if TYPE_CHECKING:`.
func (t *tracer) annotated(m *module, annotation string) (string, *classRef, error) {
	name := annotatedName(annotation)
	if name == "" {
		return "", nil, nil
	}
	s, err := t.lookupAnnotation(m, name)
	if err != nil || s.kind != symClass {
		return "", nil, err
	}
	c := classRef{mod: s.mod, class: s.class}
	if ok, err := t.accepts(c); err != nil || !ok {
		return "", nil, err
	}
	return name, &c, nil
}

// lookupAnnotation resolves a name an annotation of module m gives as
// lookup does, or else through the module's guarded imports (`if
// TYPE_CHECKING:`), which bind names for annotations alone.
func (t *tracer) lookupAnnotation(m *module, name string) (symbol, error) {
	s, err := t.lookup(m, name, 0)
	if err != nil || s.kind != symNone {
		return s, err
	}
	f, err := t.file(m)
	if err != nil {
		return symbol{}, err
	}
	first, rest, _ := strings.Cut(name, ".")
	for i := len(f.bindings) - 1; i >= 0; i-- {
		if b := f.bindings[i]; b.name == first && b.guarded {
			if s, err = t.resolveBinding(m, b, 0); err != nil {
				return symbol{}, err
			}
			return t.attrs(s, rest, 0)
		}
	}
	return symbol{}, nil
}

// annotatedName returns the name an annotation's text is, without the
// quotes of a string annotation: "Settings" for Settings or "Settings",
// "cfg.Settings" for cfg.Settings; "" for anything else (Optional[X],
// X | None).
func annotatedName(text string) string {
	text = strings.TrimSpace(text)
	if len(text) >= 2 && (text[0] == '"' || text[0] == '\'') && text[len(text)-1] == text[0] {
		text = strings.TrimSpace(text[1 : len(text)-1])
	}
	if text == "" || !isDottedName(text) {
		return ""
	}
	return text
}
