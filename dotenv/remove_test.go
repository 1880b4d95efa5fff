package dotenv_test

import (
	"bytes"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/paxx-dev/paxx/dotenv"
	"github.com/paxx-dev/paxx/rewrite"
)

// TestRemoveVarsUndoesAddVars adds the variables to every AddVars golden
// input and removes them again: the result is the input byte for byte.
func TestRemoveVarsUndoesAddVars(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("..", "testdata", "dotenv", "*"))
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range dirs {
		if filepath.Base(dir) == "remove" {
			continue
		}
		t.Run(filepath.Base(dir), func(t *testing.T) {
			src, p := readCase(t, dir)
			added, actions, err := addVars(src, p.Section, p.Vars)
			if err != nil || len(actions) == 0 {
				t.Skipf("AddVars adds nothing here (%v)", err)
			}
			g, removed, err := added.RemoveVars(p.Section, newVars(t, src, p.Vars))
			if err != nil {
				t.Fatal(err)
			}
			out := g.Bytes()
			if d := cmp.Diff(names(t, out), g.Names()); d != "" {
				t.Errorf("the File RemoveVars returns is not the reading of its bytes (-reparsed +returned):\n%s", d)
			}
			if d := cmp.Diff(string(src), string(out)); d != "" {
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

// TestRemoveVarsGolden runs the cases of testdata/dotenv/remove: a file
// edited by hand after paxx added its variables, and the wanted result of
// removing them (want.env) or the error (want.err).
func TestRemoveVarsGolden(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("..", "testdata", "dotenv", "remove", "*"))
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) < 8 {
		t.Errorf("only %d RemoveVars cases", len(dirs))
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			src, p := readCase(t, dir)
			g, actions, err := removeVars(src, p.Section, p.Vars)
			if err != nil {
				if !errors.Is(err, rewrite.ErrSyntax) && !errors.Is(err, rewrite.ErrRefused) {
					t.Errorf("error %v is neither ErrSyntax nor ErrRefused", err)
				}
				if *update {
					writeGolden(t, filepath.Join(dir, "want.err"), err.Error()+"\n")
				}
				checkGolden(t, filepath.Join(dir, "want.err"), errText(err))
				return
			}
			out := g.Bytes()
			if *update {
				writeGolden(t, filepath.Join(dir, "want.env"), string(out))
				writeGolden(t, filepath.Join(dir, "want.actions"), formatActions(actions))
			}
			checkGolden(t, filepath.Join(dir, "want.env"), string(out))
			checkGolden(t, filepath.Join(dir, "want.actions"), formatActions(actions))
			if !rewrite.IsDeleteOnly(src, out) {
				t.Error("output is not delete-only")
			}
			for _, v := range p.Vars {
				if slices.Contains(g.Names(), v.Name) {
					t.Errorf("output still sets %s", v.Name)
				}
			}
			if d := cmp.Diff(names(t, out), g.Names()); d != "" {
				t.Errorf("the File RemoveVars returns is not the reading of its bytes (-reparsed +returned):\n%s", d)
			}
			again, more, err := g.RemoveVars(p.Section, p.Vars)
			if err != nil || len(more) > 0 || again != g {
				t.Errorf("not idempotent: %v %v", err, more)
			}
		})
	}
}

// FuzzRemoveVarsUndoesAddVars adds variables to arbitrary files and
// removes them again: no panic, and whenever AddVars succeeds RemoveVars
// gives back the input byte for byte.
func FuzzRemoveVarsUndoesAddVars(f *testing.F) {
	dirs, _ := filepath.Glob(filepath.Join("..", "testdata", "dotenv", "*", "input.env"))
	for _, name := range dirs {
		src, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
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
		f, err := dotenv.Parse(goldenPath, src)
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
	want := "# " + strings.TrimSpace(section)
	for line := range strings.Lines(string(src)) {
		if strings.TrimSpace(line) == want {
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
