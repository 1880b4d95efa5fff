package project

import (
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/paxx-dev/paxx/pyproject"
)

// Tool returns the tool that manages the Python project's environment, as
// its files show it: a lock file first (uv.lock, beside the project or at
// its workspace root; poetry.lock; pdm.lock), then pyproject.toml's tables
// ([tool.poetry], [tool.pdm], [tool.uv], [tool.hatch.envs]), then the tool
// the app's Dockerfile installs with; else "pip". It is one of "uv",
// "poetry", "pdm", "hatch" and "pip".
func (l *Layout) Tool() string {
	py := l.Abs(l.Python)
	switch {
	case exists(filepath.Join(py, "uv.lock")) || (l.Workspace != "" && exists(filepath.Join(l.Workspace, "uv.lock"))):
		return "uv"
	case exists(filepath.Join(py, "poetry.lock")):
		return "poetry"
	case exists(filepath.Join(py, "pdm.lock")):
		return "pdm"
	case lookup(l.pyDoc, "tool", "poetry") != nil:
		return "poetry"
	case lookup(l.pyDoc, "tool", "pdm") != nil:
		return "pdm"
	case lookup(l.pyDoc, "tool", "uv") != nil || l.Workspace != "":
		return "uv"
	case lookup(l.pyDoc, "tool", "hatch", "envs") != nil:
		return "hatch"
	}
	for _, inst := range l.Installs() {
		switch inst.Tool {
		case "uv", "poetry", "pdm":
			return inst.Tool
		}
	}
	return "pip"
}

// NextSteps returns what the user runs after paxx added reqs (PEP 508
// requirements, none when it added no dependency) and the compose
// services newServices, each a command to run from where paxx was started,
// in order:
//
//   - the dependencies installed with the project's tool (see
//     InstallSteps), when reqs is not empty;
//   - `docker compose up -d --build APP NEW...` (see ComposeUpAppCommand).
//
// A Dockerfile paxx cannot read gives the steps of the project's own
// declaration.
func (l *Layout) NextSteps(reqs, newServices []string) []string {
	var steps []string
	if len(reqs) > 0 {
		steps = append(steps, l.InstallSteps(reqs)...)
	}
	if up := l.ComposeUpAppCommand(newServices); up != "" {
		steps = append(steps, up)
	}
	return steps
}

// InstallSteps returns the commands that install the project's
// dependencies after reqs were added where Dependencies says, with the
// project's tool, run in the project's directory (a `cd` first, joined
// with && to the commands, when that is not where paxx runs):
//
//   - uv: `uv sync`, with the image's --group, --extra and --package
//     flags (an --only-group of the image as --group, so that the host
//     keeps its other groups); uv updates uv.lock itself;
//   - Poetry: `poetry lock` (`poetry lock --no-update` for a lock file
//     Poetry 1 wrote), then `poetry install`, --with the group the
//     dependency went to;
//   - PDM: `pdm install` (which locks again), -G the group the dependency
//     went to; never `pip install -e .`, which a flat-layout PDM project
//     refuses;
//   - Hatch: a command run in the app's environment (see hatchStep),
//     which makes Hatch sync it;
//   - a compiled requirements file: its compile command in its directory,
//     then `pip install -r FILE` (`uv pip install -r FILE` for uv's);
//   - pip with a requirements file: `pip install -r FILE`;
//   - pip with pyproject.toml alone: `pip install REQ...`, the
//     requirements themselves (installing the project may not build);
//     with no reqs, `pip install -e .`.
func (l *Layout) InstallSteps(reqs []string) []string {
	dest, err := l.Dependencies()
	if err != nil {
		dest, _ = l.declared()
	}
	py := l.Abs(l.Python)
	if dest.Compiled != "" {
		dir := l.Abs(path.Dir(dest.Compiled))
		install := "pip install -r " + path.Base(dest.Compiled)
		if strings.HasPrefix(dest.CompileTool, "uv") {
			install = "uv pip install -r " + path.Base(dest.Compiled)
		}
		return l.inDirSteps(dir, dest.Compile, install)
	}
	var flags []string
	if dest.Install != nil {
		flags = dest.Install.flags
	}
	switch l.Tool() {
	case "uv":
		cmd := "uv sync"
		if dest.Install != nil && dest.Install.Tool == "uv" {
			cmd = strings.Join(append([]string{cmd}, flags...), " ")
		}
		if g := dest.Target.Group; dest.Target.Kind == pyproject.DependencyGroup && !hasFlag(strings.Fields(cmd), "--group", g) {
			cmd += " --group " + g
		}
		return l.inDirSteps(py, cmd)
	case "poetry":
		lock := "poetry lock"
		if poetry1Lock(filepath.Join(py, "poetry.lock")) {
			lock = "poetry lock --no-update"
		}
		install := "poetry install"
		if dest.Target.Kind == pyproject.PoetryGroup {
			install += " --with " + dest.Target.Group
		}
		return l.inDirSteps(py, lock, install)
	case "pdm":
		install := "pdm install"
		if dest.Target.Group != "" {
			install += " -G " + dest.Target.Group
		}
		return l.inDirSteps(py, install)
	case "hatch":
		return l.inDirSteps(py, l.hatchStep())
	}
	if dest.Target.Kind == pyproject.Requirements && dest.File != "" {
		return l.inDirSteps(py, "pip install -r "+l.fromPython(dest.File))
	}
	if len(reqs) > 0 {
		quoted := make([]string, len(reqs))
		for i, r := range reqs {
			quoted[i] = shellQuote(r)
		}
		return l.inDirSteps(py, "pip install "+strings.Join(quoted, " "))
	}
	return l.inDirSteps(py, "pip install -e .")
}

