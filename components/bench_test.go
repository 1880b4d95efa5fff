package components_test

import (
	"testing"

	"github.com/paxx-dev/paxx/components"
)

// BenchmarkAddRedisExample plans `paxx infra add redis` on the bundled
// example project: discovery, every parse and every edit, without writing.
func BenchmarkAddRedisExample(b *testing.B) {
	opts := components.Options{Root: "../testdata/example"}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := components.Add(opts, []string{"redis"}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCheckExample runs `paxx infra check redis` on the example.
func BenchmarkCheckExample(b *testing.B) {
	opts := components.Options{Root: "../testdata/example"}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := components.Check(opts, []string{"redis"}); err != nil {
			b.Fatal(err)
		}
	}
}
