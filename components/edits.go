package components

import (
	"github.com/paxx-dev/paxx/alembic"
	"github.com/paxx-dev/paxx/compose"
	"github.com/paxx-dev/paxx/dotenv"
	"github.com/paxx-dev/paxx/pyproject"
	"github.com/paxx-dev/paxx/python"
	"github.com/paxx-dev/paxx/requirements"
	"github.com/paxx-dev/paxx/rewrite"
)

// document is a file of one format, parsed for editing: *python.File,
// *compose.File, *pyproject.File, *requirements.File, *dotenv.File,
// *alembic.File. Every edit of one returns a new one.
type document interface {
	Bytes() []byte
}

// edit is one typed change that a component's plan makes to a file of
// format F, as a value: Ensure puts it in (and changes nothing when it is
// there already), Undo takes out what Ensure put in. Add ensures a plan's
// edits in order, check ensures them on the files in memory and reports
// what they did as drift, and remove undoes them in reverse order, so
// that each thing a component does is written once, with its arguments
// in one place.
type edit[F document] interface {
	Ensure(f F) (F, []rewrite.Action, error)
	Undo(f F) (F, []rewrite.Action, error)
}

// fieldsEdit is the settings fields of a component, in one group under
// its section comment, with the imports their types need.
type fieldsEdit struct {
	class  string
	fields []python.NewField // typed as the module writes types
}

// missing returns the fields that f's class lacks, with the imports their
// types need: a field the user has already, typed as they chose, needs
// nothing.
func (e fieldsEdit) missing(f *python.File, want bool) ([]python.NewField, []python.Import) {
	cls, _ := f.Class(e.class)
	var fields []python.NewField
	var imports []python.Import
	for _, nf := range e.fields {
		if _, ok := cls.HasField(nf.Name); ok != want {
			continue
		}
		fields = append(fields, nf)
		imports = append(imports, typeImports(nf.Type)...)
	}
	return fields, imports
}

// Ensure adds the fields the class lacks, and their imports first.
func (e fieldsEdit) Ensure(f *python.File) (*python.File, []rewrite.Action, error) {
	fields, imports := e.missing(f, false)
	if len(fields) == 0 {
		return f, nil, nil
	}
	return chain(f,
		func(f *python.File) (*python.File, []rewrite.Action, error) { return f.AddImports(imports) },
		func(f *python.File) (*python.File, []rewrite.Action, error) { return f.AddFields(e.class, fields) })
}

// narrow returns the edit of the fields whose item keep accepts.
func (e fieldsEdit) narrow(keep func(string) bool) edit[*python.File] {
	out := fieldsEdit{class: e.class}
	for _, nf := range e.fields {
		if keep("field " + nf.Name) {
			out.fields = append(out.fields, nf)
		}
	}
	return out
}

// Undo removes the fields the class has, then the imports that nothing
// else uses any more.
func (e fieldsEdit) Undo(f *python.File) (*python.File, []rewrite.Action, error) {
	fields, imports := e.missing(f, true)
	if len(fields) == 0 && len(e.fields) > 0 {
		// The fields are gone already, deleted by hand: what is left of
		// their group is the section comment paxx wrote above them.
		return f.RemoveSection(e.class, e.fields[0].Section)
	}
	return chain(f,
		func(f *python.File) (*python.File, []rewrite.Action, error) { return f.RemoveFields(e.class, fields) },
		func(f *python.File) (*python.File, []rewrite.Action, error) { return f.RemoveImports(imports) })
}

// serviceEdit is a compose service, with the body the catalogue gives it.
type serviceEdit struct {
	name, body string
	keepKey    bool // the services: key was the user's, empty
}

// Ensure adds the service.
func (e serviceEdit) Ensure(f *compose.File) (*compose.File, []rewrite.Action, error) {
	if _, ok := f.Service(e.name); ok {
		return f, nil, nil // there, whatever it holds: the service's own
	}
	return f.AddService(e.name, e.body)
}

// Undo removes the service: as add wrote it when the body is given and
// the text was not edited since, else its whole entry.
func (e serviceEdit) Undo(f *compose.File) (*compose.File, []rewrite.Action, error) {
	return f.RemoveService(e.name, e.body, e.keepKey)
}

