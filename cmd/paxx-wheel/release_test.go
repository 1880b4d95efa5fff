package main

import (
	"os"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// oneOrMany is a workflow value written as one string or a list of them
// (needs:).
type oneOrMany []string

// UnmarshalYAML reads a scalar or a sequence of scalars.
func (s *oneOrMany) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		*s = []string{n.Value}
		return nil
	}
	var list []string
	if err := n.Decode(&list); err != nil {
		return err
	}
	*s = list
	return nil
}

// environment is a job's environment, written as a name or as a mapping
// with one.
type environment string

// UnmarshalYAML reads a scalar name or a mapping's name.
func (e *environment) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		*e = environment(n.Value)
		return nil
	}
	var m struct{ Name string }
	if err := n.Decode(&m); err != nil {
		return err
	}
	*e = environment(m.Name)
	return nil
}

// releaseWorkflow is the part of .github/workflows/release.yml the test
// reads.
type releaseWorkflow struct {
	On struct {
		Push struct {
			Tags []string `yaml:"tags"`
		} `yaml:"push"`
	} `yaml:"on"`
	Permissions map[string]string `yaml:"permissions"`
	Jobs        map[string]struct {
		RunsOn      string            `yaml:"runs-on"`
		Needs       oneOrMany         `yaml:"needs"`
		Container   string            `yaml:"container"`
		Environment environment       `yaml:"environment"`
		Permissions map[string]string `yaml:"permissions"`
		Strategy    struct {
			Matrix struct {
				Include []map[string]string `yaml:"include"`
			} `yaml:"matrix"`
		} `yaml:"strategy"`
		Steps []struct {
			Uses string            `yaml:"uses"`
			Run  string            `yaml:"run"`
			With map[string]string `yaml:"with"`
		} `yaml:"steps"`
	} `yaml:"jobs"`
}

// TestReleaseWorkflow checks what the release workflow must do: run on v*
// tags; build on native runners for the five platforms, Linux in a
// manylinux container, with paxx-wheel; attach archives and SHA256SUMS to
// the release; publish to PyPI from the pypi environment, the only job
// allowed an OIDC token.
func TestReleaseWorkflow(t *testing.T) {
	data, err := os.ReadFile("../../.github/workflows/release.yml")
	if err != nil {
		t.Fatal(err)
	}
	var wf releaseWorkflow
	if err := yaml.Unmarshal(data, &wf); err != nil {
		t.Fatalf("release.yml: %v", err)
	}
	if !slices.Contains(wf.On.Push.Tags, "v*") {
		t.Errorf("on.push.tags = %q, want v*", wf.On.Push.Tags)
	}
	if wf.Permissions["id-token"] != "" || wf.Permissions["contents"] != "read" {
		t.Errorf("workflow permissions %v, want contents: read and no id-token", wf.Permissions)
	}

	// The build matrix: each platform on a runner of its own.
	build, ok := wf.Jobs["build"]
	if !ok {
		t.Fatal("no build job")
	}
	if build.RunsOn != "${{ matrix.runner }}" || build.Container != "${{ matrix.container }}" {
		t.Errorf("build runs on %q in %q, want the matrix's runner and container", build.RunsOn, build.Container)
	}
	var platforms []string
	runners := map[string]bool{}
	for _, m := range build.Strategy.Matrix.Include {
		p := m["goos"] + "/" + m["goarch"]
		platforms = append(platforms, p)
		if m["runner"] == "" || runners[m["runner"]] {
			t.Errorf("%s: runner %q, want a runner of its own", p, m["runner"])
		}
		runners[m["runner"]] = true
		if m["goos"] == "linux" && !strings.HasPrefix(m["container"], "quay.io/pypa/manylinux_2_28_") {
			t.Errorf("%s: container %q, want a manylinux_2_28 image (an old glibc)", p, m["container"])
		}
		if arch := map[string]string{"amd64": "x86_64", "arm64": "aarch64"}[m["goarch"]]; m["goos"] == "linux" && !strings.HasSuffix(m["container"], "_"+arch) {
			t.Errorf("%s: container %q is not for %s", p, m["container"], arch)
		}
		if m["goos"] == "linux" && (m["goarch"] == "arm64") != strings.Contains(m["runner"], "arm") {
			t.Errorf("%s: runner %q is not native", p, m["runner"])
		}
	}
	slices.Sort(platforms)
	if want := []string{"darwin/amd64", "darwin/arm64", "linux/amd64", "linux/arm64", "windows/amd64"}; !slices.Equal(platforms, want) {
		t.Errorf("build matrix %q, want %q", platforms, want)
	}
	var script string
	var uploads bool
	for _, s := range build.Steps {
		script += s.Run + "\n"
		uploads = uploads || strings.HasPrefix(s.Uses, "actions/upload-artifact@")
	}
	for _, want := range []string{
		`go build -trimpath -ldflags="-s -w -X ` + versionVar + `=${GITHUB_REF_NAME#v}"`, // Build's flags
		"go run ./cmd/paxx-wheel -bin",
		`-version "$GITHUB_REF_NAME"`,
		"tar -C stage -czf",
		"-tzip",
		"pip install --no-index --no-deps dist/*.whl",
	} {
		if !strings.Contains(script, want) {
			t.Errorf("build steps: no %q", want)
		}
	}
	if !uploads {
		t.Error("build uploads no artifact")
	}

	// The GitHub release: everything, with SHA256SUMS.
	release := wf.Jobs["release"]
	if !slices.Contains(release.Needs, "build") || release.Permissions["contents"] != "write" {
		t.Errorf("release job: needs %q, permissions %v; want build and contents: write", release.Needs, release.Permissions)
	}
	var rs string
	for _, s := range release.Steps {
		rs += s.Run + "\n"
	}
	if !strings.Contains(rs, "sha256sum") || !strings.Contains(rs, "> SHA256SUMS") || !strings.Contains(rs, "gh release create") {
		t.Errorf("release job does not write SHA256SUMS and create the release:\n%s", rs)
	}

	// PyPI: trusted publishing from the pypi environment.
	pypi := wf.Jobs["pypi"]
	if pypi.Environment != "pypi" || pypi.Permissions["id-token"] != "write" || !slices.Contains(pypi.Needs, "build") {
		t.Errorf("pypi job: environment %q, permissions %v, needs %q; want pypi, id-token: write, build",
			pypi.Environment, pypi.Permissions, pypi.Needs)
	}
	publishes := false
	for _, s := range pypi.Steps {
		if strings.HasPrefix(s.Uses, "pypa/gh-action-pypi-publish@") {
			publishes = true
			if s.With["password"] != "" {
				t.Error("the PyPI upload uses a password; trusted publishing needs none")
			}
		}
	}
	if !publishes {
		t.Error("the pypi job does not use pypa/gh-action-pypi-publish")
	}
	for name, job := range wf.Jobs {
		if name != "pypi" && job.Permissions["id-token"] != "" {
			t.Errorf("job %s has id-token: %s; only the PyPI upload needs one", name, job.Permissions["id-token"])
		}
	}
}
