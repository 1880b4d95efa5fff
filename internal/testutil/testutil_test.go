package testutil

import (
	"os"
	"path/filepath"
	"testing"
)

func TestReadmeBlock(t *testing.T) {
	md := "# x\n\n```\ngo test ./...\n```\n\n```yaml\nid: a\n```\r\n\r\n```yaml\r\nid: b\r\nid: a2\r\n```\n"
	tests := []struct {
		lang, marker, want string
		fails              bool
	}{
		{lang: "", marker: "go test", want: "go test ./...\n"},
		{lang: "yaml", marker: "id: b", want: "id: b\nid: a2\n"},
		{lang: "yaml", marker: "id: a", fails: true}, // in two blocks
		{lang: "yaml", marker: "go test", fails: true},
		{lang: "toml", marker: "id", fails: true},
	}
	for _, tt := range tests {
		got, err := ReadmeBlock([]byte(md), tt.lang, tt.marker)
		if tt.fails != (err != nil) || got != tt.want {
			t.Errorf("ReadmeBlock(%q, %q) = %q, %v", tt.lang, tt.marker, got, err)
		}
	}
}

func TestCopyTree(t *testing.T) {
	src, dst := t.TempDir(), t.TempDir()
	write := func(rel string, mode os.FileMode) {
		p := filepath.Join(src, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(rel), mode); err != nil {
			t.Fatal(err)
		}
	}
	write("a/b.py", 0o644)
	write("run.sh", 0o755)
	write(".git/HEAD", 0o644)
	if err := os.Symlink("run.sh", filepath.Join(src, "link")); err != nil {
		t.Fatal(err)
	}
	if err := CopyTree(src, dst); err != nil {
		t.Fatal(err)
	}
	if data, err := os.ReadFile(filepath.Join(dst, "a/b.py")); err != nil || string(data) != "a/b.py" {
		t.Errorf("a/b.py = %q, %v", data, err)
	}
	if info, err := os.Stat(filepath.Join(dst, "run.sh")); err != nil || info.Mode().Perm() != 0o755 {
		t.Errorf("run.sh mode: %v, %v", info, err)
	}
	for _, gone := range []string{".git", "link"} {
		if _, err := os.Lstat(filepath.Join(dst, gone)); err == nil {
			t.Errorf("%s was copied", gone)
		}
	}
}
