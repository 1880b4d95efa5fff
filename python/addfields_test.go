package python

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/paxx-dev/paxx/internal/casetest"
	"github.com/paxx-dev/paxx/rewrite"
)

// python's cases are casetest files, one folder per edit:
// testdata/cases/python/add-fields/*.txtar for AddFields,
// testdata/cases/python/remove-fields/*.txtar for RemoveFields,
// testdata/cases/python/add-imports/*.txtar for AddImports, and
// testdata/cases/python/remove-imports/*.txtar for RemoveImports. Each is
// one call on the input, whose section is named as the tests have always
// named the module: settings.py for the fields, input.py for the imports
// (errors read path:line:col as paxx prints them). The operations are the
// call's arguments, one a line, split into words as a shell would (see
// casetest):
//
//	class Settings
//	field redis_url str str:redis://localhost:6379/0 Redis
//	field arq_max_jobs int int:10 'Background tasks'
//	field storage_s3_secret_key 'SecretStr | None' none Storage
//	field ws_heartbeat_interval int 'expr:Field(default=30, ge=1)' WebSocket
//	field cache_prefix str 'strq:"it'\''s \\ \"here\"\n"' Redis
//
//	import pydantic SecretStr
//
//   - class NAME comes first, once: the class to edit (AddFields,
//     RemoveFields).
//   - field NAME TYPE DEFAULT SECTION is one NewField; TYPE is the
//     annotation's source as it is.
//   - DEFAULT is one word that names the Go type of NewField.Default, so
//     that 10, 10.0 and "10" stay apart: str:TEXT (a string, TEXT as it
//     is), strq:GO-LITERAL (a string given as a Go string literal,
//     strconv.Unquote, for values one line of words cannot hold: line
//     breaks, other control characters, bytes that are not UTF-8),
//     int:N (an int), float:X (a float64, even when X is whole),
//     bool:true or bool:false, none (nil, Python's None) and expr:TEXT
//     (an Expr, written into the module as it is).
//   - import MODULE NAME is one Import (AddImports, RemoveImports).
//
// Quote a word in '…' when it holds anything but letters, digits and
// _@%+=:,./- (a ' inside is written '\'').

// The case folders, one per edit.
var (
	addFieldsCases    = filepath.Join("..", "testdata", "cases", "python", "add-fields")
	removeFieldsCases = filepath.Join("..", "testdata", "cases", "python", "remove-fields")
	addImportsCases   = filepath.Join("..", "testdata", "cases", "python", "add-imports")
)

// redisField is the field the tests add outside the cases, and the one
// most cases add.
func redisField() NewField {
	return NewField{Name: "redis_url", Type: "str", Default: "redis://localhost:6379/0", Section: "Redis"}
}

// fieldArgs reads a case's operations: the class and the fields.
func fieldArgs(t testing.TB, c *casetest.Case) (string, []NewField) {
	t.Helper()
	if len(c.Ops) < 2 {
		t.Fatalf("%s: want class NAME, then field NAME TYPE DEFAULT SECTION lines", c.Path)
	}
	var class string
	var fields []NewField
	for i, o := range c.Ops {
		switch verb := o.Args[0]; {
		case verb == "class" && len(o.Args) == 2 && i == 0:
			class = o.Args[1]
		case verb == "field" && len(o.Args) == 5 && i > 0:
			d, err := parseDefault(o.Args[3])
			if err != nil {
				c.Fatalf(t, o, "%v", err)
			}
			fields = append(fields, NewField{Name: o.Args[1], Type: o.Args[2], Default: d, Section: o.Args[4]})
		default:
			c.Fatalf(t, o, "want class NAME first, then field NAME TYPE DEFAULT SECTION")
		}
	}
	return class, fields
}

