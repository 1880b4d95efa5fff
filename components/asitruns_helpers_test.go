package components_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestAsItRunsPortClashes shows the ports check failing: the same host
// port twice, an address on every interface beside a specific one, and
// what does not clash (another protocol, two specific addresses, a port
// left to Docker).
func TestAsItRunsPortClashes(t *testing.T) {
	tests := []struct {
		name, compose string
		clashes       int
	}{
		{"twice", "services:\n  a:\n    image: x\n    ports: [\"6379:6379\"]\n  b:\n    image: y\n    ports: [\"6379:6379\"]\n", 1},
		{"wildcard and loopback", "services:\n  a:\n    image: x\n    ports: [\"6379:6379\"]\n  b:\n    image: y\n    ports: [\"127.0.0.1:6379:6379\"]\n", 1},
		{"range", "services:\n  a:\n    image: x\n    ports: [\"8000-8002:8000-8002\"]\n  b:\n    image: y\n    ports: [\"8001:80\"]\n", 1},
		{"two loopbacks differ", "services:\n  a:\n    image: x\n    ports: [\"127.0.0.1:6379:6379\"]\n  b:\n    image: y\n    ports: [\"127.0.0.2:6379:6379\"]\n", 0},
		{"udp and tcp", "services:\n  a:\n    image: x\n    ports: [\"53:53/udp\"]\n  b:\n    image: y\n    ports: [\"53:53\"]\n", 0},
		{"ephemeral", "services:\n  a:\n    image: x\n    ports: [\"6379\"]\n  b:\n    image: y\n    ports: [\"6379\"]\n", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			p := filepath.Join(dir, "compose.yaml")
			if err := os.WriteFile(p, []byte(tt.compose), 0o644); err != nil {
				t.Fatal(err)
			}
			proj, err := loadFiles([]string{p}, nil, true)
			if err != nil {
				t.Fatal(err)
			}
			got, err := portClashes(proj)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != tt.clashes {
				t.Errorf("clashes = %q, want %d", got, tt.clashes)
			}
		})
	}
}

// TestAsItRunsRunner shows how the runner of a command is read: exec
// form, a shell script's simple commands, an ENTRYPOINT before the
// command.
func TestAsItRunsRunner(t *testing.T) {
	tests := []struct {
		entrypoint, command []string
		df                  *dockerfile
		want                string
	}{
		{command: []string{"poetry", "run", "uvicorn", "app.main:app"}, want: "poetry run"},
		{command: []string{"uvicorn", "app.main:app"}, want: ""},
		{command: []string{"sh", "-c", "alembic upgrade head && exec uv run uvicorn app.main:app"}, want: "uv run"},
		{command: []string{"/bin/sh", "-c", "FOO=1 pdm run arq app.tasks.W"}, want: "pdm run"},
		{command: []string{"arq", "app.core.tasks.WorkerSettings"}, df: &dockerfile{entrypoint: []string{"hatch", "run"}}, want: "hatch run"},
		{df: &dockerfile{cmd: []string{"/bin/sh", "-c", "poetry run fastapi run"}}, want: "poetry run"},
		{entrypoint: []string{"arq"}, df: &dockerfile{cmd: []string{"poetry", "run", "uvicorn"}}, want: ""},
	}
	for _, tt := range tests {
		argv := effectiveCommand(tt.entrypoint, tt.command, tt.df)
		if got := runnerOf(argv); got != tt.want {
			t.Errorf("runnerOf(%q) = %q, want %q", argv, got, tt.want)
		}
	}
}

