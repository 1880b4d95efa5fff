package compose

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/paxx-dev/paxx/rewrite"
)

const readSrc = `x-base: &base
  image: busybox
  environment:
    SHARED: "1"

services:
  worker:
    build: .
    <<: *base
  api:
    build: ./api
    environment:
      - A=1
      - B
      - "C=x=y"
    depends_on: [db, cache]
  db:
    image: docker.io/library/postgres:16-alpine
    depends_on:
      cache:
        condition: service_healthy
  cache:
    image: bitnami/redis:7.2
  kv:
    image: ${KV_IMAGE:-valkey/valkey:8}
  other:
    image: ghcr.io/someone/redis-stack:latest
  mirror:
    image: localhost:5000/redis@sha256:abc
volumes:
  pgdata:
  cache: {}
`

func TestRead(t *testing.T) {
	f, err := Parse("compose.yml", []byte(readSrc))
	if err != nil {
		t.Fatal(err)
	}
	names := func(ss []Service) []string {
		var out []string
		for _, s := range ss {
			out = append(out, s.Name)
		}
		return out
	}
	if diff := cmp.Diff([]string{"worker", "api", "db", "cache", "kv", "other", "mirror"}, names(f.Services())); diff != "" {
		t.Errorf("Services (-want +got):\n%s", diff)
	}
	if s, _ := f.Service("worker"); s != (Service{Name: "worker", Image: "busybox", Build: true, Line: 7}) {
		t.Errorf("Service(worker) = %+v", s)
	}
	if diff := cmp.Diff(map[string]string{"A": "1", "B": "", "C": "x=y"}, f.Environment("api")); diff != "" {
		t.Errorf("Environment(api) (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]string{"SHARED": "1"}, f.Environment("worker")); diff != "" {
		t.Errorf("Environment(worker), merged (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"db", "cache"}, f.DependsOn("api")); diff != "" {
		t.Errorf("DependsOn(api) (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"cache"}, f.DependsOn("db")); diff != "" {
		t.Errorf("DependsOn(db) (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"pgdata", "cache"}, f.Volumes()); diff != "" {
		t.Errorf("Volumes (-want +got):\n%s", diff)
	}
	redis := names(f.ServicesByImage("redis", "bitnami/redis", "valkey/valkey", "valkey", "eqalpha/keydb", "keydb"))
	if diff := cmp.Diff([]string{"cache", "kv", "mirror"}, redis); diff != "" {
		t.Errorf("ServicesByImage(redis...) (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"db"}, names(f.ServicesByImage("postgres"))); diff != "" {
		t.Errorf("ServicesByImage(postgres) (-want +got):\n%s", diff)
	}
}

func TestRefusals(t *testing.T) {
	cases := []struct {
		name, src string
		o         op
		want      string
	}{
		{"no such service", "services:\n  db:\n    image: pg\n", op{Op: "env", Service: "app", Key: "K", Value: "v"},
			`c.yml:1:1: there is no service "app" (add the service first, or name one of the services the file has)`},
		{"service alias", "services:\n  app: &a\n    build: .\n  worker: *a\n", op{Op: "env", Service: "worker", Key: "K", Value: "v"},
			"c.yml:4:11: service worker is an alias of &a (give the service a body of its own (`<<: *a` merges the anchor and allows additions))"},
		{"shared body", "services:\n  app: &a\n    build: .\n  worker:\n    <<: *a\n", op{Op: "depends", Service: "app", Dep: "redis"},
			"c.yml:2:8: service app is anchored as &a and reused at line 5; changing it here would change it there too (make the change by hand where you mean it)"},
		{"flow service", "services:\n  app: {build: .}\n", op{Op: "env", Service: "app", Key: "K", Value: "v"},
			"c.yml:2:8: service app is written in flow style ({...}) (rewrite the service in block style, one key per line, so that paxx can add to it)"},
		{"explicit null services", "services: ~\n", op{Op: "service", Name: "redis", Body: redisBody},
			`c.yml:1:11: services is set to ~ (remove "~" after services: so that services can be added under it)`},
		{"scalar volumes", "volumes: none\n", op{Op: "volume", Name: "v"},
			"c.yml:1:10: volumes is a scalar, not a mapping of volume names (write volumes as a block mapping: one `name:` per volume)"},
		{"sequence root", "- a\n", op{Op: "volume", Name: "v"},
			"c.yml:1:1: the document is a sequence, not a mapping of top-level keys (a compose file starts with keys such as services:)"},
		{"scalar environment", "services:\n  app:\n    environment: ${ENV}\n", op{Op: "env", Service: "app", Key: "K", Value: "v"},
			"c.yml:3:18: environment of service app is a scalar, not a list or mapping (write it as a list of KEY=value items)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := c.o.run("c.yml", []byte(c.src))
			if !errors.Is(err, rewrite.ErrRefused) {
				t.Fatalf("err = %v, want a refusal", err)
			}
			if diff := cmp.Diff(c.want, err.Error()); diff != "" {
				t.Errorf("message (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSyntaxErrors checks that yaml.v3's errors get a real place.
func TestSyntaxErrors(t *testing.T) {
	for src, want := range map[string]string{
		"a: b: c\n":         `c.yml:1:5: mapping values are not allowed in this context (quote the value: a plain value cannot hold ": ")`,
		"a: 1\n- b\n":       "c.yml:2:1: did not find expected key (check the indentation of this line against the lines above it)",
		"a:\n  b: [1, 2\n":  "c.yml:2:3: did not find expected ',' or ']' (close the list with ], or separate its items with commas)",
		"a: *nope\n":        "c.yml:1:4: unknown anchor 'nope' referenced (define the anchor with &name before using it)",
		"a: 1\nb: \x01\n":   "c.yml:2:4: control characters are not allowed (remove the control character, or write it as an escape in a double-quoted string)",
		"a: {x: 1, x: 2}\n": `c.yml:1:11: mapping key "x" already defined at line 1 (remove or rename one of them)`,
		"services:\n  app:\n    ports: !!int x\n": "c.yml:3:12: cannot decode !!str `x` as a !!int",
	} {
		_, err := Parse("c.yml", []byte(src))
		if !errors.Is(err, rewrite.ErrSyntax) {
			t.Errorf("%q: err = %v, want a syntax error", src, err)
			continue
		}
		if err.Error() != want {
			t.Errorf("%q:\n got %s\nwant %s", src, err, want)
		}
	}
}
