package project

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestEnvExample(t *testing.T) {
	tests := []struct {
		name       string
		files      map[string]string
		dir        string
		envFiles   []string
		unresolved bool
		want       string // the target, relative to the tree
		why        string // in Why
	}{
		{
			name:  "no env_file, no example: a new .env.example in the Python project",
			files: map[string]string{".git/": "", "backend/pyproject.toml": fastapiProject},
			dir:   "backend",
			want:  "backend/.env.example", why: "the Python project's directory",
		},
		{
			name:  "an existing .env.sample",
			files: map[string]string{".git/": "", "pyproject.toml": fastapiProject, ".env.sample": "", ".env": "X=1\n"},
			want:  ".env.sample",
		},
		{
			name:     ".env.example before the other example names",
			files:    map[string]string{".git/": "", "pyproject.toml": fastapiProject, ".env.example": "", ".env.sample": "", ".env.template": "", "example.env": "", ".env.dist": ""},
			envFiles: []string{".env"},
			want:     ".env.example", why: "beside env_file .env",
		},
		{
			name:  ".env.template before example.env and .env.dist",
			files: map[string]string{".git/": "", "pyproject.toml": fastapiProject, ".env.template": "", "example.env": "", ".env.dist": ""},
			want:  ".env.template",
		},
		{
			name:  "example.env before .env.dist",
			files: map[string]string{".git/": "", "pyproject.toml": fastapiProject, "example.env": "", ".env.dist": ""},
			want:  "example.env",
		},
		{
			name:  "a directory named .env.example is not an example",
			files: map[string]string{".git/": "", "pyproject.toml": fastapiProject, ".env.example/": "", ".env.dist": ""},
			want:  ".env.dist",
		},
		{
			name:     "a committed env file with no example is the example",
			files:    map[string]string{".git/": "", "pyproject.toml": fastapiProject, ".env": "X=1\n"},
			envFiles: []string{".env"},
			want:     ".env", why: "the committed .env",
		},
		{
			name:     "a .env that .gitignore excludes is never chosen",
			files:    map[string]string{".git/": "", ".gitignore": "# secrets\n.env\n", "pyproject.toml": fastapiProject, ".env": "SECRET=1\n"},
			envFiles: []string{".env"},
			want:     ".env.example", why: "beside env_file .env",
		},
		{
			name:     "a .env that .git/info/exclude excludes is never chosen",
			files:    map[string]string{".git/info/exclude": ".env\n", "pyproject.toml": fastapiProject, ".env": "SECRET=1\n"},
			envFiles: []string{".env"},
			want:     ".env.example",
		},
		{
			name:     "a .gitignore in the Python project's directory",
			files:    map[string]string{".git/": "", "backend/.gitignore": "/.env\n", "backend/pyproject.toml": fastapiProject, "backend/.env": "SECRET=1\n"},
			dir:      "backend",
			envFiles: []string{".env"},
			want:     "backend/.env.example",
		},
		{
			name:     "a .gitignore elsewhere does not apply",
			files:    map[string]string{".git/": "", "frontend/.gitignore": ".env\n", "backend/pyproject.toml": fastapiProject, "backend/.env": "X=1\n"},
			dir:      "backend",
			envFiles: []string{".env"},
			want:     "backend/.env",
		},
		{
			name:     "a negated pattern keeps an env file",
			files:    map[string]string{".git/": "", ".gitignore": ".env*\n!.env.defaults\n", "pyproject.toml": fastapiProject, ".env.defaults": "X=1\n"},
			envFiles: []string{".env.defaults"},
			want:     ".env.defaults",
		},
		{
			name:     "outside a repository an env file is not committed",
			files:    map[string]string{"pyproject.toml": fastapiProject, ".env": "SECRET=1\n"},
			envFiles: []string{".env"},
			want:     ".env.example",
		},
		{
			name:     "the env_file's directory",
			files:    map[string]string{".git/": "", "pyproject.toml": fastapiProject, ".env.example": "", "config/.env.example": ""},
			envFiles: []string{"config/.env", ".env"},
			want:     "config/.env.example", why: "beside env_file config/.env",
		},
		{
			name:     "env_file in the parent widens Base",
			files:    map[string]string{".git/": "", "backend/pyproject.toml": fastapiProject, ".env.sample": ""},
			dir:      "backend",
			envFiles: []string{"../.env"},
			want:     ".env.sample", why: "beside env_file ../.env",
		},
		{
			name:     "env_file outside the repository falls back to the Python project",
			files:    map[string]string{"repo/.git/": "", "repo/backend/pyproject.toml": fastapiProject, ".env.example": ""},
			dir:      "repo/backend",
			envFiles: []string{"../../.env"},
			want:     "repo/backend/.env.example", why: "outside the repository",
		},
		{
			name:     "an absolute env_file falls back to the Python project",
			files:    map[string]string{".git/": "", "pyproject.toml": fastapiProject, "etc/.env.example": ""},
			envFiles: []string{"/etc/app/.env"},
			want:     ".env.example", why: "outside the repository",
		},
		{
			name:       "an unresolved env_file falls back to the Python project",
			files:      map[string]string{".git/": "", "pyproject.toml": fastapiProject, "config/.env.example": ""},
			envFiles:   []string{"config/.env"},
			unresolved: true,
			want:       ".env.example", why: "not a plain string",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := tree(t, tt.files)
			l := find(t, root, tt.dir, Options{})
			got := l.EnvExample(tt.envFiles, tt.unresolved)
			if p := relRoot(t, root, l.Abs(got.Path)); p != tt.want {
				t.Errorf("EnvExample = %s (%s), want %s", p, got.Why, tt.want)
			}
			if !strings.Contains(got.Why, tt.why) {
				t.Errorf("Why = %q, want it to contain %q", got.Why, tt.why)
			}
			if !within(l.Base, l.Abs(got.Path)) || strings.HasPrefix(got.Path, "../") {
				t.Errorf("Path %q is not inside Base %s", got.Path, l.Base)
			}
		})
	}
}

