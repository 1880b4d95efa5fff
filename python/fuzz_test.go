package python

import (
	"bytes"
	"errors"
	"testing"

	"github.com/paxx-dev/paxx/internal/casetest"
	"github.com/paxx-dev/paxx/rewrite"
)

// FuzzAddFields checks AddFields on arbitrary sources: it never panics, and
// it either fails with a *rewrite.Error or returns Python that parses, keeps
// every input byte, holds the fields, and is a fixed point.
func FuzzAddFields(f *testing.F) {
	addFieldsSeeds(f)
	fields := fuzzFields()
	f.Fuzz(func(t *testing.T, src []byte, settings bool) {
		class := "Settings"
		if !settings {
			class = "AppConfig"
		}
		if pf, err := Parse("settings.py", src); err == nil {
			for _, c := range pf.Classes() {
				pf.Accessor(c.Name)
				c.EnvName("redis_url")
			}
		}
		out, actions, err := casetest.Edited(Parse, "settings.py", src, func(f *File) (*File, []rewrite.Action, error) {
			return f.AddFields(class, fields)
		})
		if err != nil {
			var rerr *rewrite.Error
			if !errors.As(err, &rerr) {
				t.Fatalf("error %v is not a *rewrite.Error", err)
			}
			return
		}
		if !rewrite.IsInsertOnly(src, out) {
			t.Fatalf("not insert-only:\n%q\n%q", src, out)
		}
		pf, err := Parse("settings.py", out)
		if err != nil {
			t.Fatalf("output does not parse: %v\n%q", err, out)
		}
		c, ok := pf.Class(class)
		if !ok {
			t.Fatalf("class %s gone from %q", class, out)
		}
		for _, nf := range fields {
			if _, ok := c.HasField(nf.Name); !ok {
				t.Fatalf("field %s missing from %q", nf.Name, out)
			}
		}
		if bytes.Equal(src, out) != (len(actions) == 0) {
			t.Fatalf("%d actions for a change of %v", len(actions), !bytes.Equal(src, out))
		}
		again, more, err := casetest.Edited(Parse, "settings.py", out, func(f *File) (*File, []rewrite.Action, error) {
			return f.AddFields(class, fields)
		})
		if err != nil || !bytes.Equal(again, out) || len(more) != 0 {
			t.Fatalf("not idempotent (err %v, actions %v):\n%q\n%q", err, more, out, again)
		}
	})
}

// addFieldsSeeds seeds a fuzz target of (source, class is Settings) with
// the add cases and sources that once broke AddFields.
func addFieldsSeeds(f *testing.F) {
	for _, c := range casetest.Load(f, addFieldsCases) {
		class, _ := fieldArgs(f, c)
		f.Add(c.Input, class == "Settings")
	}
	for _, src := range []string{
		"class Settings(BaseSettings):\n\f    a: int = 1\n",
		"class Settings(BaseSettings):\n    größe: int = 1  # ü\n    ß: str = 'ß'\n",
		"if True:\n    class Settings(BaseSettings):\n        a: int = 1\n",
		"class Settings(BaseSettings):\n    # only a comment\n    pass\n",
		"class Settings(BaseSettings):\n    a: int = 1 \\\n        + 2\n",
		"class Settings(BaseSettings):\r    a: int = 1\r",
		"class Settings(BaseSettings):\n    a: int = 1;\n",
		"class Settings(BaseSettings):\n    if True:\n        a: int = 1\n    b: int = 2\n",
		"class Settings(BaseSettings):\n    a: int = 1\n# dedented comment\n    def m(self): ...\n",
		"class Settings(BaseSettings):\n\ta: int = 1\n\tb: int = 2\n",
		"class Settings(BaseSettings):\n    x: int\n\n\n\nclass Settings(BaseSettings):\n    y: int\n",
	} {
		f.Add([]byte(src), true)
	}
}

// fuzzFields are the fields the fuzz targets add: one per section style.
func fuzzFields() []NewField {
	return []NewField{
		redisField(),
		{Name: "arq_max_jobs", Type: "int", Default: 10, Section: "Background tasks"},
		{Name: "smtp_password", Type: "SecretStr | None", Default: nil, Section: "Email"},
	}
}

// FuzzAddRemoveFields adds fields to arbitrary sources (text that paxx
// edits: UTF-8, one kind of line ending) and, when that added something,
// removes the ones that were not there before: the removal must succeed,
// pass casetest.Check as a removal and give back the source byte for
// byte, or else another source from which AddFields makes the same
// output. It drives rewrite.Undo's search for the exact
// inverse at the speed of one format.
func FuzzAddRemoveFields(f *testing.F) {
	addFieldsSeeds(f)
	fields := fuzzFields()
	f.Fuzz(func(t *testing.T, src []byte, settings bool) {
		class := "Settings"
		if !settings {
			class = "AppConfig"
		}
		if rewrite.CheckEncoding("settings.py", src) != nil || rewrite.CheckNewlines("settings.py", src) != nil {
			return // components reads what it edits through filetx.ReadText, which refuses it
		}
		add := func(f *File) (*File, []rewrite.Action, error) { return f.AddFields(class, fields) }
		out, actions, err := casetest.Edited(Parse, "settings.py", src, add)
		if err != nil || len(actions) == 0 {
			return // FuzzAddFields' business, or nothing for remove to undo
		}
		pf, err := Parse("settings.py", src)
		if err != nil {
			t.Fatalf("AddFields accepted a source Parse refuses: %v", err)
		}
		var fresh []NewField
		c, _ := pf.Class(class)
		for _, nf := range fields {
			if _, ok := c.HasField(nf.Name); !ok {
				fresh = append(fresh, nf)
			}
		}
		remove := func(f *File) (*File, []rewrite.Action, error) { return f.RemoveFields(class, fresh) }
		back, removed, err := casetest.Edited(Parse, "settings.py", out, remove)
		if err != nil {
			t.Fatalf("remove after add: %v\ninput:\n%q\nadded:\n%q", err, src, out)
		}
		casetest.Check(t, casetest.Edit{
			Op: "RemoveFields", In: out, Out: back, Actions: removed, Remove: true,
			Parse: func(src []byte) error { _, err := Parse("settings.py", src); return err },
			Again: func(src []byte) ([]byte, []rewrite.Action, error) {
				return casetest.Edited(Parse, "settings.py", src, remove)
			},
		})
		if !bytes.Equal(back, src) {
			// Another source that AddFields makes the same output from is
			// all RemoveFields can find.
			if again, _, err := casetest.Edited(Parse, "settings.py", back, add); err != nil || !bytes.Equal(again, out) {
				t.Fatalf("add then remove changed the file\ninput:\n%q\nadded:\n%q\nremoved:\n%q", src, out, back)
			}
		}
	})
}
