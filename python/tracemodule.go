package python

import (
	"errors"
	"path"
	"slices"
	"strings"
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
