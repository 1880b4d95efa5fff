package dotenv_test

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/paxx-dev/paxx/dotenv"
	"github.com/paxx-dev/paxx/internal/casetest"
	"github.com/paxx-dev/paxx/rewrite"
)

// FuzzAddVars adds a variable with a fuzzed value to a fuzzed file and
// checks that Parse and AddVars either fail cleanly — an *rewrite.Error of kind
// ErrSyntax or ErrRefused with a place — or returns a file that sets the
// variable and everything the input set, holds every input byte, and does
// not change when the variable is added again.
func FuzzAddVars(f *testing.F) {
	for _, src := range casetest.Inputs(f, addCases) {
		f.Add(src, "redis://localhost:6379/0", "Redis")
		f.Add(src, `it's a "value" # with things`, "Application")
	}
	f.Fuzz(func(t *testing.T, src []byte, value, section string) {
		vars := []dotenv.Var{{Name: "REDIS_URL", Value: value}, {Name: "APP_NAME", Value: "x"}}
		g, actions, err := addVars(src, section, vars)
		if !utf8.ValidString(value) || !utf8.ValidString(section) || strings.ContainsRune(value, 0) || strings.ContainsAny(section, "\x00\r\n") {
			if err == nil {
				t.Fatalf("AddVars accepted value %q, section %q", value, section)
			}
			return // the caller's mistake: any error will do
		}
		if err != nil {
			var e *rewrite.Error
			if !errors.As(err, &e) || e.Line < 1 || e.Col < 1 || !(errors.Is(err, rewrite.ErrSyntax) || errors.Is(err, rewrite.ErrRefused)) {
				t.Fatalf("AddVars failed without a placed syntax error or refusal: %v", err)
			}
			return
		}
		out := g.Bytes()
		set := g.Names()
		if !slices.Equal(set, names(t, out)) {
			t.Fatalf("the File AddVars returns is not the reading of its bytes:\n%q", out)
		}
		for _, n := range append(names(t, src), "REDIS_URL", "APP_NAME") {
			if !slices.Contains(set, n) {
				t.Fatalf("output does not set %s:\n%q", n, out)
			}
		}
		if !rewrite.IsInsertOnly(src, out) {
			t.Fatalf("not insert-only:\n%q\n%q", src, out)
		}
		for _, a := range actions {
			if a.Line < 1 || a.Line > bytes.Count(out, []byte("\n"))+1 {
				t.Fatalf("action %+v outside the output", a)
			}
		}
		again, more, err := g.AddVars(section, vars)
		if err != nil || again != g || len(more) != 0 {
			t.Fatalf("not idempotent: %v, %d actions\n%q", err, len(more), out)
		}
	})
}

// FuzzAddRemoveVars adds two variables, with a fuzzed value, under a
// fuzzed section to a fuzzed file (text that paxx edits: UTF-8, one kind
// of line ending) and, when that added something, removes the ones that
// were not there before: the removal must pass casetest.Check as a
// removal and give back the input byte for byte, or else another file
// from which AddVars makes the same output. It
// drives rewrite.Undo's search for the exact inverse at the speed of one
// format.
func FuzzAddRemoveVars(f *testing.F) {
	for _, src := range casetest.Inputs(f, addCases) {
		f.Add(src, "redis://localhost:6379/0", "Redis")
		f.Add(src, "x", "Application")
	}
	f.Fuzz(func(t *testing.T, src []byte, value, section string) {
		if rewrite.CheckEncoding(examplePath, src) != nil || rewrite.CheckNewlines(examplePath, src) != nil {
			return // components reads what it edits through filetx.ReadText, which refuses it
		}
		vars := []dotenv.Var{{Name: "REDIS_URL", Value: value}, {Name: "APP_NAME", Value: "x"}}
		added, actions, err := addVars(src, section, vars)
		if err != nil || len(actions) == 0 {
			return // FuzzAddVars' business, or nothing for remove to undo
		}
		fresh := newVars(t, src, vars)
		g, removed, err := added.RemoveVars(section, fresh)
		if err != nil {
			t.Fatalf("remove after add: %v\ninput:\n%q\nadded:\n%q", err, src, added.Bytes())
		}
		out := g.Bytes()
		casetest.Check(t, casetest.Edit{
			Op: "RemoveVars", In: added.Bytes(), Out: out, Actions: removed, Remove: true, Marker: "=",
			Parse: parseErr(examplePath),
			Again: func(src []byte) ([]byte, []rewrite.Action, error) {
				return rerun(examplePath, src, func(f *dotenv.File) (*dotenv.File, []rewrite.Action, error) {
					return f.RemoveVars(section, fresh)
				})
			},
		})
		if !bytes.Equal(out, src) {
			// Another file that AddVars makes the same output from is all
			// RemoveVars can find; and a heading written as paxx writes
			// it, with no variable under it, goes with the variables (the
			// case the README gives up).
			again, _, err := addVars(out, section, vars)
			if (err != nil || !bytes.Equal(again.Bytes(), added.Bytes())) && !hasHeading(src, section) {
				t.Fatalf("add then remove changed the file\ninput:\n%q\nadded:\n%q\nremoved:\n%q", src, added.Bytes(), out)
			}
		}
	})
}

// hasHeading reports whether a line of src is the heading "# section".
func hasHeading(src []byte, section string) bool {
	for _, line := range strings.Split(strings.TrimPrefix(string(src), rewrite.BOM), "\n") {
		if strings.TrimSpace(line) == "# "+section {
			return true
		}
	}
	return false
}