// TestAsItRunsImageInstalls shows the dependency check reading what a
// Dockerfile installs, and failing where a dependency sits where the image
// does not install from (a dev group, a file no -r names).
func TestAsItRunsImageInstalls(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		has   []string
		lacks []string
	}{
		{
			name: "nested requirements",
			files: map[string]string{
				"Dockerfile":            "FROM python:3.12\nCOPY . .\nRUN pip install --no-cache-dir \\\n    -r /srv/requirements.txt\n",
				"requirements.txt":      "-r requirements/base.txt\nuvicorn[standard]>=0.30  # server\n",
				"requirements/base.txt": "fastapi>=0.115\nRedis>=5.0\n",
				"requirements-dev.txt":  "pytest\n",
			},
			has:   []string{"fastapi", "redis", "uvicorn"},
			lacks: []string{"pytest"},
		},
		{
			name: "poetry only main",
			files: map[string]string{
				"Dockerfile":     "FROM python:3.12\nRUN pip install poetry && poetry install --only main --no-root\n",
				"pyproject.toml": "[tool.poetry.dependencies]\npython = \"^3.12\"\nfastapi = \"*\"\n\n[tool.poetry.group.dev.dependencies]\narq = \"*\"\n",
			},
			has:   []string{"fastapi"},
			lacks: []string{"arq", "python"},
		},
		{
			name: "uv sync no dev",
			files: map[string]string{
				"Dockerfile":     "FROM python:3.12\nRUN [\"uv\", \"sync\", \"--frozen\", \"--no-dev\"]\n",
				"pyproject.toml": "[project]\nname = \"x\"\ndependencies = [\"fastapi\"]\n\n[dependency-groups]\ndev = [\"redis\"]\nworker = [\"arq\"]\n",
			},
			has:   []string{"fastapi"},
			lacks: []string{"redis", "arq"},
		},
		{
			name: "uv sync groups",
			files: map[string]string{
				"Dockerfile":     "FROM python:3.12\nRUN uv sync --group worker\n",
				"pyproject.toml": "[project]\nname = \"x\"\ndependencies = [\"fastapi\"]\n\n[dependency-groups]\ndev = [\"redis\"]\nworker = [{include-group = \"base\"}]\nbase = [\"arq\"]\n",
			},
			has: []string{"fastapi", "redis", "arq"},
		},
		{
			name: "pip install project with extra",
			files: map[string]string{
				"Dockerfile":     "FROM python:3.12\nRUN pip install '.[cache]'\n",
				"pyproject.toml": "[project]\nname = \"x\"\ndependencies = [\"fastapi\"]\n\n[project.optional-dependencies]\ncache = [\"redis>=5\"]\ntest = [\"pytest\"]\n",
			},
			has:   []string{"fastapi", "redis"},
			lacks: []string{"pytest"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeTree(t, dir, tt.files)
			df, err := parseDockerfile(filepath.Join(dir, "Dockerfile"))
			if err != nil {
				t.Fatal(err)
			}
			in, err := imageInstalls(df, dir)
			if err != nil {
				t.Fatal(err)
			}
			for _, n := range tt.has {
				if _, ok := in.names[n]; !ok {
					t.Errorf("%s not installed; installs %v", n, slices.Sorted(mapKeys(in.names)))
				}
			}
			for _, n := range tt.lacks {
				if from, ok := in.names[n]; ok {
					t.Errorf("%s installed (from %s), want not", n, from)
				}
			}
		})
	}
}

// TestAsItRunsSettingsCheckFails shows the settings check failing: a
// required field the environment lacks, and a field the environment sets
// under a name the class does not read (its env_prefix).
func TestAsItRunsSettingsCheckFails(t *testing.T) {
	py, ok := findInterpreters()
	need(t, "python3 with pydantic-settings", ok)
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"conf.py": `from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_prefix="APP_")

    secret_key: str
    redis_url: str = "redis://localhost:6379/0"
`,
		// Read if the check let pydantic read env files: it must not.
		".env": "APP_SECRET_KEY=from-the-file\n",
	})
	r, err := loadSettings(py, dir, "conf", "Settings", []string{dir}, []string{"redis_url"}, map[string]string{"REDIS_URL": "redis://redis:6379/0"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != "error" {
		t.Errorf("status = %q, want error: secret_key is required and only .env has it", r.Status)
	}
	env := map[string]string{"APP_SECRET_KEY": "s", "REDIS_URL": "redis://redis:6379/0"}
	r, err = loadSettings(py, dir, "conf", "Settings", []string{dir}, []string{"redis_url"}, env)
	if err != nil || r.Status != "ok" {
		t.Fatalf("status = %v, %v", r, err)
	}
	f := r.Fields["redis_url"]
	if name, _, ok := r.lookup(f, env); ok {
		t.Errorf("lookup found %s; the class reads APP_REDIS_URL", name)
	}
	if f.Str == nil || *f.Str != "redis://localhost:6379/0" {
		t.Errorf("redis_url = %v, want the default", f.Repr)
	}
	env["app_redis_url"] = "redis://cache:6379/0"
	if name, v, ok := r.lookup(f, env); !ok || name != "app_redis_url" || v != "redis://cache:6379/0" {
		t.Errorf("lookup = %s %s %v: the class is not case-sensitive", name, v, ok)
	}
}
