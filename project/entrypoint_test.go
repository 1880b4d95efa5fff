package project

import (
	"reflect"
	"testing"
)

func TestEntrypoints(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		dir   string
		want  []string
	}{
		{
			name:  "[tool.fastapi] entrypoint",
			files: map[string]string{".git/": "", "pyproject.toml": fastapiProject + "[tool.fastapi]\nentrypoint = \"app.main:app\"\n"},
			want:  []string{"app.main:app"},
		},
		{
			name: "pyproject, compose command, Dockerfile, scripts, in that order",
			files: map[string]string{
				".git/":          "",
				"pyproject.toml": fastapiProject + "[project.scripts]\nserve = \"d.cli:main\"\n[tool.fastapi]\nentrypoint = \"a.main:app\"\n",
				"compose.yaml":   "services:\n  app:\n    build: .\n    command: uvicorn b.main:app --reload\n",
				"Dockerfile":     "FROM python\nCMD [\"uvicorn\", \"c.main:app\"]\n",
			},
			want: []string{"a.main:app", "b.main:app", "c.main:app", "d.cli"},
		},
		{
			name: "the same reference twice counts once",
			files: map[string]string{
				".git/":          "",
				"pyproject.toml": fastapiProject,
				"compose.yaml":   "services:\n  app:\n    build: .\n    command: [\"uvicorn\", \"app.main:app\"]\n",
				"Dockerfile":     "FROM python\nCMD uvicorn app.main:app --port 80\n",
			},
			want: []string{"app.main:app"},
		},
		{
			name: "Dockerfile shell form with continuations and comments",
			files: map[string]string{
				".git/": "", "pyproject.toml": fastapiProject,
				"Dockerfile": "FROM python:3.12\n# CMD uvicorn commented:app\nCMD uvicorn \\\n    # the app\n    app.main:app \\\n    --host 0.0.0.0\n",
			},
			want: []string{"app.main:app"},
		},
		{
			name: "the last CMD counts",
			files: map[string]string{
				".git/": "", "pyproject.toml": fastapiProject,
				"Dockerfile": "FROM python\nCMD [\"uvicorn\", \"old.main:app\"]\ncmd [\"uvicorn\", \"new.main:app\"]\n",
			},
			want: []string{"new.main:app"},
		},
		{
			name: "ENTRYPOINT before CMD; a gunicorn config file is not the app",
			files: map[string]string{
				".git/": "", "pyproject.toml": fastapiProject,
				"Dockerfile": "FROM python\nCMD [\"app.main:app\"]\nENTRYPOINT [\"gunicorn\", \"-c\", \"gunicorn.conf.py\", \"-k\", \"uvicorn.workers.UvicornWorker\", \"app.factory:make()\"]\n",
			},
			want: []string{"app.factory:make", "app.main:app"},
		},
		{
			name: "fastapi run with a file, in a shell command",
			files: map[string]string{
				".git/": "", "pyproject.toml": fastapiProject,
				"Dockerfile": "FROM python\nCMD [\"sh\", \"-c\", \"alembic upgrade head && fastapi run ./app/main.py --port 80\"]\n",
			},
			want: []string{"app/main.py"},
		},
		{
			name: "Dockerfile shell form running two commands",
			files: map[string]string{
				".git/": "", "pyproject.toml": fastapiProject,
				"Dockerfile": "FROM python\nCMD alembic upgrade head && exec uvicorn app.main:app 2>&1 | tee log\n",
			},
			want: []string{"app.main:app"},
		},
		{
			name: "the Python project's Dockerfile without compose",
			files: map[string]string{
				".git/": "", "backend/requirements.txt": "fastapi\n",
				"backend/Dockerfile": "FROM python\nCMD python main.py\n",
			},
			want: []string{"main.py"},
		},
		{
			name: "the app service's own Dockerfile, not the Python project's",
			files: map[string]string{
				".git/": "", "backend/pyproject.toml": fastapiProject,
				"backend/Dockerfile":             "FROM python\nCMD [\"uvicorn\", \"dev.main:app\"]\n",
				"backend/docker/Dockerfile.prod": "FROM python\nCMD [\"hypercorn\", \"prod.main:app\"]\n",
				"compose.yaml":                   "services:\n  api:\n    build:\n      context: ./backend\n      dockerfile: docker/Dockerfile.prod\n",
			},
			dir:  "backend",
			want: []string{"prod.main:app"},
		},
		{
			name: "several scripts in a stable order",
			files: map[string]string{
				".git/":          "",
				"pyproject.toml": fastapiProject + "[project.scripts]\nzeta = \"z.cli:main\"\nalpha = \"a.cli:main\"\nmid = \"m.cli:main\"\nbeta = \"b.cli:main\"\nomega = \"o.cli:main\"\n",
			},
			want: []string{"a.cli", "b.cli", "m.cli", "o.cli", "z.cli"},
		},
		{
			name:  "nothing declared",
			files: map[string]string{".git/": "", "pyproject.toml": fastapiProject, "compose.yaml": "services:\n  app:\n    build: .\n"},
			want:  nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := tree(t, tt.files)
			l := find(t, root, tt.dir, Options{})
			// Several runs, so that an order that depends on map
			// iteration shows.
			for range 20 {
				if got := l.Entrypoints(); !reflect.DeepEqual(got, tt.want) {
					t.Fatalf("Entrypoints() = %q, want %q", got, tt.want)
				}
			}
		})
	}
}

func TestCommandRefs(t *testing.T) {
	tests := []struct {
		words []string
		want  []string
	}{
		{[]string{"uvicorn", "app.main:app", "--host", "0.0.0.0"}, []string{"app.main:app"}},
		{[]string{"python", "-m", "uvicorn", "main:app"}, []string{"main:app"}},
		{[]string{"granian", "--interface", "asgi", "app:create()"}, []string{"app:create"}},
		{[]string{"python", "./main.py"}, []string{"main.py"}},
		{[]string{"gunicorn", "-c", "conf/gunicorn_conf.py", "app:app"}, []string{"app:app"}},
		{[]string{"bash", "-lc", "uvicorn 'svc.api:app' --reload"}, []string{"svc.api:app"}},
		{[]string{"uvicorn", "--port", "8000:8000", "not-a:ref"}, nil},
		{nil, nil},
	}
	for _, tt := range tests {
		if got := commandRefs(tt.words); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("commandRefs(%q) = %q, want %q", tt.words, got, tt.want)
		}
	}
}

func TestShellWords(t *testing.T) {
	tests := []struct {
		line string
		want []string
	}{
		{"uvicorn app:app --port 80", []string{"uvicorn", "app:app", "--port", "80"}},
		{"a && b; c | d", []string{"a", "b", "c", "d"}},
		{"echo 'x && y' && run", []string{"echo", "x && y", "run"}},
		{"uvicorn app:app 2>&1", []string{"uvicorn", "app:app", "1"}},
		{"echo é; uvicorn main:app", []string{"echo", "é", "uvicorn", "main:app"}},
		{"run a:b && echo 'open", []string{"run", "a:b"}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := shellWords(tt.line); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("shellWords(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
}
