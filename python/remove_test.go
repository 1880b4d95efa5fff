package python

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/paxx-dev/paxx/rewrite"
)

// removeDir holds one directory per RemoveFields case: input.py with the
// fields to remove (often edited by hand after paxx added them), want.py or
// want.err, and an optional case.json like the AddFields cases'.
var removeDir = filepath.Join(goldenDir, "remove")

// TestRemoveFieldsUndoesAddFields adds the fields to every AddFields golden
// input and removes them again: the result must be the input, byte for
// byte.
func TestRemoveFieldsUndoesAddFields(t *testing.T) {
	for _, gc := range goldenCases(t) {
		t.Run(gc.name, func(t *testing.T) {
			in, err := os.ReadFile(filepath.Join(gc.dir, gc.input))
			if err != nil {
				t.Fatal(err)
			}
			added, actions, err := edited("settings.py", in, func(f *File) (*File, []rewrite.Action, error) {
				return f.AddFields(gc.class, gc.fields)
			})
			if err != nil || len(actions) == 0 {
				t.Skipf("AddFields adds nothing here (%v)", err)
			}
			out, removed, err := edited("settings.py", added, func(f *File) (*File, []rewrite.Action, error) {
				return f.RemoveFields(gc.class, newFields(in, gc.class, gc.fields))
			})
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(out, in) {
				t.Errorf("add then remove did not give back the input:\n--- input\n%s\n--- got\n%s", in, out)
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

func TestRemoveFieldsGolden(t *testing.T) {
	entries, err := os.ReadDir(removeDir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, gc := range goldenCasesIn(t, removeDir, entries) {
		n++
		t.Run(gc.name, func(t *testing.T) {
			in, err := os.ReadFile(filepath.Join(gc.dir, gc.input))
			if err != nil {
				t.Fatal(err)
			}
			out, actions, err := edited("settings.py", in, func(f *File) (*File, []rewrite.Action, error) {
				return f.RemoveFields(gc.class, gc.fields)
			})
			errFile := filepath.Join(gc.dir, "want.err")
			if err != nil {
				var rerr *rewrite.Error
				if !errors.As(err, &rerr) || rerr.Kind == nil {
					t.Errorf("error %v is not a *rewrite.Error with a kind", err)
				}
				golden(t, errFile, []byte(err.Error()+"\n"))
				return
			}
			if _, statErr := os.Stat(errFile); statErr == nil && !*update {
				t.Fatalf("no error, want the one in %s", errFile)
			}
			golden(t, filepath.Join(gc.dir, "want.py"), out)
			checkRemoved(t, in, out, actions, gc.class, gc.fields)
		})
	}
	if n < 10 {
		t.Errorf("%d RemoveFields cases, want at least 10", n)
	}
}

// checkRemoved asserts what every RemoveFields output must be: Python that
// parses, the input with bytes taken out and none added, a fixed point,
// without the fields, and one action per removed field pointing at its line
// in the input.
func checkRemoved(t *testing.T, in, out []byte, actions []rewrite.Action, class string, fields []NewField) {
	t.Helper()
	f, err := Parse("settings.py", out)
	if err != nil {
		t.Fatalf("output does not parse: %v", err)
	}
	if !rewrite.IsDeleteOnly(in, out) {
		t.Errorf("output is not delete-only")
	}
	again, more, err := edited("settings.py", out, func(f *File) (*File, []rewrite.Action, error) {
		return f.RemoveFields(class, fields)
	})
	if err != nil || !bytes.Equal(again, out) || len(more) != 0 {
		t.Errorf("second run changed the output (err %v, actions %v)", err, more)
	}
	if bytes.Equal(in, out) != (len(actions) == 0) {
		t.Errorf("output changed: %v, but %d actions", !bytes.Equal(in, out), len(actions))
	}
	if bytes.HasPrefix(in, []byte(rewrite.BOM)) != bytes.HasPrefix(out, []byte(rewrite.BOM)) {
		t.Errorf("BOM not kept")
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
	lines := bytes.Split(in, []byte("\n"))
	for _, a := range actions {
		if a.Line < 1 || a.Line > len(lines) || !bytes.Contains(lines[a.Line-1], []byte(":")) {
			t.Errorf("action %+v does not point at a field line of the input", a)
		}
	}
}

// FuzzRemoveFields adds fields to arbitrary sources and removes them again:
// never a panic, and whenever AddFields succeeds, RemoveFields gives back
// the source byte for byte; RemoveFields on the source itself either fails
// cleanly or returns Python that parses with bytes only taken out.
func FuzzRemoveFields(f *testing.F) {
	for _, gc := range goldenCases(f) {
		src, err := os.ReadFile(filepath.Join(gc.dir, gc.input))
		if err != nil {
			f.Fatal(err)
		}
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
		if out, _, err := edited("settings.py", src, func(f *File) (*File, []rewrite.Action, error) {
			return f.RemoveFields("Settings", fields)
		}); err == nil {
			if _, perr := Parse("settings.py", out); perr != nil || !rewrite.IsDeleteOnly(src, out) {
				t.Fatalf("RemoveFields on the source: parse error %v or not delete-only", perr)
			}
		} else if !errors.As(err, new(*rewrite.Error)) {
			t.Fatalf("error %v is not a *rewrite.Error", err)
		}
		added, actions, err := edited("settings.py", src, func(f *File) (*File, []rewrite.Action, error) {
			return f.AddFields("Settings", fields)
		})
		if err != nil || len(actions) == 0 {
			return
		}
		out, _, err := edited("settings.py", added, func(f *File) (*File, []rewrite.Action, error) {
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
	small, err := os.ReadFile(filepath.Join(goldenDir, "paxx_settings", "input.py"))
	if err != nil {
		b.Fatal(err)
	}
	var large bytes.Buffer
	large.WriteString("from pydantic_settings import BaseSettings\n\n\nclass Settings(BaseSettings):\n")
	for i := range 2000 {
		fmt.Fprintf(&large, "    field_%d: int = %d\n", i, i)
	}
	for name, src := range map[string][]byte{"realistic": small, "large": large.Bytes()} {
		added, _, err := edited("settings.py", src, func(f *File) (*File, []rewrite.Action, error) {
			return f.AddFields("Settings", []NewField{redisField()})
		})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, _, err := edited("settings.py", added, func(f *File) (*File, []rewrite.Action, error) {
					return f.RemoveFields("Settings", []NewField{redisField()})
				}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
