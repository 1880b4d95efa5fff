// Package testutil holds what paxx's tests in several packages share:
// copying a fixture tree, reading the README's code blocks that tests run
// as they are written, and skipping (or, in CI, failing) a test whose real
// part is missing.
package testutil

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// CopyTree copies the regular files under src to dst, keeping modes. It
// leaves out .git (a directory, or a file in a git worktree) and anything
// that is not a regular file, so that a copy of the repository is what a
// clone would hold, uncommitted changes included.
func CopyTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Name() == ".git" {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.IsDir() && !d.Type().IsRegular() {
			return nil
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, info.Mode().Perm())
	})
}

// ReadmeBlock returns the one fenced code block of the Markdown text md
// whose info string is lang ("" for a bare fence) and which contains
// marker, so that a test runs the very command or configuration the
// README shows. No block, or several, is an error.
func ReadmeBlock(md []byte, lang, marker string) (string, error) {
	var found, block []string
	in := false
	for _, line := range strings.Split(strings.ReplaceAll(string(md), "\r\n", "\n"), "\n") {
		switch {
		case !in && line == "```"+lang:
			in, block = true, nil
		case in && line == "```":
			in = false
			if text := strings.Join(block, "\n") + "\n"; strings.Contains(text, marker) {
				found = append(found, text)
			}
		case in:
			block = append(block, line)
		}
	}
	if len(found) != 1 {
		return "", fmt.Errorf("README.md has %d ```%s blocks containing %q, want 1", len(found), lang, marker)
	}
	return found[0], nil
}

// Need skips a test whose real part (a program, a server, a library) is
// missing on a developer's machine, and fails it under CI=true, where
// .ci/run installs every real part: a green CI never hides a skipped test.
func Need(t testing.TB, what string, ok bool) {
	t.Helper()
	if ok {
		return
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("%s is missing: .ci/run should have installed it", what)
	}
	t.Skipf("%s is not installed", what)
}
