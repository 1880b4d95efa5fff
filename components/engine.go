package components

import (
	"bytes"
	"fmt"
	"text/template"

	"github.com/paxx-dev/paxx/python"
	"github.com/paxx-dev/paxx/rewrite"
)

// engine carries out components' plans on a project in memory, for one
// command: add, check or remove.
type engine struct {
	p        *tree
	force    bool
	found    Kind // what an edit is: Added for add, Drift for check, Removed for remove
	findings []Finding
	// bindings are the components' bindings, worked out once (bind).
	bindings map[string]*binding
	// fields are the names of the catalogue's settings fields in the
	// project, worked out once (field).
	fields map[string]fieldNames
	// app and appErr are the FastAPI app the entrypoints run, or why paxx
	// cannot tell, found once (findApp).
	app    *python.App
	appErr error

	// What remove knows, and add and check leave empty:
	rec *record // paxx's record as remove read it
}

// install carries out c's plan.
func (e *engine) install(c *Component) error {
	steps, err := e.plan(c)
	if err != nil {
		return err
	}
	return e.apply(c, steps)
}

// editFile runs op, an edit of one format, on the file rel as parsed now,
// makes its result the file's content, and records its actions as
// findings of c: the one-off edits of the record, which belong to no
// component's plan.
func editFile[F document](e *engine, c *Component, rel string, parse parser[F], op func(F) (F, []rewrite.Action, error)) error {
	return editAs(e, c, step{rel: rel}, parse, op)
}

// editAs is editFile for an edit whose findings s words (s.say) and whose
// file is s.rel.
func editAs[F document](e *engine, c *Component, s step, parse parser[F], op func(F) (F, []rewrite.Action, error)) error {
	f, err := e.p.file(s.rel)
	if err != nil {
		return err
	}
	before := f.New
	actions, err := runOp(e.p, s.rel, parse, op)
	if err != nil {
		return err
	}
	if e.found != Removed {
		e.shift(s.rel, before, f.New)
	}
	e.report(c, s, actions)
	return nil
}

// shift moves the lines of earlier findings in rel past the lines that an
// edit from before to after inserted, so that every finding names its line
// in the file as finally written. Rewriter operations insert at one place.
func (e *engine) shift(rel string, before, after []byte) {
	delta := bytes.Count(after, []byte("\n")) - bytes.Count(before, []byte("\n"))
	if delta == 0 {
		return
	}
	same := 0 // whole lines the two share at the start
	for i := 0; i < len(before) && i < len(after) && before[i] == after[i]; i++ {
		if before[i] == '\n' {
			same++
		}
	}
	for i := range e.findings {
		if f := &e.findings[i]; f.Path == rel && f.Line > same {
			f.Line += delta
		}
	}
}

// add records a finding; edits read "added X" under add and "missing X"
// under check.
func (e *engine) add(c *Component, kind Kind, rel string, line int, msg string) {
	switch kind {
	case Added:
		msg = "added " + msg
	case Drift:
		msg = "missing " + msg
	}
	e.findings = append(e.findings, Finding{Component: c.Name, Kind: kind, Path: rel, Line: line, Message: msg})
}

// note records a finding that needs no edit.
func (e *engine) note(c *Component, rel string, line int, format string, args ...any) {
	e.add(c, Note, rel, line, fmt.Sprintf(format, args...))
}

// noteAdd records a note about how the project differs from what paxx
// would install: add and check say it, and remove, which takes out only
// what the record says paxx put in, has nothing to say about it.
func (e *engine) noteAdd(c *Component, rel string, line int, format string, args ...any) {
	if e.found != Removed {
		e.note(c, rel, line, format, args...)
	}
}

// moduleData is what a module template can use: .Import (the line that
// imports the project's settings), .Settings (the expression that gives the
// settings object), .Core (the import path of the core package), .Service
// (the compose service the component runs, as the project names it), and
// the functions attr (a field's attribute name) and env (a field's
// environment variable).
type moduleData struct {
	Import   string
	Settings string
	Core     string
	Service  string
	e        *engine
	newline  string // the settings module's line ending, which generated modules follow
}

func (e *engine) moduleData(c *Component) (*moduleData, error) {
	cls, f, err := e.p.settingsClass()
	if err != nil {
		return nil, err
	}
	mod := e.p.settings.Module
	src, err := e.p.file(e.p.settings.Path)
	if err != nil {
		return nil, err
	}
	d := &moduleData{e: e, newline: rewrite.Newline(src.New), Core: e.p.coreMod}
	b, err := e.bind(c)
	if err != nil {
		return nil, err
	}
	d.Service = b.service
	acc, ok := f.Accessor(cls.Name)
	if obj := e.p.settings.Object; obj != nil {
		// The object the app itself uses, where it lives.
		mod, acc, ok = obj.Module, obj.Accessor, true
	}
	if ok {
		d.Import = fmt.Sprintf("from %s import %s", mod, acc.Name)
		d.Settings = acc.Name
		if acc.Call {
			d.Settings += "()"
		}
	} else {
		d.Import = fmt.Sprintf("from %s import %s\n\nsettings = %s()", mod, cls.Name, cls.Name)
		d.Settings = "settings"
	}
	return d, nil
}

// render executes a module template.
func render(m Module, d *moduleData) ([]byte, error) {
	t, err := template.New(m.Name).Option("missingkey=error").Funcs(template.FuncMap{
		"attr": func(name string) string { n, _ := d.e.field(name); return n.attr },
		"env":  func(name string) string { return d.e.envKey(name) },
	}).Parse(m.Template)
	if err != nil {
		return nil, fmt.Errorf("template %s: %w", m.Name, err)
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, d); err != nil {
		return nil, fmt.Errorf("template %s: %w", m.Name, err)
	}
	return buf.Bytes(), nil
}
