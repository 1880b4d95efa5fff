package components_test

import (
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/paxx-dev/paxx/components"
	"github.com/paxx-dev/paxx/filetx"
)

// Plan the redis component for a small project, print what it found and
// what the user should do next, then commit the changes and
// print the settings module as it is now. Add itself writes
// nothing: Result.Changes are committed with filetx, or shown with
// filetx.Diff.
func ExampleAdd() {
	root, err := os.MkdirTemp("", "components-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(root)
	// A checkout: the searches upwards stop at the repository root.
	if err := os.Mkdir(filepath.Join(root, ".git"), 0o755); err != nil {
		log.Fatal(err)
	}
	files := map[string]string{
		"pyproject.toml": `[project]
name = "demo"
requires-python = ">=3.11"
dependencies = ["fastapi", "pydantic-settings"]
`,
		"app/__init__.py": "",
		"app/config.py": `from pydantic_settings import BaseSettings

class Settings(BaseSettings):
    app_name: str = "demo"

settings = Settings()
`,
		"app/main.py": `from fastapi import FastAPI

from app.config import settings

app = FastAPI(title=settings.app_name)
`,
		"compose.yaml": `services:
  app:
    build: .
`,
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

	res, err := components.Add(components.Options{Root: root}, []string{"redis"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.Summary())
	for _, f := range res.Findings {
		fmt.Println(f)
	}
	for _, s := range res.NextSteps {
		fmt.Println("next:", s)
	}
	if err := filetx.Commit(res.Root, res.Changes, filetx.CommitOptions{}); err != nil {
		log.Fatal(err)
	}
	config, err := os.ReadFile(filepath.Join(root, "app", "config.py"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Print(string(config))
	// Output:
	// redis: 14 change(s) in 7 file(s)
	// app/config.py:7: added field redis_url in Settings
	// compose.yaml:5: added REDIS_URL in environment of service app
	// compose.yaml:7: added depends_on redis in service app
	// compose.yaml:10: added service redis
	// compose.yaml:23: added volume redis_data
	// pyproject.toml:4: added redis>=5.0 in [project].dependencies
	// pyproject.toml:6: added redis in [tool.paxx].infra
	// .env.example:2: added variable REDIS_URL
	// app/main.py:1: added import of asynccontextmanager from contextlib
	// app/main.py:6: added import of close_redis_client from app.core.cache
	// app/main.py:10: added lifespan lifespan() to the app
	// app/main.py:12: added await close_redis_client() at shutdown
	// app/core/__init__.py: added package app.core
	// app/core/cache.py: added module app.core.cache
	// next: pip install 'redis>=5.0'
	// next: docker compose up -d --build app redis
	// next: from app.core.cache import get_redis
	// from pydantic_settings import BaseSettings
	//
	// class Settings(BaseSettings):
	//     app_name: str = "demo"
	//
	//     # Redis
	//     redis_url: str = "redis://localhost:6379/0"
	//
	// settings = Settings()
}
