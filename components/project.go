package components

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"strings"

	"github.com/paxx-dev/paxx/compose"
	"github.com/paxx-dev/paxx/pyproject"
	"github.com/paxx-dev/paxx/python"
	"github.com/paxx-dev/paxx/rewrite"
)

// Options says where the project is and how to treat it.
type Options struct {
	// Root is the project's root directory.
	Root string
	// Settings is the --settings choice, "PATH" or "PATH:Class", or "".
	Settings string
	// Force lets add overwrite generated modules the user has modified.
	Force bool
}

// project is the set of files one command reads and edits, each read once
// and edited in memory in sequence, so that later edits see earlier ones.
type project struct {
	root     string
	files    map[string]*rewrite.Change
	order    []string
	settings *python.Location
	compose  string // compose file, "" when the project has none
	pyproj   string // "pyproject.toml" when it exists, else ""
	deps     pyproject.Target
	hasDeps  bool // deps is where requirements go
	coreDir  string

	pyMemo      memo[*python.File]    // the settings module as last parsed
	composeMemo memo[*compose.File]   // the compose file as last parsed
	tomlMemo    memo[*pyproject.File] // pyproject.toml as last parsed
}

// openProject finds and reads the files paxx works on.
func openProject(opts Options) (*project, error) {
	info, err := os.Stat(opts.Root)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, &rewrite.Error{Path: opts.Root, Msg: "project directory does not exist", Hint: "pass the project root with -C DIR", Kind: rewrite.ErrRefused}
		}
		return nil, fmt.Errorf("project directory: %w", err)
	}
	if !info.IsDir() {
		return nil, &rewrite.Error{Path: opts.Root, Msg: "not a directory", Hint: "pass the project root with -C DIR", Kind: rewrite.ErrRefused}
	}
	p := &project{root: opts.Root, files: map[string]*rewrite.Change{}}

	loc, mod, err := python.Discover(opts.Root, opts.Settings)
	if err != nil {
		return nil, err
	}
	p.settings = loc
	c, err := p.file(loc.Path)
	if err != nil {
		return nil, err
	}
	if bytes.Equal(c.Old, mod.Source()) {
		p.pyMemo.put(mod) // what discovery parsed is what paxx edits
	}
	if err := p.checkEnvPrefix(); err != nil {
		return nil, err
	}
	p.coreDir = coreDir(opts.Root, loc.Path)

	if p.compose, err = compose.Find(opts.Root); err != nil {
		return nil, err
	}
	if p.compose != "" {
		if _, err := p.parseCompose(); err != nil {
			return nil, err
		}
	}

	pp, err := p.file("pyproject.toml")
	if err != nil {
		return nil, err
	}
	if pp.Existed {
		p.pyproj = "pyproject.toml"
		f, err := p.parsePyproject()
		if err != nil {
			return nil, err
		}
		if p.deps, err = f.DependencyTarget(); err != nil {
			return nil, err
		}
		p.hasDeps = true
	} else if rq, err := p.file("requirements.txt"); err != nil {
		return nil, err
	} else if rq.Existed {
		p.deps = pyproject.Target{Kind: pyproject.Requirements, Path: "requirements.txt"}
		p.hasDeps = true
	}
	return p, nil
}

// file returns the change for rel, reading the file the first time.
func (p *project) file(rel string) (*rewrite.Change, error) {
	if c, ok := p.files[rel]; ok {
		return c, nil
	}
	c, err := rewrite.ReadFile(p.root, rel)
	if err != nil {
		return nil, err
	}
	if c.Existed {
		// Every file paxx reads is UTF-8 text with one kind of line ending;
		// anything else is refused before a rewriter has to guess.
		if err := rewrite.CheckEncoding(rel, c.Old); err != nil {
			return nil, err
		}
		if err := rewrite.CheckNewlines(rel, c.Old); err != nil {
			return nil, err
		}
	}
	p.files[rel] = c
	p.order = append(p.order, rel)
	return c, nil
}

