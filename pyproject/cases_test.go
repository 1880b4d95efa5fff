package pyproject

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/paxx-dev/paxx/internal/casetest"
	"github.com/paxx-dev/paxx/requirements"
	"github.com/paxx-dev/paxx/rewrite"
)

// pyproject's cases are casetest files: testdata/cases/pyproject/add/*.txtar
// for the add methods and testdata/cases/pyproject/remove/*.txtar for the
// remove methods. The input's section is named pyproject.toml, the path the
// tests give Parse, so that errors read as paxx prints them. The operations
// are calls on the input, one a line, made in the order written, each on
// the bytes the one before gave, split into words as a shell would (see
// casetest). What paxx does for the redis component, in an add case:
//
//	target '[project].dependencies'
//	dependency 'redis>=5.0'
//	array-item tool.paxx.infra redis
//
// and undone, in a remove case (with the record entries paxx keeps for
// what it adopted and replaced):
//
//	array-item tool.paxx.replaced 'redis: image db postgres:16-alpine'
//	array-item tool.paxx.adopted 'redis: service cache'
//	array-item tool.paxx.adopted 'redis: field redis_url'
//	array-item tool.paxx.infra redis
//	dependency 'redis>=5.0'
//
//   - target [KIND [PATH]], in add cases only: DependencyTarget, which
//     edits nothing: it must find KIND, the TargetKind as it prints
//     ('[project].dependencies', '[tool.poetry.dependencies]' or
//     'requirements file'), and PATH, the requirements file's; or, with no
//     words, refuse, and its error is the case's want.err. A case whose
//     target is a requirements file has no dependency line: paxx adds the
//     requirement to that file, not to pyproject.toml.
//   - into KIND GROUP: the dependency lines after it go to the group
//     GROUP of KIND, a TargetKind as it prints ('[dependency-groups]',
//     '[project.optional-dependencies]', '[tool.poetry.group]',
//     '[tool.pdm.dev-dependencies]'): AddDependencyTo and
//     RemoveDependencyFrom with that Target. It edits nothing itself.
//   - dependency REQ: AddDependency(REQ), or in a remove case
//     RemoveDependency(REQ); after an into line, AddDependencyTo or
//     RemoveDependencyFrom.
//   - array-item KEY ITEM: AddArrayItem or RemoveArrayItem of ITEM at
//     the key path KEY, its keys joined by dots (tool.paxx.infra).
//
// want.actions lists the actions of all the edits in turn, each naming a
// line of the file as its edit left it (an add) or found it (a removal).
//
// Quote a word in '…' when it holds anything but letters, digits and
// _@%+=:,./- (a ' inside is written '\'').

var (
	addCases    = filepath.Join("..", "testdata", "cases", "pyproject", "add")
	removeCases = filepath.Join("..", "testdata", "cases", "pyproject", "remove")
	// requirementsAddCases are package requirements' AddLine cases: the
	// seeds of the fuzz targets that run AddLine here.
	requirementsAddCases = filepath.Join("..", "testdata", "cases", "requirements", "add")
)

// op is one operation of a case.
type op struct {
	at   casetest.Op
	verb string // target, dependency or array-item
	// kind and path are what target must find; kind is "" when
	// DependencyTarget must refuse.
	kind, path string
	req        string   // dependency
	into       *Target  // dependency: the target of the into line before it, nil for the default
	key        []string // array-item
	item       string   // array-item
}

// groupKinds are the group kinds an into line names, by their String.
var groupKinds = map[string]TargetKind{
	DependencyGroup.String():      DependencyGroup,
	OptionalDependencies.String(): OptionalDependencies,
	PoetryGroup.String():          PoetryGroup,
	PDMDevGroup.String():          PDMDevGroup,
}

// caseOps reads a case's operations; remove says the case is a remove
// case, which has no target.
func caseOps(t testing.TB, c *casetest.Case, remove bool) []op {
	t.Helper()
	if len(c.Ops) == 0 {
		t.Fatalf("%s: no operations: want target, dependency or array-item lines", c.Path)
	}
	var ops []op
	var into *Target
	for _, o := range c.Ops {
		a := o.Args
		p := op{at: o, verb: a[0]}
		if k, ok := groupKinds[a[len(a)-min(len(a), 2)]]; a[0] == "into" && len(a) == 3 && ok {
			into = &Target{Kind: k, Group: a[2]}
			continue
		}
		switch {
		case a[0] == "target" && len(a) <= 3 && !remove:
			if len(a) > 1 {
				p.kind = a[1]
			}
			if len(a) > 2 {
				p.path = a[2]
			}
		case a[0] == "dependency" && len(a) == 2:
			p.req, p.into = a[1], into
		case a[0] == "array-item" && len(a) == 3 && a[1] != "":
			p.key, p.item = strings.Split(a[1], "."), a[2]
		case remove:
			c.Fatalf(t, o, "want into KIND GROUP, dependency REQ or array-item KEY ITEM")
		default:
			c.Fatalf(t, o, "want target [KIND [PATH]], into KIND GROUP, dependency REQ or array-item KEY ITEM")
		}
		ops = append(ops, p)
	}
	return ops
}

