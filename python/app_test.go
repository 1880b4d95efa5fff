package python

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/paxx-dev/paxx/rewrite"
)

// writeFiles writes a project of files (slash paths) into a new
// directory and returns it.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, text := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func TestFindApp(t *testing.T) {
	for _, tc := range []struct {
		name        string
		files       map[string]string
		entrypoints []string
		want        App
		lifespan    *Lifespan
	}{{
		name: "module-level app in the usual place",
		files: map[string]string{
			"app/__init__.py": "",
			"app/main.py":     "from fastapi import FastAPI\n\napp = FastAPI()\n",
		},
		want: App{Path: "app/main.py", Module: "app.main", Line: 3},
	}, {
		name: "factory named by the entrypoint, lifespan imported relatively",
		files: map[string]string{
			"src/shop/__init__.py":       "",
			"src/shop/core/__init__.py":  "",
			"src/shop/core/lifespan.py":  "from contextlib import asynccontextmanager\n\n\n@asynccontextmanager\nasync def lifespan(app):\n    yield\n",
			"src/shop/main.py":           "from fastapi import FastAPI\n\nfrom .core.lifespan import lifespan\n\n\ndef create_app():\n    app = FastAPI(lifespan=lifespan)\n    return app\n",
			"src/shop/other_app_test.py": "from fastapi import FastAPI\napp = FastAPI()\n",
		},
		entrypoints: []string{"shop.main:create_app"},
		want:        App{Path: "src/shop/main.py", Module: "shop.main", Attr: "create_app", Line: 7, HasLifespan: true},
		lifespan:    &Lifespan{Path: "src/shop/core/lifespan.py", Module: "shop.core.lifespan", Func: "lifespan"},
	}, {
		name: "on_event handlers are the user's lifespan",
		files: map[string]string{
			"main.py": "from fastapi import FastAPI\napp = FastAPI()\n\n@app.on_event('startup')\nasync def up():\n    pass\n",
		},
		entrypoints: []string{"main.py"},
		want:        App{Path: "main.py", Module: "main", Line: 2, HasLifespan: true},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := FindApp(writeFiles(t, tc.files), tc.entrypoints)
			if err != nil {
				t.Fatal(err)
			}
			ls := got.Lifespan
			got.Lifespan = nil
			if *got != tc.want {
				t.Errorf("got %+v, want %+v", *got, tc.want)
			}
			if (ls == nil) != (tc.lifespan == nil) || ls != nil && *ls != *tc.lifespan {
				t.Errorf("lifespan %+v, want %+v", ls, tc.lifespan)
			}
		})
	}
}

func TestFindAppRefusesSeveralApps(t *testing.T) {
	root := writeFiles(t, map[string]string{
		"svc/a.py": "from fastapi import FastAPI\napp = FastAPI()\n",
		"svc/b.py": "import fastapi\napi = fastapi.FastAPI()\n",
	})
	_, err := FindApp(root, nil)
	var re *rewrite.Error
	if !errors.As(err, &re) || !errors.Is(err, rewrite.ErrRefused) {
		t.Fatalf("err = %v, want a refusal", err)
	}
}

func TestLifespanSupported(t *testing.T) {
	for req, want := range map[string]bool{
		"": true, "fastapi": true, "fastapi>=0.100": true, "fastapi>=0.80": true,
		"fastapi==0.92.0": false, "fastapi<0.93": false, "fastapi~=0.92.0": false, "^0.92": false, "^0.110": true,
	} {
		if got := LifespanSupported(req); got != want {
			t.Errorf("LifespanSupported(%q) = %v, want %v", req, got, want)
		}
	}
}

func TestDefines(t *testing.T) {
	f, err := Parse("m.py", []byte("from x import imported\n\nrouter = make()\n\n\nasync def close():\n    pass\n\n\nclass C:\n    inner = 1\n"))
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]bool{"router": true, "close": true, "C": true, "imported": false, "inner": false, "missing": false} {
		if got := f.Defines(name); got != want {
			t.Errorf("Defines(%q) = %v, want %v", name, got, want)
		}
	}
}
