package components_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/paxx-dev/paxx/components"
)

// pyrightReport is the part of `pyright --outputjson` the test reads.
type pyrightReport struct {
	GeneralDiagnostics []struct {
		File     string `json:"file"`
		Severity string `json:"severity"`
		Message  string `json:"message"`
		Rule     string `json:"rule"`
		Range    struct {
			Start struct{ Line int } `json:"start"`
		} `json:"range"`
	} `json:"generalDiagnostics"`
}

// pyright type-checks the project's core package and returns the errors.
// Imports of libraries this machine lacks (aiosmtplib, arq, aioboto3,
// opentelemetry, geoalchemy2) resolve to unknown types, so what is checked
// is the modules' own code against the rewritten settings class: every
// settings attribute a module reads must exist with a type that fits.
func pyright(t *testing.T, root, core string) []string {
	t.Helper()
	bin, err := exec.LookPath("pyright")
	need(t, "pyright (npm package; .ci/run installs it)", err == nil)
	py, err := exec.LookPath("python3")
	need(t, "python3", err == nil)
	config := `{"include": ["` + core + `"], "pythonVersion": "3.11", "typeCheckingMode": "standard",
 "reportMissingImports": "none", "reportMissingModuleSource": "none"}`
	if err := os.WriteFile(filepath.Join(root, "pyrightconfig.json"), []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "--outputjson", "--pythonpath", py)
	cmd.Dir = root
	out, _ := cmd.Output() // exits 1 when it finds errors; the report says which
	var rep pyrightReport
	if err := json.Unmarshal(out, &rep); err != nil {
		t.Fatalf("pyright's report: %v\n%s", err, out)
	}
	var errs []string
	for _, d := range rep.GeneralDiagnostics {
		if d.Severity == "error" {
			rel, _ := filepath.Rel(root, d.File)
			errs = append(errs, rel+":"+strconv.Itoa(d.Range.Start.Line+1)+": "+d.Message+" ("+d.Rule+")")
		}
	}
	return errs
}

// TestGeneratedModulesTypeCheck adds every component to the example and
// type-checks the generated modules with pyright against the rewritten
// settings class. A probe module that reads a field the class lacks proves
// that the check can fail.
func TestGeneratedModulesTypeCheck(t *testing.T) {
	root := copyProject(t, "../testdata/example")
	var names []string
	for _, c := range components.Catalogue() {
		names = append(names, c.Name)
	}
	addAndCommit(t, root, names...)

	if errs := pyright(t, root, "app/core"); len(errs) > 0 {
		t.Errorf("pyright finds errors in the generated modules:\n%s", strings.Join(errs, "\n"))
	}

	probe := "from app.core.config import settings\n\nport: int = settings.smtp_host\nurl: str = settings.no_such_field\n"
	if err := os.WriteFile(filepath.Join(root, "app/core/probe.py"), []byte(probe), 0o644); err != nil {
		t.Fatal(err)
	}
	errs := pyright(t, root, "app/core")
	if len(errs) != 2 || !strings.Contains(strings.Join(errs, "\n"), "no_such_field") {
		t.Errorf("pyright should report the probe's two errors, got:\n%s", strings.Join(errs, "\n"))
	}
}
