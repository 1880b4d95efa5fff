package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/paxx-dev/paxx/internal/testutil"
)

// need is testutil.Need.
func need(t *testing.T, what string, ok bool) {
	t.Helper()
	testutil.Need(t, what, ok)
}

// buildProgram builds a small Go program for goos/goarch into a temporary
// directory and returns the binary's path. cgo decides whether it calls
// into C (and so links against the C library); cc, if set, is the C
// compiler.
func buildProgram(t *testing.T, goos, goarch string, cgo bool, cc ...string) string {
	t.Helper()
	dir := t.TempDir()
	src := "package main\n\nfunc main() { println(\"hello\") }\n"
	enabled := "0"
	if cgo {
		src = "package main\n\n// #include <stdlib.h>\nimport \"C\"\n\nfunc main() { println(C.abs(-1)) }\n"
		enabled = "1"
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module hello\n\ngo 1.25\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "build", "-trimpath", "-o", "hello.bin", ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOOS="+goos, "GOARCH="+goarch, "CGO_ENABLED="+enabled, "GOFLAGS=-buildvcs=false")
	for _, c := range cc {
		cmd.Env = append(cmd.Env, "CC="+c)
	}
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build (GOOS=%s GOARCH=%s CGO_ENABLED=%s): %v\n%s", goos, goarch, enabled, err, out)
	}
	return filepath.Join(dir, "hello.bin")
}

// TestDetectPlatformStatic tags real static Linux binaries (Go without cgo)
// with the floor: manylinux_2_17 (manylinux2014) and musllinux_1_1.
func TestDetectPlatformStatic(t *testing.T) {
	t.Parallel()
	for goarch, arch := range map[string]string{"amd64": "x86_64", "arm64": "aarch64"} {
		p, err := DetectPlatform(buildProgram(t, "linux", goarch, false))
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"manylinux_2_17_" + arch, "manylinux2014_" + arch, "musllinux_1_1_" + arch}
		if p.OS != "linux" || !slices.Equal(p.Tags, want) {
			t.Errorf("static linux/%s: %s %q, want linux %q", goarch, p.OS, p.Tags, want)
		}
		if !strings.Contains(p.Why, "static") {
			t.Errorf("static linux/%s: Why = %q", goarch, p.Why)
		}
	}
}

// TestDetectPlatformGlibc tags a real cgo binary linked against the host's
// glibc, and checks the version against what readelf reads from the same
// file.
func TestDetectPlatformGlibc(t *testing.T) {
	t.Parallel()
	_, err := exec.LookPath("gcc")
	need(t, "gcc", err == nil)
	bin := buildProgram(t, "linux", goarchHost(t), true)
	checkGlibcTags(t, bin, hostArch(t))
}

// TestDetectPlatformMusl tags a real cgo binary linked against musl
// (Debian's musl-gcc) musllinux_1_2.
func TestDetectPlatformMusl(t *testing.T) {
	t.Parallel()
	_, err := exec.LookPath("musl-gcc")
	need(t, "musl-gcc (Debian: musl-tools)", err == nil)
	arch := hostArch(t)
	p, err := DetectPlatform(buildProgram(t, "linux", goarchHost(t), true, "musl-gcc"))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"musllinux_1_2_" + arch}; p.OS != "linux" || !slices.Equal(p.Tags, want) {
		t.Errorf("musl: %s %q, want linux %q", p.OS, p.Tags, want)
	}
	if !strings.Contains(p.Why, "ld-musl-") {
		t.Errorf("musl: Why = %q, want the musl interpreter", p.Why)
	}
}

// checkGlibcTags checks the tags DetectPlatform gives a glibc-linked binary
// for the architecture arch (x86_64, aarch64): manylinux_2_Y with Y the
// highest GLIBC_2.Y version readelf lists as needed (at least 17), never
// above the host's glibc. It returns Y.
func checkGlibcTags(t *testing.T, bin, arch string) int {
	t.Helper()
	p, err := DetectPlatform(bin)
	if err != nil {
		t.Fatal(err)
	}
	if p.OS != "linux" || len(p.Tags) == 0 {
		t.Fatalf("%s: %s %q, want linux manylinux tags", bin, p.OS, p.Tags)
	}
	m := regexp.MustCompile(`^manylinux_2_(\d+)_([a-z0-9_]+)$`).FindStringSubmatch(p.Tags[0])
	if m == nil {
		t.Fatalf("%s: first tag %q is not manylinux_2_Y_ARCH", bin, p.Tags[0])
	}
	y, _ := strconv.Atoi(m[1])
	if m[2] != arch {
		t.Errorf("%s: architecture %q, want %q", bin, m[2], arch)
	}

	readelf, err := exec.LookPath("readelf")
	need(t, "readelf (binutils)", err == nil)
	out, err := exec.Command(readelf, "--version-info", "--wide", bin).Output()
	if err != nil {
		t.Fatalf("readelf: %v", err)
	}
	var versions []int
	for _, v := range regexp.MustCompile(`Name: GLIBC_2\.(\d+)`).FindAllStringSubmatch(string(out), -1) {
		n, _ := strconv.Atoi(v[1])
		versions = append(versions, n)
	}
	if len(versions) == 0 {
		t.Fatalf("readelf lists no GLIBC_2.Y version needed by %s:\n%s", bin, out)
	}
	sort.Ints(versions)
	if want := max(versions[len(versions)-1], 17); y != want {
		t.Errorf("%s: tag says glibc 2.%d, readelf's highest needed version is 2.%d", bin, y, versions[len(versions)-1])
	}
	if host := hostGlibc(t); host > 0 && y > host {
		t.Errorf("%s: tag says glibc 2.%d, more than the host's 2.%d it was linked against", bin, y, host)
	}
	wantTags := []string{p.Tags[0]}
	if y == 17 {
		wantTags = append(wantTags, "manylinux2014_"+m[2])
	}
	if !slices.Equal(p.Tags, wantTags) {
		t.Errorf("%s: tags %q, want %q", bin, p.Tags, wantTags)
	}
	t.Logf("%s: %q (%s)", filepath.Base(bin), p.Tags, p.Why)
	return versions[len(versions)-1]
}

