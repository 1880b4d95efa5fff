package main

import (
	"bytes"
	"debug/elf"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestCrossBuild builds the wheel for the other 64-bit Linux architecture
// with a C cross-compiler given by flag, as a release would for a target it
// has no runner for, and checks the binary inside is for that architecture
// and tagged with the glibc version it needs.
func TestCrossBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("cross-compiles paxx; -short skips it")
	}
	target := map[string]struct{ goarch, cc, arch string }{
		"amd64": {"arm64", "aarch64-linux-gnu-gcc", "aarch64"},
		"arm64": {"amd64", "x86_64-linux-gnu-gcc", "x86_64"},
	}[goarchHost(t)]
	if target.cc == "" {
		t.Skipf("no cross target for GOARCH=%s", goarchHost(t))
	}
	_, err := exec.LookPath(target.cc)
	need(t, target.cc, err == nil)
	tmp := t.TempDir()
	var stdout, stderr bytes.Buffer
	args := []string{"-goos", "linux", "-goarch", target.goarch, "-cc", target.cc, "-version", "v1.2.3-rc.4", "-o", tmp}
	if err := run(args, &stdout, &stderr); err != nil {
		t.Fatalf("paxx-wheel %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	whl := strings.TrimSpace(stdout.String())
	base := filepath.Base(whl)
	if !strings.HasPrefix(base, "paxx-1.2.3rc4-py3-none-manylinux_2_") || !strings.HasSuffix(base, "_"+target.arch+".whl") {
		t.Errorf("wheel %s, want paxx-1.2.3rc4-py3-none-manylinux_2_Y_%s.whl", base, target.arch)
	}
	files := readWheel(t, whl)
	exe := filepath.Join(tmp, "paxx")
	if err := os.WriteFile(exe, read(t, files["paxx-1.2.3rc4.data/scripts/paxx"]), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := elf.Open(exe)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if want := map[string]elf.Machine{"aarch64": elf.EM_AARCH64, "x86_64": elf.EM_X86_64}[target.arch]; f.Machine != want {
		t.Errorf("the binary is for %v, want %v", f.Machine, want)
	}
	p, err := DetectPlatform(exe)
	if err != nil {
		t.Fatal(err)
	}
	if want := "-py3-none-" + strings.Join(p.Tags, ".") + ".whl"; !strings.HasSuffix(base, want) {
		t.Errorf("wheel %s, want the binary's tags %s", base, want)
	}
	checkGlibcTags(t, exe, target.arch)
	t.Logf("%s (%s)", base, p.Why)
}