// volumeEdit is a top-level named volume that the service owner mounts.
type volumeEdit struct {
	name, owner string
	keepKey     bool // the top-level volumes key was the user's, empty
}

// Ensure adds the volume.
func (e volumeEdit) Ensure(f *compose.File) (*compose.File, []rewrite.Action, error) {
	return f.AddVolume(e.name)
}

// Undo removes the volume.
func (e volumeEdit) Undo(f *compose.File) (*compose.File, []rewrite.Action, error) {
	return f.RemoveVolume(e.name, e.owner, e.keepKey)
}

// environmentEdit is one entry of a service's environment.
type environmentEdit struct {
	service, key, value string
	keepKey             bool // the service's environment key was the user's, empty
	// runsProject tells the services that run the project: an environment
	// that the service takes from an x- anchor is edited there when every
	// service that takes it does.
	runsProject func(service string) bool
}

// Ensure adds the entry.
func (e environmentEdit) Ensure(f *compose.File) (*compose.File, []rewrite.Action, error) {
	return f.AddEnvironmentShared(e.service, e.key, e.value, e.runsProject)
}

// Undo removes the entry.
func (e environmentEdit) Undo(f *compose.File) (*compose.File, []rewrite.Action, error) {
	return f.RemoveEnvironmentShared(e.service, e.key, e.value, e.keepKey, e.runsProject)
}

// dependsOnEdit makes a service depend on another.
type dependsOnEdit struct {
	service, dep, condition string
	keepKey                 bool // the service's depends_on key was the user's, empty
}

// Ensure adds the dependency.
func (e dependsOnEdit) Ensure(f *compose.File) (*compose.File, []rewrite.Action, error) {
	return f.AddDependsOn(e.service, e.dep, e.condition)
}

// Undo removes the dependency.
func (e dependsOnEdit) Undo(f *compose.File) (*compose.File, []rewrite.Action, error) {
	return f.RemoveDependsOn(e.service, e.dep, e.condition, e.keepKey)
}

// imageEdit moves a service from one image to another; undoing it sets
// the image back.
type imageEdit struct{ service, from, to string }

// Ensure sets the new image.
func (e imageEdit) Ensure(f *compose.File) (*compose.File, []rewrite.Action, error) {
	return f.SetImage(e.service, e.to)
}

// Undo sets the old image back.
func (e imageEdit) Undo(f *compose.File) (*compose.File, []rewrite.Action, error) {
	return f.SetImage(e.service, e.from)
}

// dependencyEdit is a requirement in pyproject.toml's dependencies.
type dependencyEdit struct {
	req    string
	target pyproject.Target // where the app's image installs it from
}

// Ensure adds the requirement.
func (e dependencyEdit) Ensure(f *pyproject.File) (*pyproject.File, []rewrite.Action, error) {
	return f.AddDependencyTo(e.target, e.req)
}

// Undo removes the requirement.
func (e dependencyEdit) Undo(f *pyproject.File) (*pyproject.File, []rewrite.Action, error) {
	return f.RemoveDependencyFrom(e.target, e.req)
}

// requirementEdit is a requirement line in a requirements file.
type requirementEdit struct{ req string }

// Ensure adds the line.
func (e requirementEdit) Ensure(f *requirements.File) (*requirements.File, []rewrite.Action, error) {
	return f.AddLine(e.req)
}

// Undo removes the line.
func (e requirementEdit) Undo(f *requirements.File) (*requirements.File, []rewrite.Action, error) {
	return f.RemoveLine(e.req)
}

// variablesEdit is a component's variables in the environment file, under
// its section comment.
type variablesEdit struct {
	section string
	vars    []dotenv.Var
}

// Ensure adds the variables the file lacks.
func (e variablesEdit) Ensure(f *dotenv.File) (*dotenv.File, []rewrite.Action, error) {
	return f.AddVars(e.section, e.vars)
}

// narrow returns the edit of the variables whose item keep accepts.
func (e variablesEdit) narrow(keep func(string) bool) edit[*dotenv.File] {
	out := variablesEdit{section: e.section}
	for _, v := range e.vars {
		if keep("variable " + v.Name) {
			out.vars = append(out.vars, v)
		}
	}
	return out
}

