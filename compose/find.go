package compose

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// candidates are the file names Docker Compose looks for, in its order.
var candidates = [...]string{"compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"}

// Find returns the compose file Docker Compose would use in root: the first
// of compose.yaml, compose.yml, docker-compose.yaml and docker-compose.yml
// that exists, as a slash path relative to root, or "" when there is none.
func Find(root string) (string, error) {
	for _, name := range candidates {
		info, err := os.Stat(filepath.Join(root, name))
		switch {
		case err == nil && !info.IsDir():
			return name, nil
		case err == nil, errors.Is(err, fs.ErrNotExist):
			continue
		default:
			return "", fmt.Errorf("compose: looking for %s: %w", name, err)
		}
	}
	return "", nil
}
