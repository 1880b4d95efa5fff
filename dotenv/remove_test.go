package dotenv_test

import (
	"bytes"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/google/go-cmp/cmp"

	"github.com/paxx-dev/paxx/dotenv"
	"github.com/paxx-dev/paxx/internal/casetest"
	"github.com/paxx-dev/paxx/rewrite"
)

// TestRemoveVarsUndoesAddVars adds the variables of every AddVars case to
// its input and removes them again: the result is the input byte for byte.
func TestRemoveVarsUndoesAddVars(t *testing.T) {
	for _, c := range casetest.Load(t, addCases) {
		t.Run(c.Name, func(t *testing.T) {
			section, vars := caseArgs(t, c)
			added, actions, err := addVars(c.Input, section, vars)
			if err != nil || len(actions) == 0 {
				t.Skipf("AddVars adds nothing here (%v)", err)
			}
			fresh := newVars(t, c.Input, vars)
			g, removed, err := added.RemoveVars(section, fresh)
			if err != nil {
				t.Fatal(err)
			}
			out := g.Bytes()
			casetest.Check(t, casetest.Edit{
				Op:      fmt.Sprintf("%s: RemoveVars(%q) after AddVars", c.Name, section),
				In:      added.Bytes(),
				Out:     out,
				Actions: removed,
				Remove:  true,
				Marker:  "=",
				Parse:   parseErr(examplePath),
				Again: func(src []byte) ([]byte, []rewrite.Action, error) {
					return rerun(examplePath, src, func(f *dotenv.File) (*dotenv.File, []rewrite.Action, error) {
						return f.RemoveVars(section, fresh)
					})
				},
			})
			if d := cmp.Diff(names(t, out), g.Names()); d != "" {
				t.Errorf("the File RemoveVars returns is not the reading of its bytes (-reparsed +returned):\n%s", d)
			}
			if d := cmp.Diff(string(c.Input), string(out)); d != "" {
				t.Errorf("add then remove (-input +got):\n%s", d)
			}
			if len(removed) != len(actions) {
				t.Errorf("%d variables added, %d removed", len(actions), len(removed))
			}
		})
	}
}

// newVars returns the variables that src does not set: those AddVars adds.
func newVars(t testing.TB, src []byte, vars []dotenv.Var) []dotenv.Var {
	t.Helper()
	set := names(t, src)
	var out []dotenv.Var
	for _, v := range vars {
		if !slices.Contains(set, v.Name) {
			out = append(out, v)
		}
	}
	return out
}

// TestRemoveVarsCases runs the cases of testdata/cases/dotenv/remove: a
// file edited by hand after paxx added its variables, and the wanted
// result of removing them (want, want.actions) or the error (want.err).
// Beyond casetest.Check, it checks the error kinds, that the variables are
// gone, the File's reading, that a second RemoveVars gives the File itself,
// and that each action names the line of the input that set its variable.
func TestRemoveVarsCases(t *testing.T) {
	if n := len(casetest.Load(t, removeCases)); n < 8 {
		t.Errorf("only %d RemoveVars cases", n)
	}
	casetest.Run(t, removeCases, func(t *testing.T, c *casetest.Case) casetest.Result {
		section, vars := caseArgs(t, c)
		f, err := dotenv.Parse(c.InputName, c.Input)
		if err != nil {
			checkErrKind(t, err)
			return casetest.Result{Err: err}
		}
		g, actions, err := f.RemoveVars(section, vars)
		if err != nil {
			checkErrKind(t, err)
			return casetest.Result{Err: err}
		}
		out := g.Bytes()
		casetest.Check(t, casetest.Edit{
			Op:      fmt.Sprintf("%s: RemoveVars(%q)", c.Name, section),
			In:      c.Input,
			Out:     out,
			Actions: actions,
			Remove:  true,
			Marker:  "=",
			Parse:   parseErr(c.InputName),
			Again: func(src []byte) ([]byte, []rewrite.Action, error) {
				return rerun(c.InputName, src, func(f *dotenv.File) (*dotenv.File, []rewrite.Action, error) {
					return f.RemoveVars(section, vars)
				})
			},
		})
		for _, v := range vars {
			if slices.Contains(g.Names(), v.Name) {
				t.Errorf("output still sets %s", v.Name)
			}
		}
		if d := cmp.Diff(names(t, out), g.Names()); d != "" {
			t.Errorf("the File RemoveVars returns is not the reading of its bytes (-reparsed +returned):\n%s", d)
		}
		if again, more, err := g.RemoveVars(section, vars); err != nil || len(more) > 0 || again != g {
			t.Errorf("not idempotent: a second RemoveVars on the File gave %v, err %v, same File %v", more, err, again == g)
		}
		checkActionLines(t, c.Input, actions)
		return casetest.Result{Out: out, Actions: actions}
	})
}

