package project

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/paxx-dev/paxx/filetx"
)

// composeWant is what TestFindCompose checks of a layout; Base is relative
// to the test's tree.
type composeWant struct {
	Base, Python  string
	Files         []string
	App, AppFile  string
	AppFiles      []string
	AppDockerfile string
	Source        string
}

// backend is a repository whose Python project is backend/, with its own
// Dockerfile, plus the given files.
func backend(files map[string]string) map[string]string {
	m := map[string]string{
		".git/":                  "",
		"backend/pyproject.toml": fastapiProject,
		"backend/Dockerfile":     "FROM python:3.12\n",
	}
	for k, v := range files {
		m[k] = v
	}
	return m
}

func TestFindCompose(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		dir   string
		opts  Options
		want  composeWant
	}{
		{
			name: "beside pyproject: the built service named web",
			files: map[string]string{
				".git/": "", "pyproject.toml": fastapiProject, "Dockerfile": "FROM python\n",
				"compose.yaml": "services:\n  db:\n    image: postgres\n  worker:\n    build: .\n  web:\n    build: .\n",
			},
			want: composeWant{Base: ".", Python: ".", Files: []string{"compose.yaml"}, App: "web", AppFile: "compose.yaml", AppFiles: []string{"compose.yaml"}, AppDockerfile: "Dockerfile", Source: "search"},
		},
		{
			name: "the full-stack template: prestart and backend share the build, backend serves",
			files: map[string]string{
				".git/": "", "pyproject.toml": "[tool.uv.workspace]\nmembers = [\"backend\"]\n",
				"backend/pyproject.toml": fastapiProject, "backend/Dockerfile": "FROM python\n",
				"compose.yml": "services:\n  prestart:\n    build:\n      context: .\n      dockerfile: backend/Dockerfile\n    command: bash scripts/prestart.sh\n" +
					"  backend:\n    build:\n      context: .\n      dockerfile: backend/Dockerfile\n" +
					"  frontend:\n    build:\n      context: .\n      dockerfile: frontend/Dockerfile\n",
				"compose.override.yml": "services:\n  backend:\n    command:\n      - fastapi\n      - run\n      - app/main.py\n",
			},
			want: composeWant{Base: ".", Python: "backend", Files: []string{"compose.yml", "compose.override.yml"}, App: "backend", AppFile: "compose.yml",
				AppFiles: []string{"compose.yml", "compose.override.yml"}, AppDockerfile: "backend/Dockerfile", Source: "search"},
		},
		{
			name: "no server command on either: the one that runs no job (a celery entrypoint)",
			files: map[string]string{
				".git/": "", "backend/pyproject.toml": fastapiProject,
				"compose.yml": "services:\n  api:\n    build: ./backend\n  celery:\n    build: ./backend\n    entrypoint: [\"bash\", \"devCelery.sh\"]\n",
			},
			dir:  "backend",
			want: composeWant{Base: ".", Python: "backend", Files: []string{"compose.yml"}, App: "api", AppFile: "compose.yml", AppFiles: []string{"compose.yml"}, Source: "search"},
		},
		{
			name: "a shell command that migrates then serves is the server",
			files: map[string]string{
				".git/": "", "backend/pyproject.toml": fastapiProject,
				"compose.yml": "services:\n  web:\n    build: ./backend\n    command: sh -c \"alembic upgrade head && uvicorn app.main:app\"\n" +
					"  migrate:\n    build: ./backend\n    command: alembic upgrade head\n",
			},
			dir:  "backend",
			want: composeWant{Base: ".", Python: "backend", Files: []string{"compose.yml"}, App: "web", AppFile: "compose.yml", AppFiles: []string{"compose.yml"}, Source: "search"},
		},
		{
			name: "beside pyproject: app before api",
			files: map[string]string{
				".git/": "", "pyproject.toml": fastapiProject,
				"compose.yaml": "services:\n  api:\n    build: .\n  app:\n    build: .\n",
			},
			want: composeWant{Base: ".", Python: ".", Files: []string{"compose.yaml"}, App: "app", AppFile: "compose.yaml", AppFiles: []string{"compose.yaml"}, Source: "search"},
		},
		{
			name: "beside pyproject: the first built service",
			files: map[string]string{
				".git/": "", "pyproject.toml": fastapiProject,
				"compose.yaml": "services:\n  db:\n    image: postgres\n  zeta:\n    build: .\n  alpha:\n    build: .\n",
			},
			want: composeWant{Base: ".", Python: ".", Files: []string{"compose.yaml"}, App: "zeta", AppFile: "compose.yaml", AppFiles: []string{"compose.yaml"}, Source: "search"},
		},
		{
			name: "beside pyproject: no built service, no app",
			files: map[string]string{
				".git/": "", "pyproject.toml": fastapiProject,
				"compose.yaml": "services:\n  app:\n    image: ghcr.io/x/app\n",
			},
			want: composeWant{Base: ".", Python: ".", Files: []string{"compose.yaml"}, Source: "search"},
		},
		{
			name: "compose in the parent: build context is the Python project",
			files: backend(map[string]string{
				"compose.yml": "services:\n  db:\n    image: postgres\n  api:\n    build: ./backend\n",
			}),
			dir:  "backend",
			want: composeWant{Base: ".", Python: "backend", Files: []string{"compose.yml"}, App: "api", AppFile: "compose.yml", AppFiles: []string{"compose.yml"}, AppDockerfile: "backend/Dockerfile", Source: "search"},
		},
		{
			name: "build context above the Python project with its own Dockerfile",
			files: backend(map[string]string{
				"compose.yaml": "services:\n  api:\n    build:\n      context: .\n      dockerfile: backend/Dockerfile\n",
			}),
			dir:  "backend",
			want: composeWant{Base: ".", Python: "backend", Files: []string{"compose.yaml"}, App: "api", AppFile: "compose.yaml", AppFiles: []string{"compose.yaml"}, AppDockerfile: "backend/Dockerfile", Source: "search"},
		},
		{
			name: "a service built from the whole compose project is not the app",
			files: backend(map[string]string{
				"Dockerfile":   "FROM node\n",
				"compose.yaml": "services:\n  site:\n    build: .\n    ports: [\"80:80\"]\n",
			}),
			dir:  "backend",
			want: composeWant{Base: ".", Python: "backend", Files: []string{"compose.yaml"}, Source: "search"},
		},
		{
			name: "missing Dockerfile leaves AppDockerfile empty",
			files: map[string]string{
				".git/": "", "backend/pyproject.toml": fastapiProject,
				"compose.yaml": "services:\n  api:\n    build: ./backend\n",
			},
			dir:  "backend",
			want: composeWant{Base: ".", Python: "backend", Files: []string{"compose.yaml"}, App: "api", AppFile: "compose.yaml", AppFiles: []string{"compose.yaml"}, Source: "search"},
		},
		{
			name: "override file: build only in the override",
			files: backend(map[string]string{
				"compose.yaml":          "services:\n  db:\n    image: postgres\n  api:\n    image: ghcr.io/x/api\n",
				"compose.override.yaml": "services:\n  api:\n    build: ./backend\n",
			}),
			dir:  "backend",
			want: composeWant{Base: ".", Python: "backend", Files: []string{"compose.yaml", "compose.override.yaml"}, App: "api", AppFile: "compose.yaml", AppFiles: []string{"compose.yaml", "compose.override.yaml"}, AppDockerfile: "backend/Dockerfile", Source: "search"},
		},
		{
			name: "the app defined only in the override",
			files: backend(map[string]string{
				"compose.yaml":          "services:\n  db:\n    image: postgres\n",
				"compose.override.yaml": "services:\n  api:\n    build: ./backend\n",
			}),
			dir:  "backend",
			want: composeWant{Base: ".", Python: "backend", Files: []string{"compose.yaml", "compose.override.yaml"}, App: "api", AppFile: "compose.override.yaml", AppFiles: []string{"compose.override.yaml"}, AppDockerfile: "backend/Dockerfile", Source: "search"},
		},
		{
			name: "compose.yaml before docker-compose.yml",
			files: backend(map[string]string{
				"compose.yaml":       "services:\n  api:\n    build: ./backend\n",
				"docker-compose.yml": "services:\n  old:\n    build: ./backend\n",
			}),
			dir:  "backend",
			want: composeWant{Base: ".", Python: "backend", Files: []string{"compose.yaml"}, App: "api", AppFile: "compose.yaml", AppFiles: []string{"compose.yaml"}, AppDockerfile: "backend/Dockerfile", Source: "search"},
		},
		{
			name: "docker-compose.yml before docker-compose.yaml, as Compose takes them",
			files: backend(map[string]string{
				"docker-compose.yml":  "services:\n  api:\n    build: ./backend\n",
				"docker-compose.yaml": "services:\n  other:\n    build: ./backend\n",
			}),
			dir:  "backend",
			want: composeWant{Base: ".", Python: "backend", Files: []string{"docker-compose.yml"}, App: "api", AppFile: "docker-compose.yml", AppFiles: []string{"docker-compose.yml"}, AppDockerfile: "backend/Dockerfile", Source: "search"},
		},
		{
			name: "compose.override.yml before compose.override.yaml, as Compose takes them",
			files: backend(map[string]string{
				"compose.yaml":          "services:\n  api:\n    build: ./backend\n",
				"compose.override.yml":  "services:\n  api:\n    ports: [\"8000:8000\"]\n",
				"compose.override.yaml": "services:\n  api:\n    ports: [\"9000:8000\"]\n",
			}),
			dir:  "backend",
			want: composeWant{Base: ".", Python: "backend", Files: []string{"compose.yaml", "compose.override.yml"}, App: "api", AppFile: "compose.yaml", AppFiles: []string{"compose.yaml", "compose.override.yml"}, AppDockerfile: "backend/Dockerfile", Source: "search"},
		},
		{
			name: "a bind mount of the Python project",
			files: backend(map[string]string{
				"compose.yaml": "services:\n  db:\n    image: postgres\n  api:\n    image: python:3.12\n    volumes:\n      - ./backend:/code\n      - data:/data\n",
			}),
			dir:  "backend",
			want: composeWant{Base: ".", Python: "backend", Files: []string{"compose.yaml"}, App: "api", AppFile: "compose.yaml", AppFiles: []string{"compose.yaml"}, Source: "search"},
		},
		{
			name: "a develop.watch path inside the Python project",
			files: backend(map[string]string{
				"compose.yaml": "services:\n  api:\n    image: python:3.12\n    develop:\n      watch:\n        - path: ./backend/app\n          action: sync\n          target: /code/app\n",
			}),
			dir:  "backend",
			want: composeWant{Base: ".", Python: "backend", Files: []string{"compose.yaml"}, App: "api", AppFile: "compose.yaml", AppFiles: []string{"compose.yaml"}, Source: "search"},
		},
		{
			name: "several: the one built from the project's own Dockerfile",
			files: backend(map[string]string{
				"docker/worker.Dockerfile": "FROM python\n",
				"compose.yaml":             "services:\n  worker:\n    build:\n      context: ./backend\n      dockerfile: ../docker/worker.Dockerfile\n  api:\n    build: ./backend\n",
			}),
			dir:  "backend",
			want: composeWant{Base: ".", Python: "backend", Files: []string{"compose.yaml"}, App: "api", AppFile: "compose.yaml", AppFiles: []string{"compose.yaml"}, AppDockerfile: "backend/Dockerfile", Source: "search"},
		},
		{
			name: "several: the one whose command runs a web server",
			files: backend(map[string]string{
				"compose.yaml": "services:\n  worker:\n    build: ./backend\n    command: celery -A app worker\n  api:\n    build: ./backend\n    command: [\"/venv/bin/uvicorn\", \"app.main:app\"]\n",
			}),
			dir:  "backend",
			want: composeWant{Base: ".", Python: "backend", Files: []string{"compose.yaml"}, App: "api", AppFile: "compose.yaml", AppFiles: []string{"compose.yaml"}, AppDockerfile: "backend/Dockerfile", Source: "search"},
		},
		{
			name: "several: the one without a command that publishes ports",
			files: backend(map[string]string{
				"compose.yaml": "services:\n  worker:\n    build: ./backend\n    command: celery -A app worker\n  api:\n    build: ./backend\n    ports:\n      - \"8000:8000\"\n",
			}),
			dir:  "backend",
			want: composeWant{Base: ".", Python: "backend", Files: []string{"compose.yaml"}, App: "api", AppFile: "compose.yaml", AppFiles: []string{"compose.yaml"}, AppDockerfile: "backend/Dockerfile", Source: "search"},
		},
		{
			name: "--app-service chooses among several",
			files: backend(map[string]string{
				"compose.yaml": "services:\n  worker:\n    build: ./backend\n    command: celery -A app worker\n  api:\n    build: ./backend\n    command: uvicorn app.main:app\n",
			}),
			dir:  "backend",
			opts: Options{AppService: "worker"},
			want: composeWant{Base: ".", Python: "backend", Files: []string{"compose.yaml"}, App: "worker", AppFile: "compose.yaml", AppFiles: []string{"compose.yaml"}, AppDockerfile: "backend/Dockerfile", Source: "search"},
		},
		{
			name: "remote and ${VAR} build contexts are ignored",
			files: backend(map[string]string{
				"compose.yaml": "services:\n" +
					"  remote:\n    build:\n      context: git@github.com:x/y.git/../..\n      dockerfile: backend/Dockerfile\n    command: uvicorn app.main:app\n" +
					"  url:\n    build:\n      context: https://github.com/x/y.git/../..\n      dockerfile: backend/Dockerfile\n    command: uvicorn app.main:app\n" +
					"  var:\n    build:\n      context: ${CTX}/..\n      dockerfile: backend/Dockerfile\n    command: uvicorn app.main:app\n" +
					"  api:\n    build: ./backend\n    command: uvicorn app.main:app\n",
			}),
			dir:  "backend",
			want: composeWant{Base: ".", Python: "backend", Files: []string{"compose.yaml"}, App: "api", AppFile: "compose.yaml", AppFiles: []string{"compose.yaml"}, AppDockerfile: "backend/Dockerfile", Source: "search"},
		},
		{
			name: "bind sources starting with ~ are ignored",
			files: backend(map[string]string{
				"compose.yaml": "services:\n" +
					"  tools:\n    image: python\n    volumes:\n      - ~/../backend:/src\n    command: uvicorn app.main:app\n" +
					"  api:\n    image: python\n    volumes:\n      - ./backend:/code\n    command: uvicorn app.main:app\n",
			}),
			dir:  "backend",
			want: composeWant{Base: ".", Python: "backend", Files: []string{"compose.yaml"}, App: "api", AppFile: "compose.yaml", AppFiles: []string{"compose.yaml"}, Source: "search"},
		},
		{
			name: "--compose-file replaces the search; paths resolve against its directory",
			files: backend(map[string]string{
				"compose.yaml":             "services:\n  other:\n    build: ./backend\n",
				"deploy/compose.prod.yaml": "services:\n  api:\n    build: ../backend\n",
			}),
			opts: Options{ComposeFiles: []string{"deploy/compose.prod.yaml"}},
			want: composeWant{Base: ".", Python: "backend", Files: []string{"deploy/compose.prod.yaml"}, App: "api", AppFile: "deploy/compose.prod.yaml", AppFiles: []string{"deploy/compose.prod.yaml"}, AppDockerfile: "backend/Dockerfile", Source: "--compose-file"},
		},
		{
			name: "COMPOSE_FILE with COMPOSE_PATH_SEPARATOR",
			files: backend(map[string]string{
				"compose.yaml":     "services:\n  other:\n    build: ./backend\n",
				"compose.base.yml": "services:\n  db:\n    image: postgres\n",
				"compose.dev.yml":  "services:\n  api:\n    build: ./backend\n",
			}),
			dir:  "backend",
			opts: Options{Getenv: env(map[string]string{"COMPOSE_FILE": "../compose.base.yml,../compose.dev.yml", "COMPOSE_PATH_SEPARATOR": ","})},
			want: composeWant{Base: ".", Python: "backend", Files: []string{"compose.base.yml", "compose.dev.yml"}, App: "api", AppFile: "compose.dev.yml", AppFiles: []string{"compose.dev.yml"}, AppDockerfile: "backend/Dockerfile", Source: "COMPOSE_FILE"},
		},
		{
			name: "COMPOSE_FILE split by the system's separator",
			files: backend(map[string]string{
				"compose.base.yml": "services:\n  db:\n    image: postgres\n",
				"compose.dev.yml":  "services:\n  api:\n    build: ./backend\n",
			}),
			opts: Options{Getenv: env(map[string]string{"COMPOSE_FILE": "compose.base.yml" + string(os.PathListSeparator) + "compose.dev.yml"})},
			want: composeWant{Base: ".", Python: "backend", Files: []string{"compose.base.yml", "compose.dev.yml"}, App: "api", AppFile: "compose.dev.yml", AppFiles: []string{"compose.dev.yml"}, AppDockerfile: "backend/Dockerfile", Source: "COMPOSE_FILE"},
		},
		{
			name: "COMPOSE_FILE in a parent's .env comes before its compose.yaml",
			files: backend(map[string]string{
				".env":               "# compose\nCOMPOSE_FILE=docker/base.yaml;docker/dev.yaml\nCOMPOSE_PATH_SEPARATOR=;\n",
				"compose.yaml":       "services:\n  other:\n    build: ./backend\n",
				"docker/base.yaml":   "services:\n  db:\n    image: postgres\n",
				"docker/dev.yaml":    "services:\n  api:\n    build: ../backend\n",
				"backend/app/api.py": "",
			}),
			dir:  "backend/app",
			want: composeWant{Base: ".", Python: "backend", Files: []string{"docker/base.yaml", "docker/dev.yaml"}, App: "api", AppFile: "docker/dev.yaml", AppFiles: []string{"docker/dev.yaml"}, AppDockerfile: "backend/Dockerfile", Source: "COMPOSE_FILE in ../../.env"},
		},
		{
			name: "a .env without COMPOSE_FILE does not stop the search",
			files: backend(map[string]string{
				"backend/.env": "DATABASE_URL=postgres://x\n",
				"compose.yaml": "services:\n  api:\n    build: ./backend\n",
			}),
			dir:  "backend",
			want: composeWant{Base: ".", Python: "backend", Files: []string{"compose.yaml"}, App: "api", AppFile: "compose.yaml", AppFiles: []string{"compose.yaml"}, AppDockerfile: "backend/Dockerfile", Source: "search"},
		},
		{
			name: "a symbolic link to a compose file is kept as found",
			files: backend(map[string]string{
				"compose.yaml":        "->deploy/compose.yaml",
				"deploy/compose.yaml": "services:\n  api:\n    build: ./backend\n",
			}),
			dir:  "backend",
			want: composeWant{Base: ".", Python: "backend", Files: []string{"compose.yaml"}, App: "api", AppFile: "compose.yaml", AppFiles: []string{"compose.yaml"}, AppDockerfile: "backend/Dockerfile", Source: "search"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := tree(t, tt.files)
			l := find(t, root, tt.dir, tt.opts)
			if l.Compose == nil {
				t.Fatalf("no compose project found")
			}
			c := l.Compose
			got := composeWant{
				Base: relRoot(t, root, l.Base), Python: l.Python, Files: c.Files,
				App: c.App, AppFile: c.AppFile, AppFiles: c.AppFiles, AppDockerfile: c.AppDockerfile, Source: c.Source,
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
			if c.Base() != c.Files[0] {
				t.Errorf("Base() = %q, want %q", c.Base(), c.Files[0])
			}
		})
	}
}

