package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestPreCommitHook proves .pre-commit-hooks.yaml with the real pre-commit:
// a snapshot of this working tree becomes a throwaway git repository, the
// hook source; a project repository uses it with the README's
// .pre-commit-config.yaml. pre-commit builds paxx with go install; a commit
// of a clean project passes, one that only touches an unwatched file skips
// the hook, and one that leaves drift is stopped with the finding printed.
// On the way, `go install` from the clean snapshot is checked, and `paxx
// version` naming its commit.
func TestPreCommitHook(t *testing.T) {
	if testing.Short() {
		t.Skip("builds paxx through pre-commit; -short skips it")
	}
	for _, tool := range []string{"pre-commit", "git", "go"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is missing: .ci/run should have installed it", tool)
			}
			t.Skipf("%s is not installed (.ci/run installs it)", tool)
		}
	}
	tmp := t.TempDir()
	env := hookEnv(t, tmp)

	// The hook source: the working tree as it is, committed.
	src := filepath.Join(tmp, "paxx-src")
	if err := copyTree("../..", src); err != nil {
		t.Fatal(err)
	}
	gitIn(t, env, src, "init", "-q")
	gitIn(t, env, src, "add", "-A")
	gitIn(t, env, src, "commit", "-q", "-m", "snapshot")
	rev := strings.TrimSpace(gitIn(t, env, src, "rev-parse", "HEAD"))

	// go install from the clean checkout, stamped with its commit.
	bin := filepath.Join(tmp, "bin")
	mustRun(t, src, append(env, "GOBIN="+bin, "GOFLAGS=-buildvcs=true"), "go", "install", "./cmd/paxx")
	paxx := filepath.Join(bin, "paxx")
	if out := mustRun(t, src, env, paxx, "version"); !strings.Contains(out, "(commit "+rev[:12]+")") {
		t.Errorf("paxx version = %q, want the commit %s", out, rev[:12])
	}

	// The project, with the README's pre-commit configuration pointing at
	// the snapshot.
	proj := filepath.Join(tmp, "project")
	if err := copyTree("../../testdata/example", proj); err != nil {
		t.Fatal(err)
	}
	config := readmeBlock(t, "yaml", "id: paxx-check")
	config = strings.Replace(config, "https://github.com/paxx-dev/paxx", src, 1)
	config = regexp.MustCompile(`(?m)^(\s*rev:) \S+.*$`).ReplaceAllString(config, "${1} "+rev)
	writeFile(t, filepath.Join(proj, ".pre-commit-config.yaml"), config)
	mustRun(t, proj, env, paxx, "infra", "add", "redis")
	gitIn(t, env, proj, "init", "-q")
	gitIn(t, env, proj, "add", "-A")
	gitIn(t, env, proj, "commit", "-q", "-m", "add redis")
	mustRun(t, proj, env, "pre-commit", "install")

	// A commit of a watched file on a clean project: the hook passes.
	appendFile(t, filepath.Join(proj, "app/main.py"), "# a change\n")
	out, err := commit(env, proj, "touch main.py")
	if err != nil {
		t.Fatalf("commit on a clean project failed: %v\n%s", err, out)
	}
	if !regexp.MustCompile(`paxx infra check\.+Passed`).MatchString(out) {
		t.Errorf("the hook did not pass:\n%s", out)
	}

	// A commit of an unwatched file: the hook is skipped.
	appendFile(t, filepath.Join(proj, "README.md"), "More words.\n")
	out, err = commit(env, proj, "touch README")
	if err != nil {
		t.Fatalf("commit of README.md failed: %v\n%s", err, out)
	}
	if !regexp.MustCompile(`paxx infra check\.+\(no files to check\)Skipped`).MatchString(out) {
		t.Errorf("the hook was not skipped:\n%s", out)
	}

	// Drift: the commit is stopped, with the finding.
	head := gitIn(t, env, proj, "rev-parse", "HEAD")
	editFile(t, filepath.Join(proj, "app/core/config.py"), "    redis_url: str = \"redis://localhost:6379/0\"\n", "")
	out, err = commit(env, proj, "drop redis_url")
	if err == nil {
		t.Fatalf("a commit with drift went through:\n%s", out)
	}
	for _, want := range []string{
		`paxx infra check\.+Failed`,
		`(?m)^- hook id: paxx-check$`,
		`(?m)^  ! app/core/config\.py:\d+: missing field redis_url in Settings$`,
	} {
		if !regexp.MustCompile(want).MatchString(out) {
			t.Errorf("the failed commit's output does not match %s:\n%s", want, out)
		}
	}
	if gitIn(t, env, proj, "rev-parse", "HEAD") != head {
		t.Error("the commit with drift was made")
	}
	t.Logf("the commit with drift:\n%s", out)
}

// hookEnv is the environment of every command the test runs: git and
// pre-commit confined to tmp, Go's caches shared with this build so that
// pre-commit's go install (in its own GOPATH) downloads and compiles little.
func hookEnv(t *testing.T, tmp string) []string {
	t.Helper()
	gitconfig := filepath.Join(tmp, "gitconfig")
	writeFile(t, gitconfig, "[user]\n\tname = paxx test\n\temail = test@example.com\n"+
		"[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n")
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GIT_") && !strings.HasPrefix(kv, "PRE_COMMIT") {
			env = append(env, kv)
		}
	}
	env = append(env, "GIT_CONFIG_GLOBAL="+gitconfig, "GIT_CONFIG_NOSYSTEM=1",
		"PRE_COMMIT_HOME="+filepath.Join(tmp, "pre-commit"), "NO_COLOR=1")
	for _, v := range []string{"GOMODCACHE", "GOCACHE"} {
		out, err := exec.Command("go", "env", v).Output()
		if err != nil {
			t.Fatalf("go env %s: %v", v, err)
		}
		env = append(env, v+"="+strings.TrimSpace(string(out)))
	}
	return env
}

// commit commits every change in dir through git, so its pre-commit hook
// runs, and returns what git and the hook printed.
func commit(env []string, dir, msg string) (string, error) {
	cmd := exec.Command("git", "commit", "-a", "-m", msg)
	cmd.Dir, cmd.Env = dir, env
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// gitIn runs git in dir and returns its stdout.
func gitIn(t *testing.T, env []string, dir string, args ...string) string {
	t.Helper()
	return mustRun(t, dir, env, "git", args...)
}

// mustRun runs a command in dir and returns its stdout; it fails the test
// with stderr when the command fails.
func mustRun(t *testing.T, dir string, env []string, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir, cmd.Env = dir, env
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s%s", name, strings.Join(args, " "), err, out, stderr.String())
	}
	return string(out)
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func appendFile(t *testing.T, path, text string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(text); err != nil {
		f.Close()
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}
