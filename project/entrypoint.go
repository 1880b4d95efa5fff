package project

import (
	"encoding/json"
	"maps"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/mattn/go-shellwords"
)

// appRef matches a Python application reference, module:attribute, as
// uvicorn, gunicorn and hypercorn take it ("app.main:app").
var appRef = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*:[A-Za-z_][A-Za-z0-9_]*(\(\))?$`)

// Entrypoints returns where the project says its application starts, in
// the order paxx trusts them: [tool.fastapi] entrypoint in pyproject.toml,
// the command of the app's compose service, the CMD or ENTRYPOINT of the
// app's Dockerfile (or the Python project's own Dockerfile), then
// [project.scripts]. Each is "module:attribute", "module" or a slash path
// to a .py file relative to the Python project.
func (l *Layout) Entrypoints() []string {
	var out []string
	seen := map[string]bool{}
	add := func(refs ...string) {
		for _, r := range refs {
			if r != "" && !seen[r] {
				seen[r] = true
				out = append(out, r)
			}
		}
	}
	doc := l.pyDoc
	if s, ok := lookup(doc, "tool", "fastapi", "entrypoint").(string); ok {
		add(s)
	}
	if c := l.Compose; c != nil {
		add(commandRefs(c.AppCommand)...)
	}
	dockerfile := filepath.Join(l.Abs(l.Python), "Dockerfile")
	if l.Compose != nil && l.Compose.AppDockerfile != "" {
		dockerfile = l.Abs(l.Compose.AppDockerfile)
	}
	add(dockerfileRefs(dockerfile)...)
	if scripts, ok := lookup(doc, "project", "scripts").(map[string]any); ok {
		// By name: the decoded table has lost the file's order, and a
		// map's would change from run to run.
		for _, name := range slices.Sorted(maps.Keys(scripts)) {
			if s, ok := scripts[name].(string); ok {
				module, _, _ := strings.Cut(s, ":")
				add(strings.TrimSpace(module))
			}
		}
	}
	return out
}

// commandRefs finds application references in a command's words: a
// module:attribute argument (uvicorn, gunicorn, hypercorn, granian) or a
// .py file (`fastapi run app/main.py`, `python main.py`). A shell command
// (`sh -c "..."`) is split again.
func commandRefs(words []string) []string {
	var out []string
	for i, w := range words {
		switch {
		case (w == "-c" || w == "-lc") && i+1 < len(words):
			out = append(out, commandRefs(shellWords(words[i+1]))...)
		case w == "-m" && i+1 < len(words) && i > 0 && strings.HasPrefix(filepath.Base(words[i-1]), "python") && !toolModule(words[i+1]):
			out = append(out, words[i+1]) // python -m api_pkg
		case appRef.MatchString(w):
			out = append(out, strings.TrimSuffix(w, "()"))
		case strings.HasSuffix(w, ".py") && !strings.HasPrefix(w, "-") && !strings.Contains(filepath.Base(w), "gunicorn"):
			out = append(out, strings.TrimPrefix(w, "./"))
		}
	}
	return out
}

// toolModule reports whether a module run with python -m is a server's
// or a tool's rather than the project's own: uvicorn, gunicorn, pip,
// alembic, celery...
func toolModule(mod string) bool {
	top, _, _ := strings.Cut(mod, ".")
	switch top {
	case "pip", "http", "venv", "ensurepip", "flask":
		return true
	}
	return isServer(top) || jobWords[top]
}

// dockerfileRefs finds application references in the CMD and ENTRYPOINT
// instructions of a Dockerfile (exec form or shell form, with line
// continuations); the last of each kind counts, as for Docker.
func dockerfileRefs(p string) []string {
	d, ok := readDockerfile(p)
	if !ok {
		return nil
	}
	entry, cmd := d.entryCommand()
	return commandRefs(append(entry, cmd...))
}

// instructionWords splits the arguments of CMD or ENTRYPOINT: a JSON
// array (exec form) or a shell command.
func instructionWords(rest string) []string {
	rest = strings.TrimSpace(rest)
	if strings.HasPrefix(rest, "[") {
		var words []string
		if json.Unmarshal([]byte(rest), &words) == nil {
			return words
		}
	}
	return shellWords(rest)
}

// shellWords splits a shell command line into words. shellwords stops at
// an operator (&&, ;, |, a redirection); the split goes on past it, so
// that the words of every command of the line are seen (`alembic upgrade
// head && uvicorn app.main:app`). A line that does not parse gives the
// words before the fault.
func shellWords(line string) []string {
	var out []string
	rest := []rune(line) // the parser's Position counts runes
	for len(rest) > 0 {
		p := shellwords.NewParser()
		words, err := p.Parse(string(rest))
		if err != nil {
			return out
		}
		out = append(out, words...)
		if p.Position < 0 {
			break
		}
		rest = rest[max(p.Position, 1):] // past the operator; always onwards
	}
	return out
}
