package filetx_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/paxx-dev/paxx/filetx"
	"github.com/paxx-dev/paxx/rewrite"
)

// writeFile writes a test file, creating its directory.
func writeFile(t testing.TB, name, content string, mode os.FileMode) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(content), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(name, mode); err != nil { // not subject to the umask
		t.Fatal(err)
	}
}

func TestReadFileExisting(t *testing.T) {
	root := t.TempDir()
	writeFile(t, filepath.Join(root, "scripts", "run.sh"), "#!/bin/sh\n", 0o755)
	c, err := filetx.ReadFile(root, "./scripts//run.sh")
	if err != nil {
		t.Fatal(err)
	}
	if c.Path != "scripts/run.sh" || !c.Existed || c.Mode != 0o755 || string(c.Old) != "#!/bin/sh\n" || string(c.New) != "#!/bin/sh\n" {
		t.Errorf("ReadFile = %+v", c)
	}
	if c.Changed() {
		t.Error("a file just read reports a change")
	}
	c.New[0] = 'X'
	if c.Old[0] != '#' {
		t.Error("Old and New share their bytes")
	}
}

func TestReadFileEmptyIsNotMissing(t *testing.T) {
	root := t.TempDir()
	writeFile(t, filepath.Join(root, "core", "__init__.py"), "", 0o644)
	c, err := filetx.ReadFile(root, "core/__init__.py")
	if err != nil {
		t.Fatal(err)
	}
	if !c.Existed || c.Old == nil || c.New == nil || len(c.Old) != 0 {
		t.Errorf("ReadFile(empty) = %+v, want existing with empty non-nil content", c)
	}
}

func TestReadFileMissing(t *testing.T) {
	root := t.TempDir()
	for _, rel := range []string{".env.example", "core/cache.py", "a/b/c.py"} {
		c, err := filetx.ReadFile(root, rel)
		if err != nil {
			t.Fatalf("%s: %v", rel, err)
		}
		if c.Existed || c.Old != nil || c.New != nil || c.Mode != 0o644 || c.Path != rel {
			t.Errorf("ReadFile(%s) = %+v, want a missing file with mode 0644", rel, c)
		}
	}
}

func TestReadFileFollowsLinksInsideRoot(t *testing.T) {
	root := t.TempDir()
	writeFile(t, filepath.Join(root, "config", "settings.py"), "x = 1\n", 0o600)
	mustSymlink(t, "config/settings.py", filepath.Join(root, "settings.py"))
	mustSymlink(t, "config", filepath.Join(root, "conf"))
	mustSymlink(t, "config/missing.py", filepath.Join(root, "dangling.py"))
	for _, rel := range []string{"settings.py", "conf/settings.py", "conf/../config/settings.py"} {
		c, err := filetx.ReadFile(root, rel)
		if err != nil {
			t.Fatalf("%s: %v", rel, err)
		}
		if string(c.Old) != "x = 1\n" || c.Mode != 0o600 {
			t.Errorf("ReadFile(%s) = %+v", rel, c)
		}
	}
	c, err := filetx.ReadFile(root, "dangling.py")
	if err != nil || c.Existed {
		t.Errorf("ReadFile(dangling link inside root) = %+v, %v; want a missing file", c, err)
	}
}

func TestReadFileRefusals(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	writeFile(t, filepath.Join(outside, "secret.env"), "KEY=1\n", 0o644)
	writeFile(t, filepath.Join(root, "big.txt"), "", 0o644)
	if err := os.Truncate(filepath.Join(root, "big.txt"), filetx.MaxFileSize+1); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(root, "core"), 0o755); err != nil {
		t.Fatal(err)
	}
	mustSymlink(t, filepath.Join(outside, "secret.env"), filepath.Join(root, "out.env"))
	mustSymlink(t, outside, filepath.Join(root, "shared"))
	mustSymlink(t, "../"+filepath.Base(outside)+"/secret.env", filepath.Join(root, "rel-out.env"))
	mustSymlink(t, filepath.Join(outside, "nowhere"), filepath.Join(root, "dangling-out.env"))
	mustSymlink(t, "loop2", filepath.Join(root, "loop1"))
	mustSymlink(t, "loop1", filepath.Join(root, "loop2"))
	fifo := filepath.Join(root, "pipe")
	hasFifo := syscall.Mkfifo(fifo, 0o644) == nil

	tests := []struct {
		rel, want string
		refused   bool
	}{
		{"../x.env", "leads outside the project root", true},
		{"core/../../x.env", "leads outside the project root", true},
		{"/etc/passwd", "is an absolute path", true},
		{"", "leads outside the project root", true},
		{".", "is the project root directory", true},
		{"core", "is a directory", true},
		{"out.env", "outside the project root", true},
		{"shared/secret.env", "outside the project root", true},
		{"shared/new.env", "outside the project root", true},
		{"rel-out.env", "outside the project root", true},
		{"dangling-out.env", "outside the project root", true},
		{"big.txt", "more than the", true},
		{"loop1", "symbolic links", false},
		{"pipe", "is not a regular file", true},
	}
	for _, tt := range tests {
		if tt.rel == "pipe" && !hasFifo {
			continue
		}
		_, err := filetx.ReadFile(root, tt.rel)
		if err == nil {
			t.Errorf("ReadFile(%q) succeeded, want %q", tt.rel, tt.want)
			continue
		}
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ReadFile(%q) = %v, want it to say %q", tt.rel, err, tt.want)
		}
		if got := errors.Is(err, rewrite.ErrRefused); got != tt.refused {
			t.Errorf("ReadFile(%q): errors.Is(err, ErrRefused) = %v, want %v", tt.rel, got, tt.refused)
		}
		var e *rewrite.Error
		if tt.refused && (!errors.As(err, &e) || e.Path == "") {
			t.Errorf("ReadFile(%q) = %v, want an *Error naming the path", tt.rel, err)
		}
	}
}

func TestReadFileParentIsAFile(t *testing.T) {
	root := t.TempDir()
	writeFile(t, filepath.Join(root, "core"), "not a dir\n", 0o644)
	if c, err := filetx.ReadFile(root, "core/cache.py"); err == nil {
		t.Errorf("ReadFile below a file = %+v, want an error", c)
	}
}

func mustSymlink(t *testing.T, target, name string) {
	t.Helper()
	if err := os.Symlink(target, name); err != nil {
		t.Skipf("symbolic links unavailable: %v", err)
	}
}

func TestReadText(t *testing.T) {
	root := t.TempDir()
	for name, data := range map[string]string{"ok.txt": "a\r\nb\r\n", "mixed.txt": "a\nb\r\n", "latin1.txt": "caf\xe9\n"} {
		if err := os.WriteFile(filepath.Join(root, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if c, err := filetx.ReadText(root, "ok.txt"); err != nil || string(c.Old) != "a\r\nb\r\n" {
		t.Errorf("ok.txt: %v, %v", c, err)
	}
	if c, err := filetx.ReadText(root, "missing.txt"); err != nil || c.Existed {
		t.Errorf("missing.txt: %v, %v", c, err)
	}
	for _, name := range []string{"mixed.txt", "latin1.txt"} {
		var re *rewrite.Error
		if _, err := filetx.ReadText(root, name); !errors.As(err, &re) || re.Path != name {
			t.Errorf("%s: %v, want a located refusal", name, err)
		}
	}
}
