package python

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// maxFileSize is the size above which a Python file is not read: generated
// or vendored code, not a settings module.
const maxFileSize = 5 << 20

// project is a project root as discovery reads it.
type project struct {
	root string // absolute, symlinks resolved
}

// newProject resolves root.
func newProject(root string) (*project, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, fmt.Errorf("project root %s: %w", root, err)
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return nil, fmt.Errorf("project root %s: %w", root, err)
	}
	return &project{root: real}, nil
}

// skipDir reports whether a directory holds no project code: version
// control, virtual environments, caches, build output, dependencies.
func skipDir(path, name string) bool {
	switch name {
	case "venv", "env", "virtualenvs", "node_modules", "__pycache__", "build", "dist", "site-packages":
		return true
	}
	if strings.HasPrefix(name, ".") {
		return true // .git, .venv, .tox, .nox, .mypy_cache, .pytest_cache, .ruff_cache, ...
	}
	_, err := os.Lstat(filepath.Join(path, "pyvenv.cfg"))
	return err == nil
}

// pythonFiles returns the slash paths, relative to the root, of the
// project's .py files in lexical order. Symbolic links to directories are
// not followed.
func (p *project) pythonFiles() ([]string, error) {
	var files []string
	err := filepath.WalkDir(p.root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path == p.root {
				return err
			}
			return nil // an unreadable corner of the tree holds no settings we could edit
		}
		if d.IsDir() {
			if path != p.root && skipDir(path, d.Name()) {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(d.Name(), ".py") {
			rel, err := filepath.Rel(p.root, path)
			if err != nil {
				return err
			}
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("listing Python files under %s: %w", p.root, err)
	}
	return files, nil
}

// errSkip marks a file that discovery passes over: missing, not a regular
// file, too large, or a symbolic link out of the root.
var errSkip = errors.New("skipped")

// read returns the contents of the file at slash path rel, or errSkip.
func (p *project) read(rel string) ([]byte, error) {
	path := filepath.Join(p.root, filepath.FromSlash(rel))
	real, err := filepath.EvalSymlinks(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, errSkip
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", rel, err)
	}
	if !p.contains(real) {
		return nil, errSkip
	}
	info, err := os.Stat(real)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", rel, err)
	}
	if !info.Mode().IsRegular() || info.Size() > maxFileSize {
		return nil, errSkip
	}
	src, err := os.ReadFile(real)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", rel, err)
	}
	return src, nil
}

// contains reports whether the resolved path lies inside the root.
func (p *project) contains(real string) bool {
	rel, err := filepath.Rel(p.root, real)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// glob returns the slash paths matching a slash pattern relative to the
// root, such as "src/*/settings.py", in lexical order.
func (p *project) glob(pattern string) ([]string, error) {
	matches, err := filepath.Glob(filepath.Join(p.root, filepath.FromSlash(pattern)))
	if err != nil {
		return nil, fmt.Errorf("looking for %s: %w", pattern, err)
	}
	out := make([]string, 0, len(matches))
	for _, m := range matches {
		rel, err := filepath.Rel(p.root, m)
		if err != nil {
			return nil, fmt.Errorf("looking for %s: %w", pattern, err)
		}
		out = append(out, filepath.ToSlash(rel))
	}
	return out, nil
}

// moduleName returns the dotted import path of a slash path: app/core/config.py
// is app.core.config, a package's __init__.py is the package, and a src/
// layout's "src." is dropped.
func moduleName(rel string) string {
	mod := strings.TrimSuffix(rel, ".py")
	mod = strings.TrimSuffix(mod, "/__init__")
	mod = strings.TrimPrefix(mod, "src/")
	return strings.ReplaceAll(mod, "/", ".")
}
