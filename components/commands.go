package components

import (
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/paxx-dev/paxx/filetx"
	"github.com/paxx-dev/paxx/project"
	"github.com/paxx-dev/paxx/pyproject"
)

// Result is what add or check found and, for add, the file changes to make.
type Result struct {
	// Components are the components acted on, in install order.
	Components []string
	// Inferred is true when check found no [tool.paxx] record and guessed
	// the installed components from the project's files.
	Inferred bool
	// Findings are the report's lines, grouped by component.
	Findings []Finding
	// Changes are the files add would write (empty for check). Their
	// paths are relative to Root.
	Changes []*filetx.Change
	// Root is the directory that holds every changed file: the Python
	// project's, or above it when the compose file or the environment file
	// lies higher. Commit the changes there.
	Root string
	// NextSteps are what the user must do after add, derived from the
	// project: install the dependencies, start the services, import the
	// generated modules.
	NextSteps []string

	display func(string) string
}

// DisplayPath returns a change's path as the user sees it: relative to the
// directory paxx was started in ("../compose.yml").
func (r *Result) DisplayPath(rel string) string {
	if r.display == nil {
		return rel
	}
	return r.display(rel)
}

// finish fills in what every result of p carries: the root, findings
// named from where paxx was started.
func (p *tree) finish(res *Result) {
	res.Root, res.display = p.root, p.layout.Display
	for i := range res.Findings {
		res.Findings[i].Path = p.layout.Display(res.Findings[i].Path)
	}
}

// Has reports whether the result holds a finding of kind k.
func (r *Result) Has(k Kind) bool {
	for _, f := range r.Findings {
		if f.Kind == k {
			return true
		}
	}
	return false
}

// Add plans the installation of the named components (and those they
// require) into the project. A required component that was not installed
// and not named is recorded in [tool.paxx] automatic, for remove to take
// away with the last component that requires it; a named one that is on
// that list is taken off it. It writes nothing: the caller shows the diff
// or commits Result.Changes.
func Add(opts Options, names []string) (*Result, error) {
	p, err := openProject(opts)
	if err != nil {
		return nil, unknownFirst(opts, names, err)
	}
	names, err = p.fromFolders(opts, names)
	if err != nil {
		return nil, err
	}
	comps, err := p.cat.Resolve(names)
	if err != nil {
		return nil, err
	}
	res, err := add(p, opts, comps, names)
	if err != nil {
		return nil, p.shown(err)
	}
	return res, nil
}

// add installs comps into the project p.
func add(p *tree, opts Options, comps []*Component, names []string) (*Result, error) {
	e := &engine{p: p, force: opts.Force, found: Added}
	res := &Result{}
	rec, err := p.readRecord()
	if err != nil {
		return nil, err
	}
	recorded, automatic := rec.installed(), rec.automatic()
	auto := automaticOnAdd(comps, names, recorded)
	e.noteRequired(comps, names, recorded)
	userRecord, err := e.recordAdoption()
	if err != nil {
		return nil, err
	}
	empty, err := e.emptyKeys()
	if err != nil {
		return nil, err
	}
	blankEnv, err := p.blankEnvFile()
	if err != nil {
		return nil, err
	}
	for i, c := range comps {
		adopted, err := e.adoptions(c)
		if err != nil {
			return nil, err
		}
		if err := e.install(c); err != nil {
			return nil, err
		}
		if err := e.recordInstalled(c); err != nil {
			return nil, err
		}
		if i == 0 {
			if err := e.recordFlags(c); err != nil {
				return nil, err
			}
		}
		if i == 0 && userRecord != "" {
			if err := e.adopt(c, recordOwner, []string{userRecord}); err != nil {
				return nil, err
			}
		}
		if err := e.recordAdopted(c, adopted); err != nil {
			return nil, err
		}
		if err := e.recordReplaced(c); err != nil {
			return nil, err
		}
		if err := e.recordRenamed(c); err != nil {
			return nil, err
		}
		if auto[c.Name] {
			err = e.recordAutomatic(c)
		} else if named(names, c.Name) {
			err = e.claim(c, automatic)
		}
		if err != nil {
			return nil, err
		}
		res.Components = append(res.Components, c.Name)
	}
	if len(comps) > 0 {
		if err := e.recordFilled(comps[len(comps)-1], empty); err != nil {
			return nil, err
		}
		if err := e.recordBlankFile(comps[len(comps)-1], blankEnv); err != nil {
			return nil, err
		}
	}
	res.Findings = e.sorted()
	res.Changes = p.changes()
	if len(res.Changes) > 0 {
		res.NextSteps = e.nextSteps(comps)
	}
	p.finish(res)
	return res, nil
}

