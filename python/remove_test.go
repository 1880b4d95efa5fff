package python

import (
	"bytes"
	"errors"
	"fmt"
	"testing"

	"github.com/paxx-dev/paxx/internal/casetest"
	"github.com/paxx-dev/paxx/rewrite"
)

// TestRemoveFieldsUndoesAddFields adds the fields of every AddFields case
// to its input and removes them again: the removal passes casetest.Check,
// and the result is the input, byte for byte.
func TestRemoveFieldsUndoesAddFields(t *testing.T) {
	for _, c := range casetest.Load(t, addFieldsCases) {
		t.Run(c.Name, func(t *testing.T) {
			class, fields := fieldArgs(t, c)
			added, actions, err := casetest.Edited(Parse, c.InputName, c.Input, func(f *File) (*File, []rewrite.Action, error) {
				return f.AddFields(class, fields)
			})
			if err != nil || len(actions) == 0 {
				t.Skipf("AddFields adds nothing here (%v)", err)
			}
			fresh := newFields(c.Input, class, fields)
			out, removed, err := casetest.Edited(Parse, c.InputName, added, func(f *File) (*File, []rewrite.Action, error) {
				return f.RemoveFields(class, fresh)
			})
			if err != nil {
				t.Fatal(err)
			}
			casetest.Check(t, removeEdit(fmt.Sprintf("%s: RemoveFields(%s) after AddFields", c.Name, class), c.InputName, added, out, removed, class, fresh))
			if !bytes.Equal(out, c.Input) {
				t.Errorf("add then remove did not give back the input:\n--- input\n%s\n--- got\n%s", c.Input, out)
			}
			if len(removed) != len(actions) {
				t.Errorf("%d fields added, %d removed", len(actions), len(removed))
			}
		})
	}
}

// newFields returns the fields that src's class does not have yet: those
// that AddFields adds, and so those that paxx may remove.
func newFields(src []byte, class string, fields []NewField) []NewField {
	f, err := Parse("settings.py", src)
	if err != nil {
		return fields
	}
	c, _ := f.Class(class)
	var out []NewField
	for _, nf := range fields {
		if _, ok := c.HasField(nf.Name); !ok {
			out = append(out, nf)
		}
	}
	return out
}

// removeEdit is the casetest.Edit of a RemoveFields of fields from class
// that gave out from in: delete-only, each action on a field line of in.
func removeEdit(op, path string, in, out []byte, actions []rewrite.Action, class string, fields []NewField) casetest.Edit {
	return casetest.Edit{
		Op:      op,
		In:      in,
		Out:     out,
		Actions: actions,
		Remove:  true,
		Marker:  ":",
		Parse:   parseErr(path),
		Again: func(src []byte) ([]byte, []rewrite.Action, error) {
			return casetest.Edited(Parse, path, src, func(f *File) (*File, []rewrite.Action, error) {
				return f.RemoveFields(class, fields)
			})
		},
	}
}

// TestRemoveFieldsCases runs the cases of
// testdata/cases/python/remove-fields: modules with the fields to remove,
// often edited by hand after paxx added them, and the wanted result (want,
// want.actions) or error (want.err). Beyond casetest.Check, it checks the
// error kinds and checkRemoved.
func TestRemoveFieldsCases(t *testing.T) {
	if n := len(casetest.Load(t, removeFieldsCases)); n < 10 {
		t.Errorf("%d RemoveFields cases, want at least 10", n)
	}
	casetest.Run(t, removeFieldsCases, func(t *testing.T, c *casetest.Case) casetest.Result {
		class, fields := fieldArgs(t, c)
		out, actions, err := casetest.Edited(Parse, c.InputName, c.Input, func(f *File) (*File, []rewrite.Action, error) {
			return f.RemoveFields(class, fields)
		})
		if err != nil {
			checkErrKind(t, err)
			return casetest.Result{Err: err}
		}
		casetest.Check(t, removeEdit(fmt.Sprintf("%s: RemoveFields(%s)", c.Name, class), c.InputName, c.Input, out, actions, class, fields))
		checkRemoved(t, c.InputName, c.Input, out, class, fields)
		return casetest.Result{Out: out, Actions: actions}
	})
}

