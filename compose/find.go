package compose

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/paxx-dev/paxx/rewrite"
)

// candidates are the file names Docker Compose looks for, in its order.
var candidates = [...]string{"compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"}

// Find returns the compose file Docker Compose would use in root: the first
// of compose.yaml, compose.yml, docker-compose.yaml and docker-compose.yml
// that exists, as a slash path relative to root, or "" when there is none.
// A directory with one of those names is refused.
func Find(root string) (string, error) {
	for _, name := range candidates {
		info, err := os.Stat(filepath.Join(root, name))
		switch {
		case err == nil && !info.IsDir():
			return name, nil
		case err == nil:
			// Compose would fail on it too; skipping it would edit another
			// file, or none, behind the person's back.
			return "", rewrite.Errorf(rewrite.ErrRefused, name, 0, 0, "is a directory, not a compose file").
				WithHint("remove or rename the directory, then run paxx again")
		case errors.Is(err, fs.ErrNotExist):
			continue
		default:
			return "", fmt.Errorf("compose: looking for %s: %w", name, err)
		}
	}
	return "", nil
}
