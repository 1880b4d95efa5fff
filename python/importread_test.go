package python

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// readStatements parses src and reads its import statements as
// importStatements does.
func readStatements(t *testing.T, src string) []importStmt {
	t.Helper()
	f, _, tree, err := parseTree("x.py", []byte(src), 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tree.Close()
	return f.importStatements(namedChildren(tree.RootNode()))
}

// stmtView is an importStmt with its spans replaced by the text they
// cover, so that a table can say what each span must hold.
type stmtView struct {
	Text     string // src[start:end]
	From     bool
	Module   string
	Level    int
	Wildcard bool
	Guarded  bool
	Open     string // src[open:open+1], or "" when open is -1
	Names    []nameView
	Binds    []string // bound(n) of each name
	First    string   // firstModule
}

// nameView is an importName with its spans replaced by their text.
type nameView struct {
	Text        string // src[start:end]
	Name, Alias string
	Comma       string // src[comma:comma+1], or "" when comma is -1
}

// view turns a statement's spans into the text they cover in src.
func view(src string, s importStmt) stmtView {
	v := stmtView{Text: src[s.start:s.end], From: s.from, Module: s.module, Level: s.level,
		Wildcard: s.wildcard, Guarded: s.guarded, First: s.firstModule()}
	if s.open >= 0 {
		v.Open = src[s.open : s.open+1]
	}
	for _, n := range s.names {
		nv := nameView{Text: src[n.start:n.end], Name: n.name, Alias: n.alias}
		if n.comma >= 0 {
			nv.Comma = src[n.comma : n.comma+1]
		}
		v.Names = append(v.Names, nv)
		v.Binds = append(v.Binds, s.bound(n))
	}
	return v
}

// TestImportStatements reads every form of import statement and checks
// each span by slicing the source with it.
func TestImportStatements(t *testing.T) {
	tests := []struct {
		name, src string
		want      []stmtView
	}{
		{
			name: "import",
			src:  "import os\n",
			want: []stmtView{{Text: "import os", Names: []nameView{{Text: "os", Name: "os"}}, Binds: []string{"os"}, First: "os"}},
		},
		{
			name: "import dotted, aliased, several",
			src:  "import a.b as c, d.e\n",
			want: []stmtView{{Text: "import a.b as c, d.e",
				Names: []nameView{{Text: "a.b as c", Name: "a.b", Alias: "c", Comma: ","}, {Text: "d.e", Name: "d.e"}},
				Binds: []string{"c", "d"}, First: "a.b"}},
		},
		{
			name: "from",
			src:  "from pydantic import Field, SecretStr as S\n",
			want: []stmtView{{Text: "from pydantic import Field, SecretStr as S", From: true, Module: "pydantic",
				Names: []nameView{{Text: "Field", Name: "Field", Comma: ","}, {Text: "SecretStr as S", Name: "SecretStr", Alias: "S"}},
				Binds: []string{"Field", "S"}, First: "pydantic"}},
		},
		{
			name: "relative, the package itself",
			src:  "from . import config\n",
			want: []stmtView{{Text: "from . import config", From: true, Module: ".", Level: 1,
				Names: []nameView{{Text: "config", Name: "config"}}, Binds: []string{"config"}, First: "."}},
		},
		{
			name: "relative, parenthesised, aliased, trailing comma",
			src:  "from ..a.b import (\n    x as y,\n    z,  # last\n)\n",
			want: []stmtView{{Text: "from ..a.b import (\n    x as y,\n    z,  # last\n)", From: true, Module: "..a.b", Level: 2, Open: "(",
				Names: []nameView{{Text: "x as y", Name: "x", Alias: "y", Comma: ","}, {Text: "z", Name: "z", Comma: ","}},
				Binds: []string{"y", "z"}, First: "..a.b"}},
		},
		{
			name: "many dots, spaces in the module",
			src:  "from ...a . b import c\nfrom .... import d\n",
			want: []stmtView{
				{Text: "from ...a . b import c", From: true, Module: "...a.b", Level: 3,
					Names: []nameView{{Text: "c", Name: "c"}}, Binds: []string{"c"}, First: "...a.b"},
				{Text: "from .... import d", From: true, Module: "....", Level: 4,
					Names: []nameView{{Text: "d", Name: "d"}}, Binds: []string{"d"}, First: "...."},
			},
		},
		{
			name: "backslash continuation",
			src:  "from pydantic \\\n    import Field\n",
			want: []stmtView{{Text: "from pydantic \\\n    import Field", From: true, Module: "pydantic",
				Names: []nameView{{Text: "Field", Name: "Field"}}, Binds: []string{"Field"}, First: "pydantic"}},
		},
		{
			name: "star",
			src:  "from typing import *\n",
			want: []stmtView{{Text: "from typing import *", From: true, Module: "typing", Wildcard: true, First: "typing"}},
		},
		{
			name: "future",
			src:  "from __future__ import annotations, division as d\n",
			want: []stmtView{{Text: "from __future__ import annotations, division as d", From: true, Module: "__future__",
				Names: []nameView{{Text: "annotations", Name: "annotations", Comma: ","}, {Text: "division as d", Name: "division", Alias: "d"}},
				Binds: []string{"annotations", "d"}, First: "__future__"}},
		},
		{
			name: "guarded by TYPE_CHECKING and try, not in functions and classes",
			src: "if TYPE_CHECKING:\n    from a import b\nelif X:\n    import c\nelse:\n    if Y:\n        import d\n" +
				"try:\n    import e\nexcept ImportError:\n    import f\nelse:\n    import g\nfinally:\n    import h\n" +
				"def fn():\n    import i\n\n\nclass C:\n    import j\n\n\nimport k\n",
			want: []stmtView{
				{Text: "from a import b", From: true, Module: "a", Guarded: true, Names: []nameView{{Text: "b", Name: "b"}}, Binds: []string{"b"}, First: "a"},
				{Text: "import c", Guarded: true, Names: []nameView{{Text: "c", Name: "c"}}, Binds: []string{"c"}, First: "c"},
				{Text: "import d", Guarded: true, Names: []nameView{{Text: "d", Name: "d"}}, Binds: []string{"d"}, First: "d"},
				{Text: "import e", Guarded: true, Names: []nameView{{Text: "e", Name: "e"}}, Binds: []string{"e"}, First: "e"},
				{Text: "import f", Guarded: true, Names: []nameView{{Text: "f", Name: "f"}}, Binds: []string{"f"}, First: "f"},
				{Text: "import g", Guarded: true, Names: []nameView{{Text: "g", Name: "g"}}, Binds: []string{"g"}, First: "g"},
				{Text: "import h", Guarded: true, Names: []nameView{{Text: "h", Name: "h"}}, Binds: []string{"h"}, First: "h"},
				{Text: "import k", Names: []nameView{{Text: "k", Name: "k"}}, Binds: []string{"k"}, First: "k"},
			},
		},
		{
			name: "CRLF and a BOM",
			src:  "\ufefffrom m import (a,\r\n    b)\r\n",
			want: []stmtView{{Text: "from m import (a,\r\n    b)", From: true, Module: "m", Open: "(",
				Names: []nameView{{Text: "a", Name: "a", Comma: ","}, {Text: "b", Name: "b"}}, Binds: []string{"a", "b"}, First: "m"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []stmtView
			for _, s := range readStatements(t, tt.src) {
				got = append(got, view(tt.src, s))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("import statements of %q (-want +got):\n%s", tt.src, diff)
			}
		})
	}
}

// TestImportViews checks the views of the reader: the bindings the trace
// follows, the names of BaseSettings, and AddImports' leading block.
func TestImportViews(t *testing.T) {
	src := "\"\"\"Doc.\"\"\"\nfrom __future__ import annotations\n\nimport pydantic.v1 as p1\nimport pydantic\n" +
		"from pydantic_settings import BaseSettings as BS\nfrom .config import settings as s\nfrom typing import *\n\n" +
		"if TYPE_CHECKING:\n    from app.base import Base\n\n\nclass S(BS):\n    pass\n\n\nimport late\n"
	f, err := Parse("x.py", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	wantBindings := []binding{
		{name: "p1", module: "pydantic.v1"},
		{name: "pydantic", module: "pydantic"},
		{name: "BS", module: "pydantic_settings", attr: "BaseSettings"},
		{name: "s", module: ".config", attr: "settings"},
		{name: "Base", module: "app.base", attr: "Base", guarded: true},
		{name: "late", module: "late"},
	}
	if diff := cmp.Diff(wantBindings, f.bindings, cmp.AllowUnexported(binding{})); diff != "" {
		t.Errorf("bindings (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"BS"}, f.baseNames); diff != "" {
		t.Errorf("baseNames (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"p1", "pydantic"}, f.moduleNames); diff != "" {
		t.Errorf("moduleNames (-want +got):\n%s", diff)
	}
	for _, base := range []string{"BS", "p1.BaseSettings", "pydantic.BaseSettings", "BaseSettings"} {
		if !f.isSettingsBase(base) {
			t.Errorf("%s is not a settings base", base)
		}
	}
	blk := f.imports
	var first []string
	for _, s := range blk.leading {
		first = append(first, s.firstModule())
	}
	if diff := cmp.Diff([]string{"__future__", "pydantic.v1", "pydantic", "pydantic_settings", ".config", "typing"}, first); diff != "" {
		t.Errorf("leading statements (-want +got):\n%s", diff)
	}
	var froms []string
	for s := range blk.froms() {
		froms = append(froms, s.module)
	}
	if diff := cmp.Diff([]string{"pydantic_settings", ".config", "typing"}, froms); diff != "" {
		t.Errorf("froms (-want +got):\n%s", diff)
	}
	for name, want := range map[string]bool{"annotations": true, "p1": true, "pydantic": true, "BS": true, "s": true,
		"BaseSettings": false, "settings": false, "Base": false, "late": false} {
		if blk.bound[name] != want {
			t.Errorf("bound[%s] = %v, want %v", name, blk.bound[name], want)
		}
	}
	if !blk.wildcards["typing"] || blk.docEnd != len("\"\"\"Doc.\"\"\"\n") {
		t.Errorf("wildcards = %v, docEnd = %d", blk.wildcards, blk.docEnd)
	}
}
