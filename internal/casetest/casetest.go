// Package casetest runs the rewriters' test cases, one harness for every
// format: a case is a txtar file holding the input, the operations to run
// on it, and what they must give; one -update flag rewrites what they must
// give; and one invariant check holds every edit to what DESIGN.md asks of
// a rewrite (valid output, insert-only or delete-only, idempotent, actions
// pointing at their lines).
//
// A case file, testdata/cases/FORMAT/OPERATION/NAME.txtar, reads:
//
//	service redis
//	volume redis_data
//	-- docker-compose.yml --
//	services:
//	  app: …
//	-- want --
//	…the file after the operations…
//	-- want.actions --
//	3: added service redis
//
// The comment holds one operation a line, split into words as a shell
// would (go-shellwords: quotes group words, '…' keeps everything as it is,
// a backslash outside '…' keeps the next character, and a line starting
// with # is a comment); what the words mean is the package's. An unquoted
// ; & | < or > is refused, since go-shellwords would drop the rest of the
// line. The first file is the input, named as the rewriter is told.
// Instead of want and want.actions, a case that must fail has want.err,
// the error's text. Other files are for the package to read (c.File). A
// file whose data does not end with a line break is marked "noeol" after
// its name (-- want noeol --), which txtar cannot say by itself; a file
// that does not exist, such as an input the rewriter is to create, is
// marked "missing" and holds nothing (-- .env.example missing --). Case
// names are lower-case words joined by hyphens, the one naming rule of
// every case folder and file in testdata.
package casetest

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/mattn/go-shellwords"
	"github.com/rogpeppe/go-internal/txtar"

	"github.com/paxx-dev/paxx/rewrite"
)

// update is the one -update flag of paxx's tests: each package that has
// golden files asks Update for it rather than defining a flag of its own.
var update = flag.Bool("update", false, "rewrite the golden files (txtar cases' want sections, golden trees, scripts)")

// Update reports whether the test binary runs with -update: golden files
// are to be written from what the code gives instead of compared with it.
func Update() bool { return *update }

// Sections of a case file that the harness owns.
const (
	sectionWant    = "want"
	sectionActions = "want.actions"
	sectionErr     = "want.err"
	attrNoEOL      = "noeol"
	attrMissing    = "missing"
)

// nameRule is the one naming rule for case folders and files.
var nameRule = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// ValidName reports whether name follows the naming rule of case folders
// and files: lower-case letters and digits in words joined by hyphens.
func ValidName(name string) bool { return nameRule.MatchString(name) }

// Case is one test case read from a txtar file.
type Case struct {
	// Name is the file's name without .txtar: the subtest's name.
	Name string
	// Path is the case file.
	Path string
	// Ops are the comment's operations, a slice of words each.
	Ops []Op
	// InputName and Input are the first file: its name, which the
	// rewriter is given as the path, and its data.
	InputName string
	Input     []byte
	// Missing says the input file does not exist (it is marked
	// "missing"); Input is then nil.
	Missing bool

	files []file
}

// Op is one operation of a case: its words, and the comment line they were
// on, for messages.
type Op struct {
	Line int
	Args []string
}

// String returns the operation as written, for messages.
func (o Op) String() string { return strings.Join(o.Args, " ") }

// file is one file of a case, with its data as the rewriter sees it.
type file struct {
	name    string
	data    []byte
	missing bool
}

// Load reads the cases in dir (the *.txtar files directly in it), sorted
// by name. A case that breaks the naming rule, has no input or holds an
// operation line that does not split is a test failure.
func Load(t testing.TB, dir string) []*Case {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(dir, "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) == 0 {
		t.Fatalf("%s: no cases", dir)
	}
	sort.Strings(paths)
	cases := make([]*Case, 0, len(paths))
	for _, p := range paths {
		c, err := read(p)
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, c)
	}
	return cases
}

// read parses one case file.
func read(path string) (*Case, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	name := strings.TrimSuffix(filepath.Base(path), ".txtar")
	if !ValidName(name) {
		return nil, fmt.Errorf("%s: case name %q is not lower-case words joined by hyphens", path, name)
	}
	a := txtar.Parse(data)
	c := &Case{Name: name, Path: path}
	for i, line := range strings.Split(string(a.Comment), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		p := shellwords.NewParser()
		args, err := p.Parse(line)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %v", path, i+1, err)
		}
		if p.Position >= 0 { // go-shellwords stopped there and dropped the rest
			return nil, fmt.Errorf("%s:%d: an unquoted ; & | < or > ends the words: quote the word that holds it", path, i+1)
		}
		c.Ops = append(c.Ops, Op{Line: i + 1, Args: args})
	}
	for _, f := range a.Files {
		fields := strings.Fields(f.Name)
		if len(fields) == 0 {
			return nil, fmt.Errorf("%s: a file with no name", path)
		}
		d, missing := f.Data, false
		for _, attr := range fields[1:] {
			switch attr {
			case attrNoEOL:
				d = bytes.TrimSuffix(d, []byte("\n"))
			case attrMissing:
				missing = true
			default:
				return nil, fmt.Errorf("%s: file %s: unknown attribute %q", path, fields[0], attr)
			}
		}
		switch {
		case missing && (len(d) > 0 || isWant(fields[0])):
			return nil, fmt.Errorf("%s: file %s: a missing file holds nothing and is not a want section", path, fields[0])
		case missing:
			d = nil
		case d == nil:
			d = []byte{} // an empty file that exists
		}
		c.files = append(c.files, file{fields[0], d, missing})
	}
	if len(c.files) == 0 || isWant(c.files[0].name) {
		return nil, fmt.Errorf("%s: the first file must be the input", path)
	}
	c.InputName, c.Input, c.Missing = c.files[0].name, c.files[0].data, c.files[0].missing
	return c, nil
}

