package alembic_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/paxx-dev/paxx/alembic"
	"github.com/paxx-dev/paxx/rewrite"
)

const geo = "import geoalchemy2"

// head is the top of the template `alembic init` writes.
const head = "\"\"\"${message}\n\n\"\"\"\nfrom alembic import op\nimport sqlalchemy as sa\n${imports if imports else \"\"}\n"

func TestEnsureImport(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		want     string // "" when src comes back unchanged
		wantLine int
		wantErr  error
	}{
		{name: "after the anchor", src: head,
			want:     strings.Replace(head, "sa\n", "sa\n"+geo+"\n", 1),
			wantLine: 6},
		{name: "CRLF", src: strings.ReplaceAll(head, "\n", "\r\n"),
			want:     strings.ReplaceAll(strings.Replace(head, "sa\n", "sa\n"+geo+"\n", 1), "\n", "\r\n"),
			wantLine: 6},
		{name: "anchor last, no final line break", src: "from alembic import op\nimport sqlalchemy as sa",
			want:     "from alembic import op\nimport sqlalchemy as sa\n" + geo,
			wantLine: 3},
		{name: "CRLF, anchor last, no final line break", src: "from alembic import op\r\nimport sqlalchemy as sa",
			want:     "from alembic import op\r\nimport sqlalchemy as sa\r\n" + geo,
			wantLine: 3},
		{name: "after the last of two anchors", src: "import sqlalchemy as sa\nx\nimport sqlalchemy as sa\ny\n",
			want:     "import sqlalchemy as sa\nx\nimport sqlalchemy as sa\n" + geo + "\ny\n",
			wantLine: 4},
		{name: "anchor with trailing blanks", src: "import sqlalchemy as sa \t\nx\n",
			want:     "import sqlalchemy as sa \t\n" + geo + "\nx\n",
			wantLine: 2},
		{name: "already after the anchor", src: strings.Replace(head, "sa\n", "sa\n"+geo+"\n", 1)},
		{name: "already elsewhere, trailing blanks", src: geo + "  \n" + head},
		{name: "already there, no anchor", src: "from alembic import op\n" + geo + "\n"},
		{name: "anchor missing", src: "from alembic import op\nimport sqlalchemy\n", wantErr: alembic.ErrNoAnchor},
		{name: "anchor indented is no anchor", src: "if x:\n    import sqlalchemy as sa\n", wantErr: alembic.ErrNoAnchor},
		{name: "anchor with a comment is no anchor", src: "import sqlalchemy as sa  # db\n", wantErr: alembic.ErrNoAnchor},
		{name: "empty template", src: "", wantErr: alembic.ErrNoAnchor},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := alembic.Parse("script.py.mako", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			g, actions, err := f.AddImport(geo)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			want := tt.want
			if want == "" {
				want = tt.src
				if len(actions) != 0 {
					t.Errorf("actions = %v, want none", actions)
				}
			} else if wantA := []rewrite.Action{{Line: tt.wantLine, What: "`" + geo + "` in the migration template"}}; !cmp.Equal(actions, wantA) {
				t.Errorf("actions = %v, want %v", actions, wantA)
			}
			if diff := cmp.Diff(want, string(g.Bytes())); diff != "" {
				t.Fatalf("AddImport (-want +got):\n%s", diff)
			}
			if !rewrite.IsInsertOnly([]byte(tt.src), g.Bytes()) {
				t.Error("the edit is not insert-only")
			}
			if !g.HasImport(geo) {
				t.Error("HasImport is false after AddImport")
			}
			again, actions, err := g.AddImport(geo)
			if err != nil || len(actions) != 0 || string(again.Bytes()) != want {
				t.Errorf("second AddImport = %q, %v, %v; want no change", again.Bytes(), actions, err)
			}
			// Removing what was added gives the template back, byte for byte.
			if tt.want != "" {
				back, actions, err := g.RemoveImport(geo)
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(tt.src, string(back.Bytes())); diff != "" {
					t.Errorf("RemoveImport after AddImport (-want +got):\n%s", diff)
				}
				if len(actions) != 1 || actions[0].Line != tt.wantLine {
					t.Errorf("RemoveImport actions = %v, want one at line %d", actions, tt.wantLine)
				}
			}
		})
	}
}

func TestRemoveImport(t *testing.T) {
	tests := []struct {
		name, src, want string
		wantLine        int // 0: no action
	}{
		{name: "absent", src: head, want: head},
		{name: "added by AddImport", src: strings.Replace(head, "sa\n", "sa\n"+geo+"\n", 1), want: head, wantLine: 6},
		{name: "moved away from the anchor: the line alone",
			src: "import sqlalchemy as sa\nx\n" + geo + "\ny\n", want: "import sqlalchemy as sa\nx\ny\n", wantLine: 3},
		{name: "no anchor left: the line alone",
			src: "a\n" + geo + "\nb\n", want: "a\nb\n", wantLine: 2},
		{name: "the first of two", src: "import sqlalchemy as sa\n" + geo + "\n" + geo + "\n",
			want: "import sqlalchemy as sa\n" + geo + "\n", wantLine: 2},
		{name: "CRLF, last line", src: "op\r\nimport sqlalchemy as sa\r\n" + geo, want: "op\r\nimport sqlalchemy as sa", wantLine: 3},
		{name: "last line, not as AddImport writes it: the line alone",
			src: "import sqlalchemy as sa\r\n" + geo, want: "import sqlalchemy as sa\r\n", wantLine: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := alembic.Parse("script.py.mako", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			g, actions, err := f.RemoveImport(geo)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, string(g.Bytes())); diff != "" {
				t.Errorf("RemoveImport (-want +got):\n%s", diff)
			}
			var wantA []rewrite.Action
			if tt.wantLine > 0 {
				wantA = []rewrite.Action{{Line: tt.wantLine, What: "`" + geo + "` from the migration template"}}
			}
			if !cmp.Equal(actions, wantA) {
				t.Errorf("actions = %v, want %v", actions, wantA)
			}
			if !rewrite.IsDeleteOnly([]byte(tt.src), g.Bytes()) {
				t.Error("the edit is not delete-only")
			}
		})
	}
}

func TestHasImport(t *testing.T) {
	tests := []struct {
		src  string
		want bool
	}{
		{head, false},
		{geo + "\n", true},
		{geo, true},
		{geo + " \r\n", true},
		{"  " + geo + "\n", false}, // leading blanks make another line
		{geo + "  # spatial\n", false},
		{"import geoalchemy2.types\n", false},
	}
	for _, tt := range tests {
		f, err := alembic.Parse("t", []byte(tt.src))
		if err != nil {
			t.Fatal(err)
		}
		if got := f.HasImport(geo); got != tt.want {
			t.Errorf("HasImport in %q = %v, want %v", tt.src, got, tt.want)
		}
	}
}

func TestBadInput(t *testing.T) {
	for _, src := range []string{"a\r\nb\n", "a\x00b\n", "a\xffb\n", "a\rb\n"} {
		if _, err := alembic.Parse("t", []byte(src)); err == nil {
			t.Errorf("Parse(%q) gave no error", src)
		}
	}
	f, err := alembic.Parse("t", []byte(head))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{"", "  ", "import a\nimport b", "import a\r", "import a "} {
		if _, _, err := f.AddImport(line); err == nil {
			t.Errorf("AddImport(%q) gave no error", line)
		}
		if _, _, err := f.RemoveImport(line); err == nil {
			t.Errorf("RemoveImport(%q) gave no error", line)
		}
	}
}
