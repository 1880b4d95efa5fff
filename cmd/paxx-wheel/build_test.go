package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestLdflags: a build with a version stamps it; one without leaves Go's
// own stamp alone.
func TestLdflags(t *testing.T) {
	if got := (BuildOptions{}).ldflags(); got != "-s -w" {
		t.Errorf("ldflags() = %q, want -s -w", got)
	}
	if got, want := (BuildOptions{Version: "0.0.0.dev3+gabcdef0"}).ldflags(), "-s -w -X main.stampedVersion=0.0.0.dev3+gabcdef0"; got != want {
		t.Errorf("ldflags() = %q, want %q", got, want)
	}
}

// TestBuildStampsVersion builds paxx as the wheel does and runs `paxx
// version`: it prints the version given, not "devel" nor Go's module
// version, which proves that versionVar names cmd/paxx's variable.
func TestBuildStampsVersion(t *testing.T) {
	if testing.Short() {
		t.Skip("builds paxx; -short skips it")
	}
	root, err := moduleRoot(".")
	if err != nil {
		t.Fatal(err)
	}
	bin, err := Build(BuildOptions{Root: root, Version: "9.8.7rc1"}, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "version").Output()
	if err != nil {
		t.Fatal(err)
	}
	if got := string(out); !strings.HasPrefix(got, "paxx 9.8.7rc1 ") {
		t.Errorf("paxx version = %q, want paxx 9.8.7rc1 ...", got)
	}
}
