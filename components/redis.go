package components

import (
	_ "embed"

	"github.com/paxx-dev/paxx/python"
)

//go:embed templates/redis/cache.py.tmpl
var redisCacheTemplate string

// redis is the Redis cache with an async client.
func redis() *Component {
	return &Component{
		Name:    "redis",
		Summary: "Redis cache with an async client (core/cache.py)",
		Section: "Redis",
		Fields: []python.NewField{
			{Name: "redis_url", Type: "str", Default: "redis://localhost:6379/0"},
		},
		Service: &Service{
			Name:  "redis",
			Image: "redis:7-alpine",
			Body: `image: redis:7-alpine
ports:
  - "6379:6379"
volumes:
  - redis_data:/data
healthcheck:
  test: ["CMD", "redis-cli", "ping"]
  interval: 5s
  timeout: 3s
  retries: 5
`,
			Volumes: []string{"redis_data"},
			Images: []string{"redis", "bitnami/redis", "redis/redis-stack", "redis/redis-stack-server",
				"valkey", "valkey/valkey", "bitnami/valkey", "keydb", "eqalpha/keydb"},
			AppEnv:  []AppEnv{{Field: "redis_url", Value: "redis://{{service}}:6379/0"}},
			Healthy: true,
		},
		Dependencies: []string{"redis>=5.0"},
		Modules:      []Module{{Name: "cache.py", Template: redisCacheTemplate, Exports: []string{"get_redis"}}},
	}
}
