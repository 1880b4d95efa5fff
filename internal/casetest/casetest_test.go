package casetest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/paxx-dev/paxx/rewrite"
)

// fatal is what recorder panics with to stop a check at its first failure,
// as t.Fatalf stops a test.
type fatal string

// recorder is a testing.TB whose Fatalf stops the function under test and
// keeps the message, so that a test can assert that a check fails.
type recorder struct {
	testing.TB
}

func (recorder) Helper() {}

func (recorder) Fatalf(format string, args ...any) { panic(fatal(fmt.Sprintf(format, args...))) }

func (recorder) Fatal(args ...any) { panic(fatal(fmt.Sprint(args...))) }

// failure runs f with a recorder and returns the message it failed with,
// "" when it did not.
func failure(t *testing.T, f func(tb testing.TB)) (msg string) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			m, ok := r.(fatal)
			if !ok {
				panic(r)
			}
			msg = string(m)
		}
	}()
	f(recorder{t})
	return ""
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("crlf-no-eol.txtar", "# a comment\nservice redis\nenv app KEY 'a value'\n\n-- compose.yml noeol --\nservices:\r\n  app: {}\n-- body --\nimage: x\n")
	cases := Load(t, dir)
	if len(cases) != 1 {
		t.Fatalf("got %d cases, want 1", len(cases))
	}
	c := cases[0]
	var ops [][]string
	var lines []int
	for _, o := range c.Ops {
		ops = append(ops, o.Args)
		lines = append(lines, o.Line)
	}
	if diff := cmp.Diff([][]string{{"service", "redis"}, {"env", "app", "KEY", "a value"}}, ops); diff != "" {
		t.Errorf("ops (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int{2, 3}, lines); diff != "" {
		t.Errorf("op lines (-want +got):\n%s", diff)
	}
	if c.Name != "crlf-no-eol" || c.InputName != "compose.yml" || string(c.Input) != "services:\r\n  app: {}" {
		t.Errorf("case %q: input %q = %q", c.Name, c.InputName, c.Input)
	}
	if body, ok := c.File("body"); !ok || string(body) != "image: x\n" {
		t.Errorf("File(body) = %q, %v", body, ok)
	}
}

func TestLoadRefuses(t *testing.T) {
	tests := []struct {
		file, data, want string
	}{
		{"Snake_Case.txtar", "-- in --\n", "lower-case words"},
		{"no-input.txtar", "op\n-- want --\n", "first file must be the input"},
		{"bad-attr.txtar", "-- in binary --\n", `unknown attribute "binary"`},
		{"bad-quote.txtar", "op 'open\n-- in --\n", "bad-quote.txtar:1"},
		{"unquoted-semicolon.txtar", "op a;b\n-- in --\n", "unquoted-semicolon.txtar:1: an unquoted ;"},
		{"unquoted-redirect.txtar", "# c\nop x 2>y\n-- in --\n", "unquoted-redirect.txtar:2: an unquoted ;"},
		{"missing-with-data.txtar", "-- in missing --\nx\n", "a missing file holds nothing"},
		{"missing-want.txtar", "-- in --\n-- want missing --\n", "a missing file holds nothing"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, tt.file), []byte(tt.data), 0o644); err != nil {
				t.Fatal(err)
			}
			msg := failure(t, func(tb testing.TB) { Load(tb, dir) })
			if !strings.Contains(msg, tt.want) {
				t.Errorf("Load failed with %q, want it to say %q", msg, tt.want)
			}
		})
	}
}

