package pyproject

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/paxx-dev/paxx/rewrite"
)

// TestAddEdgeCases covers layouts and refusals too small for a golden
// directory of their own.
func TestAddEdgeCases(t *testing.T) {
	tests := []struct {
		name string
		add  addFunc
		arg  string
		in   string
		want string // the output, or the error's text when err is set
		err  error
	}{
		{
			name: "wrapped elements get a line of their own",
			add:  addDependency, arg: "redis>=5.0",
			in:   "[project]\ndependencies = [\n  \"b\", \"a\"\n]\n",
			want: "[project]\ndependencies = [\n  \"b\", \"a\",\n  \"redis>=5.0\"\n]\n",
		},
		{
			name: "dotted keys under a parent table",
			add:  addInfra, arg: "redis",
			in:   "[tool]\npaxx.version = 1\n",
			want: "[tool]\npaxx.version = 1\npaxx.infra = [\"redis\"]\n",
		},
		{
			name: "key assignment style is followed",
			add:  addDependency, arg: "redis>=5.0",
			in:   "[project]\nname='x'\n[tool.x]\ny = 1\n",
			want: "[project]\nname='x'\ndependencies=[\n    'redis>=5.0',\n]\n[tool.x]\ny = 1\n",
		},
		{
			name: "a requirement with quotes in a basic string",
			add:  addDependency, arg: `uvloop; sys_platform != "win32"`,
			in:   "[project]\ndependencies = []\n",
			want: "[project]\ndependencies = [\"uvloop; sys_platform != \\\"win32\\\"\"]\n",
		},
		{
			name: "a sorted multi-line array takes the element at its head",
			add:  addInfra, arg: "cache",
			in:   "[tool.paxx]\ninfra = [\n  \"email\",\n  \"storage\",\n]\n",
			want: "[tool.paxx]\ninfra = [\n  \"cache\",\n  \"email\",\n  \"storage\",\n]\n",
		},
		{
			name: "a sorted Poetry table keeps python first",
			add:  addDependency, arg: "aiofiles>=24.0",
			in:   "[tool.poetry.dependencies]\npython = \"^3.11\"\n# web\nfastapi = \"^0.110\"\nuvicorn = \"^0.29\"\n",
			want: "[tool.poetry.dependencies]\npython = \"^3.11\"\naiofiles = \">=24.0\"\n# web\nfastapi = \"^0.110\"\nuvicorn = \"^0.29\"\n",
		},
		{
			name: "a Poetry name that is no bare key is quoted",
			add:  addDependency, arg: "zope.interface",
			in:   "[tool.poetry.dependencies]\npython = \"^3.11\"\n",
			want: "[tool.poetry.dependencies]\npython = \"^3.11\"\n\"zope.interface\" = \"*\"\n",
		},
		{
			name: "a sorted requirements file with a byte order mark",
			add:  addRequirementLine, arg: "aiofiles",
			in:   "\ufefffastapi\nuvicorn\n",
			want: "\ufeffaiofiles\nfastapi\nuvicorn\n",
		},
		{
			name: "a continued requirement is found",
			add:  addRequirementLine, arg: "redis>=5.0",
			in:   "redis \\\n  >=5.1\n",
			want: "redis \\\n  >=5.1\n",
		},
		{
			name: "a file ending inside a continued line",
			add:  addRequirementLine, arg: "redis>=5.0",
			in:   "uvicorn \\",
			want: "uvicorn \\\n\nredis>=5.0",
		},
		{
			name: "an empty requirements file",
			add:  addRequirementLine, arg: "redis>=5.0",
			in:   "",
			want: "redis>=5.0\n",
		},
		{
			name: "tool written as an inline table",
			add:  addInfra, arg: "redis",
			in:   "tool = {ruff = {line-length = 1}}\n",
			want: "f:1:1: tool is an inline table, which cannot take a [tool.paxx] table (write it as a [tool] table, then run paxx again)",
			err:  rewrite.ErrRefused,
		},
		{
			name: "an array element in dependencies",
			add:  addDependency, arg: "redis>=5.0",
			in:   "[project]\ndependencies = [\n  1,\n]\n",
			want: "f:3:3: [project].dependencies holds a number, not a requirement string (make every element a string such as \"redis>=5.0\")",
			err:  rewrite.ErrRefused,
		},
		{
			name: "dependencies read from a requirements file",
			add:  addDependency, arg: "redis>=5.0",
			in:   "[project]\ndynamic = [\"dependencies\"]\n[tool.setuptools.dynamic]\ndependencies = {file = [\"requirements.txt\"]}\n",
			want: "f: the project's dependencies are read from requirements.txt, not from this file (add redis>=5.0 to requirements.txt)",
			err:  rewrite.ErrRefused,
		},
		{
			name: "a conflict under a marker is not a conflict when another entry fits",
			add:  addDependency, arg: "redis>=5.0",
			in:   "[project]\ndependencies = [\"redis<4; python_version < '3.8'\", \"redis>=5\"]\n",
			want: "[project]\ndependencies = [\"redis<4; python_version < '3.8'\", \"redis>=5\"]\n",
		},
	}
	for _, tt := range tests {
		out, _, err := tt.add("f", []byte(tt.in), tt.arg)
		if tt.err != nil {
			if !errors.Is(err, tt.err) {
				t.Errorf("%s: error %v, want kind %v", tt.name, err, tt.err)
			} else if diff := cmp.Diff(tt.want, err.Error()); diff != "" {
				t.Errorf("%s: error (-want +got):\n%s", tt.name, diff)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if diff := cmp.Diff(tt.want, string(out)); diff != "" {
			t.Errorf("%s: output (-want +got):\n%s", tt.name, diff)
		}
	}
}

func TestAddRejectsBadArguments(t *testing.T) {
	for _, add := range []addFunc{addDependency, addRequirementLine} {
		_, _, err := add("f", []byte("[project]\n"), "not a requirement!")
		if err == nil || !strings.Contains(err.Error(), "invalid requirement") {
			t.Errorf("error %v, want an invalid requirement", err)
		}
	}
}
