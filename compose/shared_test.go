package compose

import (
	"errors"
	"testing"

	"github.com/paxx-dev/paxx/rewrite"
)

// TestSharedEnvironmentNoKey refuses, rather than panics, an environment
// shared through an alias that no mapping key holds (an anchored mapping
// inside a sequence), for add and remove alike.
func TestSharedEnvironmentNoKey(t *testing.T) {
	src := "x-list:\n  - &envs\n    A: \"1\"\nx-base: &base\n  environment: *envs\nservices:\n  app:\n    image: x\n    <<: *base\n"
	f, err := Parse("compose.yml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	runs := func(string) bool { return true }
	if _, _, err := f.AddEnvironmentShared("app", "REDIS_URL", "redis://redis:6379/0", runs); !errors.Is(err, rewrite.ErrRefused) {
		t.Errorf("AddEnvironmentShared: err = %v, want a refusal", err)
	}
	if _, _, err := f.RemoveEnvironmentShared("app", "A", "1", false, runs); !errors.Is(err, rewrite.ErrRefused) {
		t.Errorf("RemoveEnvironmentShared: err = %v, want a refusal", err)
	}
}