// Undo removes the variables.
func (e variablesEdit) Undo(f *dotenv.File) (*dotenv.File, []rewrite.Action, error) {
	return f.RemoveVars(e.section, e.vars)
}

// migrationEdit is an import line in Alembic's migration template.
type migrationEdit struct{ line string }

// Ensure adds the line.
func (e migrationEdit) Ensure(f *alembic.File) (*alembic.File, []rewrite.Action, error) {
	return f.AddImport(e.line)
}

// Undo removes the line.
func (e migrationEdit) Undo(f *alembic.File) (*alembic.File, []rewrite.Action, error) {
	return f.RemoveImport(e.line)
}

// recordEdit is one entry of the [tool.paxx] record in pyproject.toml.
type recordEdit struct {
	key   recordKey
	entry string
}

// Ensure adds the entry.
func (e recordEdit) Ensure(f *pyproject.File) (*pyproject.File, []rewrite.Action, error) {
	return f.AddArrayItem(e.key.path(), e.entry)
}

// Undo removes the entry.
func (e recordEdit) Undo(f *pyproject.File) (*pyproject.File, []rewrite.Action, error) {
	return f.RemoveArrayItem(e.key.path(), e.entry)
}

// chain runs ops on f in turn, each on the file the last one returned,
// and returns the last file and every action.
func chain[F document](f F, ops ...func(F) (F, []rewrite.Action, error)) (F, []rewrite.Action, error) {
	var all []rewrite.Action
	for _, op := range ops {
		g, actions, err := op(f)
		if err != nil {
			return f, nil, err
		}
		f, all = g, append(all, actions...)
	}
	return f, all, nil
}

// parser parses a file of format F, named path.
type parser[F document] func(path string, src []byte) (F, error)

// parsed is a file as last parsed, and the bytes it was parsed from.
type parsed struct {
	doc document
	src []byte
}

// docOf returns the file rel as it is now, parsed: the document the last
// edit of it returned, while the file holds that edit's bytes, else a new
// parse of them.
func docOf[F document](p *tree, rel string, parse parser[F]) (F, error) {
	var zero F
	c, err := p.file(rel)
	if err != nil {
		return zero, err
	}
	if d, ok := p.docs[rel]; ok && sameBytes(d.src, c.New) {
		if f, ok := d.doc.(F); ok {
			return f, nil
		}
	}
	f, err := parse(rel, c.New)
	if err != nil {
		return zero, err
	}
	p.docs[rel] = parsed{f, c.New}
	return f, nil
}

// setDoc makes f, an edit's result, the file rel's content and its parse.
func setDoc(p *tree, rel string, f document) error {
	c, err := p.file(rel)
	if err != nil {
		return err
	}
	c.New = f.Bytes()
	p.docs[rel] = parsed{f, c.New}
	return nil
}

// sameBytes reports whether a and b are the same slice of the same array:
// the content an edit left, not only equal bytes, which would cost a
// comparison of the whole file at every step.
func sameBytes(a, b []byte) bool {
	if len(a) != len(b) {
		return false
	}
	return len(a) == 0 && (a == nil) == (b == nil) || len(a) > 0 && &a[0] == &b[0]
}

// runEdit ensures (or, with undo, undoes) ed on the file rel of format F,
// and returns what it did. A file that remove has deleted is left alone.
func runEdit[F document](p *tree, rel string, parse parser[F], ed edit[F], undo bool) ([]rewrite.Action, error) {
	if c, err := p.file(rel); err != nil {
		return nil, err
	} else if undo && c.New == nil {
		return nil, nil
	}
	if undo {
		return runOp(p, rel, parse, ed.Undo)
	}
	return runOp(p, rel, parse, ed.Ensure)
}

// runOp runs op on the file rel as parsed now and makes its result the
// file's content (and parse), and returns op's actions.
func runOp[F document](p *tree, rel string, parse parser[F], op func(F) (F, []rewrite.Action, error)) ([]rewrite.Action, error) {
	f, err := docOf(p, rel, parse)
	if err != nil {
		return nil, err
	}
	g, actions, err := op(f)
	if err != nil || len(actions) == 0 {
		return nil, err
	}
	return actions, setDoc(p, rel, g)
}