// parseDefault reads a DEFAULT word of the operations: KIND:TEXT, or none.
func parseDefault(word string) (any, error) {
	if word == "none" {
		return nil, nil
	}
	kind, text, ok := strings.Cut(word, ":")
	if !ok {
		return nil, fmt.Errorf("default %q: want str:, strq:, int:, float:, bool:, expr: or none", word)
	}
	switch kind {
	case "str":
		return text, nil
	case "strq":
		s, err := strconv.Unquote(text)
		if err != nil {
			return nil, fmt.Errorf("default %q: not a Go string literal: %v", word, err)
		}
		return s, nil
	case "int":
		n, err := strconv.Atoi(text)
		if err != nil {
			return nil, fmt.Errorf("default %q: %v", word, err)
		}
		return n, nil
	case "float":
		x, err := strconv.ParseFloat(text, 64)
		if err != nil {
			return nil, fmt.Errorf("default %q: %v", word, err)
		}
		return x, nil
	case "bool":
		switch text {
		case "true":
			return true, nil
		case "false":
			return false, nil
		}
		return nil, fmt.Errorf("default %q: want bool:true or bool:false", word)
	case "expr":
		if text == "" {
			return nil, fmt.Errorf("default %q: an empty expression", word)
		}
		return Expr(text), nil
	}
	return nil, fmt.Errorf("default %q: unknown kind %q", word, kind)
}

