package dotenv_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/paxx-dev/paxx/dotenv"
	"github.com/paxx-dev/paxx/internal/casetest"
	"github.com/paxx-dev/paxx/rewrite"
)

// dotenv's cases are casetest files: testdata/cases/dotenv/add/*.txtar
// for AddVars and testdata/cases/dotenv/remove/*.txtar for RemoveVars.
// Each is one call, AddVars(section, vars) or RemoveVars(section, vars) on
// the input, whose section is named .env.example (the path the rewriter is
// given, so errors read as paxx prints them); a missing .env.example is a
// section marked "missing". The operations are the call's arguments, one
// a line, split into words as a shell would (see casetest):
//
//	section 'Background tasks'
//	var ARQ_REDIS_URL redis://localhost:6379/1
//	var EMAIL_SIGNATURE "it's us"
//	var STORAGE_WINDOWS_PATH 'C:\uploads'
//	var STORAGE_S3_BUCKET ''
//	varq STORAGE_MULTI '"a\nb"'
//
//   - section NAME comes first, once: the section ('' for none).
//   - var NAME VALUE is one variable; VALUE is the word as it is.
//   - varq NAME LITERAL is one variable whose value is the Go string
//     literal LITERAL (strconv.Unquote), for values one line of words
//     cannot hold: line breaks, other control characters, bytes that are
//     not UTF-8.
//
// Quote a word in '…' when it holds anything but letters, digits and
// _@%+=:,./- (a ' inside is written '\''); "…" also groups words, but a
// backslash in it keeps only the next character.

// examplePath is the path the tests give Parse outside the cases.
const examplePath = ".env.example"

var (
	addCases    = filepath.Join("..", "testdata", "cases", "dotenv", "add")
	removeCases = filepath.Join("..", "testdata", "cases", "dotenv", "remove")
)

// caseArgs reads a case's operations: its section and variables.
func caseArgs(t testing.TB, c *casetest.Case) (string, []dotenv.Var) {
	t.Helper()
	if len(c.Ops) == 0 {
		t.Fatalf("%s: no operations: want section NAME, then var NAME VALUE lines", c.Path)
	}
	var section string
	var vars []dotenv.Var
	for i, o := range c.Ops {
		switch verb := o.Args[0]; {
		case verb == "section" && len(o.Args) == 2 && i == 0:
			section = o.Args[1]
		case verb == "var" && len(o.Args) == 3 && i > 0:
			vars = append(vars, dotenv.Var{Name: o.Args[1], Value: o.Args[2]})
		case verb == "varq" && len(o.Args) == 3 && i > 0:
			value, err := strconv.Unquote(o.Args[2])
			if err != nil {
				c.Fatalf(t, o, "the value is not a Go string literal: %v", err)
			}
			vars = append(vars, dotenv.Var{Name: o.Args[1], Value: value})
		default:
			c.Fatalf(t, o, "want section NAME first, then var NAME VALUE or varq NAME GO-LITERAL")
		}
	}
	return section, vars
}

