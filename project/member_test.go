package project

import "testing"

// TestAppAtWorkspaceRoot takes as the app the one service built from the
// uv workspace root that holds the project, when its Dockerfile installs
// the member or runs its code; one that does neither is not the app.
func TestAppAtWorkspaceRoot(t *testing.T) {
	workspace := map[string]string{
		".git/":                            "",
		"pyproject.toml":                   "[project]\nname = \"ws\"\nversion = \"0\"\n\n[tool.uv.workspace]\nmembers = [\"packages/*\"]\n",
		"uv.lock":                          "version = 1\n",
		"packages/api/pyproject.toml":      "[project]\nname = \"api\"\nversion = \"0.1.0\"\ndependencies = [\"fastapi\"]\n",
		"packages/api/api_pkg/__init__.py": "",
		"packages/api/api_pkg/__main__.py": "",
		"packages/lib/pyproject.toml":      "[project]\nname = \"lib\"\nversion = \"0.1.0\"\n",
		"compose.yaml":                     "services:\n  api:\n    build: .\n  redis:\n    image: redis:7\n",
	}
	for _, tc := range []struct {
		name, dockerfile, app string
	}{
		{"uv sync --package", "FROM python:3.12\nCOPY . /app\nWORKDIR /app\nRUN uv sync --frozen --package api\nCMD [\"/app/.venv/bin/python\", \"-m\", \"api_pkg\"]\n", "api"},
		{"python -m the member's package", "FROM python:3.12\nCOPY . /app\nRUN pip install ./packages/api\nCMD python -m api_pkg\n", "api"},
		{"uv run --package", "FROM python:3.12\nCOPY . /app\nCMD [\"uv\", \"run\", \"--package\", \"api\", \"uvicorn\", \"api_pkg.main:app\"]\n", "api"},
		{"another member", "FROM python:3.12\nCOPY . /app\nRUN uv sync --package lib\nCMD python -m lib_pkg\n", ""},
		{"a tool run with -m", "FROM python:3.12\nCOPY . /app\nCMD python -m http.server\n", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{"Dockerfile": tc.dockerfile}
			for k, v := range workspace {
				files[k] = v
			}
			l := find(t, tree(t, files), "", Options{})
			if l.Python != "packages/api" {
				t.Fatalf("Python = %q, want packages/api", l.Python)
			}
			if l.Compose.App != tc.app {
				t.Errorf("App = %q, want %q", l.Compose.App, tc.app)
			}
			if tc.app != "" && l.Compose.AppDockerfile != "Dockerfile" {
				t.Errorf("AppDockerfile = %q, want Dockerfile", l.Compose.AppDockerfile)
			}
		})
	}
}