// TestFieldArgs checks that the operations give every default with its Go
// type, and strings with spaces, quotes, backslashes, prefixes and line
// breaks exactly.
func TestFieldArgs(t *testing.T) {
	dir := t.TempDir()
	ops := `class AppConfig
field a str str:redis://localhost:6379/0 Redis
field b str str: 'Background tasks'
field c str 'str:it'\''s "both" # not a comment' S
field d str 'str:C:\new\path\\' S
field e str str:int:10 S
field f str str:none S
field g str 'strq:"a\nb\r\n\t\xff"' S
field h int int:10 S
field i int int:-3 S
field j float float:0.25 S
field k float float:10 S
field l bool bool:true S
field m bool bool:false S
field n 'SecretStr | None' none S
field o int 'expr:Field(default=30, ge=1)' S
field p 'Literal["local", "s3"]' 'str:a;b|c&d<e>f $(g)' ''
`
	if err := os.WriteFile(filepath.Join(dir, "tricky.txtar"), []byte(ops+"-- settings.py --\nx = 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	class, fields := fieldArgs(t, casetest.Load(t, dir)[0])
	want := []NewField{
		{"a", "str", "redis://localhost:6379/0", "Redis"},
		{"b", "str", "", "Background tasks"},
		{"c", "str", `it's "both" # not a comment`, "S"},
		{"d", "str", `C:\new\path\\`, "S"},
		{"e", "str", "int:10", "S"},
		{"f", "str", "none", "S"},
		{"g", "str", "a\nb\r\n\t\xff", "S"},
		{"h", "int", 10, "S"},
		{"i", "int", -3, "S"},
		{"j", "float", 0.25, "S"},
		{"k", "float", 10.0, "S"},
		{"l", "bool", true, "S"},
		{"m", "bool", false, "S"},
		{"n", "SecretStr | None", nil, "S"},
		{"o", "int", Expr("Field(default=30, ge=1)"), "S"},
		{"p", `Literal["local", "s3"]`, "a;b|c&d<e>f $(g)", ""},
	}
	if class != "AppConfig" {
		t.Errorf("class = %q", class)
	}
	if len(fields) != len(want) {
		t.Fatalf("%d fields, want %d", len(fields), len(want))
	}
	for i := range want {
		// %#v tells 10 from 10.0 and "10", and an Expr from a string.
		if g, w := fmt.Sprintf("%#v", fields[i]), fmt.Sprintf("%#v", want[i]); g != w {
			t.Errorf("field %d = %s, want %s", i, g, w)
		}
	}
	for _, bad := range []string{"redis", "10", "int:ten", "int:1.5", "float:x", "bool:yes", "bool:1", "strq:abc", "expr:", "list:[]", "None"} {
		if d, err := parseDefault(bad); err == nil {
			t.Errorf("parseDefault(%q) = %#v, want an error", bad, d)
		}
	}
}

// TestAddFieldsCases runs AddFields on each case of
// testdata/cases/python/add-fields, holds every edit to casetest.Check,
// and checks what is python's own (checkAdded).
func TestAddFieldsCases(t *testing.T) {
	if n := len(casetest.Load(t, addFieldsCases)); n < 20 {
		t.Errorf("%d AddFields cases, want at least 20", n)
	}
	casetest.Run(t, addFieldsCases, func(t *testing.T, c *casetest.Case) casetest.Result {
		class, fields := fieldArgs(t, c)
		out, actions, err := casetest.Edited(Parse, c.InputName, c.Input, func(f *File) (*File, []rewrite.Action, error) {
			return f.AddFields(class, fields)
		})
		if err != nil {
			checkErrKind(t, err)
			return casetest.Result{Err: err}
		}
		casetest.Check(t, casetest.Edit{
			Op:      fmt.Sprintf("%s: AddFields(%s)", c.Name, class),
			In:      c.Input,
			Out:     out,
			Actions: actions,
			Marker:  ":",
			Parse:   parseErr(c.InputName),
			Again: func(src []byte) ([]byte, []rewrite.Action, error) {
				return casetest.Edited(Parse, c.InputName, src, func(f *File) (*File, []rewrite.Action, error) {
					return f.AddFields(class, fields)
				})
			},
		})
		checkAdded(t, c.InputName, c.Input, out, actions, class, fields)
		return casetest.Result{Out: out, Actions: actions}
	})
}

// parseErr returns the Parse of casetest.Edit: the bytes must parse as a
// module at path.
func parseErr(path string) func([]byte) error {
	return func(src []byte) error {
		_, err := Parse(path, src)
		return err
	}
}

// checkErrKind fails the test unless err is a *rewrite.Error with a kind
// (casetest.Run checks only that it is a *rewrite.Error).
func checkErrKind(t testing.TB, err error) {
	t.Helper()
	var rerr *rewrite.Error
	if !errors.As(err, &rerr) || rerr.Kind == nil {
		t.Errorf("error %v is not a *rewrite.Error with a kind", err)
	}
}

// checkAdded asserts what an AddFields output must be beyond
// casetest.Check: in the file's line endings, BOM and final-newline style,
// with the class and every field present, and every action pointing at
// the line of its field and naming the class.
func checkAdded(t *testing.T, path string, in, out []byte, actions []rewrite.Action, class string, fields []NewField) {
	t.Helper()
	if rewrite.Newline(in) == "\r\n" && bytes.Count(out, []byte("\n")) != bytes.Count(out, []byte("\r\n"))+bytes.Count(in, []byte("\n"))-bytes.Count(in, []byte("\r\n")) {
		t.Errorf("inserted line breaks are not CRLF like the file's")
	}
	if bytes.HasPrefix(in, []byte(rewrite.BOM)) != bytes.HasPrefix(out, []byte(rewrite.BOM)) {
		t.Errorf("BOM not kept")
	}
	if rewrite.EndsWithNewline(in) != rewrite.EndsWithNewline(out) {
		t.Errorf("final newline: input %v, output %v", rewrite.EndsWithNewline(in), rewrite.EndsWithNewline(out))
	}
	f, err := Parse(path, out)
	if err != nil {
		t.Fatalf("output does not parse: %v", err)
	}
	c, ok := f.Class(class)
	if !ok {
		t.Fatalf("class %s is gone", class)
	}
	for _, nf := range fields {
		if _, ok := c.HasField(nf.Name); !ok {
			t.Errorf("field %s missing from the output", nf.Name)
		}
	}
	lines := strings.Split(string(out), "\n")
	for _, a := range actions {
		if a.Line < 1 || a.Line > len(lines) {
			t.Errorf("action %+v: no such line", a)
			continue
		}
		name := strings.Fields(strings.TrimPrefix(a.What, "field "))[0]
		if !strings.HasPrefix(strings.TrimSpace(lines[a.Line-1]), name+":") {
			t.Errorf("action %+v points at %q", a, lines[a.Line-1])
		}
		if !strings.HasSuffix(a.What, " in "+class) {
			t.Errorf("action %+v does not name class %s", a, class)
		}
	}
}

// caseNamed returns the case called name in dir.
func caseNamed(tb testing.TB, dir, name string) *casetest.Case {
	tb.Helper()
	for _, c := range casetest.Load(tb, dir) {
		if c.Name == name {
			return c
		}
	}
	tb.Fatalf("%s: no case %s", dir, name)
	return nil
}