func TestFindComposeNone(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		dir   string
	}{
		{"no compose file", map[string]string{".git/": "", "pyproject.toml": fastapiProject}, ""},
		{
			"a compose file above the repository root is not found",
			map[string]string{"compose.yaml": "services:\n  api:\n    build: ./repo\n", "repo/.git/": "", "repo/pyproject.toml": fastapiProject},
			"repo",
		},
		{
			"COMPOSE_FILE in a .env above the repository root is not read",
			map[string]string{".env": "COMPOSE_FILE=repo/x.yaml\n", "repo/x.yaml": "services:\n  api:\n    build: .\n", "repo/.git/": "", "repo/pyproject.toml": fastapiProject},
			"repo",
		},
		{
			"an empty COMPOSE_FILE in .env is unset",
			map[string]string{".git/": "", ".env": "COMPOSE_FILE=\n", "pyproject.toml": fastapiProject},
			"",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := tree(t, tt.files)
			if l := find(t, root, tt.dir, Options{}); l.Compose != nil {
				t.Errorf("Compose = %+v, want none", l.Compose)
			}
		})
	}
}

func TestFindComposeRefuses(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		dir   string
		opts  Options
		want  []string // in the message
	}{
		{
			name:  "a directory named compose.yaml",
			files: map[string]string{".git/": "", "pyproject.toml": fastapiProject, "compose.yaml/": "", "docker-compose.yml": "services:\n  api:\n    build: .\n"},
			want:  []string{"compose.yaml: is a directory"},
		},
		{
			name:  "a directory named compose.yaml in a parent",
			files: backend(map[string]string{"compose.yaml/": ""}),
			dir:   "backend",
			want:  []string{"../compose.yaml: is a directory"},
		},
		{
			name:  "--compose-file naming a directory",
			files: backend(map[string]string{"deploy/": ""}),
			opts:  Options{ComposeFiles: []string{"deploy"}},
			want:  []string{"deploy: is a directory"},
		},
		{
			name:  "COMPOSE_FILE naming a missing file",
			files: backend(map[string]string{"compose.yaml": "services:\n  api:\n    build: ./backend\n"}),
			dir:   "backend",
			opts:  Options{Getenv: env(map[string]string{"COMPOSE_FILE": "../compose.yaml:../compose.missing.yaml"})},
			want:  []string{"../compose.missing.yaml: compose file named by COMPOSE_FILE does not exist"},
		},
		{
			name:  "COMPOSE_FILE in .env naming a missing file",
			files: backend(map[string]string{".env": "COMPOSE_FILE=nope.yaml\n"}),
			dir:   "backend",
			want:  []string{"../nope.yaml: compose file named by COMPOSE_FILE in ../.env does not exist"},
		},
		{
			name:  "--compose-file naming a missing file",
			files: backend(nil),
			opts:  Options{ComposeFiles: []string{"compose.prod.yaml"}},
			want:  []string{"compose.prod.yaml: compose file named by --compose-file does not exist"},
		},
		{
			name:  "a symbolic link to a compose file outside the project",
			files: map[string]string{"outside.yaml": "services:\n  api:\n    build: ./repo/backend\n", "repo/.git/": "", "repo/backend/pyproject.toml": fastapiProject, "repo/compose.yaml": "->../outside.yaml"},
			dir:   "repo/backend",
			want:  []string{"compose.yaml", "outside the project root"},
		},
		{
			name: "several services run the project",
			files: backend(map[string]string{
				"compose.yaml": "services:\n  db:\n    image: postgres\n  web:\n    build: ./backend\n    command: uvicorn app.main:app\n  api:\n    build: ./backend\n    command: gunicorn app.main:app\n",
			}),
			dir:  "backend",
			want: []string{"../compose.yaml:4:", "services api, web all run the Python project", "--app-service web"},
		},
		{
			name: "several services run the project, in the override only",
			files: backend(map[string]string{
				"compose.yaml":          "services:\n  db:\n    image: postgres\n",
				"compose.override.yaml": "services:\n  web:\n    build: ./backend\n    command: uvicorn app.main:app\n  api:\n    build: ./backend\n    command: gunicorn app.main:app\n",
			}),
			dir:  "backend",
			want: []string{"../compose.override.yaml:2:", "services api, web all run the Python project"},
		},
		{
			name:  "--app-service naming no service",
			files: backend(map[string]string{"compose.yaml": "services:\n  web:\n    build: ./backend\n  db:\n    image: postgres\n"}),
			dir:   "backend",
			opts:  Options{AppService: "nope"},
			want:  []string{`there is no service "nope"`, "the services are: db, web"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := tree(t, tt.files)
			msg := refused(t, root, tt.dir, tt.opts)
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("message %q does not contain %q", msg, w)
				}
			}
		})
	}
}

