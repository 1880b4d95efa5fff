package project_test

import (
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/paxx-dev/paxx/project"
)

// Find the project paxx works on when started in its backend directory: the
// Python project there, the compose file one level up (found the way Docker
// Compose finds it) and the service that builds the app. Paths are relative
// to the Layout's Base; Display shows them from where paxx was started.
func ExampleFind() {
	root, err := os.MkdirTemp("", "project-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(root)
	// A checkout: the searches upwards stop at the repository root.
	if err := os.Mkdir(filepath.Join(root, ".git"), 0o755); err != nil {
		log.Fatal(err)
	}
	files := map[string]string{
		"compose.yaml": `services:
  api:
    build: ./backend
    ports:
      - "8000:8000"
  db:
    image: postgres:16
`,
		"backend/pyproject.toml": `[project]
name = "backend"
dependencies = ["fastapi"]
`,
		"backend/app/main.py": "from fastapi import FastAPI\n\napp = FastAPI()\n",
	}
	for rel, content := range files {
		path := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			log.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			log.Fatal(err)
		}
	}

	l, err := project.Find(project.Options{Dir: filepath.Join(root, "backend")})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("python:", l.Python)
	fmt.Println("pyproject:", l.Pyproject)
	fmt.Println("compose files:", l.Compose.Files)
	fmt.Println("app service:", l.Compose.App)
	fmt.Println("shown as:", l.Display(l.Compose.Base()), l.Display(l.InPython("app/main.py")))
	fmt.Println("sync:", l.SyncCommand())
	// Output:
	// python: backend
	// pyproject: backend/pyproject.toml
	// compose files: [compose.yaml]
	// app service: api
	// shown as: ../compose.yaml app/main.py
	// sync: pip install -e .
}