// changes returns the files that the command changes, in the order they
// were first read.
func (p *project) changes() []*rewrite.Change {
	var out []*rewrite.Change
	for _, rel := range p.order {
		if c := p.files[rel]; c.Changed() {
			out = append(out, c)
		}
	}
	return out
}

// settingsClass parses the settings module as it is now.
func (p *project) settingsClass() (python.Class, *python.File, error) {
	c, err := p.file(p.settings.Path)
	if err != nil {
		return python.Class{}, nil, err
	}
	f, err := p.pyMemo.get(c.New, p.parseSettingsSrc)
	if err != nil {
		return python.Class{}, nil, err
	}
	cls, ok := f.Class(p.settings.Class)
	if !ok {
		return python.Class{}, nil, fmt.Errorf("%s: class %s disappeared after an edit", p.settings.Path, p.settings.Class)
	}
	return cls, f, nil
}

// parseSettingsSrc parses src as the settings module.
func (p *project) parseSettingsSrc(src []byte) (*python.File, error) {
	return python.Parse(p.settings.Path, src)
}

// parseCompose parses the compose file as it is now.
func (p *project) parseCompose() (*compose.File, error) {
	c, err := p.file(p.compose)
	if err != nil {
		return nil, err
	}
	return p.composeMemo.get(c.New, p.parseComposeSrc)
}

// parseComposeSrc parses src as the compose file.
func (p *project) parseComposeSrc(src []byte) (*compose.File, error) {
	return compose.Parse(p.compose, src)
}

// parsePyproject parses pyproject.toml as it is now; the project must
// have one (p.pyproj is set).
func (p *project) parsePyproject() (*pyproject.File, error) {
	c, err := p.file(p.pyproj)
	if err != nil {
		return nil, err
	}
	return p.tomlMemo.get(c.New, p.parsePyprojectSrc)
}

// parsePyprojectSrc parses src as pyproject.toml.
func (p *project) parsePyprojectSrc(src []byte) (*pyproject.File, error) {
	return pyproject.Parse(p.pyproj, src)
}

// coreDir returns the directory of the core package that generated modules
// go into: the settings module's own directory when it is called core, a
// core package beside the settings module when that lives in a package, and
// core/ at the root otherwise.
func coreDir(root, settingsPath string) string {
	dir := path.Dir(settingsPath)
	switch {
	case dir == ".":
		return "core"
	case path.Base(dir) == "core":
		return dir
	}
	if _, err := os.Stat(root + "/" + dir + "/__init__.py"); err == nil {
		return dir + "/core"
	}
	return "core"
}

// importPath returns the dotted module path of a slash path relative to the
// root: "app/core/cache.py" → "app.core.cache"; a src/ layout drops "src".
func importPath(rel string) string {
	rel = strings.TrimSuffix(rel, ".py")
	rel = strings.TrimSuffix(rel, "/__init__")
	rel = strings.TrimPrefix(rel, "src/")
	return strings.ReplaceAll(rel, "/", ".")
}

// checkEnvPrefix refuses a settings class whose env_prefix makes variable
// names that a .env file or a compose environment list cannot hold (a
// space, "=", "#", quotes...): paxx would have to write them.
func (p *project) checkEnvPrefix() error {
	cls, _, err := p.settingsClass()
	if err != nil {
		return err
	}
	prefix := cls.Config.EnvPrefix
	for _, r := range prefix {
		if r != '_' && !('a' <= r && r <= 'z') && !('A' <= r && r <= 'Z') && !('0' <= r && r <= '9') {
			return rewrite.Errorf(rewrite.ErrRefused, p.settings.Path, cls.Line, 1,
				"%s's env_prefix %q holds %q: paxx cannot write such variable names to .env.example or compose", cls.Name, prefix, r).
				WithHint("use letters, digits and _ in env_prefix")
		}
	}
	if prefix != "" && '0' <= prefix[0] && prefix[0] <= '9' {
		return rewrite.Errorf(rewrite.ErrRefused, p.settings.Path, cls.Line, 1,
			"%s's env_prefix %q starts with a digit: no environment variable name can", cls.Name, prefix).
			WithHint("start env_prefix with a letter or _")
	}
	return nil
}
