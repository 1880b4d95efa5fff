package project

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
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
	var doc map[string]any
	if l.Pyproject != "" {
		doc = readTOML(l.Abs(l.Pyproject))
		if s, ok := lookup(doc, "tool", "fastapi", "entrypoint").(string); ok {
			add(s)
		}
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
		for _, v := range scripts {
			if s, ok := v.(string); ok {
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
			inner, err := shellwords.Parse(words[i+1])
			if err == nil {
				out = append(out, commandRefs(inner)...)
			}
		case appRef.MatchString(w):
			out = append(out, strings.TrimSuffix(w, "()"))
		case strings.HasSuffix(w, ".py") && !strings.HasPrefix(w, "-") && !strings.Contains(filepath.Base(w), "gunicorn"):
			out = append(out, strings.TrimPrefix(w, "./"))
		}
	}
	return out
}

// dockerfileRefs finds application references in the CMD and ENTRYPOINT
// instructions of a Dockerfile (exec form or shell form, with line
// continuations); the last of each kind counts, as for Docker.
func dockerfileRefs(p string) []string {
	data, err := os.ReadFile(p)
	if err != nil {
		return nil
	}
	var entry, cmd []string
	for _, ins := range instructions(string(data)) {
		keyword, rest, _ := strings.Cut(ins, " ")
		switch strings.ToUpper(keyword) {
		case "CMD":
			cmd = instructionWords(rest)
		case "ENTRYPOINT":
			entry = instructionWords(rest)
		}
	}
	return commandRefs(append(entry, cmd...))
}

// instructions joins a Dockerfile's continued lines and drops comments.
func instructions(src string) []string {
	var out []string
	var cur strings.Builder
	for _, line := range strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "#") {
			continue
		}
		if strings.HasSuffix(t, "\\") {
			cur.WriteString(strings.TrimSuffix(t, "\\") + " ")
			continue
		}
		cur.WriteString(t)
		if s := strings.TrimSpace(cur.String()); s != "" {
			out = append(out, s)
		}
		cur.Reset()
	}
	return out
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
	words, err := shellwords.Parse(rest)
	if err != nil {
		return nil
	}
	return words
}
