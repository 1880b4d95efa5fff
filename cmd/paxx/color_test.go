package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/creack/pty"
)

// TestColourOnTerminal runs paxx (testscript's copy of this test binary on
// $PATH, see TestMain) with its stdout on a pseudo-terminal: the diff is
// coloured there, and not with NO_COLOR, with TERM=dumb or on a pipe.
func TestColourOnTerminal(t *testing.T) {
	paxx, err := exec.LookPath("paxx")
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "example")
	if err := copyTree("../../testdata/example", dir); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name   string
		env    []string
		tty    bool
		colour bool
	}{
		{name: "terminal", tty: true, colour: true},
		{name: "terminal, NO_COLOR empty", env: []string{"NO_COLOR="}, tty: true, colour: true},
		{name: "terminal, NO_COLOR=1", env: []string{"NO_COLOR=1"}, tty: true},
		{name: "terminal, TERM=dumb", env: []string{"TERM=dumb"}, tty: true},
		{name: "pipe", tty: false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cmd := exec.Command(paxx, "infra", "add", "redis", "--dry-run", "-C", dir)
			cmd.Env = append(withoutColourVars(os.Environ()), append([]string{"TERM=xterm-256color"}, c.env...)...)
			var out []byte
			if c.tty {
				out = runOnPTY(t, cmd)
			} else {
				var err error
				if out, err = cmd.Output(); err != nil {
					t.Fatal(err)
				}
			}
			text := string(out)
			if !strings.Contains(text, `redis_url: str = "redis://localhost:6379/0"`) {
				t.Fatalf("no diff in the output:\n%s", text)
			}
			hasColour := strings.Contains(text, "\x1b[32m+    redis_url")
			hasEscape := strings.Contains(text, "\x1b")
			switch {
			case c.colour && !hasColour:
				t.Errorf("no green added line on a terminal:\n%q", text)
			case !c.colour && hasEscape:
				t.Errorf("control codes in uncoloured output:\n%q", text)
			}
		})
	}
}

// runOnPTY runs cmd with its stdout on a new pseudo-terminal and returns
// what it wrote there. stderr goes to the test log.
func runOnPTY(t *testing.T, cmd *exec.Cmd) []byte {
	t.Helper()
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	defer ptmx.Close()
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = tty, &stderr
	if err := cmd.Start(); err != nil {
		tty.Close()
		t.Fatal(err)
	}
	// Only the child holds the terminal now: reading ends (EIO on Linux)
	// once it exits, after everything it wrote.
	tty.Close()
	out, err := io.ReadAll(ptmx)
	if err != nil && !errors.Is(err, syscall.EIO) {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("%v; stderr: %s", err, stderr.String())
	}
	return out
}

// withoutColourVars drops the variables that decide colour from env.
func withoutColourVars(env []string) []string {
	var out []string
	for _, kv := range env {
		if !strings.HasPrefix(kv, "NO_COLOR=") && !strings.HasPrefix(kv, "TERM=") {
			out = append(out, kv)
		}
	}
	return out
}

// TestNoColourOnCharacterDevice checks that a character device that is not
// a terminal, such as /dev/null where benchmarks send output, gets no
// colour.
func TestNoColourOnCharacterDevice(t *testing.T) {
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Skipf("no %s: %v", os.DevNull, err)
	}
	defer null.Close()
	if useColor(null, func(string) string { return "" }) {
		t.Errorf("colour on %s", os.DevNull)
	}
}
