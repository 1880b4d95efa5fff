//go:build unix

package filetx_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/paxx-dev/paxx/filetx"
)

// TestReadRegular checks what discovery may read: a regular file, through
// a link too; not a named pipe (which would block the read for ever), a
// directory or a file past the size cap; and a missing file as missing.
func TestReadRegular(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, ".env")
	if err := os.WriteFile(file, []byte("A=1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link")
	if err := os.Symlink(file, link); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big")
	if err := os.WriteFile(big, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(big, filetx.MaxFileSize+1); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{file, link} {
		if data, err := filetx.ReadRegular(p); err != nil || string(data) != "A=1\n" {
			t.Errorf("ReadRegular(%s) = %q, %v", filepath.Base(p), data, err)
		}
	}
	for p, want := range map[string]string{fifo: "not a regular file", dir: "not a regular file", big: "more than"} {
		if _, err := filetx.ReadRegular(p); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ReadRegular(%s): err = %v, want %q", filepath.Base(p), err, want)
		}
	}
	if _, err := filetx.ReadRegular(filepath.Join(dir, "none")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("ReadRegular of a missing file: err = %v", err)
	}
}
