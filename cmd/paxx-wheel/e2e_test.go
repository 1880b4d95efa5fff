package main

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/paxx-dev/paxx/internal/testutil"
)

// TestWheelInstallsWithPip builds the wheel for this machine the way the
// README says, checks it (RECORD, name, tags against the binary inside),
// installs it with pip into a fresh virtual environment, runs the installed
// paxx on a copy of the example project, and uninstalls it.
func TestWheelInstallsWithPip(t *testing.T) {
	if testing.Short() {
		t.Skip("builds paxx and a virtual environment; -short skips it")
	}
	python, err := exec.LookPath("python3")
	need(t, "python3", err == nil)
	_, err = exec.LookPath("git")
	need(t, "git", err == nil)
	tmp := t.TempDir()

	// The wheel, from the README's command, writing into tmp.
	command := strings.Fields(readmeBlock(t, "", "go run ./cmd/paxx-wheel"))
	if len(command) != 5 || strings.Join(command[:3], " ") != "go run ./cmd/paxx-wheel" || command[3] != "-o" {
		t.Fatalf("README's wheel command %q: want go run ./cmd/paxx-wheel -o DIR", command)
	}
	var stdout, stderr bytes.Buffer
	if err := run([]string{"-o", filepath.Join(tmp, command[4])}, &stdout, &stderr); err != nil {
		t.Fatalf("paxx-wheel: %v\n%s", err, stderr.String())
	}
	t.Logf("paxx-wheel: %s", stderr.String())
	whl := strings.TrimSpace(stdout.String())
	root, err := moduleRoot(".")
	if err != nil {
		t.Fatal(err)
	}
	version, err := gitVersion(root)
	if err != nil {
		t.Fatal(err)
	}
	prefix := "paxx-" + version
	if base := filepath.Base(whl); !strings.HasPrefix(base, prefix+"-py3-none-") {
		t.Errorf("wheel %s, want %s-py3-none-PLATFORM.whl", base, prefix)
	}
	files := readWheel(t, whl)
	script := "paxx"
	if runtime.GOOS == "windows" {
		script = "paxx.exe"
	}
	exe := filepath.Join(tmp, script)
	if err := os.WriteFile(exe, read(t, files[prefix+".data/scripts/"+script]), 0o755); err != nil {
		t.Fatal(err)
	}
	p, err := DetectPlatform(exe)
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.Join(p.Tags, "."); !strings.HasSuffix(whl, "-py3-none-"+want+".whl") {
		t.Errorf("wheel %s, want the binary's tags %s", filepath.Base(whl), want)
	}
	if runtime.GOOS == "linux" && !strings.Contains(p.Why, "static") {
		checkGlibcTags(t, exe, hostArch(t))
	}
	if info, err := os.Stat(whl); err == nil {
		t.Logf("%s: %d bytes", filepath.Base(whl), info.Size())
	}

	// A fresh virtual environment; pip reads no configuration of this
	// machine (files or PIP_* variables), so it sees the wheel alone.
	venv := filepath.Join(tmp, "venv")
	if out, err := exec.Command(python, "-m", "venv", venv).CombinedOutput(); err != nil {
		t.Logf("python3 -m venv: %v\n%s", err, out)
		need(t, "python3's venv module with ensurepip (Debian: python3-venv)", false)
	}
	bin := filepath.Join(venv, "bin")
	if runtime.GOOS == "windows" {
		bin = filepath.Join(venv, "Scripts")
	}
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "PIP_") {
			env = append(env, kv)
		}
	}
	env = append(env, "PIP_CONFIG_FILE="+os.DevNull, "PIP_DISABLE_PIP_VERSION_CHECK=1", "PIP_NO_INPUT=1")
	pip := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(filepath.Join(bin, "python"), append([]string{"-m", "pip"}, args...)...)
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("pip %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	t.Log(pip("install", "--no-index", "--no-deps", whl))
	if out := pip("show", "paxx"); !strings.Contains(out, "Version: "+version) {
		t.Errorf("pip show paxx:\n%s\nwant Version: %s", out, version)
	}
	// The license, as the installed distribution gives it to Python.
	cmd := exec.Command(filepath.Join(bin, "python"), "-c",
		"import importlib.metadata as m; d = m.distribution('paxx'); "+
			"print(d.metadata['License-Expression']); print(d.metadata['License-File']); "+
			"print(d.read_text('licenses/LICENSE').splitlines()[0])")
	cmd.Env = env
	if out, err := cmd.CombinedOutput(); err != nil || string(out) != "MIT\nLICENSE\nMIT License\n" {
		t.Errorf("the installed license: %v\n%s\nwant MIT, LICENSE and the text of LICENSE", err, out)
	}

	// The installed command.
	paxx := filepath.Join(bin, script)
	if info, err := os.Stat(paxx); err != nil {
		t.Fatalf("pip installed no %s: %v", paxx, err)
	} else if runtime.GOOS != "windows" && info.Mode().Perm()&0o111 == 0 {
		t.Errorf("%s is not executable: %v", paxx, info.Mode())
	}
	runPaxx := func(args ...string) string {
		t.Helper()
		var stderr bytes.Buffer
		cmd := exec.Command(paxx, args...)
		cmd.Env, cmd.Stderr = append(os.Environ(), "NO_COLOR=1"), &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("paxx %s: %v\n%s%s", strings.Join(args, " "), err, out, stderr.String())
		}
		return string(out)
	}
	// The wheel's version, stamped in by the build, not "devel".
	if out := runPaxx("version"); !regexp.MustCompile(`^paxx ` + regexp.QuoteMeta(version) + ` .*go1\.\d+`).MatchString(out) {
		t.Errorf("paxx version = %q, want paxx %s ...", out, version)
	}
	project := filepath.Join(tmp, "example")
	copyDir(t, filepath.Join(root, "testdata", "example"), project)
	before := snapshot(t, project)
	out := runPaxx("infra", "add", "redis", "--dry-run", "-C", project)
	for _, want := range []string{
		`(?m)^\+\+\+ b/app/core/config\.py$`,
		`(?m)^\+\s+redis_url: str = "redis://`,
		`(?m)^\+\s+redis:$`,
		`(?m)^\+.*redis>=5\.0`,
	} {
		if !regexp.MustCompile(want).MatchString(out) {
			t.Errorf("paxx infra add redis --dry-run: no line matches %s:\n%s", want, out)
		}
	}
	if after := snapshot(t, project); after != before {
		t.Error("paxx infra add --dry-run changed the project")
	}

	t.Run("pre-commit local hook", func(t *testing.T) {
		testLocalHook(t, filepath.Dir(whl), version, paxx)
	})

	// Uninstalled, the command is gone.
	t.Log(pip("uninstall", "-y", "paxx"))
	if _, err := os.Stat(paxx); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("after pip uninstall, %s: %v (want it gone)", paxx, err)
	}
}

