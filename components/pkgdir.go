package components

import (
	"os"
	"path/filepath"
	"strings"
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