// TestMissing checks a case whose input does not exist: Input is nil,
// Missing is set, File does not find it, a file of no data that is not
// marked is empty but there, and -update keeps the mark.
func TestMissing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "missing.txtar")
	if err := os.WriteFile(path, []byte("op 'a;b'\n-- .env.example missing --\n-- other --\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	check := func() {
		t.Helper()
		c := Load(t, dir)[0]
		if !c.Missing || c.Input != nil || c.InputName != ".env.example" {
			t.Errorf("input %q: Missing = %v, Input = %q", c.InputName, c.Missing, c.Input)
		}
		if d, ok := c.File(".env.example"); ok || d != nil {
			t.Errorf("File(.env.example) = %q, %v; want nothing", d, ok)
		}
		if d, ok := c.File("other"); !ok || len(d) != 0 {
			t.Errorf("File(other) = %q, %v; want empty", d, ok)
		}
		if diff := cmp.Diff([]string{"op", "a;b"}, c.Ops[0].Args); diff != "" {
			t.Errorf("op (-want +got):\n%s", diff)
		}
	}
	check()
	c := Load(t, dir)[0]
	if err := c.write(wants(Result{Out: []byte("A=1\n")})); err != nil {
		t.Fatal(err)
	}
	check() // the mark and the other file are kept
	if got, _ := Load(t, dir)[0].File("want"); string(got) != "A=1\n" {
		t.Errorf("want = %q", got)
	}
	// An unmarked empty input is an empty file that exists.
	if err := os.WriteFile(path, []byte("-- .env.example --\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if c := Load(t, dir)[0]; c.Missing || c.Input == nil {
		t.Errorf("empty input: Missing = %v, Input = %#v", c.Missing, c.Input)
	}
}

// TestWriteRoundTrip checks that what -update writes reads back as the
// same bytes, a missing final line break and CRLF included.
func TestWriteRoundTrip(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "round-trip.txtar")
	if err := os.WriteFile(path, []byte("op\n-- in --\nx\n-- want --\nstale\n-- want.err --\nstale\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c := Load(t, dir)[0]
	res := Result{Out: []byte("a\r\nb"), Actions: []rewrite.Action{{Line: 2, What: "added b"}}}
	if err := c.write(wants(res)); err != nil {
		t.Fatal(err)
	}
	c = Load(t, dir)[0]
	if got, _ := c.File("want"); string(got) != "a\r\nb" {
		t.Errorf("want = %q, want %q", got, "a\r\nb")
	}
	if got, _ := c.File("want.actions"); string(got) != "2: added b\n" {
		t.Errorf("want.actions = %q", got)
	}
	if _, ok := c.File("want.err"); ok {
		t.Error("the stale want.err is still there")
	}
	if got, _ := c.File("in"); string(got) != "x\n" {
		t.Errorf("input changed: %q", got)
	}
	if s := Section("want", []byte("x")); s.Name != "want noeol" || string(s.Data) != "x\n" {
		t.Errorf("Section = %+v", s)
	}
	if s := Section("want", nil); s.Name != "want" || len(s.Data) != 0 {
		t.Errorf("Section(empty) = %+v", s)
	}
}

func TestCheck(t *testing.T) {
	parse := func(src []byte) error {
		if strings.Contains(string(src), "!") {
			return fmt.Errorf("bang")
		}
		return nil
	}
	addB := func(src []byte) ([]byte, []rewrite.Action, error) {
		if strings.Contains(string(src), "b\n") {
			return src, nil, nil
		}
		return append(append([]byte{}, src...), "b\n"...), []rewrite.Action{{Line: 2, What: "b"}}, nil
	}
	good := Edit{Op: "add b", In: []byte("a\n"), Out: []byte("a\nb\n"), Actions: []rewrite.Action{{Line: 2, What: "b"}}, Marker: "b", Parse: parse, Again: addB}
	tests := []struct {
		name string
		edit func(e Edit) Edit
		want string // "" for no failure
	}{
		{"good", func(e Edit) Edit { return e }, ""},
		{"no change, no action", func(e Edit) Edit { e.In, e.Actions = e.Out, nil; return e }, ""},
		{"does not parse", func(e Edit) Edit { e.Out = []byte("a\nb!\n"); return e }, "does not parse"},
		{"not insert-only", func(e Edit) Edit { e.Out = []byte("b\n"); return e }, "not insert-only"},
		{"change without action", func(e Edit) Edit { e.Actions = nil; return e }, "0 actions"},
		{"action past the end", func(e Edit) Edit { e.Actions = []rewrite.Action{{Line: 9}}; return e }, "does not name"},
		{"action at another line", func(e Edit) Edit { e.Actions = []rewrite.Action{{Line: 1}}; return e }, "does not name"},
		{"not idempotent", func(e Edit) Edit {
			e.Again = func(src []byte) ([]byte, []rewrite.Action, error) { return append(src, 'c'), nil, nil }
			return e
		}, "not idempotent"},
		{"removal", func(e Edit) Edit {
			e.In, e.Out, e.Remove, e.Again = e.Out, e.In, true, nil
			return e
		}, ""},
		{"removal that adds", func(e Edit) Edit { e.Remove, e.Again = true, nil; return e }, "not delete-only"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msg := failure(t, func(tb testing.TB) { Check(tb, tt.edit(good)) })
			if tt.want == "" && msg != "" {
				t.Errorf("Check failed: %s", msg)
			}
			if tt.want != "" && !strings.Contains(msg, tt.want) {
				t.Errorf("Check failed with %q, want it to say %q", msg, tt.want)
			}
		})
	}
}

func TestValidName(t *testing.T) {
	for name, want := range map[string]bool{
		"crlf": true, "bom-only": true, "py39-single-quotes": true,
		"snake_case": false, "Upper": false, "-lead": false, "trail-": false, "double--hyphen": false, "": false,
	} {
		if got := ValidName(name); got != want {
			t.Errorf("ValidName(%q) = %v, want %v", name, got, want)
		}
	}
}

// TestNamingRule holds every case of the repository to the one naming
// rule: the rewriters' case files and their folders, the golden projects,
// the user components' wanted trees and the command-line scripts.
func TestNamingRule(t *testing.T) {
	root := filepath.Join("..", "..", "testdata")
	var names []string
	err := filepath.WalkDir(filepath.Join(root, "cases"), func(p string, d os.DirEntry, err error) error {
		if err != nil || p == filepath.Join(root, "cases") {
			return err
		}
		names = append(names, strings.TrimSuffix(d.Name(), ".txtar"))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, glob := range []string{"projects/*", "components/want/*", "script/*.txtar"} {
		matches, err := filepath.Glob(filepath.Join(root, glob))
		if err != nil || len(matches) == 0 {
			t.Fatalf("%s: no cases (%v)", glob, err)
		}
		for _, m := range matches {
			names = append(names, strings.TrimSuffix(filepath.Base(m), ".txtar"))
		}
	}
	for _, name := range names {
		if !ValidName(name) {
			t.Errorf("%q is not lower-case words joined by hyphens", name)
		}
	}
	if len(names) < 300 {
		t.Errorf("only %d cases found: the walk is looking in the wrong place", len(names))
	}
}

// doc is a format whose files are their bytes and whose parser refuses
// "!", for the tests of Edited.
type doc []byte

func (d doc) Bytes() []byte { return d }

func parseDoc(path string, src []byte) (doc, error) {
	if strings.Contains(string(src), "!") {
		return nil, rewrite.Errorf(rewrite.ErrSyntax, path, 1, 1, "bang")
	}
	return doc(src), nil
}

func TestEdited(t *testing.T) {
	appendB := func(d doc) (doc, []rewrite.Action, error) {
		return append(append(doc{}, d...), 'b'), []rewrite.Action{{Line: 1, What: "b"}}, nil
	}
	out, actions, err := Edited(parseDoc, "f", []byte("a"), appendB)
	if err != nil || string(out) != "ab" || len(actions) != 1 {
		t.Errorf("Edited = %q, %v, %v", out, actions, err)
	}
	if _, _, err := Edited(parseDoc, "f", []byte("!"), appendB); err == nil || !strings.Contains(err.Error(), "f:1:1") {
		t.Errorf("Edited of bad input: err = %v, want the parser's", err)
	}
}

func TestInputs(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string]string{
		"a.txtar": "op\n-- in --\nA\n",
		"b.txtar": "op\n-- in missing --\n",
		"c.txtar": "op\n-- in --\nC\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	for _, in := range Inputs(t, dir) {
		got = append(got, string(in))
	}
	if diff := cmp.Diff([]string{"A\n", "C\n"}, got); diff != "" {
		t.Errorf("Inputs (-want +got):\n%s", diff)
	}
	if in := Input(t, dir, "c"); string(in) != "C\n" {
		t.Errorf("Input(c) = %q", in)
	}
	if msg := failure(t, func(tb testing.TB) { Input(tb, dir, "b") }); !strings.Contains(msg, "no case b") {
		t.Errorf("Input of a missing file failed with %q", msg)
	}
}
