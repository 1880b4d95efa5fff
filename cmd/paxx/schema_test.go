package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pelletier/go-toml/v2"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/paxx-dev/paxx/components"
)

// schemaDir holds the JSON Schema files of the documents paxx prints, one
// directory per major format version.
const schemaDir = "../../schema/v1"

// compileSchemas compiles every schema in schemaDir, keyed by file name
// without .json ("list", "add", ...). The files are registered under their
// $id, so their references to each other resolve without a network.
func compileSchemas(t *testing.T) map[string]*jsonschema.Schema {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(schemaDir, "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no schema files in %s: %v", schemaDir, err)
	}
	c := jsonschema.NewCompiler()
	ids := map[string]string{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		id, _ := doc.(map[string]any)["$id"].(string)
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		if want := "https://raw.githubusercontent.com/paxx-dev/paxx/main/schema/v1/" + name + ".json"; id != want {
			t.Fatalf("%s: $id is %q, want %q", f, id, want)
		}
		if err := c.AddResource(id, doc); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		ids[name] = id
	}
	out := map[string]*jsonschema.Schema{}
	for name, id := range ids {
		s, err := c.Compile(id)
		if err != nil {
			t.Fatalf("compiling %s: %v", name, err)
		}
		out[name] = s
	}
	return out
}

// TestJSONSchemas runs every command that prints a JSON document on the
// example project, in the states a project goes through, and validates each
// document against its schema. A key the schema does not declare fails too:
// the schemas are open for consumers (they ignore unknown keys) but must
// describe everything paxx prints.
func TestJSONSchemas(t *testing.T) {
	schemas := compileSchemas(t)
	dir := filepath.Join(t.TempDir(), "example")
	if err := copyTree("../../testdata/example", dir); err != nil {
		t.Fatal(err)
	}
	config := filepath.Join(dir, "app/core/config.py")
	pyproject := filepath.Join(dir, "pyproject.toml")

	steps := []struct {
		name   string
		schema string
		args   []string
		code   int
		before func(t *testing.T)
	}{
		{name: "list before add", schema: "list", args: []string{"infra", "list", "--json", "-C", dir}},
		{name: "show", schema: "show", args: []string{"infra", "show", "redis", "--json"}},
		{name: "add dry run", schema: "add", args: []string{"infra", "add", "redis", "--dry-run", "--json", "-C", dir}},
		{name: "add", schema: "add", args: []string{"infra", "add", "redis", "--json", "-C", dir}},
		{name: "add again", schema: "add", args: []string{"infra", "add", "redis", "--json", "-C", dir}},
		{name: "add again dry run", schema: "add", args: []string{"infra", "add", "redis", "--dry-run", "--json", "-C", dir}},
		{name: "list after add", schema: "list", args: []string{"infra", "list", "--json", "-C", dir}},
		{name: "check clean", schema: "check", args: []string{"infra", "check", "--json", "-C", dir}},
		{
			name: "check drift", schema: "check", args: []string{"infra", "check", "--json", "-C", dir}, code: exitDrift,
			before: func(t *testing.T) { editFile(t, config, "    redis_url: str = \"redis://localhost:6379/0\"\n", "") },
		},
		{
			name: "check inferred", schema: "check", args: []string{"infra", "check", "--json", "-C", dir}, code: exitDrift,
			before: func(t *testing.T) { editFile(t, pyproject, "[tool.paxx]\ninfra = [\"redis\"]\n", "") },
		},
	}
	for _, st := range steps {
		if st.before != nil {
			st.before(t)
		}
		var stdout, stderr bytes.Buffer
		code := run(st.args, &stdout, &stderr)
		if code != st.code {
			t.Fatalf("%s: exit %d, want %d; stderr: %s", st.name, code, st.code, stderr.String())
		}
		validate(t, st.name, schemas[st.schema], stdout.Bytes())
	}
}

// TestRemoveSchema checks the schema of remove's document, which has the
// shape of add's: remove is not written yet, so the document is the one the
// output code builds for it.
func TestRemoveSchema(t *testing.T) {
	schemas := compileSchemas(t)
	res := &components.Result{
		Components: []string{"redis"},
		Findings: []components.Finding{
			{Component: "redis", Kind: "removed", Path: "app/core/config.py", Line: 12, Message: "removed field redis_url in Settings"},
		},
	}
	doc := newResultDoc("remove", res)
	doc.DryRun = true
	doc.Diff = "--- a/app/core/config.py\n+++ b/app/core/config.py\n"
	data, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	validate(t, "remove", schemas["remove"], data)
}

