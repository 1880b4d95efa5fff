package pyproject

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/paxx-dev/paxx/rewrite"
)

// step is one Add call and the Remove call that undoes it.
type step struct {
	name      string
	add, undo func(src []byte) ([]byte, []rewrite.Action, error)
}

// steps lists what paxx does to a case's input: the dependency, the
// record, two adopted items and a replaced value.
func (c goldenCase) steps(t testing.TB) []step {
	t.Helper()
	req, infra := c.params.Req, c.params.Infra
	if c.ext == ".txt" {
		return []step{{"requirement",
			func(src []byte) ([]byte, []rewrite.Action, error) {
				return addRequirementLine("requirements.txt", src, req)
			},
			func(src []byte) ([]byte, []rewrite.Action, error) {
				return removeRequirementLine("requirements.txt", src, req)
			}}}
	}
	var out []step
	if f, err := Parse("pyproject.toml", c.in); err == nil {
		if tg, err := f.DependencyTarget(); err == nil && tg.Kind != Requirements {
			out = append(out, step{"dependency",
				func(src []byte) ([]byte, []rewrite.Action, error) { return addDependency("pyproject.toml", src, req) },
				func(src []byte) ([]byte, []rewrite.Action, error) {
					return removeDependency("pyproject.toml", src, req)
				}})
		}
	}
	out = append(out, step{"infra",
		func(src []byte) ([]byte, []rewrite.Action, error) { return addInfra("pyproject.toml", src, infra) },
		func(src []byte) ([]byte, []rewrite.Action, error) {
			return removeArrayItem("pyproject.toml", src, paxxKey("infra"), infra)
		}})
	for _, item := range []string{"field redis_url", "service cache"} {
		out = append(out, step{"adopted " + item,
			func(src []byte) ([]byte, []rewrite.Action, error) {
				return ensureArrayItem("pyproject.toml", src, paxxKey("adopted"), infra+": "+item)
			},
			func(src []byte) ([]byte, []rewrite.Action, error) {
				return removeArrayItem("pyproject.toml", src, paxxKey("adopted"), infra+": "+item)
			}})
	}
	out = append(out, step{"replaced image",
		func(src []byte) ([]byte, []rewrite.Action, error) {
			return ensureArrayItem("pyproject.toml", src, paxxKey("replaced"), infra+": image db postgres:16-alpine")
		},
		func(src []byte) ([]byte, []rewrite.Action, error) {
			return removeArrayItem("pyproject.toml", src, paxxKey("replaced"), infra+": image db postgres:16-alpine")
		}})
	return out
}

// TestRemoveUndoesAdd makes every golden case's additions and undoes them
// in the reverse order: each removal is delete-only and idempotent, and
// the end is the input byte for byte.
func TestRemoveUndoesAdd(t *testing.T) {
	for _, c := range loadCases(t) {
		t.Run(c.name, func(t *testing.T) {
			src := c.in
			var done []step
			for _, s := range c.steps(t) {
				out, acts, err := s.add(src)
				if err != nil {
					break
				}
				if len(acts) > 0 {
					done = append(done, s)
				}
				src = out
			}
			if len(done) == 0 {
				t.Skip("nothing added")
			}
			for i := len(done) - 1; i >= 0; i-- {
				out, acts, err := done[i].undo(src)
				if err != nil {
					t.Fatalf("remove %s: %v", done[i].name, err)
				}
				checkRemoved(t, done[i], src, out, acts)
				src = out
			}
			if d := cmp.Diff(string(c.in), string(src)); d != "" {
				t.Errorf("add then remove (-input +got):\n%s", d)
			}
		})
	}
}

