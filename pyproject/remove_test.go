package pyproject

import (
	"bytes"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/paxx-dev/paxx/internal/casetest"
	"github.com/paxx-dev/paxx/rewrite"
)

// recordSteps are the record entries paxx keeps for a component named
// infra besides its infra item: two adopted items and a replaced value.
func recordSteps(path, infra string) []step {
	var out []step
	for _, o := range []op{
		{verb: "array-item", key: paxxKey("adopted"), item: infra + ": field redis_url"},
		{verb: "array-item", key: paxxKey("adopted"), item: infra + ": service cache"},
		{verb: "array-item", key: paxxKey("replaced"), item: infra + ": image db postgres:16-alpine"},
	} {
		s := o.step(path)
		s.name = "array-item " + o.key[2] + " " + o.item
		out = append(out, s)
	}
	return out
}

// undoSteps returns what TestRemoveUndoesAdd adds to a case's input: the
// edits of its operations (its target aside), then the record entries of
// the component its [tool.paxx].infra item names.
func undoSteps(t testing.TB, c *casetest.Case) []step {
	t.Helper()
	var out []step
	infra := ""
	for _, o := range caseOps(t, c, false) {
		if o.verb == "target" {
			continue
		}
		if o.verb == "array-item" && slices.Equal(o.key, paxxKey("infra")) {
			infra = o.item
		}
		out = append(out, o.step(c.InputName))
	}
	if infra == "" {
		t.Fatalf("%s: no array-item tool.paxx.infra operation", c.Path)
	}
	return append(out, recordSteps(c.InputName, infra)...)
}