// checkRemoved asserts what a RemoveFields output must be beyond
// casetest.Check: with the input's BOM, and with the class but without
// the fields.
func checkRemoved(t *testing.T, path string, in, out []byte, class string, fields []NewField) {
	t.Helper()
	if bytes.HasPrefix(in, []byte(rewrite.BOM)) != bytes.HasPrefix(out, []byte(rewrite.BOM)) {
		t.Errorf("BOM not kept")
	}
	f, err := Parse(path, out)
	if err != nil {
		t.Fatalf("output does not parse: %v", err)
	}
	c, ok := f.Class(class)
	if !ok {
		t.Fatalf("class %s is gone", class)
	}
	for _, nf := range fields {
		if _, ok := c.HasField(nf.Name); ok {
			t.Errorf("field %s still in the output", nf.Name)
		}
	}
}

// FuzzRemoveFields adds fields to arbitrary sources and removes them again:
// never a panic, and whenever AddFields succeeds, RemoveFields gives back
// the source byte for byte; RemoveFields on the source itself either fails
// cleanly or returns Python that parses with bytes only taken out.
func FuzzRemoveFields(f *testing.F) {
	for _, src := range casetest.Inputs(f, addFieldsCases) {
		f.Add(src)
	}
	fields := []NewField{
		redisField(),
		{Name: "arq_max_jobs", Type: "int", Default: 10, Section: "Redis"},
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if rewrite.CheckLoneCR("settings.py", src) != nil {
			return // paxx refuses the file before it is edited (rewrite.CheckNewlines)
		}
		if out, _, err := casetest.Edited(Parse, "settings.py", src, func(f *File) (*File, []rewrite.Action, error) {
			return f.RemoveFields("Settings", fields)
		}); err == nil {
			if _, perr := Parse("settings.py", out); perr != nil || !rewrite.IsDeleteOnly(src, out) {
				t.Fatalf("RemoveFields on the source: parse error %v or not delete-only", perr)
			}
		} else if !errors.As(err, new(*rewrite.Error)) {
			t.Fatalf("error %v is not a *rewrite.Error", err)
		}
		added, actions, err := casetest.Edited(Parse, "settings.py", src, func(f *File) (*File, []rewrite.Action, error) {
			return f.AddFields("Settings", fields)
		})
		if err != nil || len(actions) == 0 {
			return
		}
		out, _, err := casetest.Edited(Parse, "settings.py", added, func(f *File) (*File, []rewrite.Action, error) {
			return f.RemoveFields("Settings", newFields(src, "Settings", fields))
		})
		if err != nil {
			t.Fatalf("RemoveFields after AddFields: %v", err)
		}
		if !bytes.Equal(out, src) {
			t.Fatalf("add then remove:\n%q\ngave\n%q", src, out)
		}
	})
}

// BenchmarkRemoveFields removes the redis field from the paxx-shaped
// settings (realistic) and from a class of 2000 fields (large).
func BenchmarkRemoveFields(b *testing.B) {
	small := caseNamed(b, addFieldsCases, "paxx-settings").Input
	var large bytes.Buffer
	large.WriteString("from pydantic_settings import BaseSettings\n\n\nclass Settings(BaseSettings):\n")
	for i := range 2000 {
		fmt.Fprintf(&large, "    field_%d: int = %d\n", i, i)
	}
	for name, src := range map[string][]byte{"realistic": small, "large": large.Bytes()} {
		added, _, err := casetest.Edited(Parse, "settings.py", src, func(f *File) (*File, []rewrite.Action, error) {
			return f.AddFields("Settings", []NewField{redisField()})
		})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, _, err := casetest.Edited(Parse, "settings.py", added, func(f *File) (*File, []rewrite.Action, error) {
					return f.RemoveFields("Settings", []NewField{redisField()})
				}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
