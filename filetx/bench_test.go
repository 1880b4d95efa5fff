package filetx_test

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/paxx-dev/paxx/filetx"
)

// BenchmarkCommit commits a change of five small files — the size of one
// component's plan — each iteration reading them anew and appending a line.
func BenchmarkCommit(b *testing.B) {
	root := b.TempDir()
	names := []string{"settings.py", "docker-compose.yml", "pyproject.toml", ".env.example", "core/cache.py"}
	for _, n := range names {
		writeFile(b, filepath.Join(root, n), "# "+n+"\n", 0o644)
	}
	i := 0
	for b.Loop() {
		changes := make([]*filetx.Change, len(names))
		for j, n := range names {
			c, err := filetx.ReadFile(root, n)
			if err != nil {
				b.Fatal(err)
			}
			c.New = fmt.Appendf(c.New, "# edit %d\n", i)
			changes[j] = c
		}
		if err := filetx.Commit(root, changes, filetx.CommitOptions{}); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkDiff renders the diff of a 2,000-line file with a few inserts.
func BenchmarkDiff(b *testing.B) {
	var old, new []byte
	for i := range 2000 {
		line := fmt.Appendf(nil, "line %d = %q\n", i, "some value")
		old = append(old, line...)
		new = append(new, line...)
		if i%500 == 250 {
			new = fmt.Appendf(new, "inserted_%d = True\n", i)
		}
	}
	changes := []*filetx.Change{{Path: "big.py", Old: old, New: new, Existed: true, Mode: 0o644}}
	for b.Loop() {
		if filetx.Diff(changes) == "" {
			b.Fatal("empty diff")
		}
	}
}
