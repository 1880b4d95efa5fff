package python

import (
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
	"sqlmodel.py":         "def create_engine(*args, **kwargs):\n    return None\n",
	"fastapi_users_db.py": "from pydantic_settings import BaseSettings\n\n\nclass BaseAppSettings(BaseSettings):\n    pass\n",
}

// uses is run by Python in the project root: it imports the app module
// and checks that every settings object the app module holds, or that a
// project function it holds returns when called without arguments, is an
// instance of the class
// discovery found, imported by the module name discovery gave.
const uses = `
import importlib, inspect, os, sys
stubs, entry, module, cls = sys.argv[1:5]
sys.path[:0] = [".", stubs]
from pydantic_settings import BaseSettings
app = importlib.import_module(entry)
target = getattr(importlib.import_module(module), cls)
found = 0
for name, o in list(vars(app).items()):
    if isinstance(o, type) or inspect.ismodule(o):
        continue
    home = getattr(sys.modules.get(getattr(o, "__module__", None) or ""), "__file__", None) or ""
    if callable(o) and os.path.abspath(home).startswith(os.getcwd() + os.sep):
        try:
            if inspect.signature(o).parameters:
                continue
        except (TypeError, ValueError):
            continue
        o = o()
    if isinstance(o, BaseSettings):
        found += 1
        if not isinstance(o, target):
            sys.exit(f"{entry}.{name} is a {type(o).__module__}.{type(o).__name__}, not a {module}.{cls}")
if not found:
    sys.exit(f"{entry} holds no settings object")
print("ok")
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
	stubs := tree(t, pythonStubs)
	for _, tt := range discoverCases() {
		if tt.entry == "" {
			continue
		}
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			root := tree(t, tt.files)
			loc, _, err := DiscoverWith(root, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(python, "-c", uses, filepath.Clean(stubs), tt.entry, loc.Module, loc.Class)
			cmd.Dir = root
			cmd.Env = append(cmd.Environ(), "PYTHONDONTWRITEBYTECODE=1")
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Errorf("python: %v\n%s", err, out)
			}
		})
	}
}
