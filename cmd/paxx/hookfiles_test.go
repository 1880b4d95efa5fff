package main

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// hookFiles reads the files pattern and the comment of the paxx-check hook
// in .pre-commit-hooks.yaml.
func hookFiles(t *testing.T) (pattern, comment string) {
	t.Helper()
	data, err := os.ReadFile("../../.pre-commit-hooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var hooks []struct {
		ID    string `yaml:"id"`
		Files string `yaml:"files"`
	}
	if err := yaml.Unmarshal(data, &hooks); err != nil {
		t.Fatal(err)
	}
	if len(hooks) != 1 || hooks[0].ID != "paxx-check" {
		t.Fatalf("hooks = %+v, want paxx-check alone", hooks)
	}
	return hooks[0].Files, string(data)
}

// TestPreCommitHookFiles holds the hook's files pattern to the files paxx
// reads (pre-commit matches it with Python's re.search, which RE2 agrees
// with on this pattern), the README's local hook to the same pattern, and
// the Go version the hook's comment asks for to go.mod's.
func TestPreCommitHookFiles(t *testing.T) {
	pattern, text := hookFiles(t)
	re := regexp.MustCompile(pattern)
	for _, p := range []string{
		"app/core/config.py", "main.py",
		"compose.yml", "compose.yaml", "docker-compose.yml", "docker-compose.yaml",
		"compose.override.yml", "docker-compose.override.yaml", "docker-compose.prod.yml", "deploy/compose.dev.yaml",
		"Dockerfile", "backend/Dockerfile", "Dockerfile.dev", "app.Dockerfile",
		"pyproject.toml", "backend/pyproject.toml", "requirements.txt", "requirements-dev.txt",
		".env", ".env.example", ".env.sample", "backend/.env.local",
		"alembic.ini", "migrations/script.py.mako",
		".paxx/components/search/component.toml", ".paxx/components/search/search.py.tmpl",
	} {
		if !re.MatchString(p) {
			t.Errorf("the hook does not run for %s", p)
		}
	}
	for _, p := range []string{
		"README.md", "docs/compose.md", "static/app.js", "compose.yml.orig", "notes.env.txt",
		"pyproject.toml.bak", "mycompose.yml", "requirements/base.in",
	} {
		if re.MatchString(p) {
			t.Errorf("the hook runs for %s", p)
		}
	}
	if readme := readmeBlock(t, "yaml", "repo: local"); !strings.Contains(readme, "files: "+pattern+"\n") {
		t.Errorf("the README's local hook has other files than .pre-commit-hooks.yaml's:\n%s", readme)
	}

	data, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^go (\d+\.\d+)`).FindSubmatch(data)
	if m == nil {
		t.Fatal("go.mod has no go directive")
	}
	goVersion := string(m[1])
	if !strings.Contains(text, "Go "+goVersion+"+") {
		t.Errorf(".pre-commit-hooks.yaml does not ask for Go %s+, what go.mod says", goVersion)
	}
}
