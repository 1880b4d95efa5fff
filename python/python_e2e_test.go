package python

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paxx-dev/paxx/internal/casetest"
)

// TestGoldenOutputsImportInPython imports rewritten settings modules with
// the real Python and pydantic-settings, and reads the new field back: its
// default, then the value of its environment variable (with the class's
// env_prefix and case convention, as EnvName names it).
func TestGoldenOutputsImportInPython(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not installed")
	}
	if out, err := exec.Command(python, "-c", "import pydantic_settings").CombinedOutput(); err != nil {
		t.Skipf("pydantic_settings is not importable: %v: %s", err, out)
	}
	for _, name := range []string{
		"paxx-settings", "renamed-class", "upper-case-fields", "env-prefix", "single-quotes",
		"crlf", "bom", "tabs", "two-space-indent", "no-final-newline", "non-ascii-comments",
		"docstring-only-body", "pass-only-body", "methods-only-body", "model-config-last",
		"annotated-multiline-last", "case-sensitive-upper", "existing-section",
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			gc := caseNamed(t, addFieldsCases, name)
			class, fields := fieldArgs(t, gc)
			src, ok := gc.File("want")
			if !ok {
				t.Fatalf("%s: no want", gc.Path)
			}
			f, err := Parse(gc.InputName, src)
			if err != nil {
				t.Fatal(err)
			}
			c, ok := f.Class(class)
			if !ok {
				t.Fatalf("no class %s", class)
			}
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "settings.py"), src, 0o644); err != nil {
				t.Fatal(err)
			}
			for _, nf := range fields {
				field, ok := c.HasField(nf.Name)
				if !ok {
					t.Fatalf("field %s missing", nf.Name)
				}
				env := c.EnvName(nf.Name)
				script := "import json, settings; print(json.dumps(settings." + class + "()." + field.Name + ", ensure_ascii=False))"
				want := jsonText(t, nf.Default)
				if got := runPython(t, python, dir, script, env, ""); got != want {
					t.Errorf("%s default = %s, want %s", field.Name, got, want)
				}
				if _, isString := nf.Default.(string); !isString {
					continue
				}
				if got := runPython(t, python, dir, script, env, "from-env"); got != `"from-env"` {
					t.Errorf("%s with %s=from-env = %s, want \"from-env\"", field.Name, env, got)
				}
			}
		})
	}
}

// runPython runs script in dir with a clean environment, where env is set
// to value unless value is empty, and returns its output.
func runPython(t *testing.T, python, dir, script, env, value string) string {
	t.Helper()
	cmd := exec.Command(python, "-c", script)
	cmd.Dir = dir
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); !strings.EqualFold(k, env) && !strings.HasPrefix(k, "PYTHON") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	// SECRET_KEY: one fixture has a required field of that name.
	cmd.Env = append(cmd.Env, "PYTHONDONTWRITEBYTECODE=1", "SECRET_KEY=test")
	if value != "" {
		cmd.Env = append(cmd.Env, env+"="+value)
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("python: %v\n%s", err, out)
	}
	return strings.TrimSpace(string(out))
}

// jsonText renders v as Python's json.dumps(v, ensure_ascii=False) does.
func jsonText(t *testing.T, v any) string {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(b.String())
}

// TestGoldenOutputsCompileInPython compiles the want of every case with
// Python's own parser, which is stricter than tree-sitter's grammar.
func TestGoldenOutputsCompileInPython(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not installed")
	}
	dir := t.TempDir()
	var wants []string
	for _, cases := range []string{addFieldsCases, removeFieldsCases, addImportsCases} {
		for _, c := range casetest.Load(t, cases) {
			src, ok := c.File("want")
			if !ok {
				continue
			}
			p := filepath.Join(dir, filepath.Base(cases)+"-"+c.Name+".py")
			if err := os.WriteFile(p, src, 0o644); err != nil {
				t.Fatal(err)
			}
			wants = append(wants, p)
		}
	}
	if len(wants) == 0 {
		t.Fatal("no golden outputs")
	}
	script := "import sys\nfor p in sys.argv[1:]:\n    compile(open(p, 'rb').read(), p, 'exec')\n"
	cmd := exec.Command(python, append([]string{"-c", script}, wants...)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("python rejects a golden output: %v\n%s", err, out)
	}
}