// TestCaseArgs checks that the op language gives values with spaces,
// quotes, #, backslashes, shell characters and line breaks exactly.
func TestCaseArgs(t *testing.T) {
	dir := t.TempDir()
	ops := `section 'Object storage'
var SPACES 'a b  c'
var PADDED '  x  '
var EMPTY ''
var SINGLE "it's"
var SINGLE2 'it'\''s "both"'
var DOUBLE 'say "hi"'
var HASH 'p#ss # not a comment'
var BACKSLASH 'C:\new\path\\'
var BACKSLASH2 C:\\dir
var SHELL '$HOME $(x) ` + "`x`" + ` a;b|c&d<e>f (g)'
var UNICODE 'é ü — ☃'
varq NEWLINE '"a\nb"'
varq CRLF '"line\r\n"'
varq TAB '"a\tb"'
varq BYTE '"\xff"'
varq RAW '` + "`C:\\raw`" + `'
`
	data := ops + "-- .env.example --\nA=1\n"
	if err := os.WriteFile(filepath.Join(dir, "tricky.txtar"), []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	section, vars := caseArgs(t, casetest.Load(t, dir)[0])
	want := []dotenv.Var{
		{"SPACES", "a b  c"},
		{"PADDED", "  x  "},
		{"EMPTY", ""},
		{"SINGLE", "it's"},
		{"SINGLE2", `it's "both"`},
		{"DOUBLE", `say "hi"`},
		{"HASH", "p#ss # not a comment"},
		{"BACKSLASH", `C:\new\path\\`},
		{"BACKSLASH2", `C:\dir`},
		{"SHELL", "$HOME $(x) `x` a;b|c&d<e>f (g)"},
		{"UNICODE", "é ü — ☃"},
		{"NEWLINE", "a\nb"},
		{"CRLF", "line\r\n"},
		{"TAB", "a\tb"},
		{"BYTE", "\xff"},
		{"RAW", `C:\raw`},
	}
	if section != "Object storage" {
		t.Errorf("section = %q", section)
	}
	if d := cmp.Diff(want, vars); d != "" {
		t.Errorf("vars (-want +got):\n%s", d)
	}
}

// TestAddVarsCases runs AddVars on each case of testdata/cases/dotenv/add,
// holds every edit to casetest.Check, and checks what is dotenv's own: the
// error kinds, the variables set before and after, the File's reading,
// the byte order mark, the line breaks, and each action's variable.
func TestAddVarsCases(t *testing.T) {
	casetest.Run(t, addCases, func(t *testing.T, c *casetest.Case) casetest.Result {
		section, vars := caseArgs(t, c)
		f, err := dotenv.Parse(c.InputName, c.Input)
		if err != nil {
			checkErrKind(t, err)
			return casetest.Result{Err: err}
		}
		g, actions, err := f.AddVars(section, vars)
		if err != nil {
			checkErrKind(t, err)
			return casetest.Result{Err: err}
		}
		out := g.Bytes()
		casetest.Check(t, casetest.Edit{
			Op:      fmt.Sprintf("%s: AddVars(%q)", c.Name, section),
			In:      c.Input,
			Out:     out,
			Actions: actions,
			Marker:  "=",
			Parse:   parseErr(c.InputName),
			Again: func(src []byte) ([]byte, []rewrite.Action, error) {
				return rerun(c.InputName, src, func(f *dotenv.File) (*dotenv.File, []rewrite.Action, error) {
					return f.AddVars(section, vars)
				})
			},
		})
		checkAdded(t, c.Input, g, actions, section, vars)
		return casetest.Result{Out: out, Actions: actions}
	})
}

// checkErrKind fails the test unless err is a refusal or a syntax error:
// the cases hold no caller's mistakes.
func checkErrKind(t testing.TB, err error) {
	t.Helper()
	if !errors.Is(err, rewrite.ErrSyntax) && !errors.Is(err, rewrite.ErrRefused) {
		t.Errorf("error %v is neither ErrSyntax nor ErrRefused", err)
	}
}

// parseErr returns the Parse of casetest.Edit: the bytes must read as a
// .env file at path.
func parseErr(path string) func([]byte) error {
	return func(src []byte) error {
		_, err := dotenv.Parse(path, src)
		return err
	}
}

// rerun parses src and runs op on it, for casetest.Edit's Again.
func rerun(path string, src []byte, op func(*dotenv.File) (*dotenv.File, []rewrite.Action, error)) ([]byte, []rewrite.Action, error) {
	f, err := dotenv.Parse(path, src)
	if err != nil {
		return nil, nil, err
	}
	g, actions, err := op(f)
	if err != nil {
		return nil, nil, err
	}
	return g.Bytes(), actions, nil
}

// checkAdded asserts what a successful AddVars of vars under section,
// which gave g from src, must keep beyond casetest.Check.
func checkAdded(t *testing.T, src []byte, g *dotenv.File, actions []rewrite.Action, section string, vars []dotenv.Var) {
	t.Helper()
	out := g.Bytes()
	got := g.Names()
	if d := cmp.Diff(names(t, out), got); d != "" {
		t.Errorf("the File AddVars returns is not the reading of its bytes (-reparsed +returned):\n%s", d)
	}
	for _, v := range vars {
		if !slices.Contains(got, v.Name) {
			t.Errorf("output does not set %s", v.Name)
		}
	}
	for _, n := range names(t, src) {
		if !slices.Contains(got, n) {
			t.Errorf("output no longer sets %s", n)
		}
	}
	// The File itself comes back from a second AddVars (casetest.Check
	// compares only bytes).
	if again, more, err := g.AddVars(section, vars); err != nil || again != g || len(more) != 0 {
		t.Errorf("not idempotent: a second AddVars on the File gave %d actions, err %v, same File %v", len(more), err, again == g)
	}
	if bytes.HasPrefix(src, []byte(rewrite.BOM)) != bytes.HasPrefix(out, []byte(rewrite.BOM)) {
		t.Error("byte order mark not kept")
	}
	if len(src) > 0 && rewrite.Newline(src) == "\r\n" && bytes.Count(out, []byte("\n"))-bytes.Count(out, []byte("\r\n")) != bytes.Count(src, []byte("\n"))-bytes.Count(src, []byte("\r\n")) {
		t.Error("LF line breaks added to a CRLF file")
	}
	if body := bytes.TrimPrefix(src, []byte(rewrite.BOM)); !rewrite.EndsWithNewline(body) && rewrite.EndsWithNewline(out) {
		t.Error("a file without a final line break got one")
	}
	checkActionLines(t, out, actions)
}

// checkActionLines asserts that each action, "variable NAME", names a
// line of src that sets NAME.
func checkActionLines(t *testing.T, src []byte, actions []rewrite.Action) {
	t.Helper()
	lines := strings.Split(string(src), "\n")
	for _, a := range actions {
		name, ok := strings.CutPrefix(a.What, "variable ")
		if !ok || a.Line < 1 || a.Line > len(lines) || !strings.Contains(lines[a.Line-1], name+"=") && !strings.Contains(lines[a.Line-1], name+" =") {
			t.Errorf("action %+v does not point at the line setting %s", a, name)
		}
	}
}

// names returns the variables src sets; src must parse.
func names(t testing.TB, src []byte) []string {
	t.Helper()
	f, err := dotenv.Parse(examplePath, src)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return f.Names()
}

// addVars parses src as examplePath and adds vars to it, as paxx does with
// the bytes of .env.example.
func addVars(src []byte, section string, vars []dotenv.Var) (*dotenv.File, []rewrite.Action, error) {
	f, err := dotenv.Parse(examplePath, src)
	if err != nil {
		return nil, nil, err
	}
	return f.AddVars(section, vars)
}
