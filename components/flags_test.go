package components_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/paxx-dev/paxx/components"
	"github.com/paxx-dev/paxx/filetx"
)

// flagsProject is a project that paxx finds nothing of by itself: its
// compose file lies where Compose does not look, two services build the
// project, and two modules define settings classes.
var flagsProject = map[string]string{
	"pyproject.toml": "[project]\nname = \"gpu-api\"\ndependencies = [\"fastapi\", \"pydantic-settings\"]\n",
	"docker/cpu/docker-compose.yml": `services:
  fastapi-app:
    build: ../..
    command: uvicorn app.main:app --host 0.0.0.0
    environment:
      - APP_NAME=gpu-api
  fastapi-app-gpu:
    build: ../..
    command: uvicorn app.main:app --host 0.0.0.0 --workers 2
`,
	"app/__init__.py": "",
	"app/main.py":     "from fastapi import FastAPI\n\napp = FastAPI()\n",
	"app/config.py": `from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    app_name: str = "gpu-api"
`,
	"app/other_config.py": `from pydantic_settings import BaseSettings


class OtherSettings(BaseSettings):
    debug: bool = False
`,
}

// TestRecordedFlags adds redis with --compose-file, --app-service and
// --settings, then runs check and remove without them, from the project
// and from a directory inside it: the record holds the three choices, so
// check finds no drift and remove gives the project back byte for byte.
func TestRecordedFlags(t *testing.T) {
	for _, from := range []string{".", "app"} {
		t.Run("from "+from, func(t *testing.T) {
			root := writeTemp(t, "flags", flagsProject)
			opts := components.Options{
				Root:         root,
				ComposeFiles: []string{"docker/cpu/docker-compose.yml"},
				AppService:   "fastapi-app",
				Settings:     "app/config.py:Settings",
			}
			res, err := components.Add(opts, []string{"redis"})
			if err != nil {
				t.Fatal(err)
			}
			if err := filetx.Commit(res.Root, res.Changes, filetx.CommitOptions{}); err != nil {
				t.Fatal(err)
			}
			added := readTree(t, root)
			for _, want := range []string{
				`"--compose-file docker/cpu/docker-compose.yml"`,
				`"--app-service fastapi-app"`,
				`"--settings app/config.py:Settings"`,
			} {
				if !strings.Contains(added["pyproject.toml"], want) {
					t.Errorf("pyproject.toml does not record %s:\n%s", want, added["pyproject.toml"])
				}
			}
			if !strings.Contains(added["docker/cpu/docker-compose.yml"], "REDIS_URL") {
				t.Fatalf("the app service was not wired:\n%s", added["docker/cpu/docker-compose.yml"])
			}
			bare := components.Options{Root: filepath.Join(root, from)}
			chk, err := components.Check(bare, nil)
			if err != nil {
				t.Fatalf("check without flags: %v", err)
			}
			if chk.Has(components.Drift) {
				t.Errorf("check without flags finds drift: %v", chk.Findings)
			}
			rm, err := components.Remove(bare, []string{"redis"})
			if err != nil {
				t.Fatalf("remove without flags: %v", err)
			}
			if err := filetx.Commit(rm.Root, rm.Changes, filetx.CommitOptions{}); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(flagsProject, readTree(t, root)); diff != "" {
				t.Errorf("add then remove changed the project (-before +after):\n%s", diff)
			}
		})
	}
}

// TestSamePlanFromRootAndProject adds the fixture's components to every
// project fixture whose Python project lies below the repository root,
// once from the root and once from the project: paxx finds the compose
// files from the Python project's directory, so both make the same
// changes.
func TestSamePlanFromRootAndProject(t *testing.T) {
	cases, err := filepath.Glob("../testdata/projects/*/input")
	if err != nil {
		t.Fatal(err)
	}
	tried := 0
	for _, input := range cases {
		dir := filepath.Dir(input)
		sub := caseDir(t, dir)
		if sub == "." {
			continue
		}
		tried++
		t.Run(filepath.Base(dir), func(t *testing.T) {
			root := copyProject(t, input)
			names := caseComponents(t, dir)
			fromRoot, errRoot := components.Add(components.Options{Root: root}, names)
			fromProject, errProject := components.Add(components.Options{Root: filepath.Join(root, sub)}, names)
			if errRoot != nil || errProject != nil {
				t.Fatalf("add from the root: %v; from %s: %v", errRoot, sub, errProject)
			}
			changes := func(res *components.Result) map[string]string {
				out := map[string]string{}
				for _, c := range res.Changes {
					rel, err := filepath.Rel(root, filepath.Join(res.Root, filepath.FromSlash(c.Path)))
					if err != nil {
						t.Fatal(err)
					}
					out[filepath.ToSlash(rel)] = string(c.New)
				}
				return out
			}
			if diff := cmp.Diff(changes(fromProject), changes(fromRoot)); diff != "" {
				t.Errorf("add from the root differs from add in %s (-project +root):\n%s", sub, diff)
			}
		})
	}
	if tried == 0 {
		t.Fatal("no fixture has its Python project below the root")
	}
}

// TestProjectErrorBeforeUnknownName checks that add of a component the
// project defines itself, in a project whose settings module does not
// parse, reports the syntax error where it is, not "unknown component":
// the name is unknown only to the built-ins and the user's folder.
func TestProjectErrorBeforeUnknownName(t *testing.T) {
	root := writeTemp(t, "broken", map[string]string{
		"pyproject.toml":                       "[project]\nname = \"broken\"\ndependencies = [\"fastapi\"]\n",
		"settings.py":                          "from pydantic_settings import BaseSettings\n\nclass Settings(BaseSettings:\n    x: int = 1\n",
		".paxx/components/mine/component.toml": "name = \"mine\"\nsummary = \"one of the project's own\"\n",
	})
	_, err := components.Add(components.Options{Root: root}, []string{"mine"})
	if err == nil || strings.Contains(err.Error(), "unknown component") || !strings.Contains(err.Error(), "settings.py:3") {
		t.Fatalf("err = %v, want the syntax error at settings.py:3", err)
	}
}

// TestRecordedComposeFileGone checks the refusal when a compose file that
// the record's flags name is gone: it names the file and the record, not a
// --compose-file the user did not give.
func TestRecordedComposeFileGone(t *testing.T) {
	root := writeTemp(t, "flags", flagsProject)
	opts := components.Options{Root: root, ComposeFiles: []string{"docker/cpu/docker-compose.yml"}, AppService: "fastapi-app", Settings: "app/config.py:Settings"}
	res, err := components.Add(opts, []string{"redis"})
	if err != nil {
		t.Fatal(err)
	}
	if err := filetx.Commit(res.Root, res.Changes, filetx.CommitOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(root, "docker", "cpu"), filepath.Join(root, "docker", "gpu")); err != nil {
		t.Fatal(err)
	}
	_, err = components.Check(components.Options{Root: root}, nil)
	if err == nil || !strings.Contains(err.Error(), "docker/cpu/docker-compose.yml") || !strings.Contains(err.Error(), "named by [tool.paxx] flags in pyproject.toml") {
		t.Fatalf("err = %v, want the missing file named by the record's flags", err)
	}
}
