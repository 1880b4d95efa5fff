package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// BuildOptions say what binary to build.
type BuildOptions struct {
	Root   string // the module's root directory
	GOOS   string // target; empty: the environment's (GOOS) or the host's
	GOARCH string
	CC     string // C compiler for cgo; empty: the environment's (CC) or Go's default
	// Version is stamped into the binary for `paxx version` (the wheel's
	// version, as pip shows it); empty leaves Go's own stamp alone.
	Version string
}

// versionVar is the variable of cmd/paxx that -X sets to the version.
const versionVar = "main.stampedVersion"

// ldflags are the linker flags of a release build: symbol table and DWARF
// left out, and the version stamped when there is one.
func (o BuildOptions) ldflags() string {
	flags := "-s -w"
	if o.Version != "" {
		flags += " -X " + versionVar + "=" + o.Version
	}
	return flags
}

// Build builds ./cmd/paxx into dir with cgo on and returns the binary's
// path. The flags are a release build's: paths trimmed from the binary,
// symbol table and DWARF left out (a smaller wheel; panics still have their
// stack traces), and o.Version stamped for `paxx version`, which a build
// outside a Git checkout, or with VCS stamping off, would otherwise call
// "devel". Go stamps the commit from the checkout itself (-buildvcs, on by
// default).
func Build(o BuildOptions, dir string) (string, error) {
	env := append(os.Environ(), "CGO_ENABLED=1")
	for k, v := range map[string]string{"GOOS": o.GOOS, "GOARCH": o.GOARCH, "CC": o.CC} {
		if v != "" {
			env = append(env, k+"="+v)
		}
	}
	goos, err := goEnv(o.Root, env, "GOOS")
	if err != nil {
		return "", err
	}
	out := filepath.Join(dir, "paxx")
	if goos == "windows" {
		out += ".exe"
	}
	args := []string{"build", "-trimpath", "-ldflags=" + o.ldflags(), "-o", out, "./cmd/paxx"}
	cmd := exec.Command("go", args...)
	cmd.Dir, cmd.Env = o.Root, env
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("go %s: %w", strings.Join(args, " "), err)
	}
	return out, nil
}

// goEnv returns one variable of `go env` in dir with the environment env.
func goEnv(dir string, env []string, name string) (string, error) {
	cmd := exec.Command("go", "env", name)
	cmd.Dir, cmd.Env = dir, env
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go env %s: %w", name, err)
	}
	return strings.TrimSpace(string(out)), nil
}

// moduleRoot returns the directory of the main module's go.mod as seen
// from dir.
func moduleRoot(dir string) (string, error) {
	mod, err := goEnv(dir, os.Environ(), "GOMOD")
	if err != nil {
		return "", err
	}
	if mod == "" || mod == os.DevNull {
		return "", fmt.Errorf("%s is not inside a Go module", dir)
	}
	return filepath.Dir(mod), nil
}
