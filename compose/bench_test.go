package compose

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// largeCompose generates a compose file of n services in the paxx shape.
func largeCompose(n int) []byte {
	var b strings.Builder
	b.WriteString("# generated\nservices:\n  app:\n    build: .\n    environment:\n      - DEBUG=1\n    depends_on:\n      db:\n        condition: service_healthy\n\n")
	for i := range n {
		fmt.Fprintf(&b, "  svc-%d:\n    image: example/svc:%d\n    environment:\n      - INDEX=%d\n    ports:\n      - \"%d:80\"\n    healthcheck:\n      test: [\"CMD\", \"true\"]\n      interval: 5s\n\n", i, i, i, 10000+i)
	}
	b.WriteString("  db:\n    image: postgres:16-alpine\n\nvolumes:\n  postgres_data:\n")
	return []byte(b.String())
}

func benchmarkRedis(b *testing.B, src []byte) {
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		out := src
		for _, o := range redisOps {
			next, _, err := o.run("docker-compose.yml", out)
			if err != nil {
				b.Fatal(err)
			}
			out = next
		}
	}
}

// BenchmarkRedisPaxx adds the redis component to the paxx-shaped fixture.
func BenchmarkRedisPaxx(b *testing.B) {
	src, err := os.ReadFile(filepath.Join("..", "testdata", "compose", "paxx", "input.yml"))
	if err != nil {
		b.Fatal(err)
	}
	benchmarkRedis(b, src)
}

// BenchmarkRedisLarge adds the redis component to a 500-service file.
func BenchmarkRedisLarge(b *testing.B) {
	benchmarkRedis(b, largeCompose(500))
}

// BenchmarkParseLarge parses a 500-service file.
func BenchmarkParseLarge(b *testing.B) {
	src := largeCompose(500)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse("docker-compose.yml", src); err != nil {
			b.Fatal(err)
		}
	}
}
