package python

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paxx-dev/paxx/internal/casetest"
	"github.com/paxx-dev/paxx/rewrite"
)

// BenchmarkAddFieldsRealistic adds the Redis field to a paxx-shaped
// settings module.
func BenchmarkAddFieldsRealistic(b *testing.B) {
	src := caseNamed(b, addFieldsCases, "paxx-settings").Input
	fields := []NewField{redisField()}
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, _, err := casetest.Edited(Parse, "settings.py", src, func(f *File) (*File, []rewrite.Action, error) {
			return f.AddFields("Settings", fields)
		}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAddFieldsLarge adds fields to a generated module of 200 classes
// with 25 fields and a method each, the settings class last.
func BenchmarkAddFieldsLarge(b *testing.B) {
	src := largeModule(200, 25)
	fields := []NewField{redisField(), {Name: "arq_max_jobs", Type: "int", Default: 10, Section: "Tasks"}}
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, _, err := casetest.Edited(Parse, "settings.py", src, func(f *File) (*File, []rewrite.Action, error) {
			return f.AddFields("Settings", fields)
		}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseLarge parses the generated module.
func BenchmarkParseLarge(b *testing.B) {
	src := largeModule(200, 25)
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := Parse("settings.py", src); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFindSettings discovers the settings class in a project of 300
// modules with the settings in a usual place.
func BenchmarkFindSettings(b *testing.B) {
	root := benchProject(b, false)
	for b.Loop() {
		if _, err := FindSettings(root, ""); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDiscoverTrace discovers the settings class of the same project
// with an app/main.py that imports a router, which imports the settings
// instance: the trail, not the search.
func BenchmarkDiscoverTrace(b *testing.B) {
	root := benchProject(b, true)
	for b.Loop() {
		loc, _, err := DiscoverWith(root, DiscoverOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if loc.Class != "Settings" || !strings.Contains(loc.Via, "app/main.py") {
			b.Fatalf("DiscoverWith = %+v, want the trail from app/main.py", loc)
		}
	}
}

// benchProject writes a project of 300 modules with the settings in
// app/core/config.py, and with an app module when app is set.
func benchProject(b *testing.B, app bool) string {
	root := b.TempDir()
	write := func(rel, text string) {
		path := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	module := string(largeModule(3, 10))
	for i := range 300 {
		write(fmt.Sprintf("app/features/f%02d/m%03d.py", i/10, i), strings.ReplaceAll(module, "class Settings", fmt.Sprintf("class Model%d", i)))
	}
	write("app/core/config.py", settingsPy)
	if app {
		write("app/core/config.py", settingsPy+"\n\nsettings = Settings()\n")
		write("app/main.py", "from fastapi import FastAPI\n\nfrom app.api import router\n\napp = FastAPI()\napp.include_router(router)\n")
		write("app/api.py", "from fastapi import APIRouter\n\nfrom app.core.config import settings\nfrom app.features.f00 import m000\n\nrouter = APIRouter()\n")
	}
	return root
}

// largeModule generates classes of fields, the last one a BaseSettings
// subclass called Settings.
func largeModule(classes, fields int) []byte {
	var s strings.Builder
	s.WriteString("from pydantic import BaseModel\nfrom pydantic_settings import BaseSettings\n")
	for c := range classes {
		name, base := fmt.Sprintf("Model%d", c), "BaseModel"
		if c == classes-1 {
			name, base = "Settings", "BaseSettings"
		}
		fmt.Fprintf(&s, "\n\nclass %s(%s):\n    \"\"\"Model %d.\"\"\"\n\n", name, base, c)
		for f := range fields {
			if f%5 == 0 {
				fmt.Fprintf(&s, "\n    # Group %d\n", f/5)
			}
			fmt.Fprintf(&s, "    field_%d: str = \"value %d\"  # comment %d\n", f, f, f)
		}
		s.WriteString("\n    def describe(self) -> str:\n        return f\"{self.field_0} and more\"\n")
	}
	return []byte(s.String())
}
