package filetx_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/paxx-dev/paxx/filetx"
	"github.com/paxx-dev/paxx/rewrite"
)

// TestRootReadsAsReadFile checks that Root.Read and Root.ReadWalked accept
// and refuse what ReadFile does: one link rule and one size cap for
// reading to edit and for discovery.
func TestRootReadsAsReadFile(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	writeFile(t, filepath.Join(outside, "secret.py"), "KEY = 1\n", 0o644)
	writeFile(t, filepath.Join(root, "app", "config.py"), "X = 1\n", 0o644)
	writeFile(t, filepath.Join(root, "empty.py"), "", 0o644)
	writeFile(t, filepath.Join(root, "big.py"), "", 0o644)
	if err := os.Truncate(filepath.Join(root, "big.py"), filetx.MaxFileSize+1); err != nil {
		t.Fatal(err)
	}
	mustSymlink(t, filepath.Join(root, "app", "config.py"), filepath.Join(root, "in.py"))
	mustSymlink(t, filepath.Join(outside, "secret.py"), filepath.Join(root, "out.py"))

	r, err := filetx.OpenRoot(root)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		rel     string
		want    string // the content; "" with refused or missing
		refused bool
		missing bool
		walked  bool // a walk lists it as a regular file
	}{
		{rel: "app/config.py", want: "X = 1\n", walked: true},
		{rel: "empty.py", walked: true},
		{rel: "in.py", want: "X = 1\n"},
		{rel: "out.py", refused: true},
		{rel: "big.py", refused: true, walked: true},
		{rel: "app", refused: true},
		{rel: "../x.py", refused: true},
		{rel: "nope.py", missing: true},
	}
	for _, tt := range tests {
		got, err := r.Read(tt.rel)
		checkRead(t, "Read", tt.rel, got, err, tt.want, tt.refused, tt.missing)

		c, cerr := filetx.ReadFile(root, tt.rel)
		switch {
		case tt.refused != errors.Is(cerr, rewrite.ErrRefused):
			t.Errorf("ReadFile(%q) = %v, want refused %v like Read", tt.rel, cerr, tt.refused)
		case cerr == nil && c.Existed == tt.missing:
			t.Errorf("ReadFile(%q).Existed = %v, want %v like Read", tt.rel, c.Existed, !tt.missing)
		}

		if tt.walked || tt.missing {
			got, err := r.ReadWalked(tt.rel)
			checkRead(t, "ReadWalked", tt.rel, got, err, tt.want, tt.refused, tt.missing)
		}
	}
}

// checkRead compares one read's result with what the case wants.
func checkRead(t *testing.T, fn, rel string, got []byte, err error, want string, refused, missing bool) {
	t.Helper()
	switch {
	case refused:
		if !errors.Is(err, rewrite.ErrRefused) {
			t.Errorf("%s(%q) = %q, %v; want ErrRefused", fn, rel, got, err)
		}
	case missing:
		if !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s(%q) = %q, %v; want fs.ErrNotExist", fn, rel, got, err)
		}
	case err != nil:
		t.Errorf("%s(%q): %v", fn, rel, err)
	case got == nil || string(got) != want:
		t.Errorf("%s(%q) = %q (nil %v), want %q", fn, rel, got, got == nil, want)
	}
}

func TestRootContains(t *testing.T) {
	r, err := filetx.OpenRoot(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	dir := r.Dir()
	tests := []struct {
		path string
		want bool
	}{
		{dir, true},
		{filepath.Join(dir, "app", "config.py"), true},
		{filepath.Join(dir, "..foo"), true},
		{filepath.Dir(dir), false},
		{filepath.Join(filepath.Dir(dir), "other"), false},
	}
	for _, tt := range tests {
		if got := r.Contains(tt.path); got != tt.want {
			t.Errorf("Contains(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
}
