package components_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"sort"
	"strings"
)

// settingsProgram imports the settings module and instantiates the
// settings class in the environment it is run with, and nothing else:
// BaseSettings is made to read no env_file, so that a field the container's
// environment lacks is not found in a .env that the image may not hold. It
// works with pydantic-settings (pydantic 2) and with pydantic 1's own
// BaseSettings. Its arguments are the module, the class, the JSON list of
// the fields to report and the JSON list of directories to put first on
// sys.path. Its last line of output is "ASITRUNS " and a JSON report.
const settingsProgram = `import importlib, json, os, sys, traceback
mod_name, cls_name = sys.argv[1], sys.argv[2]
fields, paths = json.loads(sys.argv[3]), json.loads(sys.argv[4])
sys.path[:0] = paths


def out(**kw):
    sys.stdout.write("\nASITRUNS " + json.dumps(kw, default=repr) + "\n")
    sys.stdout.flush()
    os._exit(0)


try:
    from pydantic_settings import BaseSettings
    v2 = True
except ImportError:
    try:
        import pydantic
        if not pydantic.VERSION.startswith("1."):
            raise
        from pydantic import BaseSettings
        v2 = False
    except Exception:
        out(status="nopydantic", error=traceback.format_exc())

_init = BaseSettings.__init__


def _without_env_file(self, *args, **kwargs):
    kwargs["_env_file"] = None
    _init(self, *args, **kwargs)


BaseSettings.__init__ = _without_env_file


def project_module(name):
    top = name.split(".")[0]
    return any(os.path.exists(os.path.join(p, top)) or os.path.exists(os.path.join(p, top + ".py")) for p in paths)


def missing_module(e):
    while e is not None:
        if isinstance(e, ModuleNotFoundError) and e.name and not project_module(e.name):
            return e.name
        e = e.__cause__ or e.__context__
    return None


try:
    mod = importlib.import_module(mod_name)
    cls = getattr(mod, cls_name)
    settings = cls()
except BaseException as e:
    missing = missing_module(e) if isinstance(e, ImportError) else None
    if missing:
        out(status="missing", module=missing, error=traceback.format_exc())
    out(status="error", kind=type(e).__name__, error=traceback.format_exc())

if v2:
    cfg = cls.model_config
    prefix = cfg.get("env_prefix") or ""
    case = bool(cfg.get("case_sensitive", False))
    model_fields = cls.model_fields

    def env_names(attr, info):
        alias = info.validation_alias if isinstance(info.validation_alias, str) else info.alias
        return [alias] if alias else [prefix + attr]
else:
    case = bool(getattr(cls.__config__, "case_sensitive", False))
    model_fields = cls.__fields__

    def env_names(attr, info):
        return sorted(info.field_info.extra.get("env_names") or [attr])

report = {}
for f in fields:
    attr = next((n for n in model_fields if n.lower() == f.lower()), None)
    if attr is None:
        continue
    value = getattr(settings, attr)
    if hasattr(value, "get_secret_value"):
        value = value.get_secret_value()
    report[f] = {
        "attr": attr,
        "env": env_names(attr, model_fields[attr]),
        "str": value if isinstance(value, str) else None,
        "repr": repr(value),
    }
out(status="ok", v2=v2, case_sensitive=case, fields=report)
`

// settingsReport is what settingsProgram prints.
type settingsReport struct {
	// Status is "ok", "error" (the import or the instantiation failed),
	// "missing" (a third-party module is not installed) or "nopydantic".
	Status        string `json:"status"`
	Kind          string `json:"kind"`
	Module        string `json:"module"`
	Error         string `json:"error"`
	V2            bool   `json:"v2"`
	CaseSensitive bool   `json:"case_sensitive"`
	// Fields are the requested fields the class has, by their name in the
	// catalogue (lower snake case).
	Fields map[string]*fieldReport `json:"fields"`
}

// fieldReport is one settings field as the instance has it.
type fieldReport struct {
	Attr string   `json:"attr"`
	Env  []string `json:"env"`
	Str  *string  `json:"str"` // the value when it is a string (or a secret one)
	Repr string   `json:"repr"`
}

// lookup returns the variable of env that sets the field, and its value:
// names compare without case unless the class is case-sensitive, as
// pydantic-settings reads them.
func (r *settingsReport) lookup(f *fieldReport, env map[string]string) (name, value string, ok bool) {
	keys := make([]string, 0, len(env))
	for k := range env {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, want := range f.Env {
		for _, k := range keys {
			if k == want || !r.CaseSensitive && strings.EqualFold(k, want) {
				return k, env[k], true
			}
		}
	}
	return "", "", false
}

// interpreters are the Pythons the settings run with: the one on PATH,
// with pydantic 2 and pydantic-settings, and the system's with pydantic 1
// ("" when it lacks one), for a project written against pydantic 1.
type interpreters struct {
	v2, v1 string
}

// findInterpreters resolves python3 on PATH to its executable (a pyenv
// shim needs more of the environment than the settings run gets) and
// checks that it has pydantic-settings; ok is false when not.
func findInterpreters() (py interpreters, ok bool) {
	out, err := exec.Command("python3", "-c", "import sys, pydantic_settings; print(sys.executable)").Output()
	if err != nil {
		return py, false
	}
	py.v2 = strings.TrimSpace(string(out))
	if err := exec.Command("/usr/bin/python3", "-c", "import pydantic, sys; sys.exit(not pydantic.VERSION.startswith('1.'))").Run(); err == nil {
		py.v1 = "/usr/bin/python3"
	}
	return py, true
}

// loadSettings instantiates the settings class cls of module mod with
// exactly env (PATH and HOME aside) in dir, with paths first on sys.path,
// and reports the fields named. A project written for pydantic 1 (its
// import of BaseSettings from pydantic fails on pydantic 2) is run again
// with pydantic 1.
func loadSettings(py interpreters, dir, mod, cls string, paths, fields []string, env map[string]string) (*settingsReport, error) {
	r, err := runSettings(py.v2, dir, mod, cls, paths, fields, env)
	if err == nil && r.Status == "error" && r.Kind == "PydanticImportError" && py.v1 != "" {
		return runSettings(py.v1, dir, mod, cls, paths, fields, env)
	}
	return r, err
}

// runSettings runs settingsProgram with the interpreter bin.
func runSettings(bin, dir, mod, cls string, paths, fields []string, env map[string]string) (*settingsReport, error) {
	if fields == nil {
		fields = []string{}
	}
	fj, _ := json.Marshal(fields)
	pj, _ := json.Marshal(paths)
	cmd := exec.Command(bin, "-c", settingsProgram, mod, cls, string(fj), string(pj))
	cmd.Dir = dir
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME")}
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	last := lines[len(lines)-1]
	data, ok := strings.CutPrefix(last, "ASITRUNS ")
	if !ok {
		return nil, fmt.Errorf("%s: %v\nstdout:\n%s\nstderr:\n%s", bin, runErr, stdout.String(), stderr.String())
	}
	var r settingsReport
	if err := json.Unmarshal([]byte(data), &r); err != nil {
		return nil, fmt.Errorf("%s: report %q: %w", bin, data, err)
	}
	return &r, nil
}
