//go:build unix

package project_test

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/paxx-dev/paxx/project"
)

// TestFindSkipsNamedPipes checks that discovery passes over a .env,
// Dockerfile or .gitignore that is a named pipe (as some secret managers
// serve .env) instead of blocking on it for ever.
func TestFindSkipsNamedPipes(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string]string{
		"pyproject.toml": "[project]\nname = \"api\"\ndependencies = [\"fastapi\"]\n",
		"compose.yml":    "services:\n  api:\n    build: .\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{".git", "app"} {
		if err := os.Mkdir(filepath.Join(dir, name), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{".env", "Dockerfile", ".gitignore"} {
		if err := syscall.Mkfifo(filepath.Join(dir, name), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	done := make(chan error, 1)
	go func() {
		_, err := project.Find(project.Options{Dir: dir})
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Find: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("Find blocked on a named pipe")
	}
}
