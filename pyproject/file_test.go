package pyproject

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/paxx-dev/paxx/rewrite"
)

func TestFileQueries(t *testing.T) {
	tests := []struct {
		name, src        string
		wantName, wantPy string
		wantInfra        []string
	}{
		{name: "pep621", src: "[project]\nname = \"a\"\nrequires-python = \">=3.11\"\n[tool.paxx]\ninfra = [\"redis\", \"email\"]\n", wantName: "a", wantPy: ">=3.11", wantInfra: []string{"redis", "email"}},
		{name: "poetry", src: "[tool.poetry]\nname = \"p\"\n[tool.poetry.dependencies]\npython = \"^3.12\"\n", wantName: "p", wantPy: "^3.12"},
		{name: "poetry table python", src: "[tool.poetry.dependencies]\npython = {version = \"^3.10\"}\n", wantPy: "^3.10"},
		{name: "project wins", src: "[project]\nname = \"a\"\n[tool.poetry]\nname = \"p\"\n", wantName: "a"},
		{name: "empty record", src: "[tool.paxx]\ninfra = []\n", wantInfra: []string{}},
		{name: "nothing", src: ""},
	}
	for _, tt := range tests {
		f, err := Parse("pyproject.toml", []byte(tt.src))
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got := f.Name(); got != tt.wantName {
			t.Errorf("%s: Name() = %q, want %q", tt.name, got, tt.wantName)
		}
		if got := f.RequiresPython(); got != tt.wantPy {
			t.Errorf("%s: RequiresPython() = %q, want %q", tt.name, got, tt.wantPy)
		}
		if diff := cmp.Diff(tt.wantInfra, f.StringArray("tool", "paxx", "infra")); diff != "" {
			t.Errorf("%s: StringArray(tool.paxx.infra) (-want +got):\n%s", tt.name, diff)
		}
	}
}

func TestDependencyTarget(t *testing.T) {
	tests := []struct {
		name, src string
		want      Target
		err       string // a substring of the error, "" for none
	}{
		{name: "static", src: "[project]\nname = \"a\"\ndependencies = []\n", want: Target{Kind: PEP621}},
		{name: "no key yet", src: "[project]\nname = \"a\"\n", want: Target{Kind: PEP621}},
		{name: "dotted project", src: "project.name = \"a\"\n", want: Target{Kind: PEP621}},
		{name: "poetry", src: "[tool.poetry.dependencies]\npython = \"^3.11\"\n", want: Target{Kind: Poetry}},
		{name: "poetry 2 with static deps", src: "[project]\nname = \"a\"\ndependencies = [\"x\"]\n[tool.poetry.dependencies]\npython = \"^3.11\"\n", want: Target{Kind: PEP621}},
		{name: "setuptools file list", src: "[project]\ndynamic = [\"dependencies\"]\n[tool.setuptools.dynamic]\ndependencies = {file = [\"./reqs/base.txt\"]}\n", want: Target{Kind: Requirements, Path: "reqs/base.txt"}},
		{name: "setuptools file string", src: "[project]\ndynamic = [\"dependencies\"]\n[tool.setuptools.dynamic]\ndependencies = {file = \"requirements.txt\"}\n", want: Target{Kind: Requirements, Path: "requirements.txt"}},
		{name: "file outside", src: "[project]\ndynamic = [\"dependencies\"]\n[tool.setuptools.dynamic]\ndependencies = {file = [\"../shared.txt\"]}\n", err: "pyproject.toml:4:17: the dependencies are read from \"../shared.txt\", outside the project"},
		{name: "dynamic unknown", src: "[project]\nname = \"a\"\ndynamic = [\"dependencies\"]\n", err: "pyproject.toml:3:1: [project].dynamic lists \"dependencies\""},
		{name: "no project", src: "[tool.black]\n", err: "no [project] table and no [tool.poetry.dependencies]"},
		{name: "empty file", src: "", err: "no [project] table"},
		{name: "project array", src: "[[project]]\nname = \"a\"\n", err: "pyproject.toml:1:3: project is not a table"},
		{name: "dependencies string", src: "[project]\ndependencies = \"redis\"\n", err: "pyproject.toml:2:1: [project].dependencies is a string, not an array"},
		{name: "only sub-tables", src: "[project.urls]\nHome = \"x\"\n", err: "pyproject.toml:1:2: [project] has no place for a dependencies key"},
		{name: "inline without key", src: "project = {name = \"a\"}\n", err: "has no place for a dependencies key"},
	}
	for _, tt := range tests {
		f, err := Parse("pyproject.toml", []byte(tt.src))
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		got, err := f.DependencyTarget()
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) || !errors.Is(err, rewrite.ErrRefused) {
				t.Errorf("%s: DependencyTarget() = %v, %v; want a refusal containing %q", tt.name, got, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("%s: DependencyTarget() = %+v, %v; want %+v", tt.name, got, err, tt.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := map[string]string{
		"a = 1\na = 2\n":                  "pyproject.toml:2:1: invalid TOML: key a is already defined",
		"[a]\n[a]\n":                      "pyproject.toml:2:2: invalid TOML: table a already exists",
		"name = \"é\" x\n":                "pyproject.toml:1:12: invalid TOML: expected newline",
		"\ufeffa = [1,\n":                 "pyproject.toml:1:8: invalid TOML: array is incomplete",
		"a.b = 1\n[a]\n":                  "pyproject.toml:2:2: invalid TOML: table a already exists as defined by a dotted key",
		"[project]\nname = 'x\n":          "pyproject.toml:2:10: invalid TOML: literal strings cannot have new lines",
		"x = 1\r\ny = \"\r\n":             "pyproject.toml:2:6: invalid TOML: basic strings cannot have new lines",
		"x = {a = 1, a = 2}\n":            "pyproject.toml:1:1: invalid TOML: key a is already defined",
		"[tool.paxx]\ninfra = [\"a\"]]\n": "pyproject.toml:2:14:",
	}
	for src, want := range tests {
		_, err := Parse("pyproject.toml", []byte(src))
		if err == nil || !strings.HasPrefix(err.Error(), want) || !errors.Is(err, rewrite.ErrSyntax) {
			t.Errorf("Parse(%q) = %v, want a syntax error starting %q", src, err, want)
		}
	}
}
