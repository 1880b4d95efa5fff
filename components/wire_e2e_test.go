package components_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paxx-dev/paxx/components"
	"github.com/paxx-dev/paxx/filetx"
	py "github.com/paxx-dev/paxx/python"
)

// miniApp is a small FastAPI project for /usr/bin/python3, which has
// FastAPI 0.92 and pydantic 1 (BaseSettings in pydantic itself).
var miniApp = map[string]string{
	"pyproject.toml":  "[project]\nname = \"mini\"\nversion = \"0.1.0\"\ndependencies = [\"fastapi==0.92.0\"]\n",
	"app/__init__.py": "",
	"app/config.py": `from pydantic import BaseSettings


class Settings(BaseSettings):
    app_name: str = "mini"


settings = Settings()
`,
	"app/main.py": `from fastapi import FastAPI

from app.config import settings

app = FastAPI(title=settings.app_name)


@app.get("/ping")
async def ping():
    return {"ok": True}
`,
}

// wireApp wires hooks into the project's app as the plan's steps do:
// FindApp, then one py.Wire per hook, written back.
func wireApp(t *testing.T, root, fastapi string, hooks ...py.Hook) string {
	t.Helper()
	app, err := py.FindApp(root, []string{"app.main:app"})
	if err != nil {
		t.Fatal(err)
	}
	rel := filepath.Join(root, filepath.FromSlash(app.Path))
	src, err := os.ReadFile(rel)
	if err != nil {
		t.Fatal(err)
	}
	f, err := py.Parse(app.Path, src)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hooks {
		if f, _, err = (py.Wire{App: app.Attr, Hook: h, FastAPI: fastapi}).Ensure(f); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(rel, f.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return string(f.Bytes())
}

// TestWiredAppClosesRedisAndServesMetrics adds redis and metrics to a
// small app, wires close_redis_client and setup_metrics into it, and runs
// it under Starlette's TestClient with /usr/bin/python3 against a real
// redis-server. FastAPI 0.92 there takes no lifespan=, and the project
// pins it: the wiring takes the on_event path, which the TestClient runs
// on entering and leaving its block. Inside, the cache works; after, no
// connection of the app is left on the server (CLIENT LIST); GET /metrics
// counts the request.
func TestWiredAppClosesRedisAndServesMetrics(t *testing.T) {
	const interp = "/usr/bin/python3"
	need(t, "FastAPI, redis, prometheus_client and httpx in "+interp,
		exec.Command(interp, "-c", "import fastapi, redis, prometheus_client, starlette.testclient").Run() == nil)
	root := t.TempDir()
	for name, text := range miniApp {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	markRepo(t, root)
	// redis is added as paxx adds it, wiring included. metrics is added
	// but for its wiring, done here by hand for setup_metrics alone: the
	// tracing module it also wires needs OpenTelemetry, which Debian does
	// not package (pyright checks that module: typecheck_test.go).
	addAndCommit(t, root, "redis")
	res, err := components.Add(components.Options{Root: root}, []string{"metrics"})
	if err != nil {
		t.Fatal(err)
	}
	var unwired []*filetx.Change
	for _, c := range res.Changes {
		if c.Path != "app/main.py" {
			unwired = append(unwired, c)
		}
	}
	if err := filetx.Commit(res.Root, unwired, filetx.CommitOptions{}); err != nil {
		t.Fatal(err)
	}
	main := wireApp(t, root, "fastapi==0.92.0",
		py.Hook{Kind: py.Setup, Module: "app.core.metrics", Name: "setup_metrics"})
	for _, want := range []string{"@app.on_event(\"shutdown\")", "await close_redis_client()", "setup_metrics(app)"} {
		if !strings.Contains(main, want) {
			t.Fatalf("app/main.py lacks %q:\n%s", want, main)
		}
	}
	addr := startRedis(t)
	cmd := exec.Command(interp, "-c", `import redis
from starlette.testclient import TestClient

from app.core import cache
from app.main import app


@app.get("/cache")
async def use_cache():
    await cache.cache_set("paxx:wired", "v", ttl=60)
    return {"v": await cache.cache_get("paxx:wired")}


admin = redis.Redis.from_url("redis://`+addr+`/0")
admin.client_setname("admin")


def app_clients():
    return [c for c in admin.client_list() if c.get("name") != "admin"]


with TestClient(app) as client:
    assert client.get("/cache").json() == {"v": "v"}
    assert client.get("/ping").status_code == 200
    inside = len(app_clients())
    body = client.get("/metrics").text
assert inside >= 1, inside
assert app_clients() == [], app_clients()
assert 'http_requests_total{method="GET",route="/ping",status="200"} 1.0' in body, body
print("ok", inside)
`)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "REDIS_URL=redis://"+addr+"/3")
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.HasPrefix(string(out), "ok ") {
		t.Fatalf("%v\n%s\napp/main.py:\n%s", err, out, main)
	}
}
