package filetx

import (
	"errors"
	"fmt"
	"os"
	"runtime"
)

// syncDir flushes the entries of directory dir — the names that renames
// and creations changed — so that they survive a crash. Windows cannot
// flush a directory and makes renames durable by itself, so there it does
// nothing.
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("flush directory %s: %w", dir, err)
	}
	if err := errors.Join(d.Sync(), d.Close()); err != nil {
		return fmt.Errorf("flush directory %s: %w", dir, err)
	}
	return nil
}
