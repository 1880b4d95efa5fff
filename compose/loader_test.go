package compose

import (
	"context"
	"maps"
	"path/filepath"
	"slices"
	"testing"

	"github.com/compose-spec/compose-go/v2/loader"
	"github.com/compose-spec/compose-go/v2/types"

	"github.com/paxx-dev/paxx/internal/casetest"
)

// TestCasesLoadWithCompose loads the output of every add case that makes
// the redis component's calls with docker compose's own loader and checks
// that it sees the redis service, its volume, and the app's wiring.
func TestCasesLoadWithCompose(t *testing.T) {
	for _, c := range casetest.Load(t, addCases) {
		if !slices.Equal(caseOps(t, c, false), redisOps) {
			continue
		}
		out, ok := c.File("want")
		if !ok {
			continue // a case that is refused has want.err instead
		}
		t.Run(c.Name, func(t *testing.T) {
			project, err := loader.LoadWithContext(context.Background(), types.ConfigDetails{
				WorkingDir:  t.TempDir(),
				ConfigFiles: []types.ConfigFile{{Filename: "compose" + filepath.Ext(c.InputName), Content: out}},
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
			in, err := Parse("input", c.Input)
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