// recordInstalled keeps the component in the record's infra list, and
// where it came from when it is not built in.
func (e *engine) recordInstalled(c *Component) error {
	if err := e.record(c, recordEdit{keyInfra, c.Name}); err != nil {
		return err
	}
	if c.Source == "" {
		return nil
	}
	folder := e.p.sourceOf(c)
	rec, err := e.p.readRecord()
	if err != nil {
		return err
	}
	if have, ok := rec.sources()[c.Name]; ok && have != folder {
		e.note(c, e.p.recordRel, 0, "recorded as coming from %s; now added from %s, which stays recorded", have, folder)
		return nil
	}
	return e.record(c, recordEdit{keySources, ownedEntry(c.Name, folder)})
}

// record writes entry to paxx's record, as c's change. The record file
// of a project without pyproject.toml is created, with its header, by the
// first entry.
func (e *engine) record(c *Component, entry recordEdit) error {
	f, err := e.p.file(e.p.recordRel)
	if err != nil {
		return err
	}
	if !f.Existed && f.New == nil && e.p.recordRel != e.p.pyproj {
		f.New = []byte(recordHeader)
	}
	return editFile(e, c, e.p.recordRel, pyproject.Parse, entry.Ensure)
}

// Check reports drift: every edit that the plans of the installed
// components (or of the named ones) would still make, and notes which of
// them paxx installed automatically, for a component that requires them.
// It writes nothing.
func Check(opts Options, names []string) (*Result, error) {
	p, err := openProject(opts)
	if err != nil {
		return nil, err
	}
	res, err := check(p, names)
	if err != nil {
		return nil, p.shown(err)
	}
	return res, nil
}

// check runs the plans of the named (or installed) components on p.
func check(p *tree, names []string) (*Result, error) {
	var err error
	res := &Result{}
	if len(names) == 0 {
		if names, res.Inferred, err = installed(p); err != nil {
			return nil, err
		}
	}
	comps, err := p.cat.Resolve(names)
	if err != nil {
		return nil, err
	}
	e := &engine{p: p, found: Drift}
	if !res.Inferred {
		e.requiredDrift(comps, names)
	}
	if !res.Inferred {
		rec, err := p.readRecord()
		if err != nil {
			return nil, err
		}
		e.automaticNotes(comps, rec.installed(), rec.automatic())
	}
	for _, c := range comps {
		if err := e.install(c); err != nil {
			return nil, err
		}
		res.Components = append(res.Components, c.Name)
	}
	res.Findings = e.sorted()
	p.finish(res)
	return res, nil
}

// installed returns the components recorded in paxx's record or, without
// a record, those the project shows signs of: a settings field or a
// generated module of the component.
func installed(p *tree) (names []string, inferred bool, err error) {
	rec, err := p.readRecord()
	if err != nil {
		return nil, false, err
	}
	if infra := rec.installed(); infra != nil {
		for _, n := range infra {
			if _, err := p.cat.Lookup(n); err != nil {
				return nil, false, fmt.Errorf("%s: [tool.paxx] infra: %w", p.recordRel, err)
			}
		}
		return infra, false, nil
	}
	cls, _, err := p.settingsClass()
	if err != nil {
		return nil, false, err
	}
	for _, c := range p.cat.Components() {
		found := false
		for _, f := range c.Fields {
			if _, ok := cls.HasField(f.Name); ok {
				found = true
			}
		}
		for _, m := range c.Modules {
			if fileExists(p.root, p.coreDir+"/"+m.Name) {
				found = true
			}
		}
		if found {
			names = append(names, c.Name)
		}
	}
	sort.Strings(names)
	return names, true, nil
}

