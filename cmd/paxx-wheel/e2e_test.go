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

	// The wheel, from the README's command.
	var stdout, stderr bytes.Buffer
	if err := run([]string{"-o", filepath.Join(tmp, "dist")}, &stdout, &stderr); err != nil {
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
		checkGlibcTags(t, exe)
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
	if out := runPaxx("version"); !regexp.MustCompile(`^paxx \S+ .*go1\.\d+`).MatchString(out) {
		t.Errorf("paxx version = %q", out)
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

	// Uninstalled, the command is gone.
	t.Log(pip("uninstall", "-y", "paxx"))
	if _, err := os.Stat(paxx); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("after pip uninstall, %s: %v (want it gone)", paxx, err)
	}
}

// copyDir copies the regular files of the tree src to dst.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
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
