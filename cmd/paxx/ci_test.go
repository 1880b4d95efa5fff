package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// workflow is the part of a GitHub Actions workflow the test reads.
type workflow struct {
	Jobs map[string]struct {
		Steps []struct {
			Uses string `yaml:"uses"`
			Run  string `yaml:"run"`
		} `yaml:"steps"`
	} `yaml:"jobs"`
}

// ciLine is every line paxx infra check prints without --json: a
// component's name, a finding under it, or the summary. Nothing else — no
// control codes, no carriage returns.
var ciLine = regexp.MustCompile(`^([a-z][a-z0-9_-]*|  ! [^ :]+:\d+: .+|  note: [^ :]+(:\d+)?: .+|[a-z][a-z0-9_, -]*: .+)$`)

// TestCIWorkflow runs the paxx steps of the README's GitHub Actions workflow
// the way a CI runner does (stdout a pipe, no NO_COLOR, a colour TERM), on a
// clean project and on one with drift, and checks what the log shows.
func TestCIWorkflow(t *testing.T) {
	var wf workflow
	if err := yaml.Unmarshal([]byte(readmeBlock(t, "yaml", "paxx infra check")), &wf); err != nil {
		t.Fatalf("README workflow: %v", err)
	}
	var install bool
	var steps []string
	for _, job := range wf.Jobs {
		for _, s := range job.Steps {
			switch {
			case strings.HasPrefix(s.Run, "go install github.com/paxx-dev/paxx/cmd/paxx@"):
				install = true
			case strings.HasPrefix(s.Run, "paxx "):
				steps = append(steps, strings.TrimSpace(s.Run))
			}
		}
	}
	if !install || len(steps) == 0 {
		t.Fatalf("README workflow: want a go install step and a paxx step, got install=%v steps=%q", install, steps)
	}

	dir := filepath.Join(t.TempDir(), "example")
	if err := copyTree("../../testdata/example", dir); err != nil {
		t.Fatal(err)
	}
	runStep := func(step string) (string, int) {
		// paxx on $PATH is testscript's copy of this test binary.
		cmd := exec.Command("sh", "-c", step)
		cmd.Dir = dir
		cmd.Env = append(withoutColourVars(os.Environ()), "TERM=xterm-256color", "CI=true")
		out, err := cmd.Output()
		code := 0
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			code = exitErr.ExitCode()
		} else if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		return string(out), code
	}

	if code := run([]string{"infra", "add", "redis", "-C", dir}, new(strings.Builder), new(strings.Builder)); code != 0 {
		t.Fatalf("add: exit %d", code)
	}
	for _, step := range steps {
		if out, code := runStep(step); code != exitOK {
			t.Errorf("%s on a clean project: exit %d\n%s", step, code, out)
		}
	}

	editFile(t, filepath.Join(dir, "app/core/config.py"), "    redis_url: str = \"redis://localhost:6379/0\"\n", "")
	editFile(t, filepath.Join(dir, ".env.example"), "REDIS_URL=redis://localhost:6379/0\n", "")
	for _, step := range steps {
		out, code := runStep(step)
		if code != exitDrift {
			t.Errorf("%s with drift: exit %d, want %d\n%s", step, code, exitDrift, out)
		}
		findings := 0
		for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
			if !ciLine.MatchString(line) {
				t.Errorf("%s: line unfit for a CI log: %q", step, line)
			}
			if strings.HasPrefix(line, "  ! ") {
				findings++
			}
		}
		if findings != 2 {
			t.Errorf("%s: %d findings, want 2 (field and variable)\n%s", step, findings, out)
		}
		t.Logf("%s:\n%s", step, out)
	}
}
