package python

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/paxx-dev/paxx/filetx"
	"github.com/paxx-dev/paxx/rewrite"
)

// tree writes files (slash path → contents) under a new temporary root.
func tree(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for rel, text := range files {
		path := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

const (
	settingsPy = "from pydantic_settings import BaseSettings\n\n\nclass Settings(BaseSettings):\n    x: int = 1\n"
	appConfig  = "from pydantic_settings import BaseSettings\n\n\nclass AppConfig(BaseSettings):\n    x: int = 1\n"
)

func TestFindSettings(t *testing.T) {
	tests := []struct {
		name   string
		files  map[string]string
		choice string
		want   Location
	}{
		{
			name: "settings.py first",
			files: map[string]string{
				"settings.py":   settingsPy,
				"app/config.py": settingsPy,
			},
			want: Location{Path: "settings.py", Module: "settings", Class: "Settings", Line: 4},
		},
		{
			name: "usual place",
			files: map[string]string{
				"app/core/config.py": appConfig,
				"app/models.py":      "class User:\n    pass\n",
				"tools/other.py":     settingsPy,
			},
			want: Location{Path: "app/core/config.py", Module: "app.core.config", Class: "AppConfig", Line: 4},
		},
		{
			name:  "src layout drops src",
			files: map[string]string{"src/shop/core/config.py": settingsPy, "src/shop/__init__.py": ""},
			want:  Location{Path: "src/shop/core/config.py", Module: "shop.core.config", Class: "Settings", Line: 4},
		},
		{
			name:  "any other file, package __init__",
			files: map[string]string{"shop/conf/__init__.py": appConfig, "shop/main.py": "import fastapi\n"},
			want:  Location{Path: "shop/conf/__init__.py", Module: "shop.conf", Class: "AppConfig", Line: 4},
		},
		{
			name: "derives through a project class in another file",
			files: map[string]string{
				"settings.py":      "from lib.base import AppBase\n\n\nclass Settings(AppBase):\n    y: int = 2\n",
				"lib/base.py":      "from pydantic_settings import BaseSettings\n\n\nclass AppBase(BaseSettings):\n    pass\n",
				"lib/unrelated.py": "class Settings:\n    pass\n",
			},
			want: Location{Path: "settings.py", Module: "settings", Class: "Settings", Line: 4},
		},
		{
			name: "two levels and a dotted base",
			files: map[string]string{
				"config.py":   "import lib.mid\n\n\nclass Conf(lib.mid.Mid):\n    pass\n",
				"lib/mid.py":  "from lib.base import Base\n\n\nclass Mid(Base):\n    pass\n",
				"lib/base.py": "import pydantic_settings as ps\n\n\nclass Base(ps.BaseSettings):\n    pass\n",
			},
			want: Location{Path: "config.py", Module: "config", Class: "Conf", Line: 4},
		},
		{
			name: "Settings preferred in one place",
			files: map[string]string{"app/config.py": "from pydantic_settings import BaseSettings\n\n\nclass DbSettings(BaseSettings):\n    pass\n\n\n" +
				"class Settings(BaseSettings):\n    pass\n"},
			want: Location{Path: "app/config.py", Module: "app.config", Class: "Settings", Line: 8},
		},
		{
			name: "a base class is not the settings",
			files: map[string]string{"app/config.py": "from pydantic_settings import BaseSettings\n\n\nclass Common(BaseSettings):\n    pass\n\n\n" +
				"class AppConfig(Common):\n    pass\n"},
			want: Location{Path: "app/config.py", Module: "app.config", Class: "AppConfig", Line: 8},
		},
		{
			name:  "pydantic v1 with an alias",
			files: map[string]string{"settings.py": "from pydantic import BaseSettings as BS\n\n\nclass Conf(BS):\n    pass\n"},
			want:  Location{Path: "settings.py", Module: "settings", Class: "Conf", Line: 4},
		},
		{
			name: "skipped directories",
			files: map[string]string{
				".venv/lib/site.py":                 settingsPy,
				"venv/settings.py":                  settingsPy,
				"myenv/pyvenv.cfg":                  "home = /usr\n",
				"myenv/lib/x.py":                    settingsPy,
				"node_modules/x/settings.py":        settingsPy,
				"__pycache__/settings.py":           settingsPy,
				"build/lib/settings.py":             settingsPy,
				"dist/settings.py":                  settingsPy,
				"lib/site-packages/pkg/settings.py": settingsPy,
				".tox/py/settings.py":               settingsPy,
				"service/conf.py":                   appConfig,
			},
			want: Location{Path: "service/conf.py", Module: "service.conf", Class: "AppConfig", Line: 4},
		},
		{
			name: "a broken file elsewhere does not matter",
			files: map[string]string{
				"settings.py":    settingsPy,
				"scripts/old.py": "print 'python 2'\nclass X(:\n",
			},
			want: Location{Path: "settings.py", Module: "settings", Class: "Settings", Line: 4},
		},
		{
			name:   "choice with class",
			files:  map[string]string{"settings.py": settingsPy, "app/config.py": appConfig},
			choice: "app/config.py:AppConfig",
			want:   Location{Path: "app/config.py", Module: "app.config", Class: "AppConfig", Line: 4},
		},
		{
			name:   "choice with path only",
			files:  map[string]string{"settings.py": settingsPy, "app/config.py": appConfig},
			choice: "app/config.py",
			want:   Location{Path: "app/config.py", Module: "app.config", Class: "AppConfig", Line: 4},
		},
		{
			name:   "choice of any class",
			files:  map[string]string{"settings.py": settingsPy, "app/conf.py": "class Plain:\n    x: int = 1\n"},
			choice: "./app/conf.py:Plain",
			want:   Location{Path: "app/conf.py", Module: "app.conf", Class: "Plain", Line: 1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := tree(t, tt.files)
			got, err := FindSettings(root, tt.choice)
			if err != nil {
				t.Fatal(err)
			}
			// Via is a message, checked by TestDiscoverWith.
			if diff := cmp.Diff(tt.want, *got, cmpopts.IgnoreFields(Location{}, "Via")); diff != "" {
				t.Errorf("FindSettings mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFindSettingsErrors(t *testing.T) {
	tests := []struct {
		name   string
		files  map[string]string
		choice string
		// notWant are texts the message must not hold.
		notWant []string
		kind    error
		want    []string // substrings of the message
	}{
		{
			name: "ambiguous in one file",
			files: map[string]string{"app/config.py": "from pydantic_settings import BaseSettings\n\n\nclass DevConfig(BaseSettings):\n    pass\n\n\n" +
				"class ProdConfig(BaseSettings):\n    pass\n"},
			kind: rewrite.ErrRefused,
			want: []string{"app/config.py:4 (DevConfig)", "app/config.py:8 (ProdConfig)", "--settings PATH[:Class]"},
		},
		{
			name:  "ambiguous across other files",
			files: map[string]string{"a/one.py": settingsPy, "b/two.py": settingsPy},
			kind:  rewrite.ErrRefused,
			want:  []string{"a/one.py:4 (Settings)", "b/two.py:4 (Settings)"},
		},
		{
			name:  "none",
			files: map[string]string{"main.py": "from fastapi import FastAPI\napp = FastAPI()\n", "models.py": "class User(Base):\n    pass\n"},
			kind:  rewrite.ErrRefused,
			want:  []string{"no pydantic-settings class", "--settings"},
		},
		{
			name:  "candidate with a syntax error",
			files: map[string]string{"settings.py": "from pydantic_settings import BaseSettings\n\n\nclass Settings(BaseSettings):\n    x: int = (1\n    y: int = 2\n"},
			kind:  rewrite.ErrSyntax,
			want:  []string{"settings.py:6:5:"},
		},
		{
			name:   "choice without the class",
			files:  map[string]string{"settings.py": settingsPy},
			choice: "settings.py:Config",
			kind:   rewrite.ErrRefused,
			want:   []string{"settings.py: no top-level class Config", "Settings"},
		},
		{
			name:   "choice of a file without settings",
			files:  map[string]string{"settings.py": settingsPy, "main.py": "class App:\n    pass\n"},
			choice: "main.py",
			kind:   rewrite.ErrRefused,
			want:   []string{"main.py: no class deriving from BaseSettings", "main.py:Class"},
		},
		{
			name:   "choice of a missing file",
			files:  map[string]string{"settings.py": settingsPy},
			choice: "conf/settings.py",
			kind:   rewrite.ErrRefused,
			want:   []string{"conf/settings.py: no such Python file", "a relative path is taken from where paxx runs"},
		},
		{
			// The hint does not suggest the very path that is missing.
			name:    "choice of the missing usual place",
			files:   map[string]string{"settings.py": settingsPy},
			choice:  "app/core/config.py",
			kind:    rewrite.ErrRefused,
			want:    []string{"app/core/config.py: no such Python file"},
			notWant: []string{"such as app/core/config.py"},
		},
		{
			name:    "choice of a file that is not Python",
			files:   map[string]string{"settings.py": settingsPy, "pyproject.toml": "[project]\nname = \"x\"\n"},
			choice:  "pyproject.toml",
			kind:    rewrite.ErrRefused,
			want:    []string{"pyproject.toml: is not a Python module", ".py"},
			notWant: []string{"syntax"},
		},
		{
			name:    "choice of a module without classes",
			files:   map[string]string{"settings.py": settingsPy, "consts.py": "X = 1\n"},
			choice:  "consts.py",
			kind:    rewrite.ErrRefused,
			want:    []string{"consts.py: no class deriving from BaseSettings", "the module defines no class"},
			notWant: []string{"no classes", ":Class"},
		},
		{
			name:    "choice of a class in a module without classes",
			files:   map[string]string{"settings.py": settingsPy, "consts.py": "X = 1\n"},
			choice:  "consts.py:Settings",
			kind:    rewrite.ErrRefused,
			want:    []string{"consts.py: no top-level class Settings", "the module defines no class"},
			notWant: []string{"no classes"},
		},
		{
			name:    "an empty directory",
			files:   map[string]string{},
			kind:    rewrite.ErrRefused,
			want:    []string{"no Python project here", "-C DIR"},
			notWant: []string{"pydantic-settings"},
		},
		{
			name:   "choice outside the root",
			files:  map[string]string{"settings.py": settingsPy},
			choice: "../settings.py",
			kind:   rewrite.ErrRefused,
			want:   []string{"outside the project"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := tree(t, tt.files)
			got, err := FindSettings(root, tt.choice)
			if err == nil {
				t.Fatalf("FindSettings = %+v, want an error", got)
			}
			if !errors.Is(err, tt.kind) {
				t.Errorf("error %v is not of kind %v", err, tt.kind)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(err.Error(), w) {
					t.Errorf("error %q contains %q", err, w)
				}
			}
		})
	}
}

func TestFindSettingsSymlinkOutOfRoot(t *testing.T) {
	outside := tree(t, map[string]string{"settings.py": settingsPy, "pkg/config.py": settingsPy})
	root := tree(t, map[string]string{"app/config.py": appConfig})
	if err := os.Symlink(filepath.Join(outside, "settings.py"), filepath.Join(root, "settings.py")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	if err := os.Symlink(filepath.Join(outside, "pkg"), filepath.Join(root, "pkg")); err != nil {
		t.Fatal(err)
	}
	got, err := FindSettings(root, "")
	if err != nil {
		t.Fatal(err)
	}
	if got.Path != "app/config.py" {
		t.Errorf("FindSettings = %+v, want app/config.py: the links lead out of the root", got)
	}
	if _, err := FindSettings(root, "settings.py:Settings"); !errors.Is(err, rewrite.ErrRefused) {
		t.Errorf("--settings through a link out of the root = %v, want a refusal", err)
	}
}

func TestFindSettingsSkipsLargeFiles(t *testing.T) {
	big := settingsPy + "# " + strings.Repeat("x", filetx.MaxFileSize) + "\n"
	root := tree(t, map[string]string{"settings.py": big, "app/config.py": appConfig})
	got, err := FindSettings(root, "")
	if err != nil {
		t.Fatal(err)
	}
	if got.Path != "app/config.py" {
		t.Errorf("FindSettings = %+v, want app/config.py: settings.py is over filetx.MaxFileSize", got)
	}
}

func TestFindSettingsMissingRoot(t *testing.T) {
	if _, err := FindSettings(filepath.Join(t.TempDir(), "nope"), ""); err == nil {
		t.Errorf("FindSettings on a missing root succeeded")
	}
}