// Summary is a one-line account of a result for people.
func (r *Result) Summary() string {
	var added, drift, notes int
	for _, f := range r.Findings {
		switch f.Kind {
		case Added:
			added++
		case Drift:
			drift++
		case Note:
			notes++
		}
	}
	list := strings.Join(r.Components, ", ")
	switch {
	case len(r.Components) == 0:
		return "no components installed"
	case added > 0:
		return fmt.Sprintf("%s: %d change(s) in %d file(s)", list, added, len(r.Changes))
	case drift > 0:
		return fmt.Sprintf("%s: %d finding(s) of drift", list, drift)
	default:
		return fmt.Sprintf("%s: everything is already in place", list)
	}
}

// Recorded returns the components recorded in the record (pyproject.toml's
// [tool.paxx], or RecordFile) of the Python project that paxx started in
// dir works on, and those among them recorded as installed automatically
// ([tool.paxx] automatic); nil when there is no record. One read serves
// both.
func Recorded(dir string) (installed, automatic []string, err error) {
	f, err := readRecord(dir)
	if f == nil || err != nil {
		return nil, nil, err
	}
	rec := recordOf(f)
	return rec.installed(), rec.automatic(), nil
}

// readRecord parses the record file of the Python project that paxx
// started in dir works on, nil when there is none.
func readRecord(dir string) (*pyproject.File, error) {
	l, err := project.Find(project.Options{Dir: dir})
	if err != nil {
		return nil, err
	}
	return layoutRecord(l)
}

// layoutRecord parses the record file of the project l, nil when there
// is none.
func layoutRecord(l *project.Layout) (*pyproject.File, error) {
	rel := recordPath(l)
	c, err := filetx.ReadFile(l.Base, rel)
	if err != nil || !c.Existed {
		return nil, displayErr(l, err, ".")
	}
	return pyproject.Parse(l.Display(rel), c.Old)
}

// recordPath is the file that holds the record of the project l:
// pyproject.toml, or RecordFile in the Python project's directory.
func recordPath(l *project.Layout) string {
	if l.Pyproject != "" {
		return l.Pyproject
	}
	return path.Join(l.Python, RecordFile)
}

// sorted returns the findings grouped by component in install order, then
// by file in the order the files were read, then by line.
func (e *engine) sorted() []Finding {
	comp, file := map[string]int{}, map[string]int{}
	for i, f := range e.findings {
		if _, ok := comp[f.Component]; !ok {
			comp[f.Component] = i
		}
	}
	for i, rel := range e.p.order {
		file[rel] = i
	}
	out := append([]Finding(nil), e.findings...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if comp[a.Component] != comp[b.Component] {
			return comp[a.Component] < comp[b.Component]
		}
		if file[a.Path] != file[b.Path] {
			return file[a.Path] < file[b.Path]
		}
		return a.Line < b.Line
	})
	return out
}

// nextSteps says what the user must do after installing comps: install
// the dependencies with the project's own tool (where the image installs
// them), rebuild and recreate the app with the services it now uses, and
// import the generated modules by the project's own dotted path.
func (e *engine) nextSteps(comps []*Component) []string {
	var services, reqs []string
	for _, c := range comps {
		if e.p.hasDeps {
			reqs = append(reqs, c.Dependencies...)
		}
		if b, ok := e.bindings[c.Name]; ok {
			for _, name := range []string{b.service, b.worker} {
				// What runs once add is done: the services the compose
				// files now define.
				if _, _, ok, _ := e.p.findService(name); ok && name != "" && !slices.Contains(services, name) {
					services = append(services, name)
				}
			}
		}
	}
	steps := e.p.layout.NextSteps(reqs, services)
	for _, c := range comps {
		for _, m := range c.Modules {
			if len(m.Exports) > 0 {
				rel := path.Join(e.p.coreDir, m.Name)
				steps = append(steps, fmt.Sprintf("from %s import %s", e.p.moduleImport(rel), strings.Join(m.Exports, ", ")))
			}
		}
	}
	return steps
}
