package compose

import (
	"testing"

	"github.com/google/go-cmp/cmp"
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
