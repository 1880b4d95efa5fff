package python

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"testing"
)

// pythonStubs stand in for the libraries the fixtures import, so that
// Python can import the apps without them installed.
var pythonStubs = map[string]string{
	"fastapi/__init__.py": `class FastAPI:
    def __init__(self, *args, **kwargs):
        pass

    def include_router(self, *args, **kwargs):
        pass

    def get(self, *args, **kwargs):
        return lambda f: f


class APIRouter(FastAPI):
    pass


def Depends(dependency=None):
    return dependency
`,
	"fastapi/routing.py":  "class APIRoute:\n    pass\n",
	"sentry_sdk.py":       "",
	"decouple.py":         "import os\n\n\ndef config(name, default=None, cast=str):\n    return cast(os.environ.get(name, default))\n",
	"sqlmodel.py":         "def create_engine(*args, **kwargs):\n    return None\n",
	"fastapi_users_db.py": "from pydantic_settings import BaseSettings\n\n\nclass BaseAppSettings(BaseSettings):\n    pass\n",
}

// uses is run by Python with one JSON argument: the stubs' directory and a
// list of [root, app module, settings module, class]. For each, in the
// project root, it imports the app module and checks that every settings
// object the app module holds, or that a project function it holds
// returns when called without arguments, is an instance of the class
// discovery found, imported by the module name discovery gave. One
// process for all: importing pydantic is slow.
const uses = `
import importlib, inspect, json, os, sys
from pydantic_settings import BaseSettings
arg = json.loads(sys.argv[1])
base = set(sys.modules)
path = [p for p in sys.path if p not in ("", ".")]
failed = False
for root, entry, module, cls in arg["cases"]:
    os.chdir(root)
    sys.path[:] = [root, arg["stubs"]] + path
    for name in set(sys.modules) - base:  # the last case's modules, namespace packages too
        del sys.modules[name]
    importlib.invalidate_caches()
    app = importlib.import_module(entry)
    target = getattr(importlib.import_module(module), cls)
    found = 0
    for name, o in list(vars(app).items()):
        if isinstance(o, type) or inspect.ismodule(o):
            continue
        home = getattr(sys.modules.get(getattr(o, "__module__", None) or ""), "__file__", None) or ""
        if callable(o) and os.path.abspath(home).startswith(root + os.sep):
            try:
                if inspect.signature(o).parameters:
                    continue
            except (TypeError, ValueError):
                continue
            o = o()
        if isinstance(o, BaseSettings):
            found += 1
            if not isinstance(o, target):
                print(f"{root}: {entry}.{name} is a {type(o).__module__}.{type(o).__name__}, not a {module}.{cls}")
                failed = True
    if not found:
        print(f"{root}: {entry} holds no settings object")
        failed = True
sys.exit(1 if failed else 0)
`

// TestDiscoveredClassIsWhatPythonUses imports each fixture's app with
// Python (and stubs for its libraries) and checks that the settings the
// app uses are instances of the class discovery found, importable by the
// Module discovery gave.
func TestDiscoveredClassIsWhatPythonUses(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not installed")
	}
	if out, err := exec.Command(python, "-c", "import pydantic_settings").CombinedOutput(); err != nil {
		t.Skipf("pydantic_settings is not importable: %v: %s", err, out)
	}
	arg := struct {
		Stubs string      `json:"stubs"`
		Cases [][4]string `json:"cases"`
	}{Stubs: tree(t, pythonStubs)}
	names := map[string]string{} // root → case name, for failures
	for _, tt := range discoverCases() {
		if tt.entry == "" {
			continue
		}
		root := tree(t, tt.files)
		if real, err := filepath.EvalSymlinks(root); err == nil {
			root = real // Python's getcwd is resolved
		}
		loc, _, err := DiscoverWith(root, tt.opts)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		names[root] = tt.name
		arg.Cases = append(arg.Cases, [4]string{root, tt.entry, loc.Module, loc.Class})
	}
	js, err := json.Marshal(arg)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(python, "-c", uses, string(js))
	cmd.Env = append(cmd.Environ(), "PYTHONDONTWRITEBYTECODE=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("python: %v\n%s\ncases: %v", err, out, names)
	}
}
