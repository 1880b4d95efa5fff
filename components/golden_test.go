package components_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/paxx-dev/paxx/components"
	"github.com/paxx-dev/paxx/internal/casetest"
	"github.com/paxx-dev/paxx/rewrite"
)

// readTree returns the regular files under dir, by slash path.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// writeTree replaces dir with files.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	for rel, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestGoldenProjects adds the components listed in a case's components.txt
// (one run, names separated by white space; redis when there is no such
// file) to every project under testdata/projects/*/input and compares the
// whole tree with want/. For each it also asserts the invariants of
// DESIGN.md: every changed file keeps all its bytes in order (insert-only;
// postgis's image line aside), a second add changes nothing, and check
// finds no drift.
func TestGoldenProjects(t *testing.T) {
	cases, err := filepath.Glob("../testdata/projects/*/input")
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) == 0 {
		t.Fatal("no golden projects found")
	}
	sort.Strings(cases)
	for _, input := range cases {
		dir := filepath.Dir(input)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			names := caseComponents(t, dir)
			root := copyProject(t, input)
			run := filepath.Join(root, caseDir(t, dir))
			before := readTree(t, root)
			addAndCommit(t, run, names...)
			after := readTree(t, root)
			assertInsertOnly(t, before, after)

			again, err := components.Add(components.Options{Root: run}, names)
			if err != nil {
				t.Fatalf("second add: %v", err)
			}
			if len(again.Changes) != 0 {
				t.Errorf("second add changes %d file(s): not idempotent; first is %s", len(again.Changes), again.Changes[0].Path)
			}
			chk, err := components.Check(components.Options{Root: run}, nil)
			if err != nil {
				t.Fatalf("check: %v", err)
			}
			if chk.Has(components.Drift) {
				t.Errorf("check after add finds drift: %v", chk.Findings)
			}

			want := filepath.Join(dir, "want")
			if casetest.Update() {
				writeTree(t, want, after)
				return
			}
			if diff := cmp.Diff(readTree(t, want), after); diff != "" {
				t.Errorf("project after add %v (-want +got):\n%s", names, diff)
			}
		})
	}
}

// caseComponents reads a golden project's components.txt.
func caseComponents(t *testing.T, dir string) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "components.txt"))
	if errors.Is(err, fs.ErrNotExist) {
		return []string{"redis"}
	}
	if err != nil {
		t.Fatal(err)
	}
	return strings.Fields(string(data))
}

// caseDir reads a golden project's dir.txt: the directory, relative to
// the project's input, that paxx runs in, as a person would run it there
// ("." without the file).
func caseDir(t *testing.T, dir string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "dir.txt"))
	if errors.Is(err, fs.ErrNotExist) {
		return "."
	}
	if err != nil {
		t.Fatal(err)
	}
	return filepath.FromSlash(strings.TrimSpace(string(data)))
}

// inTree names res's changes relative to root, the tree paxx ran in,
// rather than to res.Root, the directory that holds them.
func inTree(t *testing.T, root string, res *components.Result) {
	t.Helper()
	root, err := filepath.Abs(root)
	if err != nil {
		t.Fatal(err)
	}
	if real, err := filepath.EvalSymlinks(root); err == nil {
		root = real // res.Root is resolved too
	}
	for _, c := range res.Changes {
		rel, err := filepath.Rel(root, filepath.Join(res.Root, filepath.FromSlash(c.Path)))
		if err != nil || !filepath.IsLocal(rel) {
			t.Fatalf("change %s lies outside %s", c.Path, root)
		}
		c.Path = filepath.ToSlash(rel)
	}
}

// markRepo makes root a repository root, as a project's checkout is: the
// tools paxx follows search upwards no further.
func markRepo(t *testing.T, root string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Join(root, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
}

// postgisImage matches the one value paxx changes rather than adds.
var postgisImage = regexp.MustCompile(`postgis/postgis:\d+-3\.4`)

// assertInsertOnly checks that every file of before is still in after with
// all its bytes in order. The image that postgis changes is the exception:
// it is put back to the image it replaced before comparing.
func assertInsertOnly(t *testing.T, before, after map[string]string) {
	t.Helper()
	for rel, old := range before {
		got, ok := after[rel]
		if !ok {
			t.Errorf("%s is gone", rel)
			continue
		}
		if m := postgisImage.FindString(got); m != "" && !strings.Contains(old, m) {
			if orig := postgresImage.FindString(old); orig != "" {
				got = strings.Replace(got, m, orig, 1)
			}
		}
		if !rewrite.IsInsertOnly([]byte(old), []byte(got)) {
			t.Errorf("%s lost bytes", rel)
		}
	}
}

// postgresImage matches the Postgres image of a fixture.
var postgresImage = regexp.MustCompile(`(docker\.io/library/)?postgres:[0-9][0-9A-Za-z.-]*`)