// TestEnvExampleWidensBase checks that an env file above Base makes every
// path of the layout relative to the wider Base, compose paths included.
func TestEnvExampleWidensBase(t *testing.T) {
	root := tree(t, map[string]string{
		".git/":                    "",
		".env.example":             "",
		"backend/pyproject.toml":   toolsOnly,
		"backend/requirements.txt": "fastapi\n",
		"backend/Dockerfile":       "FROM python\n",
		"backend/compose.yaml":     "services:\n  app:\n    build: .\n",
		"backend/app/main.py":      "",
	})
	l := find(t, root, "backend/app", Options{})
	if want := filepath.Join(root, "backend"); l.Base != want {
		t.Fatalf("Base before = %s, want %s", l.Base, want)
	}
	got := l.EnvExample([]string{"../.env"}, false)
	if got.Path != ".env.example" {
		t.Errorf("Path = %q, want .env.example", got.Path)
	}
	if l.Base != root {
		t.Errorf("Base = %s, want %s", l.Base, root)
	}
	c := l.Compose
	fields := []string{l.Python, l.Pyproject, l.Requirements, c.AppFile, c.AppDockerfile, l.Display(got.Path)}
	want := []string{"backend", "backend/pyproject.toml", "backend/requirements.txt", "backend/compose.yaml", "backend/Dockerfile", "../../.env.example"}
	if !reflect.DeepEqual(fields, want) {
		t.Errorf("Python, Pyproject, Requirements, AppFile, AppDockerfile, Display = %q\nwant %q", fields, want)
	}
	if !reflect.DeepEqual(c.Files, []string{"backend/compose.yaml"}) || !reflect.DeepEqual(c.AppFiles, []string{"backend/compose.yaml"}) {
		t.Errorf("Files %q, AppFiles %q, want backend/compose.yaml", c.Files, c.AppFiles)
	}
	if got, want := l.SyncCommand(), "cd .. && pip install -r requirements.txt"; got != want {
		t.Errorf("SyncCommand after widening = %q, want %q", got, want)
	}
	if got, want := l.ComposeUpCommand([]string{"redis"}), "cd .. && docker compose up -d redis"; got != want {
		t.Errorf("ComposeUpCommand after widening = %q, want %q", got, want)
	}
}