// checkRemoved asserts what every Remove output keeps: it parses (TOML
// only), lost bytes only, and is a fixed point.
func checkRemoved(t *testing.T, s step, in, out []byte, acts []rewrite.Action) {
	t.Helper()
	if !rewrite.IsDeleteOnly(in, out) {
		t.Fatalf("remove %s is not delete-only:\n%s", s.name, out)
	}
	if bytes.Equal(in, out) != (len(acts) == 0) {
		t.Errorf("remove %s: %d actions for a change of %d bytes", s.name, len(acts), len(in)-len(out))
	}
	again, more, err := s.undo(out)
	if err != nil || len(more) > 0 || !bytes.Equal(again, out) {
		t.Errorf("remove %s again: err %v, actions %v", s.name, err, more)
	}
}

// TestRemoveGolden runs the cases of testdata/pyproject/remove: a file
// edited by hand after paxx added redis, and the wanted result of
// removing redis's dependency and record (or the error).
func TestRemoveGolden(t *testing.T) {
	root := filepath.Join(goldenDir, "remove")
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) < 8 {
		t.Errorf("only %d remove cases", len(entries))
	}
	for _, d := range entries {
		c := goldenCase{name: d.Name(), dir: filepath.Join(root, d.Name()), params: caseParams{Req: "redis>=5.0", Infra: "redis"}}
		for _, ext := range []string{".toml", ".txt"} {
			if in, err := os.ReadFile(filepath.Join(c.dir, "input"+ext)); err == nil {
				c.in, c.ext = in, ext
			}
		}
		t.Run(c.name, func(t *testing.T) {
			src := c.in
			var failure error
			steps := c.steps(t)
			for i := len(steps) - 1; i >= 0 && failure == nil; i-- {
				out, acts, err := steps[i].undo(src)
				if err != nil {
					failure = err
					break
				}
				checkRemoved(t, steps[i], src, out, acts)
				src = out
			}
			want, got := filepath.Join(c.dir, "want"+c.ext), src
			if failure != nil {
				if !errors.As(failure, new(*rewrite.Error)) {
					t.Fatalf("error is not a *rewrite.Error: %v", failure)
				}
				want, got = filepath.Join(c.dir, "want.err"), []byte(failure.Error()+"\n")
			}
			if *update {
				if err := os.WriteFile(want, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			wantBytes, err := os.ReadFile(want)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(string(wantBytes), string(got)); d != "" {
				t.Errorf("%s (-want +got):\n%s", filepath.Base(want), d)
			}
		})
	}
}

// FuzzRemoveUndoesAdd adds redis's dependency and record to arbitrary
// files and removes them again: no panic, and whenever the additions
// succeed, the removals give back the input byte for byte.
func FuzzRemoveUndoesAdd(f *testing.F) {
	for _, c := range loadCases(f) {
		f.Add(c.in, c.ext == ".txt")
	}
	f.Fuzz(func(t *testing.T, in []byte, txt bool) {
		c := goldenCase{in: in, ext: ".toml", params: caseParams{Req: "redis>=5.0", Infra: "redis"}}
		if txt {
			c.ext = ".txt"
		}
		if f, err := Parse("pyproject.toml", in); err == nil && !txt && f.IsTable("tool", "paxx") && len(f.StringArray(paxxKey("infra")...)) == 0 {
			// A [tool.paxx] table that is there before the first component
			// is recorded as the user's by package components, which
			// FuzzAddRemove covers: here the first record would look like
			// the table's creation.
			return
		}
		steps := c.steps(t)
		for _, s := range steps {
			if out, _, err := s.undo(in); err == nil && !rewrite.IsDeleteOnly(in, out) {
				t.Fatalf("remove %s on the input is not delete-only", s.name)
			}
		}
		src := in
		var done []step
		for _, s := range steps {
			out, acts, err := s.add(src)
			if err != nil {
				return
			}
			if len(acts) > 0 {
				done = append(done, s)
			}
			src = out
		}
		for i := len(done) - 1; i >= 0; i-- {
			out, _, rerr := done[i].undo(src)
			if rerr != nil {
				t.Fatalf("remove %s: %v\n%q", done[i].name, rerr, src)
			}
			src = out
		}
		if !bytes.Equal(src, in) {
			t.Fatalf("add then remove:\n%q\ngave\n%q", in, src)
		}
	})
}