// TestCaseOps checks that the op language gives the calls' arguments
// exactly: a target with and without a path, a refused target, a
// requirement with quotes and a marker, and a record item with a colon and
// blanks.
func TestCaseOps(t *testing.T) {
	dir := t.TempDir()
	ops := `target '[project].dependencies'
target 'requirements file' requirements/base.txt
target
dependency 'redis[hiredis]>=5.0; python_version >= "3.11"'
dependency "uvloop; sys_platform != 'win32'"
array-item tool.paxx.infra redis
array-item tool.paxx.replaced 'redis: image db postgres:16-alpine'
`
	data := ops + "-- pyproject.toml --\n[project]\n"
	if err := os.WriteFile(filepath.Join(dir, "ops.txtar"), []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	want := []op{
		{verb: "target", kind: "[project].dependencies"},
		{verb: "target", kind: "requirements file", path: "requirements/base.txt"},
		{verb: "target"},
		{verb: "dependency", req: `redis[hiredis]>=5.0; python_version >= "3.11"`},
		{verb: "dependency", req: `uvloop; sys_platform != 'win32'`},
		{verb: "array-item", key: []string{"tool", "paxx", "infra"}, item: "redis"},
		{verb: "array-item", key: []string{"tool", "paxx", "replaced"}, item: "redis: image db postgres:16-alpine"},
	}
	got := caseOps(t, casetest.Load(t, dir)[0], false)
	for i := range got {
		got[i].at = casetest.Op{}
	}
	if d := cmp.Diff(want, got, cmp.AllowUnexported(op{})); d != "" {
		t.Errorf("ops (-want +got):\n%s", d)
	}
}

// step is one edit and the edit that undoes it, on bytes.
type step struct {
	name      string
	add, undo func(src []byte) ([]byte, []rewrite.Action, error)
	// marker is what the line each action names must hold.
	marker string
}

// step returns the edit o makes on the file at path, and its undoing. o
// must not be a target.
func (o op) step(path string) step {
	s := step{name: o.at.String(), marker: o.marker()}
	switch o.verb {
	case "dependency":
		s.add = func(src []byte) ([]byte, []rewrite.Action, error) { return addDependency(path, src, o.req) }
		s.undo = func(src []byte) ([]byte, []rewrite.Action, error) { return removeDependency(path, src, o.req) }
		if t := o.into; t != nil {
			s.add = func(src []byte) ([]byte, []rewrite.Action, error) {
				return onBytes(Parse, func(f *File, req string) (*File, []rewrite.Action, error) { return f.AddDependencyTo(*t, req) })(path, src, o.req)
			}
			s.undo = func(src []byte) ([]byte, []rewrite.Action, error) {
				return onBytes(Parse, func(f *File, req string) (*File, []rewrite.Action, error) { return f.RemoveDependencyFrom(*t, req) })(path, src, o.req)
			}
		}
	case "array-item":
		s.add = func(src []byte) ([]byte, []rewrite.Action, error) { return ensureArrayItem(path, src, o.key, o.item) }
		s.undo = func(src []byte) ([]byte, []rewrite.Action, error) { return removeArrayItem(path, src, o.key, o.item) }
	default:
		panic("no step for " + o.verb)
	}
	if s.name == "" {
		s.name = o.verb
	}
	return s
}

// marker is what the line an action names must hold: the requirement's
// name, or the array's item.
func (o op) marker() string {
	if o.verb == "dependency" {
		if r, err := requirements.ParseRequirement(o.req); err == nil {
			return r.Name
		}
		return o.req
	}
	return o.item
}

// checkTarget runs a target op on src: DependencyTarget's error, or a
// fatal failure when it does not find what the case says.
func checkTarget(t testing.TB, c *casetest.Case, o op, path string, src []byte) error {
	t.Helper()
	f, err := Parse(path, src)
	if err != nil {
		return err
	}
	got, err := f.DependencyTarget()
	if err != nil {
		return err
	}
	if o.kind == "" {
		c.Fatalf(t, o.at, "DependencyTarget() = %s %q, but the case says it refuses", got.Kind, got.Path)
	}
	if got.Kind.String() != o.kind || got.Path != o.path {
		c.Fatalf(t, o.at, "DependencyTarget() = %s %q, want %s %q", got.Kind, got.Path, o.kind, o.path)
	}
	return nil
}

// runOps makes ops on src, the file at the case's input path: adds, or
// with remove removals. With check it holds each edit to casetest.Check.
// It returns the output and the actions of all the edits, or the first
// error.
func runOps(t *testing.T, c *casetest.Case, ops []op, src []byte, remove, check bool) casetest.Result {
	t.Helper()
	path := c.InputName
	var all []rewrite.Action
	for _, o := range ops {
		if o.verb == "target" {
			if err := checkTarget(t, c, o, path, src); err != nil {
				return casetest.Result{Err: err}
			}
			continue
		}
		s := o.step(path)
		call := s.add
		if remove {
			call = s.undo
		}
		out, actions, err := call(src)
		if err != nil {
			return casetest.Result{Err: err}
		}
		if check {
			e := casetest.Edit{
				Op:      fmt.Sprintf("%s: %s", c.Name, s.name),
				In:      src,
				Out:     out,
				Actions: actions,
				Remove:  remove,
				Marker:  s.marker,
				Parse: func(src []byte) error {
					_, err := Parse(path, src)
					return err
				},
				Again: call,
			}
			if remove {
				casetest.Check(t, e)
			} else {
				// An add's action names the first line of what it
				// inserted, which may be a new table's header or a new
				// key's "dependencies = [", not the line that holds the
				// marker: checkInserted holds it to that instead.
				e.Marker = ""
				casetest.Check(t, e)
				checkInserted(t, e, s.marker)
			}
		}
		all = append(all, actions...)
		src = out
	}
	return casetest.Result{Out: src, Actions: all}
}

// checkInserted asserts that each action of e, an add, names a line of
// the text it inserted, from which on that text holds marker.
func checkInserted(t *testing.T, e casetest.Edit, marker string) {
	t.Helper()
	in, out := strings.SplitAfter(string(e.In), "\n"), strings.SplitAfter(string(e.Out), "\n")
	head := 0
	for head < len(in) && head < len(out) && in[head] == out[head] {
		head++
	}
	tail := 0
	for tail < len(in)-head && tail < len(out)-head && in[len(in)-1-tail] == out[len(out)-1-tail] {
		tail++
	}
	for _, a := range e.Actions {
		if a.Line <= head || a.Line > len(out)-tail || !strings.Contains(strings.Join(out[a.Line-1:len(out)-tail], ""), marker) {
			t.Errorf("%s: action %q does not name a line of the inserted text (lines %d to %d) that holds %q from there on", e.Op, casetest.FormatAction(a), head+1, len(out)-tail, marker)
		}
	}
}

// TestAddCases runs the operations of each case of
// testdata/cases/pyproject/add in turn, holds every edit to casetest.Check,
// and compares the output and the actions of all the edits, or the first
// error, with the case's. Beyond casetest.Check, it checks the error's
// kind and place, that the operations all over again on the output change
// nothing (the target too), and that the output keeps the input's line
// breaks, byte order mark and final line break.
func TestAddCases(t *testing.T) {
	if n := len(casetest.Load(t, addCases)); n < 20 {
		t.Errorf("only %d add cases", n)
	}
	casetest.Run(t, addCases, func(t *testing.T, c *casetest.Case) casetest.Result {
		ops := caseOps(t, c, false)
		res := runOps(t, c, ops, c.Input, false, true)
		if res.Err != nil {
			checkError(t, res.Err)
			return res
		}
		again := runOps(t, c, ops, res.Out, false, false)
		if again.Err != nil {
			t.Fatalf("second run: %v", again.Err)
		}
		if !bytes.Equal(again.Out, res.Out) {
			t.Errorf("second run changed the output:\n%s", cmp.Diff(string(res.Out), string(again.Out)))
		}
		for _, a := range again.Actions {
			t.Errorf("second run reported an action: %s", casetest.FormatAction(a))
		}
		checkKept(t, c.Input, res.Out)
		return res
	})
}

// checkError asserts that a failure is a placed *rewrite.Error of a known
// kind: a syntax error, with its line and column, or a refusal.
func checkError(t *testing.T, err error) {
	t.Helper()
	var re *rewrite.Error
	if !errors.As(err, &re) {
		t.Fatalf("error %v is a %T, not a *rewrite.Error", err, err)
	}
	if !errors.Is(err, rewrite.ErrSyntax) && !errors.Is(err, rewrite.ErrRefused) {
		t.Errorf("error %v has kind %v", err, re.Kind)
	}
	if errors.Is(err, rewrite.ErrSyntax) && (re.Line < 1 || re.Col < 1) {
		t.Errorf("syntax error %v has no line:col", err)
	}
}

// checkKept asserts that out, what adds made of in, keeps in's line
// endings, byte order mark and final line break.
func checkKept(t *testing.T, in, out []byte) {
	t.Helper()
	if nl := rewrite.Newline(in); bytes.Contains(in, []byte("\n")) {
		lf := bytes.Count(out, []byte("\n"))
		crlf := bytes.Count(out, []byte("\r\n"))
		if nl == "\r\n" && crlf != lf || nl == "\n" && crlf != bytes.Count(in, []byte("\r\n")) {
			t.Errorf("line endings not kept: %d CRLF of %d line breaks", crlf, lf)
		}
	}
	if bytes.HasPrefix(in, []byte(rewrite.BOM)) != bytes.HasPrefix(out, []byte(rewrite.BOM)) {
		t.Errorf("byte order mark not kept")
	}
	if rewrite.EndsWithNewline(in) != rewrite.EndsWithNewline(out) {
		t.Errorf("final line break not kept")
	}
}
