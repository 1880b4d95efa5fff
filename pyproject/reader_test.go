package pyproject

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"github.com/paxx-dev/paxx/requirements"

	"github.com/paxx-dev/paxx/rewrite"
	"github.com/pelletier/go-toml/v2"
)

// pyprojectContent is what a TOML reader finds in a rewritten
// pyproject.toml: the runtime dependencies and the paxx record.
type pyprojectContent struct {
	Deps   []string `json:"deps"`   // [project].dependencies
	Poetry []string `json:"poetry"` // the keys of [tool.poetry.dependencies]
	Infra  []string `json:"infra"`  // [tool.paxx].infra
}

// tomllibScript loads each file named on the command line with Python's
// own TOML reader and prints what it found, as JSON keyed by file name.
const tomllibScript = `
import json, sys, tomllib
out = {}
for path in sys.argv[1:]:
    with open(path, "rb") as f:
        doc = tomllib.loads(f.read().decode("utf-8-sig"))
    tool = doc.get("tool", {})
    out[path] = {
        "deps": doc.get("project", {}).get("dependencies", []),
        "poetry": list(tool.get("poetry", {}).get("dependencies", {})),
        "infra": tool.get("paxx", {}).get("infra", []),
    }
json.dump(out, sys.stdout)
`

// TestOutputsReadByTOMLReaders reads every golden pyproject.toml output with
// go-toml's decoder and with Python's tomllib, and checks that both find
// the added dependency and the paxx record.
func TestOutputsReadByTOMLReaders(t *testing.T) {
	var paths []string
	want := map[string]goldenCase{}
	for _, c := range loadCases(t) {
		p := filepath.Join(c.dir, "want.toml")
		if _, err := os.Stat(p); err == nil {
			paths = append(paths, p)
			want[p] = c
		}
	}
	if len(paths) < 20 {
		t.Errorf("only %d golden outputs", len(paths))
	}
	got := map[string]pyprojectContent{}
	for _, p := range paths {
		got[p] = decodeWithGo(t, p)
	}
	check := func(reader string, p string, content pyprojectContent) {
		c := want[p]
		req, _ := requirements.ParseRequirement(c.params.Req)
		target := dependencyTargetOf(t, p)
		switch {
		case target == PEP621 && !slices.ContainsFunc(content.Deps, func(d string) bool { return sameName(d, req) }):
			t.Errorf("%s: %s finds no %s in [project].dependencies: %q", p, reader, req.Name, content.Deps)
		case target == Poetry && !slices.ContainsFunc(content.Poetry, func(k string) bool { return requirements.NormalizeName(k) == req.Key() }):
			t.Errorf("%s: %s finds no %s in [tool.poetry.dependencies]: %q", p, reader, req.Name, content.Poetry)
		}
		if !slices.Contains(content.Infra, c.params.Infra) {
			t.Errorf("%s: %s finds no %s in [tool.paxx].infra: %q", p, reader, c.params.Infra, content.Infra)
		}
	}
	for _, p := range paths {
		check("go-toml", p, got[p])
	}

	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not found: tomllib not checked")
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(python, append([]string{"-c", tomllibScript}, paths...)...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("tomllib: %v\n%s", err, stderr.String())
	}
	var py map[string]pyprojectContent
	if err := json.Unmarshal(stdout.Bytes(), &py); err != nil {
		t.Fatalf("tomllib output: %v", err)
	}
	for _, p := range paths {
		check("tomllib", p, py[p])
	}
}

// decodeWithGo reads a file with go-toml's decoder.
func decodeWithGo(t *testing.T, path string) pyprojectContent {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Project struct {
			Dependencies []string `toml:"dependencies"`
		} `toml:"project"`
		Tool struct {
			Poetry struct {
				Dependencies map[string]any `toml:"dependencies"`
			} `toml:"poetry"`
			Paxx struct {
				Infra []string `toml:"infra"`
			} `toml:"paxx"`
		} `toml:"tool"`
	}
	if err := toml.Unmarshal(bytes.TrimPrefix(src, []byte(rewrite.BOM)), &doc); err != nil {
		t.Fatalf("%s: go-toml: %v", path, err)
	}
	c := pyprojectContent{Deps: doc.Project.Dependencies, Infra: doc.Tool.Paxx.Infra}
	for k := range doc.Tool.Poetry.Dependencies {
		c.Poetry = append(c.Poetry, k)
	}
	return c
}

// dependencyTargetOf returns the kind of target of a rewritten file.
func dependencyTargetOf(t *testing.T, path string) TargetKind {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := Parse(path, src)
	if err != nil {
		t.Fatal(err)
	}
	target, err := f.DependencyTarget()
	if err != nil {
		t.Fatal(err)
	}
	return target.Kind
}

// sameName reports whether a declared requirement names req's
// distribution.
func sameName(declared string, req requirements.Requirement) bool {
	r, err := requirements.ParseRequirement(declared)
	return err == nil && r.Key() == req.Key()
}
