package project

import (
	"path"
	"slices"
	"strings"
)

// Runner is how the app's service runs the app's server: through a
// project tool (`poetry run uvicorn ...`), by the path of the image's
// virtual environment (`/app/.venv/bin/uvicorn ...`), or bare, with the
// environment on PATH. A service paxx adds that runs the project's code
// (a worker) runs the same way, or its executable is not found.
type Runner struct {
	// Words are the words before the server's command: ["poetry", "run"],
	// ["uv", "run", "--no-sync"], ["hatch", "-e", "prod", "run"]; nil when
	// the app runs bare.
	Words []string
	// Bin is the directory the app names its executable from
	// ("/app/.venv/bin" for `/app/.venv/bin/uvicorn`), "" when it is
	// found on PATH.
	Bin string
}

// Wrap returns cmd, a command such as ["arq", "app.worker.Settings"], run
// as the app runs: with the runner's words before it, or its executable
// taken from the runner's directory. cmd is not changed.
func (r Runner) Wrap(cmd []string) []string {
	out := append([]string{}, r.Words...)
	if len(cmd) == 0 {
		return out
	}
	first := cmd[0]
	if r.Bin != "" && !strings.Contains(first, "/") {
		first = path.Join(r.Bin, first)
	}
	return append(append(out, first), cmd[1:]...)
}

// Runner returns the words to put before a command that runs the
// project's code so that it runs as the app does ("poetry run", "uv run
// --no-sync", "hatch -e prod run"), "" when the app runs bare. See
// AppRunner for the directory of an executable named by its path.
func (l *Layout) Runner() string {
	return strings.Join(l.AppRunner().Words, " ")
}

// AppRunner reads how the app runs from its service's entrypoint and
// command as Compose runs them: the compose files' own, else the
// Dockerfile's ENTRYPOINT and CMD (a compose entrypoint drops the image's
// CMD, as Compose does). A shell command (`sh -c "alembic upgrade head &&
// poetry run uvicorn ..."`) is read command by command: the runner of the
// command that starts the server counts, else the first runner found.
func (l *Layout) AppRunner() Runner {
	words := l.appRunWords()
	var cmds [][]string
	for i, w := range words {
		if (w == "-c" || w == "-lc") && i+1 < len(words) && isShell(words[:i]) {
			cmds = append(cmds, shellCommands(words[i+1])...)
			break
		}
	}
	if len(cmds) == 0 && len(words) > 0 {
		cmds = [][]string{words}
	}
	var found *Runner
	for _, c := range cmds {
		r, ok := commandRunner(commandWords(c))
		if ok && serves(c) {
			return r
		}
		if ok && found == nil && (len(r.Words) > 0 || r.Bin != "") {
			found = &r
		}
	}
	if found != nil {
		return *found
	}
	return Runner{}
}

// appRunWords returns the app's entrypoint and command words, as Compose
// runs them.
func (l *Layout) appRunWords() []string {
	var entry, cmd []string
	var composeEntry, composeCmd bool
	if c := l.Compose; c != nil && c.App != "" {
		entry, composeEntry = c.AppEntrypoint, c.AppEntrypoint != nil
		cmd, composeCmd = c.AppCommand, c.AppCommand != nil
	}
	if !composeEntry || !composeCmd {
		if d, ok := l.appDockerfile(); ok {
			dEntry, dCmd := d.entryCommand()
			if !composeEntry {
				entry = dEntry
				if !composeCmd {
					cmd = dCmd
				}
			} else if !composeCmd {
				cmd = nil // a compose entrypoint drops the image's CMD
			}
		}
	}
	return append(append([]string{}, entry...), cmd...)
}

// isShell reports whether the words before -c run a shell.
func isShell(words []string) bool {
	words = commandWords(words)
	if len(words) == 0 {
		return false
	}
	switch path.Base(words[0]) {
	case "sh", "bash", "dash", "ash", "zsh":
		return true
	}
	return false
}

// serves reports whether a command starts a web server.
func serves(cmd []string) bool {
	return slices.ContainsFunc(cmd, isServer)
}

// isServer reports whether the word names an ASGI server (uvicorn,
// gunicorn, hypercorn, granian, the fastapi command), by its base name:
// what runs the app, as the app service, its runner and its entrypoint
// are told.
func isServer(word string) bool {
	switch path.Base(word) {
	case "uvicorn", "gunicorn", "hypercorn", "granian", "fastapi":
		return true
	}
	return false
}

// uvRunValues are uv run's options that take the next word as their value.
var uvRunValues = map[string]bool{
	"--group": true, "--only-group": true, "--extra": true, "--package": true, "--with": true,
	"--with-requirements": true, "--with-editable": true, "--env-file": true, "-p": true, "--python": true,
	"--project": true, "--directory": true, "--index": true, "--index-url": true, "--no-group": true,
	"--script": true,
}

// commandRunner reads the runner at the start of one command; ok is false
// when the command is not one that could run the project's code (empty).
func commandRunner(w []string) (Runner, bool) {
	if len(w) == 0 {
		return Runner{}, false
	}
	tool := path.Base(w[0])
	switch {
	case (tool == "poetry" || tool == "pdm" || tool == "pipenv" || tool == "rye") && len(w) > 1 && w[1] == "run":
		return Runner{Words: append([]string{}, w[:2]...)}, true
	case tool == "uv" && len(w) > 1 && w[1] == "run":
		k := 2
		for k < len(w) && strings.HasPrefix(w[k], "-") {
			if uvRunValues[w[k]] && !strings.Contains(w[k], "=") {
				k++
			}
			k++
		}
		return Runner{Words: append([]string{}, w[:min(k, len(w))]...)}, true
	case tool == "hatch" && len(w) > 2 && w[1] == "run":
		if env, _, ok := strings.Cut(w[2], ":"); ok && env != "" && !strings.Contains(env, "/") {
			return Runner{Words: []string{w[0], "-e", env, "run"}}, true
		}
		return Runner{Words: append([]string{}, w[:2]...)}, true
	case tool == "hatch" && len(w) > 4 && (w[1] == "-e" || w[1] == "--env") && w[3] == "run":
		return Runner{Words: append([]string{}, w[:4]...)}, true
	}
	if strings.Contains(w[0], "/") && (serves(w[:1]) || strings.HasPrefix(tool, "python")) {
		return Runner{Bin: path.Dir(w[0])}, true
	}
	return Runner{}, true
}
