package python

import (
	"slices"
	"strings"
	"testing"

	"github.com/paxx-dev/paxx/internal/casetest"
)

// TestCheckInsertion checks that the local check of an insertion agrees
// with verify, which parses the whole result: wherever the local check
// passes an insertion, verify passes it with the same actions. It tries
// every golden input, with fields whose defaults would break the file in
// the ways a local check could miss, and with the insertion point moved
// to after lines that continue or share their logical line.
func TestCheckInsertion(t *testing.T) {
	srcs := append(casetest.Inputs(t, addFieldsCases), largeModule(3, 12),
		[]byte("class S:\n    a: int = 1; b = (\n        2)\n    c: int = 3\n"),
		[]byte("class S:\n    a: int = 1 \\\n\n    c: int = 3\n"),
		[]byte("class S:\n    a: int = 1;  # note\n"),
		[]byte("class S:\n    a: int = 1\n    b = 2\n"),
		[]byte("class S:\n\ta: int = 1\n"),
		[]byte("class S:\n  \f  a: int = 1\n"),
		[]byte("class S:\r\n    a: int = 1\r\n"),
		[]byte("class S:\n    a: int = 1"),
		[]byte("class S:\n    def f(self):\n        pass\n"),
		[]byte("class S:\n    \"\"\"Doc.\"\"\"\n"),
		[]byte("class S:\n    model_config = {}\n    x = '''\n    a: int = 1\n'''\n"),
	)
	defaults := []any{"redis://localhost", 10, nil, true, 1.5,
		Expr("("), Expr("1 \\"), Expr("1  # c"), Expr(`"""x`), Expr("1\r2"), Expr("1\n2"), Expr("1; b = 2"),
		Expr("f(\n)"), Expr("\x00"), Expr("\xff"), Expr("[1,\n 2]"), Expr("x if y else z"), Expr("'a' 'b'"),
	}
	types := []string{"str", "int | None", "list[", "Optional[str]", "str ="}
	fast, total := 0, 0
	for _, src := range srcs {
		f, serr, tree, err := parseTree("s.py", src, readStyle, nil)
		if err != nil {
			t.Fatal(err)
		}
		if serr != nil {
			tree.Close()
			continue
		}
		for _, ci := range f.classes {
			for _, def := range defaults {
				for _, typ := range types {
					for _, section := range []string{"", "Redis", "Group 0"} {
						fields := []NewField{{Name: "new_field", Type: typ, Default: def, Section: section},
							{Name: "other_field", Type: "int", Default: 1, Section: "Tasks"}}
						ins, err := f.planFields(ci.class.Name, fields)
						if err != nil || ins == nil {
							continue
						}
						total++
						actions, ok := f.checkInsertion(ins.ci, ins.groups, ins.edits, ins.out)
						if !ok {
							continue
						}
						fast++
						g, want, err := ins.verify(f, tree)
						if err != nil {
							t.Errorf("%q, class %s, default %q, type %q: the local check passed what verify refuses: %v\n%s",
								firstLine(src), ci.class.Name, def, typ, err, ins.out)
							continue
						}
						if !slices.Equal(actions, want) || string(g.src) != string(ins.out) {
							t.Errorf("%q, class %s: actions %v, verify's %v", firstLine(src), ci.class.Name, actions, want)
						}
					}
				}
			}
		}
		tree.Close()
	}
	if fast < total/10 {
		t.Errorf("the local check decided %d of %d insertions", fast, total)
	}
	t.Logf("the local check decided %d of %d insertions", fast, total)
}

// firstLine returns src's first line, to name an input.
func firstLine(src []byte) string {
	s, _, _ := strings.Cut(string(src), "\n")
	return s
}

