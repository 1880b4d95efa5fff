package python

import (
	"bytes"
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
// project's .py files in lexical order, and which of them are regular
// files rather than symbolic links. Symbolic links to directories are not
// followed.
func (p *project) pythonFiles() (files []string, regular map[string]bool, err error) {
	regular = map[string]bool{}
	err = filepath.WalkDir(p.root, func(path string, d fs.DirEntry, err error) error {
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
			regular[filepath.ToSlash(rel)] = d.Type().IsRegular()
		}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("listing Python files under %s: %w", p.root, err)
	}
	return files, regular, nil
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

// readListed returns the contents of a file that the walk listed, or
// errSkip. A file the walk saw as a regular file has no symbolic link on
// its way from the root (which is resolved, and the walk follows no
// links), so it needs no resolving; its type and size are checked on the
// opened file. Anything else is read as read reads it.
func (p *project) readListed(rel string, regular bool) ([]byte, error) {
	if !regular {
		return p.read(rel)
	}
	f, err := os.Open(filepath.Join(p.root, filepath.FromSlash(rel)))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, errSkip
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", rel, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", rel, err)
	}
	if !info.Mode().IsRegular() || info.Size() > maxFileSize {
		return nil, errSkip
	}
	var buf bytes.Buffer
	buf.Grow(int(info.Size()) + bytes.MinRead)
	if _, err := buf.ReadFrom(f); err != nil {
		return nil, fmt.Errorf("reading %s: %w", rel, err)
	}
	return buf.Bytes(), nil
}

// contains reports whether the resolved path lies inside the root.
func (p *project) contains(real string) bool {
	rel, err := filepath.Rel(p.root, real)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
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
