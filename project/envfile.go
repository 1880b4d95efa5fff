package project

import (
	"bufio"
	"bytes"
	"path/filepath"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"
	"github.com/paxx-dev/paxx/filetx"
)

// exampleNames are the names people give the committed example of an
// environment file, in the order paxx prefers them when several exist.
var exampleNames = [...]string{".env.example", ".env.sample", ".env.template", "example.env", ".env.dist"}

// EnvTarget is the file that documents the settings' environment
// variables: where paxx writes a new variable.
type EnvTarget struct {
	// Path is the file, relative to Base; it may not exist yet.
	Path string
	// Why says how it was chosen, for messages.
	Why string
}

// EnvExample chooses the file that documents the environment for settings
// whose env_file is envFiles (as written in the settings class, relative
// to the Python project, where the app runs; empty when unset). The file
// that the settings read first decides the directory; in it, the example
// that exists (.env.example, .env.sample, .env.template, example.env,
// .env.dist); else the environment file itself when Git tracks it rather
// than ignores it (it is then the project's example); else a new
// .env.example. A .env that .gitignore excludes holds someone's secrets
// and is never chosen. An env_file outside the repository, or one that
// paxx cannot evaluate, leaves the Python project's directory.
//
// Choosing a directory above Base widens Base (and every path of the
// layout is then relative to the wider Base).
func (l *Layout) EnvExample(envFiles []string, unresolved bool) EnvTarget {
	py := l.Abs(l.Python)
	dir, name, why := py, "", "the Python project's directory"
	switch {
	case unresolved:
		why = "env_file is not a plain string, so the Python project's directory"
	case len(envFiles) > 0 && envFiles[0] != "":
		f := envFiles[0]
		abs := absFrom(py, f)
		if filepath.IsAbs(f) || (l.Repo != "" && !within(l.Repo, abs)) {
			why = "env_file " + f + " is outside the repository, so the Python project's directory"
			break
		}
		dir, name, why = filepath.Dir(abs), filepath.Base(abs), "beside env_file "+f
	}
	if !within(l.Base, dir) {
		l.widen(dir)
	}
	for _, n := range exampleNames {
		if exists(filepath.Join(dir, n)) {
			return EnvTarget{Path: l.rel(filepath.Join(dir, n)), Why: why}
		}
	}
	// Outside a repository nothing is committed: the env file is then
	// someone's own, not the project's example.
	if name != "" && l.Repo != "" && exists(filepath.Join(dir, name)) && !l.ignored(filepath.Join(dir, name)) {
		return EnvTarget{Path: l.rel(filepath.Join(dir, name)), Why: "the committed " + name + " (no example beside it)"}
	}
	return EnvTarget{Path: l.rel(filepath.Join(dir, ".env.example")), Why: why}
}

// widen makes Base the directory holding both Base and dir, and recomputes
// the paths relative to it.
func (l *Layout) widen(dir string) {
	abs := func(rel string) string {
		if rel == "" {
			return ""
		}
		return l.Abs(rel)
	}
	// Every path is made absolute against the old Base before Base moves.
	py, pp, rq := abs(l.Python), abs(l.Pyproject), abs(l.Requirements)
	var appFiles []string
	var appFile, dockerfile string
	if c := l.Compose; c != nil {
		for _, f := range c.AppFiles {
			appFiles = append(appFiles, abs(f))
		}
		appFile, dockerfile = abs(c.AppFile), abs(c.AppDockerfile)
	}
	l.Base = commonDir(l.Base, dir)
	l.Python = l.rel(py)
	if pp != "" {
		l.Pyproject = l.rel(pp)
	}
	if rq != "" {
		l.Requirements = l.rel(rq)
	}
	if c := l.Compose; c != nil {
		c.relativize(l)
		c.parsed = nil // parsed under the names relative to the old Base
		c.AppFiles = nil
		for _, f := range appFiles {
			c.AppFiles = append(c.AppFiles, l.rel(f))
		}
		if appFile != "" {
			c.AppFile = l.rel(appFile)
		}
		if dockerfile != "" {
			c.AppDockerfile = l.rel(dockerfile)
		}
	}
}

// ignored reports whether Git ignores the file at the absolute path p:
// the .gitignore files from the repository root down to p's directory and
// .git/info/exclude, read as Git reads them. Outside a repository nothing
// is ignored.
func (l *Layout) ignored(p string) bool {
	if l.Repo == "" || !within(l.Repo, p) {
		return false
	}
	rel, err := filepath.Rel(l.Repo, p)
	if err != nil {
		return false
	}
	parts := strings.Split(filepath.ToSlash(rel), "/")
	var patterns []gitignore.Pattern
	patterns = append(patterns, readIgnore(filepath.Join(l.Repo, ".git", "info", "exclude"), nil)...)
	for i := 0; i < len(parts); i++ {
		domain := parts[:i]
		patterns = append(patterns, readIgnore(filepath.Join(l.Repo, filepath.Join(domain...), ".gitignore"), domain)...)
	}
	return gitignore.NewMatcher(patterns).Match(parts, false)
}

// readIgnore reads the patterns of one ignore file, whose directory is
// domain (path parts below the repository root).
func readIgnore(p string, domain []string) []gitignore.Pattern {
	data, err := filetx.ReadRegular(p)
	if err != nil {
		return nil
	}
	var out []gitignore.Pattern
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		out = append(out, gitignore.ParsePattern(line, append([]string(nil), domain...)))
	}
	return out
}