// TestRemoveUndoesAdd makes every add case's additions, and the record
// entries of two adopted items and a replaced value, and undoes them in
// the reverse order: each removal passes casetest.Check, and the end is
// the input byte for byte.
func TestRemoveUndoesAdd(t *testing.T) {
	for _, c := range casetest.Load(t, addCases) {
		t.Run(c.Name, func(t *testing.T) {
			src := c.Input
			var done []step
			for _, s := range undoSteps(t, c) {
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
			for _, s := range slices.Backward(done) {
				out, acts, err := s.undo(src)
				if err != nil {
					t.Fatalf("remove %s: %v", s.name, err)
				}
				casetest.Check(t, casetest.Edit{
					Op:      c.Name + ": remove " + s.name,
					In:      src,
					Out:     out,
					Actions: acts,
					Remove:  true,
					Marker:  s.marker,
					Parse: func(src []byte) error {
						_, err := Parse(c.InputName, src)
						return err
					},
					Again: s.undo,
				})
				src = out
			}
			if d := cmp.Diff(string(c.Input), string(src)); d != "" {
				t.Errorf("add then remove (-input +got):\n%s", d)
			}
		})
	}
}

// TestRemoveCases runs the cases of testdata/cases/pyproject/remove: a
// file edited by hand after paxx added redis, and the wanted result of
// removing redis's record and dependency (want and want.actions), or the
// error (want.err). Every removal passes casetest.Check; the error must be
// a syntax error or a refusal.
func TestRemoveCases(t *testing.T) {
	if n := len(casetest.Load(t, removeCases)); n < 8 {
		t.Errorf("only %d remove cases", n)
	}
	casetest.Run(t, removeCases, func(t *testing.T, c *casetest.Case) casetest.Result {
		res := runOps(t, c, caseOps(t, c, true), c.Input, true, true)
		if res.Err != nil {
			checkError(t, res.Err)
		}
		return res
	})
}

// FuzzRemoveUndoesAdd adds redis's dependency and record to arbitrary
// files and removes them again: no panic, and whenever the additions
// succeed, the removals give back the input byte for byte. With txt the
// file is a requirements file, and the one edit is AddLine.
func FuzzRemoveUndoesAdd(f *testing.F) {
	for _, in := range casetest.Inputs(f, addCases) {
		f.Add(in, false)
	}
	for _, in := range casetest.Inputs(f, requirementsAddCases) {
		f.Add(in, true)
	}
	f.Fuzz(func(t *testing.T, in []byte, txt bool) {
		if f, err := Parse("pyproject.toml", in); err == nil && !txt && f.IsTable("tool", "paxx") && len(f.StringArray(paxxKey("infra")...)) == 0 {
			// A [tool.paxx] table that is there before the first component
			// is recorded as the user's by package components, which
			// FuzzAddRemove covers: here the first record would look like
			// the table's creation.
			return
		}
		steps := redisSteps(in, txt)
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
		for _, s := range slices.Backward(done) {
			out, _, rerr := s.undo(src)
			if rerr != nil {
				t.Fatalf("remove %s: %v\n%q", s.name, rerr, src)
			}
			src = out
		}
		if !bytes.Equal(src, in) {
			t.Fatalf("add then remove:\n%q\ngave\n%q", in, src)
		}
	})
}

// redisSteps are what paxx does for redis to in: with txt, a requirements
// file, the requirement line; otherwise redis>=5.0 where DependencyTarget
// puts it in pyproject.toml, the infra item and recordSteps.
func redisSteps(in []byte, txt bool) []step {
	const req = "redis>=5.0"
	if txt {
		return []step{{
			name: "requirement",
			add: func(src []byte) ([]byte, []rewrite.Action, error) {
				return addRequirementLine("requirements.txt", src, req)
			},
			undo: func(src []byte) ([]byte, []rewrite.Action, error) {
				return removeRequirementLine("requirements.txt", src, req)
			},
			marker: "redis",
		}}
	}
	const path = "pyproject.toml"
	var out []step
	if f, err := Parse(path, in); err == nil {
		if tg, err := f.DependencyTarget(); err == nil && tg.Kind != Requirements {
			out = append(out, op{verb: "dependency", req: req}.step(path))
		}
	}
	out = append(out, op{verb: "array-item", key: paxxKey("infra"), item: "redis"}.step(path))
	return append(out, recordSteps(path, "redis")...)
}

// TestCheckRemoved checks the check every removal passes: it accepts the
// document less the key (and the tables that leaves empty) or less one
// element of the array, and refuses a deletion that reached any other key.
func TestCheckRemoved(t *testing.T) {
	const src = "[project]\nname = \"x\"\ndependencies = [\"a\", \"b\", \"c\"]\n\n[tool.ruff]\nline-length = 100\n\n[tool.paxx]\ninfra = [\"redis\"]\n"
	f, err := Parse("pyproject.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	infra := []string{"tool", "paxx", "infra"}
	deps := []string{"project", "dependencies"}
	noRedis := func(g *File) bool { return !slices.Contains(g.StringArray(infra...), "redis") }
	noB := func(g *File) bool { return !slices.Contains(g.StringArray(deps...), "b") }
	tests := []struct {
		name string
		out  string
		path []string
		gone func(*File) bool
		ok   bool
	}{
		{"the table", "[project]\nname = \"x\"\ndependencies = [\"a\", \"b\", \"c\"]\n\n[tool.ruff]\nline-length = 100\n", infra, noRedis, true},
		{"the key", "[project]\nname = \"x\"\ndependencies = [\"a\", \"b\", \"c\"]\n\n[tool.ruff]\nline-length = 100\n\n[tool.paxx]\n", infra, noRedis, true},
		{"and another table's key", "[project]\nname = \"x\"\ndependencies = [\"a\", \"b\", \"c\"]\n\n[tool.ruff]\n\n[tool.paxx]\n", infra, noRedis, false},
		{"and a project key", "[project]\ndependencies = [\"a\", \"b\", \"c\"]\n\n[tool.ruff]\nline-length = 100\n\n[tool.paxx]\n", infra, noRedis, false},
		{"one element", "[project]\nname = \"x\"\ndependencies = [\"a\", \"c\"]\n\n[tool.ruff]\nline-length = 100\n\n[tool.paxx]\ninfra = [\"redis\"]\n", deps, noB, true},
		{"two elements", "[project]\nname = \"x\"\ndependencies = [\"a\"]\n\n[tool.ruff]\nline-length = 100\n\n[tool.paxx]\ninfra = [\"redis\"]\n", deps, noB, false},
		{"still there", src, infra, noRedis, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := f.checkRemoved([]byte(tt.out), tt.path, tt.gone)
			if (err == nil) != tt.ok {
				t.Errorf("checkRemoved: err = %v, want ok %v", err, tt.ok)
			}
		})
	}
}