// TestSchemasReject makes sure the schemas are not vacuous: documents that
// break format 1 fail.
func TestSchemasReject(t *testing.T) {
	schemas := compileSchemas(t)
	bad := []struct{ schema, doc string }{
		{"list", `{"format_version": "2.0", "components": []}`},
		{"list", `{"components": []}`},
		{"check", `{"format_version": "1.0", "command": "add", "components": [], "drift": false, "findings": []}`},
		{"check", `{"format_version": "1.0", "command": "check", "components": [], "drift": false, "findings": [{"component": "redis", "kind": "fixed", "path": "a", "message": "m"}]}`},
		{"add", `{"format_version": "1.0", "command": "add", "components": [], "drift": false, "findings": [], "files": [{"path": "a", "status": "renamed"}]}`},
		{"show", `{"format_version": "1.0", "name": "redis"}`},
		{"error", `{"format_version": "1.2", "error": {"path": "", "line": 0, "column": 0, "message": "m"}, "errors": [{"path": "", "line": 0, "column": 0, "message": "m", "hint": ""}]}`},
		{"error", `{"format_version": "1.2", "error": {"path": "", "line": 0, "column": 0, "message": "m", "hint": ""}, "errors": []}`},
		{"error", `{"format_version": "1.2", "error": {"path": "", "line": -1, "column": 0, "message": "m", "hint": ""}, "errors": [{"path": "", "line": 0, "column": 0, "message": "m", "hint": ""}]}`},
	}
	for _, b := range bad {
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(b.doc))
		if err != nil {
			t.Fatal(err)
		}
		if schemas[b.schema].Validate(inst) == nil {
			t.Errorf("%s schema accepts %s", b.schema, b.doc)
		}
	}

	extra := `{"format_version": "1.1", "extra": 1,
		"components": [{"name": "redis", "summary": "", "requires": [], "installed": false, "colour": "red"}]}`
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(extra))
	if err != nil {
		t.Fatal(err)
	}
	if err := schemas["list"].Validate(inst); err != nil {
		t.Errorf("list schema rejects a 1.1 document with more keys: %v", err)
	}
	got := undeclared("", inst, []*jsonschema.Schema{schemas["list"]})
	if want := []string{"/components/*/colour", "/extra"}; !slices.Equal(got, want) {
		t.Errorf("undeclared keys = %q, want %q", got, want)
	}
}

// validate asserts that data is one JSON document valid against s, with no
// key that s does not declare.
func validate(t *testing.T, name string, s *jsonschema.Schema, data []byte) {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: not one JSON document: %v\n%s", name, err, data)
	}
	if err := s.Validate(inst); err != nil {
		t.Errorf("%s: %v\n%s", name, err, data)
	}
	if keys := undeclared("", inst, []*jsonschema.Schema{s}); len(keys) > 0 {
		t.Errorf("%s: keys missing from the schema: %s", name, strings.Join(keys, ", "))
	}
}

