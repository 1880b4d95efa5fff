package main

import (
	"os"
	"testing"

	"github.com/paxx-dev/paxx/internal/testutil"
)

// readmeBlock returns the one fenced code block of the repository's
// README.md with the info string lang whose text contains marker: the tests
// run what the README shows, so it cannot go stale.
func readmeBlock(t *testing.T, lang, marker string) string {
	t.Helper()
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	block, err := testutil.ReadmeBlock(data, lang, marker)
	if err != nil {
		t.Fatal(err)
	}
	return block
}

// TestReadmeRabbitMQ keeps the README's RabbitMQ component the one the
// tests add to projects.
func TestReadmeRabbitMQ(t *testing.T) {
	want, err := os.ReadFile("../../testdata/components/rabbitmq/component.toml")
	if err != nil {
		t.Fatal(err)
	}
	if got := readmeBlock(t, "toml", `name = "rabbitmq"`); got != string(want) {
		t.Errorf("README's rabbitmq component.toml differs from testdata/components/rabbitmq/component.toml:\n%s", got)
	}
}
