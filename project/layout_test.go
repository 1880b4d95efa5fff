package project

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paxx-dev/paxx/rewrite"
)

// tree writes files, keyed by slash paths relative to a new temporary
// directory, and returns that directory with its symbolic links resolved.
// A key ending in "/" makes an empty directory (".git/" marks a repository
// root); a value starting with "->" makes a symbolic link to the rest.
func tree(t *testing.T, files map[string]string) string {
	t.Helper()
	root, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for name, content := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if strings.HasSuffix(name, "/") {
			if err := os.MkdirAll(p, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if target, ok := strings.CutPrefix(content, "->"); ok {
			if err := os.Symlink(filepath.FromSlash(target), p); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// find runs Find in the slash directory dir of root and fails the test on
// an error.
func find(t *testing.T, root, dir string, opts Options) *Layout {
	t.Helper()
	opts.Dir = filepath.Join(root, filepath.FromSlash(dir))
	l, err := Find(opts)
	if err != nil {
		t.Fatalf("Find: %v", err)
	}
	return l
}

// refused runs Find in the slash directory dir of root, requires a refusal
// and returns its message.
func refused(t *testing.T, root, dir string, opts Options) string {
	t.Helper()
	opts.Dir = filepath.Join(root, filepath.FromSlash(dir))
	l, err := Find(opts)
	if err == nil {
		t.Fatalf("Find succeeded (Python %q, Base %q), want a refusal", l.Python, l.Base)
	}
	if !errors.Is(err, rewrite.ErrRefused) {
		t.Fatalf("Find: %v, want an ErrRefused error", err)
	}
	return err.Error()
}

// relRoot returns the absolute path p as a slash path relative to root, ""
// for "".
func relRoot(t *testing.T, root, p string) string {
	t.Helper()
	if p == "" {
		return ""
	}
	r, err := filepath.Rel(root, p)
	if err != nil {
		t.Fatal(err)
	}
	return filepath.ToSlash(r)
}

// env returns a Getenv that reads the map.
func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

const (
	fastapiProject = "[project]\nname = \"app\"\ndependencies = [\"fastapi>=0.110\"]\n"
	plainProject   = "[project]\nname = \"lib\"\ndependencies = [\"httpx\"]\n"
	toolsOnly      = "[tool.black]\nline-length = 100\n"
)

// pythonWant is what TestFindPython checks of a layout; Base and Workspace
// are relative to the test's tree.
type pythonWant struct {
	Base, Python, Pyproject, Requirements, Workspace string
}

func TestFindPython(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		dir   string
		want  pythonWant
	}{
		{
			name:  "pyproject in the directory",
			files: map[string]string{".git/": "", "pyproject.toml": fastapiProject},
			want:  pythonWant{Base: ".", Python: ".", Pyproject: "pyproject.toml"},
		},
		{
			name:  "nearest pyproject above the directory",
			files: map[string]string{".git/": "", "pyproject.toml": fastapiProject, "app/api/main.py": ""},
			dir:   "app/api",
			want:  pythonWant{Base: ".", Python: ".", Pyproject: "pyproject.toml"},
		},
		{
			name: "nearest of two wins",
			files: map[string]string{
				".git/": "", "pyproject.toml": plainProject,
				"svc/pyproject.toml": fastapiProject, "svc/app/main.py": "",
			},
			dir:  "svc/app",
			want: pythonWant{Base: "svc", Python: ".", Pyproject: "pyproject.toml"},
		},
		{
			name:  "requirements.txt only",
			files: map[string]string{".git/": "", "requirements.txt": "fastapi\n"},
			want:  pythonWant{Base: ".", Python: ".", Requirements: "requirements.txt"},
		},
		{
			name:  "the only requirements*.txt",
			files: map[string]string{".git/": "", "requirements-prod.txt": "fastapi\n"},
			want:  pythonWant{Base: ".", Python: ".", Requirements: "requirements-prod.txt"},
		},
		{
			name:  "requirements.txt before other requirements files",
			files: map[string]string{".git/": "", "requirements.txt": "fastapi\n", "requirements-dev.txt": "pytest\n"},
			want:  pythonWant{Base: ".", Python: ".", Requirements: "requirements.txt"},
		},
		{
			name:  "tool-only pyproject beside requirements.txt",
			files: map[string]string{".git/": "", "pyproject.toml": toolsOnly, "requirements.txt": "fastapi\n"},
			want:  pythonWant{Base: ".", Python: ".", Pyproject: "pyproject.toml", Requirements: "requirements.txt"},
		},
		{
			name:  "[project] pyproject beside requirements.txt holds the dependencies",
			files: map[string]string{".git/": "", "pyproject.toml": fastapiProject, "requirements.txt": "fastapi==0.110\n"},
			want:  pythonWant{Base: ".", Python: ".", Pyproject: "pyproject.toml"},
		},
		{
			name: "Poetry pyproject beside requirements.txt holds the dependencies",
			files: map[string]string{
				".git/":            "",
				"pyproject.toml":   "[tool.poetry]\nname = \"app\"\n[tool.poetry.dependencies]\npython = \"^3.12\"\nfastapi = \"*\"\n",
				"requirements.txt": "fastapi==0.110\n",
			},
			want: pythonWant{Base: ".", Python: ".", Pyproject: "pyproject.toml"},
		},
		{
			name: "uv workspace root stands for the member depending on fastapi",
			files: map[string]string{
				".git/":                       "",
				"pyproject.toml":              "[project]\nname = \"root\"\n[tool.uv.workspace]\nmembers = [\"packages/*\"]\n",
				"packages/api/pyproject.toml": fastapiProject,
				"packages/lib/pyproject.toml": plainProject,
				"packages/notes/README.md":    "",
			},
			want: pythonWant{Base: "packages/api", Python: ".", Pyproject: "pyproject.toml", Workspace: "."},
		},
		{
			name: "uv workspace with one member takes it",
			files: map[string]string{
				".git/":              "",
				"pyproject.toml":     "[tool.uv.workspace]\nmembers = [\"svc\"]\n",
				"svc/pyproject.toml": plainProject,
			},
			want: pythonWant{Base: "svc", Python: ".", Pyproject: "pyproject.toml", Workspace: "."},
		},
		{
			name: "uv workspace excludes are not members",
			files: map[string]string{
				".git/":                       "",
				"pyproject.toml":              "[tool.uv.workspace]\nmembers = [\"packages/*\"]\nexclude = [\"packages/old\"]\n",
				"packages/api/pyproject.toml": fastapiProject,
				"packages/old/pyproject.toml": fastapiProject,
			},
			want: pythonWant{Base: "packages/api", Python: ".", Pyproject: "pyproject.toml", Workspace: "."},
		},
		{
			name: "uv workspace root that depends on fastapi is the app",
			files: map[string]string{
				".git/":                       "",
				"pyproject.toml":              fastapiProject + "[tool.uv.workspace]\nmembers = [\"packages/*\"]\n",
				"packages/api/pyproject.toml": fastapiProject,
			},
			want: pythonWant{Base: ".", Python: ".", Pyproject: "pyproject.toml"},
		},
		{
			name:  "single project below a repository root",
			files: map[string]string{".git/": "", "backend/pyproject.toml": fastapiProject, "frontend/package.json": "{}"},
			want:  pythonWant{Base: "backend", Python: ".", Pyproject: "pyproject.toml"},
		},
		{
			name:  "project two levels below",
			files: map[string]string{".git/": "", "services/api/requirements.txt": "fastapi\n"},
			want:  pythonWant{Base: "services/api", Python: ".", Requirements: "requirements.txt"},
		},
		{
			name:  "project three levels below is not looked for",
			files: map[string]string{".git/": "", "a/b/c/pyproject.toml": fastapiProject},
			want:  pythonWant{Base: ".", Python: "."},
		},
		{
			name: "of several below, the one depending on fastapi",
			files: map[string]string{
				".git/":                    "",
				"backend/requirements.txt": "fastapi\nuvicorn\n",
				"docs/pyproject.toml":      "[project]\nname = \"docs\"\ndependencies = [\"mkdocs\"]\n",
			},
			want: pythonWant{Base: "backend", Python: ".", Requirements: "requirements.txt"},
		},
		{
			name: "hidden directories, node_modules and virtual environments are passed over",
			files: map[string]string{
				".git/":                         "",
				"backend/pyproject.toml":        plainProject,
				".tox/py/pyproject.toml":        plainProject,
				"node_modules/x/pyproject.toml": plainProject,
				"env/pyvenv.cfg":                "home = /usr\n",
				"env/requirements.txt":          "fastapi\n",
			},
			want: pythonWant{Base: "backend", Python: ".", Pyproject: "pyproject.toml"},
		},
		{
			name: "the search upwards stops at the repository root",
			files: map[string]string{
				"pyproject.toml":   fastapiProject,
				"repo/.git/":       "",
				"repo/app/main.py": "",
			},
			dir:  "repo",
			want: pythonWant{Base: "repo", Python: "."},
		},
		{
			name:  "a .git file (a worktree) marks the repository root",
			files: map[string]string{"pyproject.toml": fastapiProject, "repo/.git": "gitdir: /elsewhere\n"},
			dir:   "repo",
			want:  pythonWant{Base: "repo", Python: "."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := tree(t, tt.files)
			l := find(t, root, tt.dir, Options{})
			got := pythonWant{
				Base: relRoot(t, root, l.Base), Python: l.Python, Pyproject: l.Pyproject,
				Requirements: l.Requirements, Workspace: relRoot(t, root, l.Workspace),
			}
			if got != tt.want {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
			if want := filepath.Join(root, filepath.FromSlash(tt.dir)); l.Dir != want {
				t.Errorf("Dir = %s, want %s", l.Dir, want)
			}
			if l.Compose != nil {
				t.Errorf("Compose = %+v, want none", l.Compose)
			}
		})
	}
}

func TestFindPythonRefuses(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		dir   string
		want  []string // in the message
	}{
		{
			name: "workspace members with several FastAPI apps",
			files: map[string]string{
				".git/":                     "",
				"pyproject.toml":            "[tool.uv.workspace]\nmembers = [\"packages/*\"]\n",
				"packages/a/pyproject.toml": fastapiProject,
				"packages/b/pyproject.toml": fastapiProject,
				"packages/c/pyproject.toml": plainProject,
			},
			want: []string{"several FastAPI apps: packages/a, packages/b", "paxx -C packages/a"},
		},
		{
			name: "workspace without a FastAPI member",
			files: map[string]string{
				".git/":                     "",
				"pyproject.toml":            "[tool.uv.workspace]\nmembers = [\"packages/*\"]\n",
				"packages/a/pyproject.toml": plainProject,
				"packages/b/pyproject.toml": plainProject,
			},
			want: []string{"pyproject.toml: is a uv workspace root and no member depends on fastapi: packages/a, packages/b"},
		},
		{
			name: "workspace whose members match nothing",
			files: map[string]string{
				".git/":          "",
				"pyproject.toml": "[project]\nname = \"root\"\n\n[tool.uv.workspace]\nmembers = [\"packages/*\", \"libs/*\"]\n",
				"packages/":      "",
			},
			want: []string{`pyproject.toml:5: is a uv workspace root, and its [tool.uv.workspace] members ("packages/*", "libs/*") match no directory with a pyproject.toml (fix members`},
		},
		{
			name: "several FastAPI projects below",
			files: map[string]string{
				".git/":                   "",
				"backend/pyproject.toml":  fastapiProject,
				"worker/requirements.txt": "fastapi\n",
			},
			want: []string{"several Python projects below", "backend, worker", "paxx -C backend"},
		},
		{
			name:  "several projects below, none depending on fastapi",
			files: map[string]string{".git/": "", "a/pyproject.toml": plainProject, "b/pyproject.toml": plainProject},
			want:  []string{"several Python projects below", "a, b"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := tree(t, tt.files)
			msg := refused(t, root, tt.dir, Options{})
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("message %q does not contain %q", msg, w)
				}
			}
		})
	}
}

func TestFindRefusesDirectory(t *testing.T) {
	root := tree(t, map[string]string{"file.txt": "x"})
	for _, dir := range []string{"missing", "file.txt"} {
		if msg := refused(t, root, dir, Options{}); !strings.Contains(msg, dir) {
			t.Errorf("message %q does not name %s", msg, dir)
		}
	}
}

func TestDisplay(t *testing.T) {
	root := tree(t, map[string]string{
		".git/":                  "",
		"compose.yml":            "services:\n  api:\n    build: ./backend\n",
		"backend/pyproject.toml": fastapiProject,
		"backend/app/main.py":    "",
	})
	l := find(t, root, "backend/app", Options{})
	if l.Base != root || l.Python != "backend" {
		t.Fatalf("Base %s Python %q, want %s and backend", l.Base, l.Python, root)
	}
	for rel, want := range map[string]string{
		"compose.yml":            "../../compose.yml",
		"backend/pyproject.toml": "../pyproject.toml",
		"backend/app/main.py":    "main.py",
		"backend/app":            ".",
		"":                       "",
	} {
		if got := l.Display(rel); got != want {
			t.Errorf("Display(%q) = %q, want %q", rel, got, want)
		}
	}
	if got, want := l.InPython("app/main.py"), "backend/app/main.py"; got != want {
		t.Errorf("InPython = %q, want %q", got, want)
	}
	if got, ok := l.FromPython("backend/app/main.py"); got != "app/main.py" || !ok {
		t.Errorf("FromPython = %q, %v, want app/main.py, true", got, ok)
	}
	if _, ok := l.FromPython("compose.yml"); ok {
		t.Errorf("FromPython(compose.yml) is ok, want outside")
	}
}

func TestSyncCommand(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		dir   string
		want  string
	}{
		{"uv.lock", map[string]string{".git/": "", "pyproject.toml": fastapiProject, "uv.lock": ""}, "", "uv sync"},
		{"poetry.lock", map[string]string{".git/": "", "pyproject.toml": fastapiProject, "poetry.lock": ""}, "", "poetry lock && poetry install"},
		{"uv.lock before poetry.lock", map[string]string{".git/": "", "pyproject.toml": fastapiProject, "poetry.lock": "", "uv.lock": ""}, "", "uv sync"},
		{"requirements.txt", map[string]string{".git/": "", "requirements.txt": "fastapi\n"}, "", "pip install -r requirements.txt"},
		{"other requirements file", map[string]string{".git/": "", "requirements-prod.txt": "fastapi\n"}, "", "pip install -r requirements-prod.txt"},
		{"tool-only pyproject beside requirements", map[string]string{".git/": "", "pyproject.toml": toolsOnly, "requirements.txt": "fastapi\n"}, "", "pip install -r requirements.txt"},
		{"pyproject without lock", map[string]string{".git/": "", "pyproject.toml": fastapiProject}, "", "pip install -e ."},
		{"Poetry project without lock", map[string]string{".git/": "", "pyproject.toml": "[tool.poetry]\nname = \"app\"\n[tool.poetry.dependencies]\nfastapi = \"*\"\n"}, "", "poetry lock && poetry install"},
		{"project below", map[string]string{".git/": "", "backend/pyproject.toml": fastapiProject, "backend/uv.lock": ""}, "", "cd backend && uv sync"},
		{"project above", map[string]string{".git/": "", "requirements.txt": "fastapi\n", "app/main.py": ""}, "app", "cd .. && pip install -r requirements.txt"},
		{
			"uv.lock at the workspace root",
			map[string]string{
				".git/":                       "",
				"pyproject.toml":              "[tool.uv.workspace]\nmembers = [\"packages/*\"]\n",
				"uv.lock":                     "",
				"packages/api/pyproject.toml": fastapiProject,
			},
			"", "cd packages/api && uv sync",
		},
		{
			"run inside a workspace member: uv.lock at the workspace root",
			map[string]string{
				".git/":                       "",
				"pyproject.toml":              "[tool.uv.workspace]\nmembers = [\"packages/*\"]\n",
				"uv.lock":                     "",
				"packages/api/pyproject.toml": fastapiProject,
				"packages/api/app/main.py":    "",
			},
			"packages/api/app", "cd .. && uv sync",
		},
		{
			"a uv.lock above that is no workspace of the project",
			map[string]string{
				".git/":                       "",
				"pyproject.toml":              "[tool.uv.workspace]\nmembers = [\"libs/*\"]\n",
				"uv.lock":                     "",
				"packages/api/pyproject.toml": fastapiProject,
			},
			"packages/api", "pip install -e .",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := tree(t, tt.files)
			if got := find(t, root, tt.dir, Options{}).SyncCommand(); got != tt.want {
				t.Errorf("SyncCommand() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestComposeUpCommand(t *testing.T) {
	files := map[string]string{
		".git/":                  "",
		"compose.yaml":           "services:\n  api:\n    build: ./backend\n",
		"deploy/compose.yaml":    "services:\n  api:\n    build: ../backend\n",
		"backend/pyproject.toml": fastapiProject,
	}
	tests := []struct {
		name     string
		files    map[string]string
		dir      string
		opts     Options
		services []string
		want     string
	}{
		{"compose in the directory", files, "", Options{}, []string{"redis", "db"}, "docker compose up -d redis db"},
		{"compose found in a parent", files, "backend", Options{}, []string{"redis"}, "cd .. && docker compose up -d redis"},
		{"--compose-file", files, "backend", Options{ComposeFiles: []string{"../deploy/compose.yaml"}}, []string{"redis"}, "docker compose -f ../deploy/compose.yaml up -d redis"},
		{
			"COMPOSE_FILE from the environment", files, "backend",
			Options{Getenv: env(map[string]string{"COMPOSE_FILE": "../deploy/compose.yaml"})}, []string{"redis"},
			"docker compose up -d redis",
		},
		{
			"COMPOSE_FILE in a parent's .env",
			map[string]string{
				".git/": "", ".env": "COMPOSE_FILE=deploy/compose.yaml\n",
				"deploy/compose.yaml": "services:\n  api:\n    build: ../backend\n", "backend/pyproject.toml": fastapiProject,
			},
			"backend", Options{}, []string{"redis"}, "cd .. && docker compose up -d redis",
		},
		{"no services", files, "", Options{}, nil, ""},
		{"no compose project", map[string]string{".git/": "", "pyproject.toml": fastapiProject}, "", Options{}, []string{"redis"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := tree(t, tt.files)
			if got := find(t, root, tt.dir, tt.opts).ComposeUpCommand(tt.services); got != tt.want {
				t.Errorf("ComposeUpCommand(%q) = %q, want %q", tt.services, got, tt.want)
			}
		})
	}
}

func TestCommonDir(t *testing.T) {
	sep := string(filepath.Separator)
	a := filepath.Join(sep, "r", "backend", "app")
	for b, want := range map[string]string{
		filepath.Join(sep, "r", "backend"):        filepath.Join(sep, "r", "backend"),
		filepath.Join(sep, "r", "backend", "app"): a,
		filepath.Join(sep, "r", "deploy"):         filepath.Join(sep, "r"),
		filepath.Join(sep, "r", "backend2"):       filepath.Join(sep, "r"),
		filepath.Join(sep, "other"):               sep,
	} {
		if got := commonDir(a, b); got != want {
			t.Errorf("commonDir(%s, %s) = %s, want %s", a, b, got, want)
		}
	}
	if within(filepath.Join(sep, "r"), filepath.Join(sep, "r2")) {
		t.Errorf("within(/r, /r2) is true")
	}
}
