package compose

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/paxx-dev/paxx/internal/casetest"
	"github.com/paxx-dev/paxx/rewrite"
)

// emptyKey reports whether src has the key that o fills there with no
// value: what paxx records as the user's, so that remove keeps it.
func (o op) emptyKey(src []byte) bool {
	f, err := Parse("docker-compose.yml", src)
	if err != nil {
		return false
	}
	switch o.Op {
	case "volume":
		return f.HasEmptyKey("", "volumes")
	case "env":
		return f.HasEmptyKey(o.Service, "environment")
	case "depends":
		return f.HasEmptyKey(o.Service, "depends_on")
	}
	return false
}

// undoOps returns the Remove calls that undo done, the Add calls of ops
// that changed in, in the order of removal (the reverse of adding): each
// keeps the key it filled when in has that key with no value, and the
// volume's owner is the service ops add.
func undoOps(ops, done []op, in []byte) []op {
	owner := ""
	for _, o := range ops {
		if o.Op == "service" {
			owner = o.Name
		}
	}
	out := make([]op, 0, len(done))
	for _, o := range slices.Backward(done) {
		o.KeepKey = o.emptyKey(in)
		if o.Op == "volume" {
			o.Owner = owner
		}
		out = append(out, o)
	}
	return out
}

// TestRemoveUndoesAdd makes the Add calls of every add case and undoes
// them: every removal passes casetest.Check, and the end is the input byte
// for byte.
func TestRemoveUndoesAdd(t *testing.T) {
	for _, c := range casetest.Load(t, addCases) {
		t.Run(c.Name, func(t *testing.T) {
			ops := caseOps(t, c, false)
			path, src := c.InputName, c.Input
			var done []op
			for _, o := range ops {
				out, actions, err := o.run(path, src)
				if err != nil {
					t.Skipf("add fails: %v", err)
				}
				if len(actions) > 0 {
					done = append(done, o)
				}
				src = out
			}
			for _, o := range undoOps(ops, done, c.Input) {
				out, actions, err := o.undo(path, src)
				if err != nil {
					t.Fatalf("remove %s: %v\n%s", o, err, src)
				}
				e := o.edit(path, src, out, actions, true)
				e.Op = fmt.Sprintf("%s: %s after the adds", c.Name, e.Op)
				casetest.Check(t, e)
				src = out
			}
			if !bytes.Equal(c.Input, src) {
				t.Errorf("add then remove (-input +got):\n%s", cmp.Diff(string(c.Input), string(src)))
			}
		})
	}
}

// TestRemoveCases runs the Remove calls of each case of
// testdata/cases/compose/remove (an input edited by hand after paxx added
// redis, or not as paxx wrote it) in turn, holds every edit to
// casetest.Check, and compares the output and the actions, or the first
// error, with the case's. The error must be a syntax error or a refusal.
func TestRemoveCases(t *testing.T) {
	if n := len(casetest.Load(t, removeCases)); n < 10 {
		t.Errorf("only %d remove cases", n)
	}
	casetest.Run(t, removeCases, func(t *testing.T, c *casetest.Case) casetest.Result {
		return runOps(t, c, caseOps(t, c, true), true)
	})
}

// FuzzRemoveUndoesAdd adds redis's entries to arbitrary compose files and
// removes them again: never a panic, and whenever the additions succeed the
// removals give back the input byte for byte.
func FuzzRemoveUndoesAdd(f *testing.F) {
	for _, src := range casetest.Inputs(f, addCases) {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		for _, o := range undoOps(redisOps, redisOps, nil) {
			if out, _, err := o.undo("docker-compose.yml", in); err == nil {
				if !rewrite.IsDeleteOnly(in, out) {
					t.Fatalf("%s on the input is not delete-only", o)
				}
			} else if !errors.As(err, new(*rewrite.Error)) {
				t.Fatalf("%s: error %v is not a *rewrite.Error", o, err)
			}
		}
		src := in
		var done []op
		for _, o := range redisOps {
			out, actions, err := o.run("docker-compose.yml", src)
			if err != nil {
				return
			}
			if len(actions) > 0 {
				done = append(done, o)
			}
			src = out
		}
		for _, o := range undoOps(redisOps, done, in) {
			out, _, err := o.undo("docker-compose.yml", src)
			if err != nil {
				t.Fatalf("remove %s: %v\n%q", o, err, src)
			}
			src = out
		}
		if !bytes.Equal(src, in) {
			t.Fatalf("add then remove:\n%q\ngave\n%q", in, src)
		}
	})
}

// BenchmarkRemoveService removes the redis service that AddService put
// into the paxx-shaped fixture (realistic) and into a file of 300 services
// (large).
func BenchmarkRemoveService(b *testing.B) {
	small := casetest.Input(b, addCases, "paxx")
	var large strings.Builder
	large.WriteString("services:\n")
	for i := range 300 {
		fmt.Fprintf(&large, "  svc%d:\n    image: busybox\n    environment:\n      - N=%d\n\n", i, i)
	}
	for name, src := range map[string][]byte{"realistic": small, "large": []byte(large.String())} {
		added, _, err := casetest.Edited(Parse, "docker-compose.yml", src, func(f *File) (*File, []rewrite.Action, error) {
			return f.AddService("redis", redisBody)
		})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, _, err := casetest.Edited(Parse, "docker-compose.yml", added, func(f *File) (*File, []rewrite.Action, error) {
					return f.RemoveService("redis", redisBody, false)
				}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