// isWant reports whether a section is one the harness writes.
func isWant(name string) bool {
	return name == sectionWant || name == sectionActions || name == sectionErr
}

// File returns the data of the case's file called name; false when the
// case has no such file or marks it missing.
func (c *Case) File(name string) ([]byte, bool) {
	for _, f := range c.files {
		if f.name == name {
			return f.data, !f.missing
		}
	}
	return nil, false
}

// Fatalf fails the test with a message that names the case file and the
// operation's line.
func (c *Case) Fatalf(t testing.TB, o Op, format string, args ...any) {
	t.Helper()
	t.Fatalf("%s:%d: %s: %s", c.Path, o.Line, o, fmt.Sprintf(format, args...))
}

// Result is what running a case's operations gave: the output and the
// actions of every operation, or the first error.
type Result struct {
	Out     []byte
	Actions []rewrite.Action
	Err     error
}

// Run runs every case in dir as a subtest: run carries out the case's
// operations (checking each edit with Check as it goes), and Run compares
// the result with the case's want and want.actions, or its want.err. With
// -update it writes them instead. An error must be a located
// *rewrite.Error: a rewriter never fails with a bare error.
func Run(t *testing.T, dir string, run func(t *testing.T, c *Case) Result) {
	t.Helper()
	for _, c := range Load(t, dir) {
		t.Run(c.Name, func(t *testing.T) {
			res := run(t, c)
			var re *rewrite.Error
			if res.Err != nil && !errors.As(res.Err, &re) {
				t.Fatalf("%s: error is not a *rewrite.Error: %v", c.Path, res.Err)
			}
			got := wants(res)
			if Update() {
				if err := c.write(got); err != nil {
					t.Fatal(err)
				}
				return
			}
			for _, name := range []string{sectionWant, sectionActions, sectionErr} {
				want, ok := c.File(name)
				have, has := got[name]
				switch {
				case !ok && !has:
				case !ok:
					t.Errorf("%s: got %s, which the case does not have (run with -update to write it):\n%s", c.Path, name, have)
				case !has:
					t.Errorf("%s: the case has %s, but got none (err=%v)", c.Path, name, res.Err)
				default:
					if diff := cmp.Diff(string(want), string(have)); diff != "" {
						t.Errorf("%s: %s mismatch (-want +got):\n%s", c.Path, name, diff)
					}
				}
			}
		})
	}
}

// wants returns the sections a result makes: want and want.actions, or
// want.err.
func wants(res Result) map[string][]byte {
	if res.Err != nil {
		return map[string][]byte{sectionErr: []byte(res.Err.Error() + "\n")}
	}
	var b strings.Builder
	for _, a := range res.Actions {
		b.WriteString(FormatAction(a))
		b.WriteByte('\n')
	}
	return map[string][]byte{sectionWant: res.Out, sectionActions: []byte(b.String())}
}

// FormatAction writes an action as a want.actions line: "LINE: WHAT".
func FormatAction(a rewrite.Action) string {
	return strconv.Itoa(a.Line) + ": " + a.What
}

// write rewrites the case file with the sections got, in place of the
// want sections it had, after the other files.
func (c *Case) write(got map[string][]byte) error {
	data, err := os.ReadFile(c.Path)
	if err != nil {
		return err
	}
	a := txtar.Parse(data)
	var files []txtar.File
	for _, f := range a.Files {
		if fields := strings.Fields(f.Name); len(fields) > 0 && isWant(fields[0]) {
			continue
		}
		files = append(files, f)
	}
	for _, name := range []string{sectionWant, sectionActions, sectionErr} {
		d, ok := got[name]
		if !ok {
			continue
		}
		files = append(files, Section(name, d))
	}
	a.Files = files
	return os.WriteFile(c.Path, txtar.Format(a), 0o644)
}

// Section returns the txtar file for data under name, marked noeol when
// data does not end with a line break: what the case files hold, for tools
// that write them.
func Section(name string, data []byte) txtar.File {
	if len(data) > 0 && !bytes.HasSuffix(data, []byte("\n")) {
		return txtar.File{Name: name + " " + attrNoEOL, Data: append(append([]byte{}, data...), '\n')}
	}
	return txtar.File{Name: name, Data: data}
}

// Inputs returns the inputs of the cases in dir, in name order, leaving
// out missing files: the seeds of a package's fuzz targets.
func Inputs(tb testing.TB, dir string) [][]byte {
	tb.Helper()
	var inputs [][]byte
	for _, c := range Load(tb, dir) {
		if !c.Missing {
			inputs = append(inputs, c.Input)
		}
	}
	return inputs
}

// Input returns the input of the case called name in dir: a benchmark's
// or an example's file.
func Input(tb testing.TB, dir, name string) []byte {
	tb.Helper()
	for _, c := range Load(tb, dir) {
		if c.Name == name && !c.Missing {
			return c.Input
		}
	}
	tb.Fatalf("%s: no case %s with an input", dir, name)
	return nil
}

// Edited parses src with parse, runs one edit method of the file on it and
// returns the bytes it gives: how a test that compares bytes calls a
// format's edits. A syntax error in src is the error, as it is for an edit
// of a file that parse gave.
func Edited[F interface{ Bytes() []byte }](parse func(path string, src []byte) (F, error), path string, src []byte, edit func(F) (F, []rewrite.Action, error)) ([]byte, []rewrite.Action, error) {
	f, err := parse(path, src)
	if err != nil {
		return nil, nil, err
	}
	g, actions, err := edit(f)
	if err != nil {
		return nil, nil, err
	}
	return g.Bytes(), actions, nil
}