// testLocalHook runs the README's local pre-commit hook with the real
// pre-commit, which installs paxx==version into its own environment from
// the wheel in dist (and no index): a clean project passes, drift stops
// the commit with the finding. paxx is the installed command, to set the
// project up.
func testLocalHook(t *testing.T, dist, version, paxx string) {
	for _, tool := range []string{"pre-commit", "git"} {
		_, err := exec.LookPath(tool)
		need(t, tool, err == nil)
	}
	config := readmeBlock(t, "yaml", "additional_dependencies: [paxx==")
	pin := regexp.MustCompile(`paxx==[^\]\s]+`)
	if !pin.MatchString(config) {
		t.Fatalf("README's local hook pins no paxx==VERSION:\n%s", config)
	}
	config = pin.ReplaceAllLiteralString(config, "paxx=="+version)

	// The hook watches the files the Go hook watches.
	var local struct {
		Repos []struct {
			Hooks []struct {
				Files string `yaml:"files"`
			} `yaml:"hooks"`
		} `yaml:"repos"`
	}
	var hooks []struct {
		ID    string `yaml:"id"`
		Files string `yaml:"files"`
	}
	data, err := os.ReadFile("../../.pre-commit-hooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, &hooks); err != nil {
		t.Fatalf(".pre-commit-hooks.yaml: %v", err)
	}
	if err := yaml.Unmarshal([]byte(config), &local); err != nil || len(local.Repos) != 1 || len(local.Repos[0].Hooks) != 1 {
		t.Fatalf("README's local hook: %v\n%s", err, config)
	}
	if len(hooks) == 0 || hooks[0].ID != "paxx-check" || local.Repos[0].Hooks[0].Files != hooks[0].Files {
		t.Errorf("README's local hook watches %q, the paxx-check hook %q", local.Repos[0].Hooks[0].Files, hooks)
	}

	tmp := t.TempDir()
	env := []string{"GIT_CONFIG_GLOBAL=" + filepath.Join(tmp, "gitconfig"), "GIT_CONFIG_NOSYSTEM=1",
		"PRE_COMMIT_HOME=" + filepath.Join(tmp, "pre-commit"), "NO_COLOR=1",
		"PIP_CONFIG_FILE=" + os.DevNull, "PIP_NO_INDEX=1", "PIP_FIND_LINKS=" + dist, "PIP_DISABLE_PIP_VERSION_CHECK=1"}
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GIT_") && !strings.HasPrefix(kv, "PRE_COMMIT") && !strings.HasPrefix(kv, "PIP_") {
			env = append(env, kv)
		}
	}
	if err := os.WriteFile(filepath.Join(tmp, "gitconfig"), []byte("[user]\n\tname = paxx test\n\temail = test@example.com\n"+
		"[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	proj := filepath.Join(tmp, "project")
	root, err := moduleRoot(".")
	if err != nil {
		t.Fatal(err)
	}
	copyDir(t, filepath.Join(root, "testdata", "example"), proj)
	if err := os.WriteFile(filepath.Join(proj, ".pre-commit-config.yaml"), []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	do := func(name string, args ...string) (string, error) {
		cmd := exec.Command(name, args...)
		cmd.Dir, cmd.Env = proj, env
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	must := func(name string, args ...string) string {
		t.Helper()
		out, err := do(name, args...)
		if err != nil {
			t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
		}
		return out
	}
	must(paxx, "infra", "add", "redis")
	must("git", "init", "-q")
	must("git", "add", "-A")
	must("git", "commit", "-q", "-m", "add redis")
	must("pre-commit", "install")

	config2 := filepath.Join(proj, "app", "core", "config.py")
	text, err := os.ReadFile(config2)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(config2, append(text, "# a change\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	out := must("git", "commit", "-a", "-m", "a clean change")
	if !regexp.MustCompile(`paxx infra drift\.+Passed`).MatchString(out) {
		t.Errorf("the hook did not pass:\n%s", out)
	}

	const field = "    redis_url: str = \"redis://localhost:6379/0\"\n"
	text, err = os.ReadFile(config2)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(text), field) {
		t.Fatalf("%s has no %q", config2, field)
	}
	if err := os.WriteFile(config2, []byte(strings.Replace(string(text), field, "", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err = do("git", "commit", "-a", "-m", "drop redis_url")
	if err == nil {
		t.Fatalf("a commit with drift went through:\n%s", out)
	}
	for _, want := range []string{`paxx infra drift\.+Failed`, `(?m)^  ! app/core/config\.py:\d+: missing field redis_url in Settings$`} {
		if !regexp.MustCompile(want).MatchString(out) {
			t.Errorf("the stopped commit's output does not match %s:\n%s", want, out)
		}
	}
	t.Logf("the commit with drift:\n%s", out)
}

// readmeBlock returns the one fenced code block of the repository's
// README.md with the info string lang whose text contains marker.
func readmeBlock(t *testing.T, lang, marker string) string {
	t.Helper()
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	block, err := testutil.ReadmeBlock(data, lang, marker)
	if err != nil {
		t.Fatal(err)
	}
	return block
}

// copyDir copies the regular files of the tree src to dst.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	if err := testutil.CopyTree(src, dst); err != nil {
		t.Fatal(err)
	}
}

// snapshot returns every file of the tree dir with its content, as one
// string to compare.
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		b.WriteString(p + "\n" + string(data) + "\n")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}
