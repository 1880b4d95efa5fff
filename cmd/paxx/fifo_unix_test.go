//go:build unix

package main

import (
	"syscall"
	"testing"
)

// mkfifo makes a named pipe at path: a file paxx must refuse without
// opening, since reading it would block until a writer comes.
func mkfifo(t *testing.T, path string) {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Fatal(err)
	}
}
