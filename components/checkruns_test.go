package components_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/paxx-dev/paxx/components"
)

// TestCheckSeesWhatDoesNotRun adds redis and tasks to the example, then
// breaks, one at a time, what makes the project run: check reports each
// as drift, at the line of the thing that is wrong.
func TestCheckSeesWhatDoesNotRun(t *testing.T) {
	cases := []struct {
		name string
		// edit changes the compose file as a person might.
		old, new string
		// want is a substring of a drift finding; line, when not 0, the
		// line it must name.
		want string
		line int
	}{
		{
			name: "worker lost REDIS_URL",
			old:  "            REDIS_URL: redis://redis:6379/0\n            ARQ_REDIS_URL: redis://redis:6379/1\n        depends_on:\n            redis:\n                condition: service_healthy\n",
			new:  "            ARQ_REDIS_URL: redis://redis:6379/1\n        depends_on:\n            redis:\n                condition: service_healthy\n",
			want: "missing REDIS_URL in environment of service worker",
		},
		{
			name: "worker on another queue database",
			old:  "            ARQ_REDIS_URL: redis://redis:6379/1\n        depends_on:\n            redis:\n                condition: service_healthy\n",
			new:  "            ARQ_REDIS_URL: redis://redis:6379/2\n        depends_on:\n            redis:\n                condition: service_healthy\n",
			want: `service worker sets ARQ_REDIS_URL to "redis://redis:6379/2", not "redis://redis:6379/1"`,
		},
		{
			name: "worker runs another command",
			old:  "command: arq app.core.tasks.WorkerSettings",
			new:  "command: arq app.core.tasks.OtherSettings",
			want: `service worker runs "arq app.core.tasks.OtherSettings", not "arq app.core.tasks.WorkerSettings"`,
		},
		{
			name: "app URL names no service",
			old:  "            REDIS_URL: redis://redis:6379/0\n            ARQ_REDIS_URL: redis://redis:6379/1\n        depends_on:\n            db:",
			new:  "            REDIS_URL: redis://cache:6379/0\n            ARQ_REDIS_URL: redis://redis:6379/1\n        depends_on:\n            db:",
			want: "service app sets REDIS_URL=redis://cache:6379/0, but no compose service cache runs",
			line: 19,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			root := copyProject(t, "../testdata/example")
			addAndCommit(t, root, "redis", "tasks")
			p := filepath.Join(root, "docker-compose.yml")
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(data), tc.old) {
				t.Fatalf("docker-compose.yml after add lacks %q:\n%s", tc.old, data)
			}
			if err := os.WriteFile(p, []byte(strings.Replace(string(data), tc.old, tc.new, 1)), 0o644); err != nil {
				t.Fatal(err)
			}
			res, err := components.Check(components.Options{Root: root}, nil)
			if err != nil {
				t.Fatal(err)
			}
			i := slices.IndexFunc(res.Findings, func(f components.Finding) bool {
				return f.Kind == components.Drift && strings.Contains(f.Message, tc.want)
			})
			if i < 0 {
				t.Fatalf("no drift finding holds %q: %v", tc.want, res.Findings)
			}
			if f := res.Findings[i]; tc.line != 0 && f.Line != tc.line {
				t.Errorf("finding at line %d, want %d (the variable's): %v", f.Line, tc.line, f)
			}
		})
	}
}

// TestOverlapsNote adds metrics to a project that serves /metrics with
// prometheus-fastapi-instrumentator already: add goes ahead and says that
// the two do the same thing; without that dependency it says nothing of
// the kind.
func TestOverlapsNote(t *testing.T) {
	for _, dep := range []string{`"prometheus-fastapi-instrumentator>=7"`, `"httpx"`} {
		root := writeTemp(t, "overlap", map[string]string{
			"pyproject.toml":  "[project]\nname = \"ov\"\ndependencies = [\"fastapi\", \"pydantic-settings\", " + dep + "]\n",
			"app/__init__.py": "",
			"app/config.py":   "from pydantic_settings import BaseSettings\n\n\nclass Settings(BaseSettings):\n    debug: bool = False\n\n\nsettings = Settings()\n",
			"app/main.py":     "from fastapi import FastAPI\n\nfrom app.config import settings\n\napp = FastAPI()\n",
		})
		res, err := components.Add(components.Options{Root: root}, []string{"metrics"})
		if err != nil {
			t.Fatal(err)
		}
		noted := slices.ContainsFunc(res.Findings, func(f components.Finding) bool {
			return f.Kind == components.Note && strings.Contains(f.Message, "depends on prometheus-fastapi-instrumentator, which does what metrics does")
		})
		if want := strings.Contains(dep, "instrumentator"); noted != want {
			t.Errorf("dependency %s: note of the overlap = %v, want %v: %v", dep, noted, want, res.Findings)
		}
	}
}

// TestCheckSeesUnwiredApp adds redis to the example, then deletes the
// shutdown call add put in the app's lifespan: check reports that the app
// no longer uses close_redis_client, as drift.
func TestCheckSeesUnwiredApp(t *testing.T) {
	root := copyProject(t, "../testdata/example")
	addAndCommit(t, root, "redis")
	p := filepath.Join(root, "app", "main.py")
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	const call = "    await close_redis_client()\n"
	if !strings.Contains(string(data), call) {
		t.Fatalf("app/main.py after add lacks %q:\n%s", call, data)
	}
	if err := os.WriteFile(p, []byte(strings.Replace(string(data), call, "", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := components.Check(components.Options{Root: root}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(res.Findings, func(f components.Finding) bool {
		return f.Kind == components.Drift && f.Path == "app/main.py" && strings.Contains(f.Message, "app does not use close_redis_client")
	}) {
		t.Errorf("no drift for the unwired app: %v", res.Findings)
	}
}
