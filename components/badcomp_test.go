package components_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/paxx-dev/paxx/components"
	"github.com/paxx-dev/paxx/rewrite"
)

// TestBadComponentsRefused loads every folder under
// testdata/components/bad, each a component with one fault, and expects
// the refusal (exit 2 in the CLI) at the fault's path:line:col.
func TestBadComponentsRefused(t *testing.T) {
	const dir = "../testdata/components/bad"
	tests := map[string]string{
		"unknown-key":                   "unknown-key/component.toml:14:1: unknown key service.imagee (docs/components.md lists the keys a component may have)",
		"missing-name":                  "missing-name/component.toml:1:1: missing name: every component has one, such as name = \"rabbitmq\"",
		"wrong-type":                    "wrong-type/component.toml:1:8: toml: cannot decode TOML integer into struct field components.manifest.Name of type string",
		"field-not-identifier":          "field-not-identifier/component.toml:7:8: field name \"bad-url\" is not a Python identifier in lower snake case",
		"field-none-default":            "field-none-default/component.toml:6:3: field bad_url has no default, which means None, but its type \"str\" does not admit None (write \"str | None\", or give a default)",
		"type-unknown-name":             "type-unknown-name/component.toml:8:8: type \"HttpUrl\" of field bad_url uses HttpUrl; a component's types may use str, int, float, bool, None, Literal, Optional, SecretStr",
		"requirement-not-pep508":        "requirement-not-pep508/component.toml:4:17: dependency \"aio pika>>9\" is not a PEP 508 requirement: unexpected \"pika>>9\" at column 5",
		"body-not-yaml":                 "body-not-yaml/component.toml:18:1: service body is not YAML: found unexpected end of stream",
		"body-other-image":              "body-other-image/component.toml:15:8: service body runs rabbitmq:4, but image is rabbitmq:3.13: make them the same",
		"module-leaves-core":            "module-leaves-core/component.toml:22:8: module ../bad.py leaves the core package: name a file in it, such as \"cache.py\"",
		"module-absolute":               "module-absolute/component.toml:22:8: module /tmp/bad.py leaves the core package: name a file in it, such as \"cache.py\"",
		"module-no-template":            "module-no-template/component.toml:21:3: module other.py: template other.py.tmpl not found in ",
		"app-environment-unknown-field": "app-environment-unknown-field/component.toml:14:30: app_environment sets field \"bad_uri\", which is not one of the component's settings (bad_url)",
		"builtin-name-replaces-other":   "builtin-name-replaces-other/component.toml:2:12: replaces \"valkey\", but the component is called \"redis\": a component replaces the built-in of its own name",
		"template-does-not-parse":       "template-does-not-parse/bad.py.tmpl:3:1: template: unexpected \"}\" in operand",
		"template-unknown-value":        "template-unknown-value/bad.py.tmpl:3:8: template: no value .Setting: a template can use .Import, .Settings, .Core, .Service, attr and env",
		"template-unknown-field":        "template-unknown-field/bad.py.tmpl:3:22: template: executing \"bad.py.tmpl\" at <attr \"bad_uri\">: error calling attr: no field \"bad_uri\" in the component (its fields: bad_url)",
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != len(tests) {
		t.Errorf("%d folders under %s, %d cases: give every bad component its expected error", len(entries), dir, len(tests))
	}
	for name, want := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := components.LoadDir(filepath.Join(dir, name))
			if err == nil {
				t.Fatal("loaded; want a refusal")
			}
			if !errors.Is(err, rewrite.ErrRefused) {
				t.Errorf("%v is not a refusal (exit 2)", err)
			}
			var located *rewrite.Error
			if !errors.As(err, &located) || located.Line == 0 || located.Col == 0 {
				t.Errorf("%v names no line and column", err)
			}
			got := err.Error()
			if want = dir + "/" + want; len(got) < len(want) || got[:len(want)] != want {
				t.Errorf("error:\n got %s\nwant %s…", got, want)
			}
		})
	}
}
