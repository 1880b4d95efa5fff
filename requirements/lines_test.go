package requirements_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/paxx-dev/paxx/internal/casetest"
	"github.com/paxx-dev/paxx/requirements"
	"github.com/paxx-dev/paxx/rewrite"
)

// The requirements file editor's cases are casetest files:
// testdata/cases/requirements/add/*.txtar for AddLine and
// testdata/cases/requirements/remove/*.txtar for RemoveLine. The input's
// section is named requirements.txt, the path the tests give Parse, so
// that errors read as paxx prints them. The operations are calls on the
// input, one a line, made in the order written, each on the bytes the one
// before gave, split into words as a shell would (see casetest):
//
//	line 'redis>=5.0'
//
//   - line REQ: AddLine(REQ), or in a remove case RemoveLine(REQ).
//
// want.actions lists the actions of all the calls in turn, each naming a
// line of the file as its call left it (an add) or found it (a removal).
//
// Quote a word in '…' when it holds anything but letters, digits and
// _@%+=:,./- (a ' inside is written '\'').

var (
	addCases    = filepath.Join("..", "testdata", "cases", "requirements", "add")
	removeCases = filepath.Join("..", "testdata", "cases", "requirements", "remove")
)

// op is one line of a case: a requirement to add, or to remove.
type op struct {
	at  casetest.Op
	req string
}

// caseOps reads a case's operations.
func caseOps(t testing.TB, c *casetest.Case) []op {
	t.Helper()
	if len(c.Ops) == 0 {
		t.Fatalf("%s: no operations: want line REQ lines", c.Path)
	}
	var ops []op
	for _, o := range c.Ops {
		if o.Args[0] != "line" || len(o.Args) != 2 {
			c.Fatalf(t, o, "want line REQ")
		}
		ops = append(ops, op{at: o, req: o.Args[1]})
	}
	return ops
}

// TestCaseOps checks that the op language gives the requirements exactly:
// extras, quotes and a marker.
func TestCaseOps(t *testing.T) {
	dir := t.TempDir()
	data := `line 'redis>=5.0'
line 'redis[hiredis]>=5.0; python_version >= "3.11"'
line "uvloop; sys_platform != 'win32'"
-- requirements.txt --
fastapi
`
	if err := os.WriteFile(filepath.Join(dir, "ops.txtar"), []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, o := range caseOps(t, casetest.Load(t, dir)[0]) {
		got = append(got, o.req)
	}
	want := []string{"redis>=5.0", `redis[hiredis]>=5.0; python_version >= "3.11"`, `uvloop; sys_platform != 'win32'`}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("ops (-want +got):\n%s", d)
	}
}

// add and remove run AddLine and RemoveLine on src, the file at path.
func (o op) add(path string, src []byte) ([]byte, []rewrite.Action, error) {
	return casetest.Edited(requirements.Parse, path, src, func(f *requirements.File) (*requirements.File, []rewrite.Action, error) { return f.AddLine(o.req) })
}

func (o op) remove(path string, src []byte) ([]byte, []rewrite.Action, error) {
	return casetest.Edited(requirements.Parse, path, src, func(f *requirements.File) (*requirements.File, []rewrite.Action, error) { return f.RemoveLine(o.req) })
}

// edit is what casetest.Check holds o to, run on in at path as an add, or
// with remove as a removal, giving out and actions.
func (o op) edit(c *casetest.Case, in, out []byte, actions []rewrite.Action, remove bool) casetest.Edit {
	path := c.InputName
	again := o.add
	if remove {
		again = o.remove
	}
	marker := o.req
	if r, err := requirements.ParseRequirement(o.req); err == nil {
		marker = r.Name
	}
	return casetest.Edit{
		Op:      fmt.Sprintf("%s: %s", c.Name, o.at),
		In:      in,
		Out:     out,
		Actions: actions,
		Remove:  remove,
		Marker:  marker,
		Parse: func(src []byte) error {
			_, err := requirements.Parse(path, src)
			return err
		},
		Again: func(src []byte) ([]byte, []rewrite.Action, error) { return again(path, src) },
	}
}

// runOps makes ops on src, the case's input: adds, or with remove
// removals. With check it holds each edit to casetest.Check. It returns
// the output and the actions of all the calls, or the first error.
func runOps(t *testing.T, c *casetest.Case, ops []op, src []byte, remove, check bool) casetest.Result {
	t.Helper()
	var all []rewrite.Action
	for _, o := range ops {
		call := o.add
		if remove {
			call = o.remove
		}
		out, actions, err := call(c.InputName, src)
		if err != nil {
			return casetest.Result{Err: err}
		}
		if check {
			casetest.Check(t, o.edit(c, src, out, actions, remove))
		}
		all = append(all, actions...)
		src = out
	}
	return casetest.Result{Out: src, Actions: all}
}

// TestAddLineCases runs the AddLine calls of each case of
// testdata/cases/requirements/add in turn, holds every edit to
// casetest.Check, and compares the output and the actions, or the first
// error, with the case's. Beyond casetest.Check, it checks the error's kind
// and place, that the calls all over again on the output change nothing,
// and that the output keeps the input's line breaks, byte order mark and
// final line break.
func TestAddLineCases(t *testing.T) {
	if n := len(casetest.Load(t, addCases)); n < 8 {
		t.Errorf("only %d AddLine cases", n)
	}
	casetest.Run(t, addCases, func(t *testing.T, c *casetest.Case) casetest.Result {
		ops := caseOps(t, c)
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

// TestRemoveLineCases runs the cases of testdata/cases/requirements/remove:
// a file edited by hand after paxx added a requirement, and the wanted
// result of removing it (want and want.actions), or the error (want.err).
// Every removal passes casetest.Check; the error must be a syntax error or
// a refusal.
func TestRemoveLineCases(t *testing.T) {
	if n := len(casetest.Load(t, removeCases)); n < 2 {
		t.Errorf("only %d RemoveLine cases", n)
	}
	casetest.Run(t, removeCases, func(t *testing.T, c *casetest.Case) casetest.Result {
		res := runOps(t, c, caseOps(t, c), c.Input, true, true)
		if res.Err != nil {
			checkError(t, res.Err)
		}
		return res
	})
}

// TestRemoveLineUndoesAddLine makes the AddLine calls of every add case
// and undoes them in the reverse order: each removal passes
// casetest.Check, and the end is the input byte for byte.
func TestRemoveLineUndoesAddLine(t *testing.T) {
	for _, c := range casetest.Load(t, addCases) {
		t.Run(c.Name, func(t *testing.T) {
			src := c.Input
			var done []op
			for _, o := range caseOps(t, c) {
				out, actions, err := o.add(c.InputName, src)
				if err != nil {
					break
				}
				if len(actions) > 0 {
					done = append(done, o)
				}
				src = out
			}
			if len(done) == 0 {
				t.Skip("nothing added")
			}
			for _, o := range slices.Backward(done) {
				out, actions, err := o.remove(c.InputName, src)
				if err != nil {
					t.Fatalf("remove %s: %v", o.at, err)
				}
				casetest.Check(t, o.edit(c, src, out, actions, true))
				src = out
			}
			if d := cmp.Diff(string(c.Input), string(src)); d != "" {
				t.Errorf("add then remove (-input +got):\n%s", d)
			}
		})
	}
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