// FuzzRemoveVarsUndoesAddVars adds variables to arbitrary files and
// removes them again: no panic, and whenever AddVars succeeds RemoveVars
// gives back the input byte for byte.
func FuzzRemoveVarsUndoesAddVars(f *testing.F) {
	for _, src := range casetest.Inputs(f, addCases) {
		f.Add(src, "Redis")
	}
	f.Fuzz(func(t *testing.T, src []byte, section string) {
		if bytes.Contains(bytes.ReplaceAll(src, []byte("\r\n"), nil), []byte("\r")) {
			return // a lone CR: rewrite.CheckNewlines refuses the file before dotenv sees it
		}
		if !sectionName.MatchString(section) {
			return // paxx's sections are names such as "Redis" or "Object storage"
		}
		vars := []dotenv.Var{{Name: "REDIS_URL", Value: "redis://localhost:6379/0"}, {Name: "ARQ_MAX_JOBS", Value: "10"}}
		f, err := dotenv.Parse(examplePath, src)
		if err != nil {
			return // not text: every operation refuses it
		}
		if g, _, err := f.RemoveVars(section, vars); err == nil && !rewrite.IsDeleteOnly(src, g.Bytes()) {
			t.Fatal("RemoveVars on the input is not delete-only")
		}
		added, actions, err := f.AddVars(section, vars)
		if err != nil || len(actions) == 0 {
			return
		}
		g, _, err := added.RemoveVars(section, newVars(t, src, vars))
		if err != nil {
			t.Fatalf("RemoveVars after AddVars: %v", err)
		}
		if out := g.Bytes(); !bytes.Equal(out, src) {
			// A heading written as AddVars writes it ("# Redis") with no
			// variable under it is taken for paxx's: AddVars fills it as
			// it would have written it, and RemoveVars takes it with the
			// variables. Then the result may lack that heading only.
			if hasOwnHeading(src, section) && rewrite.IsDeleteOnly(src, out) && maps.Equal(setVars(t, src), setVars(t, out)) {
				return
			}
			t.Fatalf("add then remove:\n%q\ngave\n%q", src, out)
		}
	})
}

// sectionName matches the names of the sections paxx writes: words, not
// decoration or control characters.
var sectionName = regexp.MustCompile(`^[A-Za-z0-9]+( [A-Za-z0-9]+)*$`)

// hasOwnHeading reports whether src has a line that is the comment
// AddVars heads section with.
func hasOwnHeading(src []byte, section string) bool {
	// Blanks as python-dotenv's reading counts them: Unicode's, and the
	// separators \x1c-\x1f that Python's str.isspace also takes.
	blank := func(r rune) bool { return unicode.IsSpace(r) || r >= 0x1c && r <= 0x1f }
	want := "# " + strings.TrimFunc(section, blank)
	for line := range strings.Lines(string(src)) {
		if strings.TrimFunc(line, blank) == want {
			return true
		}
	}
	return false
}

// setVars returns the variables src sets, by name.
func setVars(t testing.TB, src []byte) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	for _, name := range names(t, src) {
		out[name] = true
	}
	return out
}
