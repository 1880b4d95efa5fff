package components_test

import (
	"os/exec"
	"testing"
)

// debian reports whether Python imports module, with Debian's packages
// appended to its path as the python helper does.
func debian(module string) bool {
	return exec.Command("python3", "-c", "import sys; sys.path.append('/usr/lib/python3/dist-packages'); import "+module).Run() == nil
}

// TestGeneratedModulesCompile: every module of every component compiles.
func TestGeneratedModulesCompile(t *testing.T) {
	root := copyProject(t, "../testdata/example")
	addAndCommit(t, root, all...)
	got := python(t, root, nil, `import pathlib, py_compile
names = sorted(p.name for p in pathlib.Path("app/core").glob("*.py"))
for n in names:
    py_compile.compile("app/core/" + n, doraise=True)
print(" ".join(names))`)
	want := "__init__.py cache.py config.py email.py geo.py metrics.py queue.py storage.py tasks.py tracing.py ws.py"
	if got != want {
		t.Errorf("modules = %q, want %q", got, want)
	}
}

// TestStorageLocalBackend runs the local backend with the real aiofiles:
// round trip, delete, and keys that escape the root refused.
func TestStorageLocalBackend(t *testing.T) {
	need(t, "python3-aiofiles", debian("aiofiles"))
	root := copyProject(t, "../testdata/example")
	addAndCommit(t, root, "storage")
	got := python(t, root, []string{"STORAGE_LOCAL_PATH=" + t.TempDir()}, `import asyncio
from app.core.storage import LocalStorage, StorageError, get_storage

async def main():
    s = get_storage()
    assert isinstance(s, LocalStorage)
    assert await s.upload("a/b.txt", b"hi") == "a/b.txt"
    assert await s.exists("a/b.txt") and await s.download("a/b.txt") == b"hi"
    assert (await s.presign("a/b.txt")).startswith("file://")
    await s.delete("a/b.txt")
    await s.delete("a/b.txt")
    assert not await s.exists("a/b.txt")
    refused = 0
    for key in ["../x", "a/../../x", "/etc/passwd", "", "a/\x00"]:
        try:
            await s.upload(key, b"x")
        except StorageError:
            refused += 1
    print("ok", refused)

asyncio.run(main())`)
	if got != "ok 5" {
		t.Errorf("local storage: %q", got)
	}
}

// TestMetricsMiddleware serves a Starlette app with the real
// prometheus-client and checks the route-template labels.
func TestMetricsMiddleware(t *testing.T) {
	need(t, "python3-starlette, python3-httpx and python3-prometheus-client", debian("starlette.testclient") && debian("prometheus_client"))
	root := copyProject(t, "../testdata/example")
	addAndCommit(t, root, "metrics")
	got := python(t, root, nil, `from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient
from app.core.metrics import setup_metrics

async def item(request):
    return PlainTextResponse(request.path_params["item_id"])

app = Starlette(routes=[Route("/items/{item_id}", item)])
setup_metrics(app)
c = TestClient(app)
assert c.get("/items/1").text == "1" and c.get("/items/2").status_code == 200
assert c.get("/nowhere").status_code == 404
body = c.get("/metrics").text
assert 'http_requests_total{method="GET",route="/items/{item_id}",status="200"} 2.0' in body, body
assert 'route="unmatched",status="404"' in body
assert "/items/1" not in body
print("ok")`)
	if got != "ok" {
		t.Errorf("metrics: %q", got)
	}
}
