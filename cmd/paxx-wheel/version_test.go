package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestNormalizeVersion(t *testing.T) {
	cases := []struct{ in, want string }{
		{"v0.2.0", "0.2.0"},
		{"0.2.0", "0.2.0"},
		{"V1.0", "1.0"},
		{"v1.0.0-rc.1", "1.0.0rc1"},
		{"v1.0.0-rc1", "1.0.0rc1"},
		{"v1.0.0rc1", "1.0.0rc1"},
		{"v1.0.0-RC.2", "1.0.0rc2"},
		{"v1.0.0-alpha", "1.0.0a0"},
		{"v1.0.0-alpha.3", "1.0.0a3"},
		{"v1.0.0-beta.2", "1.0.0b2"},
		{"v1.0.0-b2", "1.0.0b2"},
		{"v1.0.0-c.1", "1.0.0rc1"},
		{"v1.0.0-pre.1", "1.0.0rc1"},
		{"v1.0.0-preview.4", "1.0.0rc4"},
		{"v1.0.0-dev.3", "1.0.0.dev3"},
		{"v1.0.0.dev", "1.0.0.dev0"},
		{"v1.0.0-post.1", "1.0.0.post1"},
		{"v1.0.0-1", "1.0.0.post1"},
		{"v1.0.0-rev2", "1.0.0.post2"},
		{"v1.0.0-r.2", "1.0.0.post2"},
		{"v1.0.0-rc.1.post2.dev3", "1.0.0rc1.post2.dev3"},
		{"v01.002.0", "1.2.0"},
		{"v1!2.0", "1!2.0"},
		{"0!2.0", "2.0"},
		{"v1.0.0+Build-5", "1.0.0+build.5"},
		{"1.0.0+local_7.x", "1.0.0+local.7.x"},
		{" v0.3.0\n", "0.3.0"},
	}
	for _, c := range cases {
		got, err := NormalizeVersion(c.in)
		if err != nil || got != c.want {
			t.Errorf("NormalizeVersion(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{"", "v", "latest", "v1.0.0-gamma.1", "v1..0", "v1.0.0-rc.1-beta", "1.0.0+", "vv1.0"} {
		if got, err := NormalizeVersion(bad); err == nil {
			t.Errorf("NormalizeVersion(%q) = %q, want an error", bad, got)
		}
	}
}

func TestDevVersion(t *testing.T) {
	if got, want := DevVersion("36", "7B45E51"), "0.0.0.dev36+g7b45e51"; got != want {
		t.Errorf("DevVersion = %q, want %q", got, want)
	}
	// A development version is a valid PEP 440 version, already normal.
	if got, err := NormalizeVersion(DevVersion("36", "7b45e51")); err != nil || got != "0.0.0.dev36+g7b45e51" {
		t.Errorf("NormalizeVersion(DevVersion) = %q, %v", got, err)
	}
}

// TestGitVersion reads the version of a real repository: a development
// build before the release tag, the normalised tag on the tagged commit,
// and a development build again after it.
func TestGitVersion(t *testing.T) {
	_, err := exec.LookPath("git")
	need(t, "git", err == nil)
	dir := t.TempDir()
	env := append(os.Environ(), "GIT_CONFIG_GLOBAL="+filepath.Join(dir, "gitconfig"), "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
	repo := filepath.Join(dir, "repo")
	git := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir, cmd.Env = repo, env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return strings.TrimSpace(string(out))
	}
	if err := os.Mkdir(repo, 0o755); err != nil {
		t.Fatal(err)
	}
	git("init", "-q")
	for i := 0; i < 3; i++ {
		git("commit", "-q", "--allow-empty", "--no-gpg-sign", "-m", "c")
	}
	sha := git("rev-parse", "--short", "HEAD")
	if got, err := gitVersion(repo); err != nil || got != "0.0.0.dev3+g"+sha {
		t.Errorf("untagged: gitVersion = %q, %v; want 0.0.0.dev3+g%s", got, err, sha)
	}

	git("tag", "-a", "-m", "release", "v1.0.0-rc.1")
	git("tag", "other") // not a release tag: ignored
	if got, err := gitVersion(repo); err != nil || got != "1.0.0rc1" {
		t.Errorf("tagged: gitVersion = %q, %v; want 1.0.0rc1", got, err)
	}

	git("commit", "-q", "--allow-empty", "--no-gpg-sign", "-m", "c")
	got, err := gitVersion(repo)
	if err != nil || !regexp.MustCompile(`^0\.0\.0\.dev4\+g[0-9a-f]{7,}$`).MatchString(got) {
		t.Errorf("after the tag: gitVersion = %q, %v; want 0.0.0.dev4+gSHA", got, err)
	}

	if got, err := gitVersion(dir); err == nil {
		t.Errorf("outside a repository: gitVersion = %q, want an error", got)
	}
}
