package python

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paxx-dev/paxx/internal/casetest"
	"github.com/paxx-dev/paxx/rewrite"
)

// wireCases are the cases of Wire: one folder per app shape.
var wireCases = filepath.Join("..", "testdata", "cases", "python")

// wireArgs reads a case's operations: `hook KIND MODULE NAME` lines, in
// order, and the options `app NAME`, `lifespan NAME`, `fastapi REQ`,
// `keep-lifespan` and `undo` (undo every hook again, in reverse order, after ensuring them).
func wireArgs(t testing.TB, c *casetest.Case) (wires []Wire, undo bool) {
	t.Helper()
	var base Wire
	for _, o := range c.Ops {
		switch {
		case o.Args[0] == "hook" && len(o.Args) == 4:
			k := map[string]HookKind{"startup": Startup, "shutdown": Shutdown, "setup": Setup, "router": Router}[o.Args[1]]
			if k == 0 {
				c.Fatalf(t, o, "unknown hook kind")
			}
			w := base
			w.Hook = Hook{Kind: k, Module: o.Args[2], Name: o.Args[3]}
			wires = append(wires, w)
		case o.Args[0] == "app" && len(o.Args) == 2:
			base.App = o.Args[1]
		case o.Args[0] == "lifespan" && len(o.Args) == 2:
			base.Lifespan = o.Args[1]
		case o.Args[0] == "fastapi" && len(o.Args) == 2:
			base.FastAPI = o.Args[1]
		case o.Args[0] == "keep-lifespan" && len(o.Args) == 1:
			base.KeepLifespan = true
		case o.Args[0] == "undo" && len(o.Args) == 1:
			undo = true
		default:
			c.Fatalf(t, o, "want hook KIND MODULE NAME, app NAME, lifespan NAME, fastapi REQ, keep-lifespan or undo")
		}
	}
	if len(wires) == 0 {
		t.Fatalf("%s: no hook", c.Path)
	}
	return wires, undo
}

// wireEdit is the casetest.Edit of one Ensure (or, with remove, Undo)
// of w that gave out from in.
func wireEdit(w Wire, path string, in, out []byte, actions []rewrite.Action, remove bool) casetest.Edit {
	op := func(f *File) (*File, []rewrite.Action, error) { return w.Ensure(f) }
	if remove {
		op = w.Undo
	}
	return casetest.Edit{
		Op:      w.Hook.Kind.String() + " " + w.Hook.Name,
		In:      in,
		Out:     out,
		Actions: actions,
		Remove:  remove,
		Parse:   parseErr(path),
		Again: func(src []byte) ([]byte, []rewrite.Action, error) {
			return casetest.Edited(Parse, path, src, op)
		},
	}
}

// TestWireCases runs every folder testdata/cases/python/wire-*: each case
// ensures its hooks in order, holding each edit to casetest.Check; an undo
// case then undoes them in reverse order, each delete-only, and must give
// the input back; its want is what the hooks gave, and its actions those
// of the ensures, then of the undos.
func TestWireCases(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join(wireCases, "wire-*"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no wire cases: %v", err)
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			casetest.Run(t, dir, func(t *testing.T, c *casetest.Case) casetest.Result {
				wires, undo := wireArgs(t, c)
				src := c.Input
				var all []rewrite.Action
				for _, w := range wires {
					out, actions, err := casetest.Edited(Parse, c.InputName, src, w.Ensure)
					if err != nil {
						var re *rewrite.Error
						if !errors.As(err, &re) || re.Line == 0 {
							t.Errorf("error %v is not a *rewrite.Error with a position", err)
						}
						var u *UnwiredError
						if errors.As(err, &u) && !strings.Contains(u.Paste, w.Hook.Name) {
							t.Errorf("lines to paste %q do not name %s", u.Paste, w.Hook.Name)
						}
						return casetest.Result{Err: err}
					}
					casetest.Check(t, wireEdit(w, c.InputName, src, out, actions, false))
					src, all = out, append(all, actions...)
				}
				if !undo {
					return casetest.Result{Out: src, Actions: all}
				}
				ensured := src
				for i := len(wires) - 1; i >= 0; i-- {
					out, actions, err := casetest.Edited(Parse, c.InputName, src, wires[i].Undo)
					if err != nil {
						t.Fatal(err)
					}
					casetest.Check(t, wireEdit(wires[i], c.InputName, src, out, actions, true))
					for _, a := range actions {
						a.What = "undo: " + a.What
						all = append(all, a)
					}
					src = out
				}
				if !bytes.Equal(src, c.Input) {
					t.Errorf("undo did not give the input back:\n%s", src)
				}
				return casetest.Result{Out: ensured, Actions: all}
			})
		})
	}
}