// undeclared returns the JSON pointers of the object keys in v that none of
// the schemas ss declares in its properties, following $ref, allOf, anyOf
// and oneOf, and array items.
func undeclared(ptr string, v any, ss []*jsonschema.Schema) []string {
	var all []*jsonschema.Schema
	for _, s := range ss {
		all = expand(all, s)
	}
	var out []string
	switch v := v.(type) {
	case map[string]any:
		for k, val := range v {
			var subs []*jsonschema.Schema
			for _, s := range all {
				if p, ok := s.Properties[k]; ok {
					subs = append(subs, p)
				}
			}
			if len(subs) == 0 {
				out = append(out, ptr+"/"+k)
				continue
			}
			out = append(out, undeclared(ptr+"/"+k, val, subs)...)
		}
	case []any:
		var items []*jsonschema.Schema
		for _, s := range all {
			if s.Items2020 != nil {
				items = append(items, s.Items2020)
			}
		}
		for _, val := range v {
			out = append(out, undeclared(ptr+"/*", val, items)...)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// expand appends s and every schema it applies in place to acc.
func expand(acc []*jsonschema.Schema, s *jsonschema.Schema) []*jsonschema.Schema {
	if s == nil || slices.Contains(acc, s) {
		return acc
	}
	acc = append(acc, s)
	acc = expand(acc, s.Ref)
	for _, group := range [][]*jsonschema.Schema{s.AllOf, s.AnyOf, s.OneOf} {
		for _, sub := range group {
			acc = expand(acc, sub)
		}
	}
	return acc
}

// editFile replaces old with new in the file, failing when old is absent.
func editFile(t *testing.T, path, old, new string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(old)) {
		t.Fatalf("%s does not contain %q", path, old)
	}
	if err := os.WriteFile(path, bytes.Replace(data, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestListAutomatic runs list on the example project once tasks is added,
// which brings redis in as automatic, and again once redis is added by
// name: the JSON document (valid against list.json) and the text mark
// redis automatic in the first case only, and tasks never.
func TestListAutomatic(t *testing.T) {
	schemas := compileSchemas(t)
	dir := filepath.Join(t.TempDir(), "example")
	if err := copyTree("../../testdata/example", dir); err != nil {
		t.Fatal(err)
	}
	type state struct{ installed, automatic bool }
	steps := []struct {
		add  string
		want map[string]state
	}{
		{
			add:  "tasks",
			want: map[string]state{"redis": {true, true}, "tasks": {true, false}, "storage": {false, false}},
		},
		{
			add:  "redis",
			want: map[string]state{"redis": {true, false}, "tasks": {true, false}, "storage": {false, false}},
		},
	}
	for _, st := range steps {
		var stdout, stderr bytes.Buffer
		if code := run([]string{"infra", "add", st.add, "-C", dir}, &stdout, &stderr); code != 0 {
			t.Fatalf("add %s: exit %d: %s", st.add, code, stderr.String())
		}
		stdout.Reset()
		if code := run([]string{"infra", "list", "--json", "-C", dir}, &stdout, &stderr); code != 0 {
			t.Fatalf("list --json: exit %d: %s", code, stderr.String())
		}
		validate(t, "list after add "+st.add, schemas["list"], stdout.Bytes())
		var doc listDoc
		if err := json.Unmarshal(stdout.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		for _, c := range doc.Components {
			if want, ok := st.want[c.Name]; ok && (state{c.Installed, c.Automatic}) != want {
				t.Errorf("after add %s: %s is installed %v automatic %v, want %+v", st.add, c.Name, c.Installed, c.Automatic, want)
			}
		}
		stdout.Reset()
		if code := run([]string{"infra", "list", "-C", dir}, &stdout, &stderr); code != 0 {
			t.Fatalf("list: exit %d: %s", code, stderr.String())
		}
		for _, line := range strings.Split(stdout.String(), "\n") {
			for name, want := range st.want {
				if strings.HasPrefix(line, "* "+name+" ") || strings.HasPrefix(line, "  "+name+" ") {
					if got := strings.HasSuffix(line, "[automatic]"); got != want.automatic {
						t.Errorf("after add %s: %q marked automatic %v, want %v", st.add, line, got, want.automatic)
					}
				}
			}
		}
	}
}

// tomlAsJSON reads a component.toml and returns it as the JSON value the
// schema validates: TOML maps onto JSON one to one.
func tomlAsJSON(t *testing.T, file string) any {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var v map[string]any
	if err := toml.Unmarshal(data, &v); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	j, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(j))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestComponentSchema validates schema/v1/component.json against every
// component.toml that paxx accepts (the built-ins, the RabbitMQ example,
// what paxx infra new writes) and expects it to reject the bad fixtures
// whose fault is one of structure; the others (templates, PEP 508, YAML,
// module paths and a None default the type does not admit) are for lint.
func TestComponentSchema(t *testing.T) {
	schema := compileSchemas(t)["component"]
	good, err := filepath.Glob("../../components/builtin/*/component.toml")
	if err != nil || len(good) != 7 {
		t.Fatalf("built-in component.toml files: %v, %v", good, err)
	}
	good = append(good, "../../testdata/components/rabbitmq/component.toml")
	proj := filepath.Join(t.TempDir(), "example")
	if err := copyTree("../../testdata/example", proj); err != nil {
		t.Fatal(err)
	}
	if _, _, err := components.New(proj, "search"); err != nil {
		t.Fatal(err)
	}
	good = append(good, filepath.Join(proj, ".paxx/components/search/component.toml"))
	for _, f := range good {
		if err := schema.Validate(tomlAsJSON(t, f)); err != nil {
			t.Errorf("%s does not validate: %v", f, err)
		}
	}
	structural := map[string]bool{
		"unknown-key": true, "missing-name": true, "wrong-type": true, "field-not-identifier": true,
		"type-unknown-name": false, "requirement-not-pep508": false, "body-not-yaml": false, "body-other-image": false,
		"module-leaves-core": true, "module-absolute": true, "module-no-template": false,
		"app-environment-unknown-field": false, "builtin-name-replaces-other": false, "field-none-default": false,
		"template-does-not-parse": false, "template-unknown-value": false, "template-unknown-field": false,
	}
	bad, err := filepath.Glob("../../testdata/components/bad/*/component.toml")
	if err != nil || len(bad) != len(structural) {
		t.Fatalf("bad fixtures: %d, cases: %d (%v)", len(bad), len(structural), err)
	}
	for _, f := range bad {
		name := filepath.Base(filepath.Dir(f))
		want, ok := structural[name]
		if !ok {
			t.Errorf("%s: no case", name)
			continue
		}
		if got := schema.Validate(tomlAsJSON(t, f)) != nil; got != want {
			t.Errorf("%s: schema rejects it = %v, want %v", name, got, want)
		}
	}
}
