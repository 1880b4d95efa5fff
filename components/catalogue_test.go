package components_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/paxx-dev/paxx/components"
)

// all is every component of the catalogue, in a user's order.
var all = []string{"redis", "tasks", "storage", "metrics", "email", "websocket", "postgis"}

// TestAddAllAtOnceEqualsOneAtATime: one run of add for every component
// gives the same project as one run per component.
func TestAddAllAtOnceEqualsOneAtATime(t *testing.T) {
	once := copyProject(t, "../testdata/example")
	addAndCommit(t, once, all...)
	step := copyProject(t, "../testdata/example")
	for _, name := range all {
		addAndCommit(t, step, name)
	}
	if diff := cmp.Diff(readTree(t, once), readTree(t, step)); diff != "" {
		t.Errorf("all at once (-) and one at a time (+) differ:\n%s", diff)
	}
}

func TestTasksAddsRedisAndSaysSo(t *testing.T) {
	root := copyProject(t, "../testdata/example")
	res := addAndCommit(t, root, "tasks")
	if got := strings.Join(res.Components, ","); got != "redis,tasks" {
		t.Errorf("components = %s, want redis,tasks", got)
	}
	found := false
	for _, f := range res.Findings {
		found = found || f.Kind == components.Note && strings.Contains(f.Message, "tasks requires redis")
	}
	if !found {
		t.Errorf("no note that tasks brings redis: %v", res.Findings)
	}
}

func TestCheckReportsTasksWithoutRedis(t *testing.T) {
	root := copyProject(t, "../testdata/example")
	addAndCommit(t, root, "tasks")
	writeFile(t, root, "pyproject.toml", strings.Replace(readFile(t, root, "pyproject.toml"), `"redis", `, "", 1))
	compose := readFile(t, root, "docker-compose.yml")
	i := strings.Index(compose, "\n    redis:\n")
	j := strings.Index(compose, "\n    worker:\n")
	if i < 0 || j < i {
		t.Fatalf("fixture changed:\n%s", compose)
	}
	writeFile(t, root, "docker-compose.yml", compose[:i]+compose[j:])
	chk, err := components.Check(components.Options{Root: root}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range chk.Findings {
		if f.Kind == components.Drift && f.Component == "tasks" {
			names = append(names, f.Message)
		}
	}
	if !strings.Contains(strings.Join(names, "\n"), "component redis, which tasks requires") {
		t.Errorf("check does not report tasks' missing redis: %v", chk.Findings)
	}
}

func TestPostgisRefusals(t *testing.T) {
	for name, compose := range map[string]string{
		"no postgres": "services:\n  app:\n    build: .\n",
		"latest":      "services:\n  app:\n    build: .\n  db:\n    image: postgres\n",
		"bitnami":     "services:\n  app:\n    build: .\n  db:\n    image: bitnami/postgresql:16\n",
		"from anchor": "x-db: &db\n  image: postgres:16\nservices:\n  app:\n    build: .\n  db:\n    <<: *db\n",
	} {
		t.Run(name, func(t *testing.T) {
			root := copyProject(t, "../testdata/example")
			writeFile(t, root, "docker-compose.yml", compose)
			if _, err := components.Add(components.Options{Root: root}, []string{"postgis"}); err == nil {
				t.Errorf("add postgis: no refusal")
			}
		})
	}
}

func TestCheckReportsPostgresNotPostgis(t *testing.T) {
	root := copyProject(t, "../testdata/example")
	addAndCommit(t, root, "postgis")
	writeFile(t, root, "docker-compose.yml", strings.Replace(readFile(t, root, "docker-compose.yml"), "postgis/postgis:16-3.4", "postgres:16-alpine", 1))
	chk, err := components.Check(components.Options{Root: root}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !chk.Has(components.Drift) {
		t.Errorf("check finds no drift for a Postgres image: %v", chk.Findings)
	}
}

// TestTypedFieldsLoadWithPydantic: pydantic-settings reads every type the
// catalogue writes from the environment.
func TestTypedFieldsLoadWithPydantic(t *testing.T) {
	need(t, "pydantic-settings", exec.Command("python3", "-c", "import pydantic_settings").Run() == nil)
	for _, fixture := range []string{"../testdata/example", "../testdata/projects/catalogue-py39-single-quotes/input"} {
		root := copyProject(t, fixture)
		addAndCommit(t, root, "storage", "email", "websocket")
		mod := "app.core.config"
		if strings.Contains(fixture, "py39") {
			mod = "settings"
		}
		got := python(t, root, []string{"SMTP_PORT=2525", "SMTP_USE_TLS=true", "SMTP_PASSWORD=hunter2", "STORAGE_BACKEND=s3", "WS_HEARTBEAT_INTERVAL=7"},
			"from "+mod+` import Settings
s = Settings()
assert s.smtp_port == 2525 and s.smtp_use_tls is True, (s.smtp_port, s.smtp_use_tls)
assert s.smtp_password.get_secret_value() == "hunter2"
assert "hunter2" not in repr(s) and "hunter2" not in str(s)
assert s.storage_backend == "s3" and s.storage_s3_endpoint_url is None
assert s.ws_heartbeat_interval == 7 and s.ws_redis_url is None
try:
    Settings(storage_backend="ftp")
except Exception as e:
    print("rejected", type(e).__name__)
`)
		if got != "rejected ValidationError" {
			t.Errorf("%s: %q", fixture, got)
		}
	}
	root := copyProject(t, "../testdata/example")
	addAndCommit(t, root, "metrics", "tasks")
	got := python(t, root, []string{"METRICS_ENABLED=false", "ARQ_MAX_JOBS=7"}, `from app.core.config import Settings
s = Settings()
print(repr(s.metrics_enabled), repr(s.arq_max_jobs), s.otel_service_name)`)
	if got != "False 7 shop-api" {
		t.Errorf("metrics/tasks settings: %q", got)
	}
}

func readFile(t *testing.T, root, rel string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, rel))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func writeFile(t *testing.T, root, rel, data string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(root, rel), []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}