// hostGlibc returns the minor version of the host's glibc, 0 if unknown.
func hostGlibc(t *testing.T) int {
	out, err := exec.Command("getconf", "GNU_LIBC_VERSION").Output()
	if err != nil {
		return 0
	}
	m := regexp.MustCompile(`glibc 2\.(\d+)`).FindSubmatch(out)
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

// hostArch returns the wheel architecture name of the host's GOARCH.
func hostArch(t *testing.T) string {
	t.Helper()
	arch, ok := map[string]string{"amd64": "x86_64", "arm64": "aarch64"}[goarchHost(t)]
	if !ok {
		t.Skipf("no wheel architecture known for GOARCH=%s", goarchHost(t))
	}
	return arch
}

// goarchHost returns the GOARCH the go command builds for.
func goarchHost(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "env", "GOARCH").Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(out))
}

// TestDetectPlatformDarwinWindows tags real Mach-O and PE binaries (Go
// without cgo, cross-compiled).
func TestDetectPlatformDarwinWindows(t *testing.T) {
	t.Parallel()
	for goarch, arch := range map[string]string{"arm64": "arm64", "amd64": "x86_64"} {
		p, err := DetectPlatform(buildProgram(t, "darwin", goarch, false))
		if err != nil {
			t.Fatal(err)
		}
		// Go links a macOS binary for macOS 12.0 and later (Go 1.25+); a
		// later Go may raise it, never lower it.
		m := regexp.MustCompile(`^macosx_(\d+)_0_` + arch + `$`).FindStringSubmatch(strings.Join(p.Tags, "."))
		if p.OS != "darwin" || m == nil {
			t.Errorf("darwin/%s: %s %q, want darwin [macosx_N_0_%s]", goarch, p.OS, p.Tags, arch)
		} else if n, _ := strconv.Atoi(m[1]); n < 12 {
			t.Errorf("darwin/%s: %q, but Go's linker sets macOS 12.0 or later", goarch, p.Tags)
		}
	}
	// windows/amd64 only: the one Windows release (each target costs a
	// build of Go's runtime on a cold cache).
	p, err := DetectPlatform(buildProgram(t, "windows", "amd64", false))
	if err != nil {
		t.Fatal(err)
	}
	if p.OS != "windows" || !slices.Equal(p.Tags, []string{"win_amd64"}) {
		t.Errorf("windows/amd64: %s %q, want windows [win_amd64]", p.OS, p.Tags)
	}
}

func TestDetectPlatformNotABinary(t *testing.T) {
	path := filepath.Join(t.TempDir(), "script.sh")
	if err := os.WriteFile(path, []byte("#!/bin/sh\necho paxx\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if p, err := DetectPlatform(path); err == nil {
		t.Errorf("a shell script: %+v, want an error", p)
	}
}

func TestLibcOf(t *testing.T) {
	cases := map[string]string{
		"":                                "static",
		"/lib64/ld-linux-x86-64.so.2":     "glibc",
		"/lib/ld-linux-aarch64.so.1":      "glibc",
		"/lib/ld-linux-armhf.so.3":        "glibc",
		"/lib/ld-linux.so.2":              "glibc",
		"/lib64/ld64.so.2":                "glibc", // ppc64le
		"/lib/ld-musl-x86_64.so.1":        "musl",
		"/lib/ld-musl-aarch64.so.1":       "musl",
		"/system/bin/linker64":            "", // Android's bionic
		"/usr/libexec/ld-elf.so.1":        "", // FreeBSD
		"/opt/ld-linux/ld-musl-x86_64.so": "musl",
	}
	for interp, want := range cases {
		if got := libcOf(interp); got != want {
			t.Errorf("libcOf(%q) = %q, want %q", interp, got, want)
		}
	}
}

func TestManylinuxAndMacosTags(t *testing.T) {
	if got, want := manylinux(17, "x86_64"), []string{"manylinux_2_17_x86_64", "manylinux2014_x86_64"}; !slices.Equal(got, want) {
		t.Errorf("manylinux(17) = %q, want %q", got, want)
	}
	if got, want := manylinux(28, "aarch64"), []string{"manylinux_2_28_aarch64"}; !slices.Equal(got, want) {
		t.Errorf("manylinux(28) = %q, want %q", got, want)
	}
	for _, c := range []struct {
		major, minor int
		want         string
	}{
		{12, 0, "macosx_12_0_arm64"},
		{11, 0, "macosx_11_0_arm64"},
		{12, 3, "macosx_13_0_arm64"}, // 12.0-12.2 would install a binary their loader refuses
		{10, 15, "macosx_10_15_arm64"},
	} {
		if got := macosTag(c.major, c.minor, "arm64"); got != c.want {
			t.Errorf("macosTag(%d, %d) = %q, want %q", c.major, c.minor, got, c.want)
		}
	}
}
