package main

import (
	"os"
	"strings"
	"testing"
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
	var found []string
	var block []string
	in := false
	for _, line := range strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n") {
		switch {
		case !in && line == "```"+lang:
			in, block = true, nil
		case in && line == "```":
			in = false
			if text := strings.Join(block, "\n") + "\n"; strings.Contains(text, marker) {
				found = append(found, text)
			}
		case in:
			block = append(block, line)
		}
	}
	if len(found) != 1 {
		t.Fatalf("README.md has %d ```%s blocks containing %q, want 1", len(found), lang, marker)
	}
	return found[0]
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
