package components_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paxx-dev/paxx/compose"
	"github.com/paxx-dev/paxx/pyproject"
	pysrc "github.com/paxx-dev/paxx/python"
	"github.com/paxx-dev/paxx/rewrite"
)

// The scale benchmarks run each rewriter on a generated input of the size
// the safety note promises, and on one twice as large, so that the ratio of
// the two times shows whether the work grows linearly:
//
//	go test ./components -run '^$' -bench Scale -benchmem

// scaleSettings is a settings module of about lines lines: one class whose
// fields come in commented groups of ten.
func scaleSettings(lines int) []byte {
	var b strings.Builder
	b.WriteString("from pydantic_settings import BaseSettings, SettingsConfigDict\n\n\nclass Settings(BaseSettings):\n")
	b.WriteString("    model_config = SettingsConfigDict(env_file=\".env\")\n")
	for i := 0; b.Len() < lines*40; i++ {
		fmt.Fprintf(&b, "\n    # Group %d\n", i)
		for j := range 10 {
			fmt.Fprintf(&b, "    field_%d_%d: str = \"value %d\"\n", i, j, j)
		}
	}
	b.WriteString("\n\nsettings = Settings()\n")
	return []byte(b.String())
}

// scaleCompose is a compose file with an app service and n others.
func scaleCompose(n int) []byte {
	var b strings.Builder
	b.WriteString("services:\n  app:\n    build: .\n    environment:\n      - DEBUG=true\n    depends_on:\n      - svc0\n")
	for i := range n {
		fmt.Fprintf(&b, "\n  svc%d:\n    image: example/svc:%d\n    ports:\n      - \"%d:80\"\n    volumes:\n      - data%d:/data\n", i, i, 10000+i, i)
	}
	b.WriteString("\nvolumes:\n")
	for i := range n {
		fmt.Fprintf(&b, "  data%d:\n", i)
	}
	return []byte(b.String())
}

// scalePyproject is a pyproject.toml with n dependencies.
func scalePyproject(n int) []byte {
	var b strings.Builder
	b.WriteString("[project]\nname = \"big\"\nversion = \"1.0\"\ndependencies = [\n")
	for i := range n {
		fmt.Fprintf(&b, "    \"package-%05d>=1.%d\",\n", i, i%10)
	}
	b.WriteString("]\n\n[tool.ruff]\nline-length = 88\n")
	return []byte(b.String())
}

// scaleTree writes a project of n Python files, one in ten defining a
// class, with the settings class in app/core/config.py.
func scaleTree(b *testing.B, n int) string {
	b.Helper()
	root := b.TempDir()
	write := func(rel, text string) {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	write("app/core/config.py", "from pydantic_settings import BaseSettings\n\n\nclass Settings(BaseSettings):\n    debug: bool = False\n")
	for i := 1; i < n; i++ {
		text := fmt.Sprintf("def handler_%d(x: int) -> int:\n    return x + %d\n", i, i)
		if i%10 == 0 {
			text = fmt.Sprintf("class Model%d:\n    id: int = %d\n", i, i)
		}
		write(fmt.Sprintf("app/features/f%03d/m%05d.py", i/100, i), text)
	}
	return root
}

// redisField is the field add redis gives a settings class.
var redisField = []pysrc.NewField{{Name: "redis_url", Type: "str", Default: "redis://localhost:6379/0", Section: "Redis"}}

func BenchmarkScaleSettings(b *testing.B) {
	for _, lines := range []int{20000, 40000} {
		src := scaleSettings(lines)
		b.Run(fmt.Sprintf("lines=%d", lines), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				f, err := pysrc.Parse("settings.py", src)
				if err != nil {
					b.Fatal(err)
				}
				if _, _, err := f.AddFields("Settings", redisField); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkScalePyproject(b *testing.B) {
	for _, n := range []int{5000, 10000} {
		src := scalePyproject(n)
		b.Run(fmt.Sprintf("deps=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				f, err := pyproject.Parse("pyproject.toml", src)
				if err != nil {
					b.Fatal(err)
				}
				if _, _, err := f.AddDependency("redis>=5.0"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkScaleDiscovery(b *testing.B) {
	for _, n := range []int{10000, 20000} {
		root := scaleTree(b, n)
		b.Run(fmt.Sprintf("files=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				loc, err := pysrc.FindSettings(root, "")
				if err != nil {
					b.Fatal(err)
				}
				if loc.Path != "app/core/config.py" {
					b.Fatalf("found %s", loc.Path)
				}
			}
		})
	}
}

// BenchmarkScaleCheckText measures the encoding and line-ending checks
// every file read passes, on a 10 MB file (the most paxx reads).
func BenchmarkScaleCheckText(b *testing.B) {
	src := []byte(strings.Repeat("# a comment line of some length, as text files have\n", 10<<20/52))
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if rewrite.CheckEncoding("f", src) != nil || rewrite.CheckNewlines("f", src) != nil {
			b.Fatal("clean text refused")
		}
	}
}

// BenchmarkScaleCompose makes three of redis's edits to a large compose
// file as `paxx infra add` makes them: the file parsed once (as project
// discovery parses it), then each edit a method on the file the previous
// one returned, parsed by its check.
func BenchmarkScaleCompose(b *testing.B) {
	body := "image: redis:7-alpine\nports:\n  - \"6379:6379\"\nvolumes:\n  - redis_data:/data\n"
	for _, n := range []int{2000, 4000} {
		src := scaleCompose(n)
		b.Run(fmt.Sprintf("services=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				f, err := compose.Parse("docker-compose.yml", src)
				if err == nil {
					f, _, err = f.AddService("redis", body)
				}
				if err == nil {
					f, _, err = f.AddVolume("redis_data")
				}
				if err == nil {
					_, _, err = f.AddEnvironment("app", "REDIS_URL", "redis://redis:6379/0")
				}
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