// TestCheckInsertionEdits checks the local check's preconditions on
// insertions that AddFields does not make but the check must refuse.
func TestCheckInsertionEdits(t *testing.T) {
	src := []byte("class S:\n    a: int = 1; b = (\n        2)\n    c: int = 3\n")
	f, err := parseChecked("s.py", src, readStyle)
	if err != nil {
		t.Fatal(err)
	}
	ci := f.classInfo("S")
	ins, err := f.planFields("S", []NewField{{Name: "d", Type: "int", Default: 4}})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := f.checkInsertion(ci, ins.groups, ins.edits, ins.out); !ok {
		t.Fatalf("the insertion after c was not checked locally:\n%s", ins.out)
	}
	// The same text after line 2, which the bracket of b continues.
	line2 := strings.Index(string(src), "        2)")
	edits := slices.Clone(ins.edits)
	for i := range edits {
		edits[i].Start, edits[i].End = line2, line2
	}
	out := slices.Concat(src[:line2], []byte(edits[0].Text), src[line2:])
	if _, ok := f.checkInsertion(ci, ins.groups, edits, out); ok {
		t.Errorf("an insertion inside brackets passed the local check:\n%s", out)
	}
}

// TestUnparsedResult checks the File that AddFields returns when the local
// check proved its result: it is parsed when first read, reads as the
// parse of its bytes, and edits on; and a File whose bytes would not parse
// gives its error, never a reading.
func TestUnparsedResult(t *testing.T) {
	src := []byte("from pydantic_settings import BaseSettings\n\n\nclass Settings(BaseSettings):\n    debug: bool = False\n")
	f, err := Parse("settings.py", src)
	if err != nil {
		t.Fatal(err)
	}
	g, actions, err := f.AddFields("Settings", []NewField{redisField()})
	if err != nil || len(actions) != 1 {
		t.Fatalf("AddFields: %v, %v", actions, err)
	}
	if g.pending == nil {
		t.Fatal("the local check did not pass a field after the last one: the result was parsed whole")
	}
	fresh, err := Parse("settings.py", g.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	cls, ok := g.Class("Settings")
	if want, _ := fresh.Class("Settings"); !ok || len(cls.Fields) != 2 || cls.Fields[1].Name != "redis_url" || cls.Fields[1].Line != want.Fields[1].Line {
		t.Errorf("Class of the unparsed result = %+v, %v; want %+v", cls, ok, want)
	}
	h, _, err := g.RemoveFields("Settings", []NewField{redisField()})
	if err != nil || string(h.Bytes()) != string(src) {
		t.Errorf("RemoveFields on the unparsed result: %v\n%s", err, h.Bytes())
	}

	bad := f.unparsed([]byte("class Settings(:\n"))
	if _, ok := bad.Class("Settings"); ok {
		t.Error("Class read a File that does not parse")
	}
	if _, _, err := bad.AddFields("Settings", []NewField{redisField()}); err == nil || !strings.Contains(err.Error(), "settings.py:1:") {
		t.Errorf("AddFields on a File that does not parse: err = %v, want its syntax error", err)
	}
}

// TestAddImportsKeepsStyle checks that the module AddImports returns
// carries its style, as a fresh parse reads it, without parsing it again.
func TestAddImportsKeepsStyle(t *testing.T) {
	for _, src := range []string{
		"from pydantic_settings import BaseSettings\n\n\nclass Settings(BaseSettings):\n    name: str | None = 'x'\n",
		"import os\n\n\nclass Settings:\n    name: str = \"x\"\n",
	} {
		f, err := Parse("settings.py", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		g, actions, err := f.AddImports([]Import{{Module: "pydantic", Name: "SecretStr"}})
		if err != nil || len(actions) != 1 {
			t.Fatalf("AddImports: %v, %v", actions, err)
		}
		if g.whole != nil {
			t.Errorf("%q: the result would be parsed again to read its style", src)
		}
		fresh, err := Parse("settings.py", g.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		got, _ := g.Style()
		want, _ := fresh.Style()
		if got != want {
			t.Errorf("%q: style %+v, a fresh parse reads %+v", src, got, want)
		}
	}
}