func TestFindComposeRefusesOversized(t *testing.T) {
	root := tree(t, backend(nil))
	f, err := os.Create(filepath.Join(root, "compose.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(filetx.MaxFileSize + 1); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if msg := refused(t, root, "backend", Options{}); !strings.Contains(msg, "compose.yaml: is 10485761 bytes") {
		t.Errorf("message %q does not name the size", msg)
	}
}

func TestResolveContext(t *testing.T) {
	dir := filepath.Join(string(filepath.Separator), "repo")
	for ctx, want := range map[string]string{
		".":                           dir,
		"./backend":                   filepath.Join(dir, "backend"),
		"../shared":                   filepath.Join(string(filepath.Separator), "shared"),
		"https://github.com/x/y.git":  "",
		"git@github.com:x/y.git#main": "",
		"ssh://git@host/x.git":        "",
		"${BACKEND:-./backend}":       "",
		"./${SUB}":                    "",
	} {
		if got := resolveContext(dir, ctx); got != want {
			t.Errorf("resolveContext(%q) = %q, want %q", ctx, got, want)
		}
	}
}

func TestRunsServer(t *testing.T) {
	for _, tt := range []struct {
		command []string
		ports   bool
		want    bool
	}{
		{[]string{"uvicorn", "app:app"}, false, true},
		{[]string{"/venv/bin/gunicorn", "app:app"}, false, true},
		{[]string{"hypercorn", "app:app"}, false, true},
		{[]string{"granian", "app:app"}, false, true},
		{[]string{"fastapi", "run"}, false, true},
		{[]string{"celery", "-A", "app", "worker"}, true, false},
		{nil, true, true},
		{nil, false, false},
	} {
		if got := runsServer(&merged{command: tt.command, ports: tt.ports}); got != tt.want {
			t.Errorf("runsServer(%q, ports %v) = %v, want %v", tt.command, tt.ports, got, tt.want)
		}
	}
}

func TestRunsJob(t *testing.T) {
	for _, tt := range []struct {
		entrypoint, command []string
		want                bool
	}{
		{nil, []string{"celery", "-A", "app", "worker"}, true},
		{nil, []string{"arq", "app.core.tasks.WorkerSettings"}, true},
		{nil, []string{"bash", "scripts/prestart.sh"}, true},
		{[]string{"bash", "devCelery.sh"}, nil, true},
		{nil, []string{"sh", "-c", "alembic upgrade head"}, true},
		{nil, []string{"fastapi", "run", "app/main.py"}, false},
		{nil, []string{"python", "-m", "app"}, false},
		{nil, nil, false},
	} {
		if got := runsJob(&merged{entrypoint: tt.entrypoint, command: tt.command}); got != tt.want {
			t.Errorf("runsJob(%q %q) = %v, want %v", tt.entrypoint, tt.command, got, tt.want)
		}
	}
}

// TestRunsProject checks which services run the Python project: the app,
// the services built from it or mounting it, not those running an image
// or built from elsewhere.
func TestRunsProject(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		dir   string
		runs  []string
		not   []string
	}{
		{
			name: "a backend in a repository",
			files: backend(map[string]string{
				"compose.yml": `x-api-common: &api-common
  environment:
    - DATABASE_URL
services:
  api:
    <<: *api-common
    build: ./backend
    command: fastapi run app/main.py
  worker:
    <<: *api-common
    build: ./backend
    command: arq app.worker.WorkerSettings
  flower:
    <<: *api-common
    image: mher/flower
  frontend:
    build: ./frontend
  tests:
    image: python:3.12
    volumes:
      - ./backend:/app
`,
			}),
			dir:  "backend",
			runs: []string{"api", "worker", "tests"},
			not:  []string{"flower", "frontend", "db", ""},
		},
		{
			name: "a compose file beside pyproject.toml",
			files: map[string]string{
				".git/": "", "pyproject.toml": fastapiProject, "Dockerfile": "FROM python\n",
				"compose.yaml": "services:\n  db:\n    image: postgres\n  worker:\n    build: .\n  web:\n    build: .\n",
			},
			runs: []string{"web", "worker"},
			not:  []string{"db"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := find(t, tree(t, tt.files), tt.dir, Options{})
			if l.Compose == nil {
				t.Fatal("no compose project found")
			}
			for _, s := range tt.runs {
				if !l.Compose.RunsProject(s) {
					t.Errorf("RunsProject(%q) = false, want true", s)
				}
			}
			for _, s := range tt.not {
				if l.Compose.RunsProject(s) {
					t.Errorf("RunsProject(%q) = true, want false", s)
				}
			}
		})
	}
}

// TestOverrideBuildTargetKeepsContext finds the app built from
// backend/ when the override sets only the build's target: Compose
// merges build key by key, so the base's context and Dockerfile stand.
func TestOverrideBuildTargetKeepsContext(t *testing.T) {
	root := tree(t, map[string]string{
		".git/":                   "",
		"compose.yaml":            "services:\n  api:\n    build:\n      context: ./backend\n      dockerfile: Dockerfile.prod\n  db:\n    image: postgres:16\n",
		"compose.override.yaml":   "services:\n  api:\n    build:\n      target: dev\n",
		"backend/pyproject.toml":  fastapiProject,
		"backend/Dockerfile.prod": "FROM python:3.12\nCMD [\"fastapi\", \"run\", \"app/main.py\"]\n",
	})
	l := find(t, root, "backend", Options{})
	if l.Compose == nil || l.Compose.App != "api" {
		t.Fatalf("app = %+v, want api", l.Compose)
	}
	if got, want := l.Compose.AppDockerfile, "backend/Dockerfile.prod"; got != want {
		t.Errorf("AppDockerfile = %q, want %q", got, want)
	}
}
