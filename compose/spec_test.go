package compose

import (
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/paxx-dev/paxx/internal/casetest"
	"gopkg.in/yaml.v3"
)

func TestSpecs(t *testing.T) {
	const src = `x-app: &app
  build:
    context: ./backend
    dockerfile: docker/Dockerfile
  command: ["fastapi", "run", "app/main.py"]

services:
  api:
    <<: *app
    ports:
      - "8000:8000"
    volumes:
      - ./backend/app:/app/app
      - data:/data
      - type: bind
        source: ./shared
        target: /shared
      - ~/cache:/root/.cache
    develop:
      watch:
        - path: ./backend/pyproject.toml
          action: rebuild
  worker:
    build: ./backend
    entrypoint: /entrypoint.sh
    command: arq app.worker.WorkerSettings --watch 'app dir'
  web:
    image: nginx:1.27
  bare:
  odd:
    build:
    command: 42
`
	f, err := Parse("compose.yml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []Spec{
		{Name: "api", Line: 8, Build: true, Context: "./backend", Dockerfile: "docker/Dockerfile",
			Command: []string{"fastapi", "run", "app/main.py"},
			Binds:   []string{"./backend/app", "./shared", "~/cache", "./backend/pyproject.toml"}, Ports: true},
		{Name: "worker", Line: 23, Build: true, Context: "./backend",
			Entrypoint: []string{"/entrypoint.sh"},
			Command:    []string{"arq", "app.worker.WorkerSettings", "--watch", "app dir"}},
		{Name: "web", Line: 27, Image: "nginx:1.27"},
		{Name: "bare", Line: 29},
		{Name: "odd", Line: 30, Command: []string{"42"}},
	}
	if diff := cmp.Diff(want, f.Specs()); diff != "" {
		t.Errorf("Specs (-want +got):\n%s", diff)
	}
}

// TestReadBodyIsDecode checks that where readBody reads a service body
// itself, it reads what yaml.v3's Decode does.
func TestReadBodyIsDecode(t *testing.T) {
	srcs := []string{
		"services:\n  a:\n    image: ~\n  b:\n    image: 7\n  c:\n    image: [x]\n  d:\n    image: \"\"\n  e:\n    image: <<\n  f:\n    image: 2001-12-14\n",
		"services:\n  a:\n    volumes: null\n  b:\n    volumes: {x: y}\n  c:\n    volumes: x\n  d:\n    ports: []\n  e:\n    volumes: [./a:/a, {type: bind, source: ./b}]\n",
		"services:\n  a:\n    build:\n    command: [a, b]\n    entrypoint: x y\n    other: &o [1]\n  b:\n    build: .\n    command: *o\n",
		"services:\n  a:\n    1: x\n    image: y\n  b:\n    !!str image: z\n  c:\n    image: !!str 5\n",
	}
	for _, src := range casetest.Inputs(t, addCases) {
		srcs = append(srcs, string(src))
	}
	read := 0
	for _, src := range srcs {
		f, err := Parse("c.yml", []byte(src))
		if err != nil || f.services == nil || f.services.Kind != yaml.MappingNode {
			continue
		}
		for i := 0; i+1 < len(f.services.Content); i += 2 {
			body := resolveAlias(f.services.Content[i+1])
			if body == nil || body.Kind != yaml.MappingNode {
				continue
			}
			got, ok := readBody(body)
			if !ok {
				continue
			}
			read++
			var want specBody
			_ = body.Decode(&want)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("service %s of\n%s\nreadBody gives %+v, Decode %+v", f.services.Content[i].Value, src, got, want)
			}
		}
	}
	if read < 20 {
		t.Errorf("readBody read only %d bodies itself", read)
	}
}
