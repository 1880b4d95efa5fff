package compose

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/compose-spec/compose-go/v2/loader"
	"github.com/compose-spec/compose-go/v2/types"
)

// TestGoldenLoadsWithCompose loads every golden output of the redis
// component with docker compose's own loader and checks that it sees the
// redis service, its volume, and the app's wiring.
func TestGoldenLoadsWithCompose(t *testing.T) {
	for _, g := range goldenDirs(t) {
		if _, err := os.Stat(filepath.Join(g.dir, "case.json")); err == nil {
			continue
		}
		out, err := os.ReadFile(filepath.Join(g.dir, "want"+g.ext))
		if err != nil {
			continue // a case that is refused has want.err instead
		}
		t.Run(g.name, func(t *testing.T) {
			project, err := loader.LoadWithContext(context.Background(), types.ConfigDetails{
				WorkingDir:  t.TempDir(),
				ConfigFiles: []types.ConfigFile{{Filename: "compose" + g.ext, Content: out}},
				Environment: types.Mapping{},
			}, func(o *loader.Options) {
				o.SetProjectName("golden", true)
				o.ResolvePaths = false
				o.SkipConsistencyCheck = true
				o.SkipResolveEnvironment = true
			})
			if err != nil {
				t.Fatalf("compose loader rejects the output: %v", err)
			}
			redis, ok := project.Services["redis"]
			if !ok {
				t.Fatalf("no redis service; services: %v", project.ServiceNames())
			}
			in, err := Parse("input", mustRead(t, g.input))
			if err != nil {
				t.Fatal(err)
			}
			_, had := in.Service("redis")
			if !had && (redis.Image != "redis:7-alpine" || redis.HealthCheck == nil || len(redis.Ports) != 1) {
				t.Errorf("redis service as loaded: image %q, healthcheck %v, ports %v", redis.Image, redis.HealthCheck, redis.Ports)
			}
			if _, ok := project.Volumes["redis_data"]; !ok {
				t.Errorf("no redis_data volume; volumes: %v", project.VolumeNames())
			}
			app, ok := project.Services["app"]
			if !ok {
				return
			}
			if v := app.Environment["REDIS_URL"]; v == nil || !had && *v != "redis://redis:6379/0" {
				t.Errorf("app's REDIS_URL as loaded: %v", v)
			}
			if _, ok := app.DependsOn["redis"]; !ok {
				t.Errorf("app does not depend on redis: %v", slices.Sorted(maps.Keys(app.DependsOn)))
			}
		})
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