// hatchStep is the Hatch command that puts the new dependency into the
// environment the app runs in: Hatch has no sync command, and syncs an
// environment's dependencies whenever it runs a command in it, where
// `hatch env create` leaves an environment that exists as it was. The
// environment is the app's (`hatch -e prod run`), else the default.
func (l *Layout) hatchStep() string {
	r := l.AppRunner()
	if len(r.Words) > 0 && path.Base(r.Words[0]) == "hatch" {
		return strings.Join(r.Words, " ") + " python --version"
	}
	return "hatch run python --version"
}

// poetry1Lock reports whether the lock file at p was written by Poetry
// 1, whose `poetry lock` updates every package unless told --no-update.
func poetry1Lock(p string) bool {
	data, err := os.ReadFile(p)
	if err != nil {
		return false
	}
	m := poetryVersion.FindSubmatch(data[:min(len(data), 400)])
	return m != nil && string(m[1]) == "1"
}

// poetryVersion finds the version in poetry.lock's first line: "# This
// file is automatically @generated by Poetry 1.8.3 and ...".
var poetryVersion = regexp.MustCompile(`@generated by Poetry (\d+)\.`)

// inDirSteps returns cmds to run in dir: as they are when dir is where
// paxx runs, else as one step, a cd and the commands joined with &&, so
// that each step runs from where paxx was started.
func (l *Layout) inDirSteps(dir string, cmds ...string) []string {
	if dir == l.Dir {
		return cmds
	}
	return []string{l.inDir(dir, strings.Join(cmds, " && "))}
}

// hasFlag reports whether words pass flag with value, as `--group dev` or
// `--group=dev` (not `--group dev-tools`).
func hasFlag(words []string, flag, value string) bool {
	for i, w := range words {
		if w == flag+"="+value || w == flag && i+1 < len(words) && words[i+1] == value {
			return true
		}
	}
	return false
}

// shellQuote quotes a word for a POSIX shell when it holds anything but
// letters, digits and -_.,/=:@+.
func shellQuote(w string) string {
	if w != "" && strings.Trim(w, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.,/=:@+") == "" {
		return w
	}
	return "'" + strings.ReplaceAll(w, "'", `'\''`) + "'"
}

// fromPython returns rel relative to the Python project's directory, for
// a command run there.
func (l *Layout) fromPython(rel string) string {
	r, err := filepath.Rel(l.Abs(l.Python), l.Abs(rel))
	if err != nil {
		return rel
	}
	return filepath.ToSlash(r)
}
