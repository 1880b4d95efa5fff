package pyproject

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"github.com/pelletier/go-toml/v2"

	"github.com/paxx-dev/paxx/internal/casetest"
	"github.com/paxx-dev/paxx/requirements"
	"github.com/paxx-dev/paxx/rewrite"
)

// pyprojectContent is what a TOML reader finds in a rewritten
// pyproject.toml: the runtime dependencies and the paxx record.
type pyprojectContent struct {
	Deps   []string `json:"deps"`   // [project].dependencies
	Poetry []string `json:"poetry"` // the keys of [tool.poetry.dependencies]
	Infra  []string `json:"infra"`  // [tool.paxx].infra
	// Doc is the whole document, for a group's array or table.
	Doc map[string]any `json:"doc"`
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
        "doc": doc,
    }
json.dump(out, sys.stdout, default=str)
`

// output is the want of an add case, with what a TOML reader must find
// in it.
type output struct {
	src []byte
	// req is the dependency added, "" when the case adds none; infra the
	// [tool.paxx].infra item.
	req, infra string
	// into is the group the dependency went to, nil for the default.
	into *Target
}

// TestOutputsReadByTOMLReaders reads the want of every add case with
// go-toml's decoder and with Python's tomllib, and checks that both find
// the added dependency and the paxx record.
func TestOutputsReadByTOMLReaders(t *testing.T) {
	dir := t.TempDir()
	var paths []string
	want := map[string]output{}
	for _, c := range casetest.Load(t, addCases) {
		src, ok := c.File("want")
		if !ok {
			continue
		}
		o := output{src: src}
		for _, op := range caseOps(t, c, false) {
			switch {
			case op.verb == "dependency":
				o.req, o.into = op.req, op.into
			case op.verb == "array-item" && slices.Equal(op.key, paxxKey("infra")):
				o.infra = op.item
			}
		}
		p := filepath.Join(dir, c.Name+".toml")
		if err := os.WriteFile(p, src, 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
		want[p] = o
	}
	if len(paths) < 20 {
		t.Errorf("only %d golden outputs", len(paths))
	}
	got := map[string]pyprojectContent{}
	for _, p := range paths {
		got[p] = decodeWithGo(t, p, want[p].src)
	}
	check := func(reader string, p string, content pyprojectContent) {
		o := want[p]
		target := dependencyTargetOf(t, p, o.src)
		if target != Requirements && o.req == "" {
			t.Errorf("%s: the case adds no dependency to %s", p, target)
			return
		}
		req, _ := requirements.ParseRequirement(o.req)
		switch {
		case o.into != nil:
			if !inGroup(content.Doc, *o.into, req) {
				t.Errorf("%s: %s finds no %s in %s", p, reader, req.Name, o.into.Where())
			}
		case target == PEP621 && !slices.ContainsFunc(content.Deps, func(d string) bool { return sameName(d, req) }):
			t.Errorf("%s: %s finds no %s in [project].dependencies: %q", p, reader, req.Name, content.Deps)
		case target == Poetry && !slices.ContainsFunc(content.Poetry, func(k string) bool { return requirements.NormalizeName(k) == req.Key() }):
			t.Errorf("%s: %s finds no %s in [tool.poetry.dependencies]: %q", p, reader, req.Name, content.Poetry)
		}
		if o.infra == "" || !slices.Contains(content.Infra, o.infra) {
			t.Errorf("%s: %s finds no %q in [tool.paxx].infra: %q", p, reader, o.infra, content.Infra)
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

// decodeWithGo reads src, the file at path, with go-toml's decoder.
func decodeWithGo(t *testing.T, path string, src []byte) pyprojectContent {
	t.Helper()
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
	if err := toml.Unmarshal(bytes.TrimPrefix(src, []byte(rewrite.BOM)), &c.Doc); err != nil {
		t.Fatalf("%s: go-toml: %v", path, err)
	}
	for k := range doc.Tool.Poetry.Dependencies {
		c.Poetry = append(c.Poetry, k)
	}
	return c
}

// dependencyTargetOf returns the kind of target of src, a rewritten file
// at path.
func dependencyTargetOf(t *testing.T, path string, src []byte) TargetKind {
	t.Helper()
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

// inGroup reports whether the decoded document holds req in the group t
// names: among its array's strings, or as a key of its Poetry table.
func inGroup(doc map[string]any, t Target, req requirements.Requirement) bool {
	if p := t.arrayPath(); p != nil {
		list, _ := lookup(doc, p...).([]any)
		return slices.ContainsFunc(list, func(v any) bool { s, ok := v.(string); return ok && sameName(s, req) })
	}
	table, _ := lookup(doc, t.tablePath()...).(map[string]any)
	for k := range table {
		if requirements.NormalizeName(k) == req.Key() {
			return true
		}
	}
	return false
}
