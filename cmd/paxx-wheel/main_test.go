package main

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestRunRefuses: command lines paxx-wheel refuses before building, with
// the reason, and writes nothing.
func TestRunRefuses(t *testing.T) {
	out := filepath.Join(t.TempDir(), "dist")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-o", out, "extra"}, "unexpected arguments"},
		{[]string{"-o", out, "-bin", "paxx", "-goarch", "arm64"}, "-bin packs a binary already built"},
		{[]string{"-o", out, "-version", "latest"}, `"latest" is not a PEP 440 version`},
		{[]string{"-o", out, "-bin", filepath.Join(t.TempDir(), "missing"), "-version", "v1.0.0"}, "missing"},
		{[]string{"-nosuchflag"}, "not defined"},
	} {
		err := run(c.args, io.Discard, io.Discard)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("paxx-wheel %q: error %v, want one containing %q", c.args, err, c.want)
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("%s was written: %v", out, err)
	}
}

// TestDistIgnored: the wheels paxx-wheel writes into dist/ by default are
// ignored by git, so that a build after one (go build stamps +dirty when
// the checkout has untracked files) is not marked dirty.
func TestDistIgnored(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	root, err := moduleRoot(".")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("git", "check-ignore", "-q", "--no-index", "dist/paxx-1.0.0-py3-none-any.whl")
	cmd.Dir = root
	if err := cmd.Run(); err != nil {
		t.Errorf("git check-ignore dist/...whl: %v; want dist/ in .gitignore", err)
	}
}
