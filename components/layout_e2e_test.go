package components_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/compose-spec/compose-go/v2/cli"

	"github.com/paxx-dev/paxx/components"
)

// TestLayoutsLoadWithComposeGo adds redis to the whole-tree fixtures whose
// compose files lie outside the Python project or are named by
// COMPOSE_FILE, running paxx where a person would (the case's dir.txt),
// then lets compose-go find and merge the files exactly as `docker
// compose` would, run where paxx's next step runs it (the compose
// project's directory: override file, .env, COMPOSE_FILE in .env). The merged app service must carry REDIS_URL and
// depend on redis, and the generated module must import the settings from
// a module that exists.
func TestLayoutsLoadWithComposeGo(t *testing.T) {
	tests := []struct {
		fixture string
		app     string
		module  string // the generated cache module, relative to the input
	}{
		{"monorepo-fullstack", "backend", "backend/app/core/cache.py"},
		{"compose-file-in-dotenv", "web", "app/core/cache.py"},
		{"uv-workspace-root", "api", "backend/src/shop_api/core/cache.py"},
		{"gitignored-env-with-example", "backend", "backend/app/core/cache.py"},
		{"settings-gunicorn-conf", "app", "src/core/cache.py"},
		{"compose-app-in-override-only", "app", "app/core/cache.py"},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			dir := filepath.Join("../testdata/projects", tt.fixture)
			root := copyProject(t, filepath.Join(dir, "input"))
			run := filepath.Join(root, caseDir(t, dir))
			res := addAndCommit(t, run, "redis")
			if len(res.NextSteps) == 0 {
				t.Errorf("add printed no next steps")
			}

			t.Chdir(root) // Compose resolves COMPOSE_FILE from where it runs
			opts, err := cli.NewProjectOptions(nil,
				cli.WithWorkingDirectory(root),
				cli.WithEnvFiles(),
				cli.WithDotEnv,
				cli.WithConfigFileEnv,
				cli.WithDefaultConfigPath,
				cli.WithName("fixture"),
			)
			if err != nil {
				t.Fatal(err)
			}
			project, err := opts.LoadProject(context.Background())
			if err != nil {
				t.Fatalf("compose-go loads the project: %v", err)
			}
			if _, ok := project.Services["redis"]; !ok {
				t.Fatalf("no redis service after the merge; services: %v", project.ServiceNames())
			}
			app, ok := project.Services[tt.app]
			if !ok {
				t.Fatalf("no service %s; services: %v", tt.app, project.ServiceNames())
			}
			if v := app.Environment["REDIS_URL"]; v == nil || *v != "redis://redis:6379/0" {
				t.Errorf("%s REDIS_URL = %v, want redis://redis:6379/0", tt.app, v)
			}
			if _, ok := app.DependsOn["redis"]; !ok {
				t.Errorf("%s depends_on = %v, want redis", tt.app, app.DependsOn)
			}

			assertImportsExist(t, root, tt.module)
		})
	}
}

// fromImport matches a module-level `from x.y import z` line.
var fromImport = regexp.MustCompile(`(?m)^from ([A-Za-z_][\w.]*) import `)

// assertImportsExist checks that the project modules a generated module
// imports exist: each `from a.b import c` whose first part is a package
// of the project resolves to a.b's file, from the module's package root
// (the directory above its top-level package, src/ layouts included).
func assertImportsExist(t *testing.T, root, module string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(module)))
	if err != nil {
		t.Fatalf("generated module: %v", err)
	}
	// Python finds a project package from a directory on sys.path: the
	// module's package root or one above it (a namespace package such as
	// src/ in `from src.config import settings`).
	var bases []string
	for d := filepath.Dir(filepath.Join(root, filepath.FromSlash(module))); within(root, d); d = filepath.Dir(d) {
		bases = append(bases, d)
	}
	checked := 0
	for _, m := range fromImport.FindAllStringSubmatch(string(data), -1) {
		parts := strings.Split(m[1], ".")
		base := ""
		for _, b := range bases {
			if _, err := os.Stat(filepath.Join(b, parts[0])); err == nil {
				base = b
			}
		}
		if base == "" {
			continue // a library (redis, functools): not the project's
		}
		p := filepath.Join(append([]string{base}, parts...)...)
		if _, err := os.Stat(p + ".py"); err != nil {
			if _, err := os.Stat(filepath.Join(p, "__init__.py")); err != nil {
				t.Errorf("%s imports %s, which is no module of the project", module, m[1])
			}
		}
		checked++
	}
	if checked == 0 {
		t.Errorf("%s imports nothing from the project: %s", module, data)
	}
}

// TestAddNamesFilesFromWhereItRuns checks that paths in findings are
// relative to the directory paxx runs in: a compose file one level up is
// ../compose.yml.
func TestAddNamesFilesFromWhereItRuns(t *testing.T) {
	root := copyProject(t, "../testdata/projects/monorepo-fullstack/input")
	res, err := components.Add(components.Options{Root: filepath.Join(root, "backend")}, []string{"redis"})
	if err != nil {
		t.Fatal(err)
	}
	paths := map[string]bool{}
	for _, f := range res.Findings {
		paths[f.Path] = true
	}
	for _, want := range []string{"../compose.yml", "../.env", "app/core/config.py", "pyproject.toml", "app/core/cache.py"} {
		if !paths[want] {
			t.Errorf("no finding names %s; findings: %v", want, res.Findings)
		}
	}
	wantSteps := []string{"uv sync", "cd .. && docker compose up -d --build backend redis", "from app.core.cache import get_redis"}
	if strings.Join(res.NextSteps, "\n") != strings.Join(wantSteps, "\n") {
		t.Errorf("next steps = %q, want %q", res.NextSteps, wantSteps)
	}
}

// within reports whether path p is dir or lies under it.
func within(dir, p string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && filepath.IsLocal(rel)
}
