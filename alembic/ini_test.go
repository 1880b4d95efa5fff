package alembic_test

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/paxx-dev/paxx/alembic"
	"github.com/paxx-dev/paxx/rewrite"
)

func TestScriptLocation(t *testing.T) {
	tests := []struct {
		name, ini string
		want      string
		wantOK    bool
	}{
		{name: "plain", ini: "[alembic]\nscript_location = migrations\n", want: "migrations", wantOK: true},
		{name: "here", ini: "[alembic]\nscript_location = %(here)s/db/migrations\n", want: "./db/migrations", wantOK: true},
		{name: "here alone", ini: "[alembic]\nscript_location = %(here)s\n", want: ".", wantOK: true},
		{name: "colon", ini: "[alembic]\nscript_location: db/migrations\n", want: "db/migrations", wantOK: true},
		{name: "key case", ini: "[alembic]\nScript_Location = m\n", want: "m", wantOK: true},
		{name: "blanks around", ini: "[alembic]\n  script_location   =   m  \n", want: "m", wantOK: true},
		{name: "comments", ini: "# script_location = a\n[alembic]\n; script_location = b\n  # script_location = c\nscript_location = d\n", want: "d", wantOK: true},
		{name: "an inline # is part of the value", ini: "[alembic]\nscript_location = m # the migrations\n", want: "m # the migrations", wantOK: true},
		{name: "continuation lines join the value", ini: "[alembic]\nscript_location = a\n  b\n\n  c\n", want: "a\nb\n\nc", wantOK: true},
		{name: "an indented option is a continuation",
			ini: "[alembic]\nprepend_sys_path = .\n    script_location = wrong\nscript_location = right\n", want: "right", wantOK: true},
		{name: "other section only", ini: "[loggers]\nscript_location = x\n[alembic]\nsqlalchemy.url = y\n"},
		{name: "no alembic section", ini: "[other]\nscript_location = x\n"},
		{name: "empty file", ini: ""},
		{name: "from DEFAULT", ini: "[DEFAULT]\nscript_location = d\n[alembic]\n", want: "d", wantOK: true},
		{name: "DEFAULT without alembic", ini: "[DEFAULT]\nscript_location = d\n"},
		{name: "section wins over DEFAULT", ini: "[DEFAULT]\nscript_location = d\n[alembic]\nscript_location = s\n", want: "s", wantOK: true},
		{name: "reference to an option", ini: "[alembic]\nbase = app/db\nscript_location = %(BASE)s/migrations\n", want: "app/db/migrations", wantOK: true},
		{name: "nested references", ini: "[DEFAULT]\nroot = %(here)s/app\n[alembic]\nscript_location = %(root)s/migrations\n", want: "./app/migrations", wantOK: true},
		{name: "DEFAULT here overrides", ini: "[DEFAULT]\nhere = /elsewhere\n[alembic]\nscript_location = %(here)s/m\n", want: "/elsewhere/m", wantOK: true},
		{name: "percent escaped", ini: "[alembic]\nscript_location = a%%b\n", want: "a%b", wantOK: true},
		{name: "CRLF", ini: "[alembic]\r\nscript_location = %(here)s/migrations\r\n", want: "./migrations", wantOK: true},
		{name: "BOM", ini: rewrite.BOM + "[alembic]\nscript_location = m\n", want: "m", wantOK: true},
		{name: "header with text after it", ini: "[alembic] ; main\nscript_location = m\n", want: "m", wantOK: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ini, err := alembic.ParseIni("alembic.ini", []byte(tt.ini))
			if err != nil {
				t.Fatal(err)
			}
			got, ok, err := ini.ScriptLocation()
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("ScriptLocation = %q, %v; want %q, %v", got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

// TestIniErrors checks that what configparser rejects, when the file is
// read (ParseIni) or when script_location is (a reference), is an
// ErrSyntax *rewrite.Error at the line and column where it is.
func TestIniErrors(t *testing.T) {
	tests := []struct {
		name, ini         string
		wantLine, wantCol int
	}{
		{"option before any section", "script_location = m\n[alembic]\n", 1, 1},
		{"neither header nor option", "[alembic]\n  script_location\n", 2, 3},
		{"empty key", "[alembic]\n= m\n", 2, 1},
		{"option twice", "[alembic]\nscript_location = a\nscript_location = b\n", 3, 1},
		{"option twice, other case", "[alembic]\nscript_location = a\nSCRIPT_LOCATION = b\n", 3, 1},
		{"section twice", "[alembic]\nx = 1\n[alembic]\ny = 2\n", 3, 1},
		{"section twice, indented", "[alembic]\n [alembic]\n", 2, 2},
		{"CRLF", "[alembic]\r\nx = 1\r\nx = 2\r\n", 3, 1},
		{"lone CR ends a line", "[alembic]\rx = 1\rx = 2\r", 3, 1},
		{"BOM", rewrite.BOM + "x = 1\n", 1, 1},
		{"wide characters before", "[alembic]\n# é\n\tä\n", 3, 2},
		{"unknown reference", "[alembic]\nscript_location = %(nowhere)s/m\n", 2, 19},
		{"lone percent", "[alembic]\nscript_location:100%\n", 2, 17},
		{"bad reference", "[alembic]\nscript_location = %(here)d\n", 2, 19},
		{"endless reference", "[alembic]\na = %(b)s\nb = %(a)s\nscript_location = %(a)s\n", 4, 19},
		{"reference from DEFAULT", "[DEFAULT]\nscript_location = %(x)s\n[alembic]\n", 2, 19},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ini, err := alembic.ParseIni("alembic.ini", []byte(tt.ini))
			if err == nil {
				_, _, err = ini.ScriptLocation()
			}
			var re *rewrite.Error
			if !errors.As(err, &re) || !errors.Is(err, rewrite.ErrSyntax) {
				t.Fatalf("err = %v, want an ErrSyntax *rewrite.Error", err)
			}
			if re.Path != "alembic.ini" || re.Line != tt.wantLine || re.Col != tt.wantCol {
				t.Errorf("error at %s:%d:%d, want alembic.ini:%d:%d (%v)", re.Path, re.Line, re.Col, tt.wantLine, tt.wantCol, err)
			}
		})
	}
}

// TestIniGet checks Get on options other than script_location, and that
// an Ini keeps its path and bytes.
func TestIniGet(t *testing.T) {
	src := []byte("[DEFAULT]\nroot = %(here)s/app\n[alembic]\nsqlalchemy.url = driver://u@h/%(DB)s\ndb = shop\n[other]\nx = 1\n")
	ini, err := alembic.ParseIni("backend/alembic.ini", src)
	if err != nil {
		t.Fatal(err)
	}
	if ini.Path() != "backend/alembic.ini" || string(ini.Bytes()) != string(src) {
		t.Errorf("Path, Bytes = %q, %q", ini.Path(), ini.Bytes())
	}
	tests := []struct {
		section, name, want string
		wantOK              bool
	}{
		{"alembic", "sqlalchemy.url", "driver://u@h/shop", true},
		{"alembic", "SQLAlchemy.URL", "driver://u@h/shop", true},
		{"alembic", "root", "./app", true},
		{"other", "x", "1", true},
		{"other", "db", "", false},
		{"alembic", "x", "", false},
		{"missing", "root", "", false},
		{"DEFAULT", "root", "", false}, // configparser has no section named DEFAULT
	}
	for _, tt := range tests {
		got, ok, err := ini.Get(tt.section, tt.name)
		if err != nil || got != tt.want || ok != tt.wantOK {
			t.Errorf("Get(%q, %q) = %q, %v, %v; want %q, %v", tt.section, tt.name, got, ok, err, tt.want, tt.wantOK)
		}
	}
}

func TestTemplateDirs(t *testing.T) {
	usual := []string{"db/migrations", "migrations", "alembic", "app/db/migrations", "app/migrations", "app/alembic"}
	tests := []struct {
		name string
		ini  string // "-" for no alembic.ini
		want []string
	}{
		{"no ini", "-", usual},
		{"here", "[alembic]\nscript_location = %(here)s/tools/alembic\n", append([]string{"tools/alembic"}, usual...)},
		{"plain", "[alembic]\nscript_location = tools/alembic/\n", append([]string{"tools/alembic"}, usual...)},
		{"here alone", "[alembic]\nscript_location = %(here)s\n", append([]string{"."}, usual...)},
		{"absolute: ignored", "[alembic]\nscript_location = /srv/app/migrations\n", usual},
		{"climbs out: ignored", "[alembic]\nscript_location = ../shared/migrations\n", usual},
		{"here, then out: ignored", "[alembic]\nscript_location = %(here)s/../migrations\n", usual},
		{"absolute here: ignored", "[DEFAULT]\nhere = /x\n[alembic]\nscript_location = %(here)s/migrations\n", usual},
		{"no location", "[alembic]\n", usual},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ini *alembic.Ini
			if tt.ini != "-" {
				var err error
				if ini, err = alembic.ParseIni("alembic.ini", []byte(tt.ini)); err != nil {
					t.Fatal(err)
				}
			}
			got, err := alembic.TemplateDirs(ini)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("TemplateDirs = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestFindTemplate(t *testing.T) {
	tests := []struct {
		name    string
		files   map[string]string // "->target" makes a symbolic link
		dir     string
		want    string
		wantErr error
	}{
		{name: "nothing", files: map[string]string{"app/main.py": ""}, dir: "."},
		{name: "usual place", files: map[string]string{"migrations/script.py.mako": ""}, dir: ".", want: "migrations/script.py.mako"},
		{name: "usual place, first wins",
			files: map[string]string{"migrations/script.py.mako": "", "db/migrations/script.py.mako": ""}, dir: ".",
			want: "db/migrations/script.py.mako"},
		{name: "script_location first",
			files: map[string]string{"alembic.ini": "[alembic]\nscript_location = %(here)s/tools/mig\n", "tools/mig/script.py.mako": "", "migrations/script.py.mako": ""},
			dir:   ".", want: "tools/mig/script.py.mako"},
		{name: "script_location without template: the usual places",
			files: map[string]string{"alembic.ini": "[alembic]\nscript_location = tools/mig\n", "migrations/script.py.mako": ""},
			dir:   ".", want: "migrations/script.py.mako"},
		{name: "in a sub-project",
			files: map[string]string{"backend/alembic.ini": "[alembic]\nscript_location = %(here)s/tools/mig\n", "backend/tools/mig/script.py.mako": ""},
			dir:   "backend", want: "backend/tools/mig/script.py.mako"},
		{name: "out of the sub-project: ignored",
			files: map[string]string{"backend/alembic.ini": "[alembic]\nscript_location = ../migrations\n", "migrations/script.py.mako": ""},
			dir:   "backend"},
		{name: "ini Alembic cannot read", files: map[string]string{"alembic.ini": "script_location = m\n"}, dir: ".", wantErr: rewrite.ErrSyntax},
		{name: "ini linked from outside", files: map[string]string{"alembic.ini": "->../outside.ini"}, dir: ".", wantErr: rewrite.ErrRefused},
		{name: "ini a directory", files: map[string]string{"alembic.ini/x": ""}, dir: ".", wantErr: rewrite.ErrRefused},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := t.TempDir()
			root := filepath.Join(base, "project")
			if err := os.WriteFile(filepath.Join(base, "outside.ini"), []byte("[alembic]\nscript_location = migrations\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			for rel, content := range tt.files {
				name := filepath.Join(root, filepath.FromSlash(rel))
				if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
					t.Fatal(err)
				}
				if target, ok := strings.CutPrefix(content, "->"); ok {
					if err := os.Symlink(target, name); err != nil {
						t.Fatal(err)
					}
					continue
				}
				if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			rel, ok, err := alembic.FindTemplate(root, tt.dir)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if rel != tt.want || ok != (tt.want != "") {
				t.Errorf("FindTemplate = %q, %v; want %q", rel, ok, tt.want)
			}
		})
	}
}
