package components

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"

	"github.com/paxx-dev/paxx/filetx"
)

// holdsPython reports whether the directory root/rel exists and holds a
// Python module. A directory that holds none — missing, empty, or left
// with only temporary files by a paxx killed while committing — is not yet
// the project's package, so the generated package gets its __init__.py; a
// directory with modules is the person's own package, namespace package or
// not, and is left as it is.
func holdsPython(root, rel string) bool {
	entries, err := os.ReadDir(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		return false
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".py") && !strings.HasPrefix(e.Name(), ".") {
			return true
		}
	}
	return false
}

// barePackage reports whether the directory root/rel is a package with
// nothing in it: an empty (or blank) __init__.py and no other module. That
// is what the package paxx creates for its modules looks like, so a
// package the user had in that state must be recorded to be told apart.
func barePackage(root, rel string) bool {
	dir := filepath.Join(root, filepath.FromSlash(rel))
	init, err := filetx.ReadRegular(filepath.Join(dir, "__init__.py"))
	if err != nil || len(bytes.TrimSpace(init)) > 0 {
		return false
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range entries {
		if e.Name() != "__init__.py" && strings.HasSuffix(e.Name(), ".py") {
			return false
		}
	}
	return true
}
