//go:build unix

package project

import (
	"errors"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/paxx-dev/paxx/rewrite"
)

// TestFindComposeRefusesFIFO checks that a named pipe in place of the
// compose file is refused at once rather than read, which would wait for a
// writer that never comes.
func TestFindComposeRefusesFIFO(t *testing.T) {
	root := tree(t, backend(nil))
	if err := syscall.Mkfifo(filepath.Join(root, "compose.yaml"), 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := Find(Options{Dir: filepath.Join(root, "backend")})
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, rewrite.ErrRefused) || !strings.Contains(err.Error(), "compose.yaml: is not a regular file") {
			t.Errorf("Find: %v, want a refusal saying compose.yaml is not a regular file", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Find hangs on a FIFO compose file")
	}
}
