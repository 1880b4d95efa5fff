package components_test

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/compose-spec/compose-go/v2/loader"
	"github.com/compose-spec/compose-go/v2/types"

	"github.com/paxx-dev/paxx/components"
	"github.com/paxx-dev/paxx/filetx"
	"github.com/paxx-dev/paxx/internal/testutil"
)

// need is testutil.Need.
func need(t *testing.T, what string, ok bool) {
	t.Helper()
	testutil.Need(t, what, ok)
}

// copyProject copies a fixture project into a temporary directory, a
// repository root as a checkout is.
func copyProject(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	if err := testutil.CopyTree(src, dst); err != nil {
		t.Fatal(err)
	}
	markRepo(t, dst)
	return dst
}

// addAndCommit runs add for names on root and writes the result.
func addAndCommit(t *testing.T, root string, names ...string) *components.Result {
	t.Helper()
	res, err := components.Add(components.Options{Root: root}, names)
	if err != nil {
		t.Fatalf("add %v: %v", names, err)
	}
	if err := filetx.Commit(res.Root, res.Changes, filetx.CommitOptions{}); err != nil {
		t.Fatalf("commit: %v", err)
	}
	return res
}

// python runs a Python program in dir with extra environment and returns
// its output. Debian's python3-redis is added to the end of sys.path when
// the interpreter lacks a redis package of its own.
func python(t *testing.T, dir string, env []string, program string) string {
	t.Helper()
	py, err := exec.LookPath("python3")
	need(t, "python3", err == nil)
	prelude := `import sys
try:
    import redis
except ImportError:
    sys.path.append("/usr/lib/python3/dist-packages")
sys.path.insert(0, ".")
`
	cmd := exec.Command(py, "-c", prelude+program)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("python: %v\n%s", err, out)
	}
	return strings.TrimSpace(string(out))
}

func TestExampleSettingsLoadWithPydantic(t *testing.T) {
	root := copyProject(t, "../testdata/example")
	addAndCommit(t, root, "redis")
	need(t, "pydantic-settings", exec.Command("python3", "-c", "import pydantic_settings").Run() == nil)

	program := "from app.core.config import Settings\nprint(Settings().redis_url)"
	if got := python(t, root, nil, program); got != "redis://localhost:6379/0" {
		t.Errorf("default redis_url = %q", got)
	}
	if got := python(t, root, []string{"REDIS_URL=redis://elsewhere:6380/2"}, program); got != "redis://elsewhere:6380/2" {
		t.Errorf("redis_url from the environment = %q", got)
	}
}

func TestExampleComposeLoadsWithComposeGo(t *testing.T) {
	root := copyProject(t, "../testdata/example")
	addAndCommit(t, root, "redis")
	data, err := os.ReadFile(filepath.Join(root, "docker-compose.yml"))
	if err != nil {
		t.Fatal(err)
	}
	project, err := loader.LoadWithContext(context.Background(), types.ConfigDetails{
		WorkingDir:  root,
		ConfigFiles: []types.ConfigFile{{Filename: "docker-compose.yml", Content: data}},
		Environment: types.Mapping{},
	}, func(o *loader.Options) {
		o.SetProjectName("example", true)
		o.SkipResolveEnvironment = true
	})
	if err != nil {
		t.Fatalf("compose loader: %v", err)
	}
	redis, ok := project.Services["redis"]
	if !ok {
		t.Fatalf("compose loader sees no redis service; services: %v", project.ServiceNames())
	}
	if redis.Image != "redis:7-alpine" || redis.HealthCheck == nil || len(redis.Ports) != 1 {
		t.Errorf("redis service = image %q healthcheck %v ports %v", redis.Image, redis.HealthCheck, redis.Ports)
	}
	if _, ok := project.Volumes["redis_data"]; !ok {
		t.Errorf("volumes = %v, want redis_data", project.Volumes)
	}
	app := project.Services["app"]
	if v := app.Environment["REDIS_URL"]; v == nil || *v != "redis://redis:6379/0" {
		t.Errorf("app REDIS_URL = %v", v)
	}
	if dep, ok := app.DependsOn["redis"]; !ok || dep.Condition != "service_healthy" {
		t.Errorf("app depends_on = %v, want redis healthy", app.DependsOn)
	}
	if _, ok := app.DependsOn["db"]; !ok {
		t.Errorf("app lost its depends_on db: %v", app.DependsOn)
	}
}

func TestExamplePyprojectLoadsWithTomllib(t *testing.T) {
	root := copyProject(t, "../testdata/example")
	addAndCommit(t, root, "redis")
	got := python(t, root, nil, `import tomllib
d = tomllib.load(open("pyproject.toml", "rb"))
print("redis>=5.0" in d["project"]["dependencies"], d["tool"]["paxx"]["infra"])`)
	if got != "True ['redis']" {
		t.Errorf("tomllib reads %q", got)
	}
}

// startRedis starts a redis-server on a free port of 127.0.0.1 for the test
// and returns its address.
func startRedis(t *testing.T) string {
	t.Helper()
	bin, err := exec.LookPath("redis-server")
	need(t, "redis-server", err == nil)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	_, port, _ := net.SplitHostPort(addr)
	cmd := exec.Command(bin, "--port", port, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", t.TempDir())
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if conn, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
			fmt.Fprint(conn, "PING\r\n")
			line, _ := bufio.NewReader(conn).ReadString('\n')
			conn.Close()
			if strings.HasPrefix(line, "+PONG") {
				return addr
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("redis-server did not answer on %s", addr)
	return ""
}

func TestGeneratedCacheModuleTalksToRedis(t *testing.T) {
	root := copyProject(t, "../testdata/example")
	addAndCommit(t, root, "redis")
	addr := startRedis(t)
	got := python(t, root, []string{"REDIS_URL=redis://" + addr + "/3"}, `import asyncio
from app.core import cache

async def main():
    r = await cache.get_redis()
    assert await r.ping()
    await cache.cache_set("paxx:test", "value", ttl=60)
    assert await cache.cache_get("paxx:test") == "value"
    ttl = await r.ttl("paxx:test")
    assert 0 < ttl <= 60, ttl
    await cache.cache_set("paxx:forever", 42, ttl=None)
    assert await r.ttl("paxx:forever") == -1
    await cache.cache_delete("paxx:test")
    assert await cache.cache_get("paxx:test") is None
    assert cache.get_redis_client() is r
    info = await r.client_info()
    await cache.close_redis_client()
    print("ok", info["db"])

asyncio.run(main())`)
	if got != "ok 3" {
		t.Errorf("cache module against redis-server: %q", got)
	}
}
