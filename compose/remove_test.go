package compose

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/paxx-dev/paxx/rewrite"
)

// undo runs the Remove method that is the inverse of o, keeping the key
// that o fills when keep is true.
func (o op) undo(path string, src []byte, keep bool) ([]byte, []rewrite.Action, error) {
	return edited(path, src, func(f *File) (*File, []rewrite.Action, error) {
		switch o.Op {
		case "service":
			return f.RemoveService(o.Name, o.Body)
		case "volume":
			return f.RemoveVolume(o.Name, "redis", keep)
		case "env":
			return f.RemoveEnvironment(o.Service, o.Key, o.Value, keep)
		case "depends":
			return f.RemoveDependsOn(o.Service, o.Dep, o.Condition, keep)
		}
		panic("unknown op " + o.Op)
	})
}

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

// keeps returns, for each of ops, whether the key it fills is in src with
// no value.
func keeps(ops []op, src []byte) map[string]bool {
	out := map[string]bool{}
	for _, o := range ops {
		out[o.Op] = o.emptyKey(src)
	}
	return out
}

// removalOrder is the order in which a component's operations are undone:
// the reverse of adding.
func removalOrder(ops []op) []op {
	out := slices.Clone(ops)
	slices.Reverse(out)
	return out
}

// TestRemoveUndoesAdd applies every golden case's operations and undoes
// them: every step is delete-only, and the end is the input byte for byte.
func TestRemoveUndoesAdd(t *testing.T) {
	for _, g := range goldenDirs(t) {
		t.Run(g.name, func(t *testing.T) {
			in, err := os.ReadFile(g.input)
			if err != nil {
				t.Fatal(err)
			}
			path := "docker-compose" + g.ext
			src := in
			var done []op
			for _, o := range g.ops(t) {
				out, actions, err := o.run(path, src)
				if err != nil {
					t.Skipf("add fails: %v", err)
				}
				if len(actions) > 0 {
					done = append(done, o)
				}
				src = out
			}
			keep := keeps(done, in)
			for _, o := range removalOrder(done) {
				out, actions, err := o.undo(path, src, keep[o.Op])
				if err != nil {
					t.Fatalf("remove %s: %v\n%s", o.Op, err, src)
				}
				checkRemoved(t, o, path, src, out, actions, keep[o.Op])
				src = out
			}
			if !bytes.Equal(in, src) {
				t.Errorf("add then remove (-input +got):\n%s", cmp.Diff(string(in), string(src)))
			}
		})
	}
}

// checkRemoved asserts what every successful Remove must keep: the output
// parses, only lost bytes, points its actions at lines of the input, and is
// left alone by the same call made again.
func checkRemoved(t testing.TB, o op, path string, in, out []byte, actions []rewrite.Action, keep bool) {
	t.Helper()
	if _, err := Parse(path, out); err != nil {
		t.Fatalf("%s: output does not parse: %v\n%s", o.Op, err, out)
	}
	if !rewrite.IsDeleteOnly(in, out) {
		t.Fatalf("%s: output is not delete-only:\n%s", o.Op, out)
	}
	if bytes.Equal(in, out) != (len(actions) == 0) {
		t.Fatalf("%s: %d actions for a change of %d bytes", o.Op, len(actions), len(in)-len(out))
	}
	lines := bytes.Split(in, []byte("\n"))
	for _, a := range actions {
		if a.Line < 1 || a.Line > len(lines) || !bytes.Contains(lines[a.Line-1], []byte(strings.TrimSuffix(o.marker(), ":"))) {
			t.Fatalf("%s: action %+v does not point at a line holding %q", o.Op, a, o.marker())
		}
	}
	again, more, err := o.undo(path, out, keep)
	if err != nil || len(more) != 0 || !bytes.Equal(again, out) {
		t.Fatalf("%s: not idempotent: err=%v actions=%v\n%s", o.Op, err, more, again)
	}
}

// TestRemoveGolden runs the cases of testdata/compose/remove: an input
// edited by hand after paxx added redis, the operations to undo (redis's
// by default), and the wanted output or error.
func TestRemoveGolden(t *testing.T) {
	root := filepath.Join("..", "testdata", "compose", "remove")
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) < 10 {
		t.Errorf("only %d remove cases", len(entries))
	}
	for _, e := range entries {
		g := goldenDir{name: e.Name(), dir: filepath.Join(root, e.Name()), input: filepath.Join(root, e.Name(), "input.yml"), ext: ".yml"}
		t.Run(g.name, func(t *testing.T) {
			src, err := os.ReadFile(g.input)
			if err != nil {
				t.Fatal(err)
			}
			var failure error
			for _, o := range removalOrder(g.ops(t)) {
				out, actions, err := o.undo("docker-compose.yml", src, false)
				if err != nil {
					failure = err
					break
				}
				checkRemoved(t, o, "docker-compose.yml", src, out, actions, false)
				src = out
			}
			wantFile, got := filepath.Join(g.dir, "want.yml"), src
			if failure != nil {
				if !errors.As(failure, new(*rewrite.Error)) {
					t.Fatalf("error is not a *rewrite.Error: %v", failure)
				}
				wantFile, got = filepath.Join(g.dir, "want.err"), []byte(failure.Error()+"\n")
			}
			if *update {
				os.Remove(filepath.Join(g.dir, "want.yml"))
				os.Remove(filepath.Join(g.dir, "want.err"))
				if err := os.WriteFile(wantFile, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, rerr := os.ReadFile(wantFile)
			if rerr != nil {
				t.Fatalf("got %s, but cannot read it: %v", filepath.Base(wantFile), rerr)
			}
			if d := cmp.Diff(string(want), string(got)); d != "" {
				t.Errorf("%s mismatch (-want +got):\n%s", filepath.Base(wantFile), d)
			}
		})
	}
}

// FuzzRemoveUndoesAdd adds redis's entries to arbitrary compose files and
// removes them again: never a panic, and whenever the additions succeed the
// removals give back the input byte for byte.
func FuzzRemoveUndoesAdd(f *testing.F) {
	for _, g := range goldenDirs(f) {
		src, err := os.ReadFile(g.input)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		for _, o := range redisOps {
			if out, _, err := o.undo("docker-compose.yml", in, false); err == nil {
				if !rewrite.IsDeleteOnly(in, out) {
					t.Fatalf("%s on the input is not delete-only", o.Op)
				}
			} else if !errors.As(err, new(*rewrite.Error)) {
				t.Fatalf("%s: error %v is not a *rewrite.Error", o.Op, err)
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
		keep := keeps(done, in)
		for _, o := range removalOrder(done) {
			out, _, err := o.undo("docker-compose.yml", src, keep[o.Op])
			if err != nil {
				t.Fatalf("remove %s: %v\n%q", o.Op, err, src)
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
	small, err := os.ReadFile(filepath.Join("..", "testdata", "compose", "paxx", "input.yml"))
	if err != nil {
		b.Fatal(err)
	}
	var large strings.Builder
	large.WriteString("services:\n")
	for i := range 300 {
		fmt.Fprintf(&large, "  svc%d:\n    image: busybox\n    environment:\n      - N=%d\n\n", i, i)
	}
	for name, src := range map[string][]byte{"realistic": small, "large": []byte(large.String())} {
		added, _, err := edited("docker-compose.yml", src, func(f *File) (*File, []rewrite.Action, error) {
			return f.AddService("redis", redisBody)
		})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, _, err := edited("docker-compose.yml", added, func(f *File) (*File, []rewrite.Action, error) {
					return f.RemoveService("redis", redisBody)
				}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
