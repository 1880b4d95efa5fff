package python

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/paxx-dev/paxx/filetx"
	"github.com/paxx-dev/paxx/rewrite"
)

// project is a project root as discovery reads it: through a filetx.Root,
// so that discovery looks at exactly the files paxx may edit — the same
// rule for symbolic links and the same size cap, filetx.MaxFileSize — and
// passes over the others instead of failing.
type project struct {
	files *filetx.Root
	root  string // files.Dir(): absolute, symbolic links resolved
}

// newProject resolves root.
func newProject(root string) (*project, error) {
	r, err := filetx.OpenRoot(root)
	if err != nil {
		return nil, err
	}
	return &project{files: r, root: r.Dir()}, nil
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

// errSkip marks a file that discovery passes over: missing, or refused
// by filetx (not a regular file, larger than filetx.MaxFileSize, a symbolic
// link out of the root). The error wraps the reason too.
var errSkip = errors.New("skipped")

// read returns the contents of the file at slash path rel, or errSkip.
func (p *project) read(rel string) ([]byte, error) {
	return skipped(p.files.Read(rel))
}

// readListed returns the contents of a file that the walk listed, or
// errSkip. A file the walk saw as a regular file is read with
// filetx.Root.ReadWalked, which knows that such a path holds no symbolic
// link; anything else is read as read reads it.
func (p *project) readListed(rel string, regular bool) ([]byte, error) {
	if !regular {
		return p.read(rel)
	}
	return skipped(p.files.ReadWalked(rel))
}

// skipped turns a read's error for a file that discovery passes over —
// missing, or refused — into errSkip, wrapping the reason.
func skipped(src []byte, err error) ([]byte, error) {
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, rewrite.ErrRefused) {
		return nil, fmt.Errorf("%w: %w", errSkip, err)
	}
	return src, err
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
