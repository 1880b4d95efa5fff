package compose

import (
	"fmt"
	"strings"
	"testing"

	"github.com/paxx-dev/paxx/internal/casetest"
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
	benchmarkRedis(b, casetest.Input(b, addCases, "paxx"))
}

// largeSizes are the service counts of the large benchmarks: one twice
// the other, so that the ratio of their times shows whether the work grows
// linearly.
var largeSizes = []int{500, 1000}

// BenchmarkRedisLarge adds the redis component to files of 500 and 1,000
// services.
func BenchmarkRedisLarge(b *testing.B) {
	for _, n := range largeSizes {
		b.Run(fmt.Sprintf("services=%d", n), func(b *testing.B) {
			benchmarkRedis(b, largeCompose(n))
		})
	}
}

// BenchmarkParseLarge parses files of 500 and 1,000 services.
func BenchmarkParseLarge(b *testing.B) {
	for _, n := range largeSizes {
		src := largeCompose(n)
		b.Run(fmt.Sprintf("services=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Parse("docker-compose.yml", src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
