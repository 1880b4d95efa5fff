package filetx_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/paxx-dev/paxx/filetx"
	"github.com/paxx-dev/paxx/internal/casetest"
)

// TestDiffGolden renders the diff of each case under testdata/filetx/diff:
// old.txt (absent for a new file) and new.txt, compared with want.diff.
func TestDiffGolden(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("..", "testdata", "filetx", "diff", "*"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no golden cases: %v", err)
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			c := &filetx.Change{Path: "app/file.txt", Mode: 0o644}
			old, err := os.ReadFile(filepath.Join(dir, "old.txt"))
			switch {
			case err == nil:
				c.Old, c.Existed = old, true
			case !errors.Is(err, fs.ErrNotExist):
				t.Fatal(err)
			}
			if c.New, err = os.ReadFile(filepath.Join(dir, "new.txt")); err != nil {
				t.Fatal(err)
			}
			got := filetx.Diff([]*filetx.Change{c})
			wantFile := filepath.Join(dir, "want.diff")
			if casetest.Update() {
				if err := os.WriteFile(wantFile, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(wantFile)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(string(want), got); d != "" {
				t.Errorf("diff mismatch (-want +got):\n%s", d)
			}
		})
	}
}

// TestDiffSeveralFiles shows the files in the order given and skips those
// that do not change.
func TestDiffSeveralFiles(t *testing.T) {
	changes := []*filetx.Change{
		{Path: "b.txt", Old: []byte("x\n"), New: []byte("x\ny\n"), Existed: true},
		{Path: "same.txt", Old: []byte("s\n"), New: []byte("s\n"), Existed: true},
		nil,
		{Path: "missing.txt"}, // read, not created: New is nil
		{Path: "core/a.py", New: []byte("a = 1\n")},
	}
	want := "--- a/b.txt\n+++ b/b.txt\n@@ -1 +1,2 @@\n x\n+y\n" +
		"--- /dev/null\n+++ b/core/a.py\n@@ -0,0 +1 @@\n+a = 1\n"
	if d := cmp.Diff(want, filetx.Diff(changes)); d != "" {
		t.Errorf("Diff mismatch (-want +got):\n%s", d)
	}
	if got := filetx.Diff(nil); got != "" {
		t.Errorf("Diff(nil) = %q, want empty", got)
	}
}

// TestChanged covers what counts as writing something.
func TestChanged(t *testing.T) {
	tests := []struct {
		name string
		c    filetx.Change
		want bool
	}{
		{"same bytes", filetx.Change{Old: []byte("a"), New: []byte("a"), Existed: true}, false},
		{"new bytes", filetx.Change{Old: []byte("a"), New: []byte("b"), Existed: true}, true},
		{"emptied", filetx.Change{Old: []byte("a"), New: []byte{}, Existed: true}, true},
		{"missing, untouched", filetx.Change{}, false},
		{"missing, created empty", filetx.Change{New: []byte{}}, true},
		{"missing, created", filetx.Change{New: []byte("x")}, true},
	}
	for _, tt := range tests {
		if got := tt.c.Changed(); got != tt.want {
			t.Errorf("%s: Changed() = %v, want %v", tt.name, got, tt.want)
		}
	}
}
