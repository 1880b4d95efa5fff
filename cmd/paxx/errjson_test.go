package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestErrorJSON runs failing commands with --json: each exits 2, prints one
// document valid against error.json on stdout (and the message on stderr
// still), with the failure's place, message and hint apart.
func TestErrorJSON(t *testing.T) {
	schemas := compileSchemas(t)
	dir := filepath.Join(t.TempDir(), "example")
	if err := copyTree("../../testdata/example", dir); err != nil {
		t.Fatal(err)
	}
	draft := filepath.Join(dir, ".paxx", "components", "draft")
	if err := os.MkdirAll(draft, 0o755); err != nil {
		t.Fatal(err)
	}
	// Two faults: a dependency and a field name that are not ones.
	if err := os.WriteFile(filepath.Join(draft, "component.toml"), []byte("name = \"draft\"\nsummary = \"s\"\nsection = \"Draft\"\ndependencies = [\"aio pika>>9\"]\n\n[[settings]]\nname = \"Bad-Name\"\ntype = \"str\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		args   []string
		before func(t *testing.T)
		want   []errorItem // "" and 0 match anything but "" and 0
		count  int         // len(errors)
	}{
		{
			name: "usage", args: []string{"infra", "add", "--json"}, count: 1,
			want: []errorItem{{Message: "missing argument: paxx infra add takes one or more component names or folders, such as: paxx infra add redis", Hint: "Run 'paxx infra add --help' for usage."}},
		},
		{
			name: "unknown flag", args: []string{"infra", "add", "redis", "--json", "--bogus"}, count: 1,
			want: []errorItem{{Message: "unknown flag: --bogus", Hint: "Run 'paxx infra add --help' for usage."}},
		},
		{
			name: "unknown component", args: []string{"infra", "add", "nope", "--json", "-C", dir}, count: 1,
			want: []errorItem{{Message: "unknown component \"nope\" (run `paxx infra list` to see them all)"}},
		},
		{
			name: "settings file missing", args: []string{"infra", "add", "redis", "--json", "-C", dir, "--settings", "nope.py"}, count: 1,
			want: []errorItem{{Path: "nope.py", Message: "no such Python file in the project (named by --settings)", Hint: "from where paxx runs"}},
		},
		{
			name: "every fault of a draft", args: []string{"infra", "add", "draft", "--json", "-C", dir}, count: 2,
			want: []errorItem{
				{Path: ".paxx/components/draft/component.toml", Line: 1, Column: 1, Message: "Bad-Name"},
				{Path: ".paxx/components/draft/component.toml", Line: 1, Column: 1, Message: "aio pika>>9"},
			},
		},
		{
			name: "syntax error", args: []string{"infra", "add", "redis", "--json", "-C", dir}, count: 1,
			before: func(t *testing.T) {
				editFile(t, filepath.Join(dir, "app/core/config.py"), "\nclass Settings(BaseSettings):", "\nclass Settings(BaseSettings)")
			},
			want: []errorItem{{Path: "app/core/config.py", Line: 1, Column: 1, Message: "invalid Python syntax", Hint: "fix the file"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.before != nil {
				tt.before(t)
			}
			var stdout, stderr bytes.Buffer
			if code := run(tt.args, &stdout, &stderr); code != exitError {
				t.Fatalf("exit %d, want %d; stderr: %s", code, exitError, stderr.String())
			}
			if !strings.HasPrefix(stderr.String(), "paxx: ") {
				t.Errorf("stderr = %q, want the message there too", stderr.String())
			}
			validate(t, tt.name, schemas["error"], stdout.Bytes())
			var doc errorDoc
			if err := json.Unmarshal(stdout.Bytes(), &doc); err != nil {
				t.Fatal(err)
			}
			if len(doc.Errors) != tt.count || doc.Error != doc.Errors[0] {
				t.Fatalf("error %+v, errors %+v: want %d, the first as error", doc.Error, doc.Errors, tt.count)
			}
			for i, w := range tt.want {
				matchItem(t, doc.Errors[i], w)
			}
		})
	}
}

// matchItem checks got against want: the path, message and hint contain
// want's ("" matches anything); a line or column of want that is not 0
// asks for one (got's is then not 0); want with no place asks for none.
func matchItem(t *testing.T, got, want errorItem) {
	t.Helper()
	located := want.Path != ""
	switch {
	case !strings.Contains(got.Path, want.Path),
		!strings.Contains(got.Message, want.Message),
		!strings.Contains(got.Hint, want.Hint),
		!located && (got.Path != "" || got.Line != 0 || got.Column != 0),
		want.Line != 0 && got.Line == 0, want.Column != 0 && got.Column == 0,
		strings.Contains(got.Message, got.Path+":") && got.Path != "":
		t.Errorf("got %+v, want %+v", got, want)
	}
	if got.Hint != "" && strings.Contains(got.Message, "("+got.Hint+")") {
		t.Errorf("message %q repeats the hint", got.Message)
	}
}

// TestNoJSONNoErrorDocument keeps stdout empty on a failure without
// --json: the error document is for scripts that asked for JSON.
func TestNoJSONNoErrorDocument(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"infra", "add", "nope", "-C", t.TempDir()}, &stdout, &stderr); code != exitError || stdout.Len() != 0 {
		t.Errorf("exit %d, stdout %q; want 2 and nothing", code, stdout.String())
	}
	if got := wantsJSON([]string{"infra", "add", "--", "--json"}); got {
		t.Error("wantsJSON reads past --")
	}
}
