package filetx_test

import (
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/paxx-dev/paxx/filetx"
)

// Read the files an edit touches, set their new content, and commit them
// together: every file is written, or none is. A file that does not exist
// yet is read too, and created by the commit.
func ExampleCommit() {
	root, err := os.MkdirTemp("", "filetx-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(root)
	if err := os.WriteFile(filepath.Join(root, ".env"), []byte("DEBUG=1\n"), 0o644); err != nil {
		log.Fatal(err)
	}

	env, err := filetx.ReadFile(root, ".env")
	if err != nil {
		log.Fatal(err)
	}
	worker, err := filetx.ReadFile(root, "app/worker.py")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(env.Existed, worker.Existed)

	env.New = []byte(string(env.Old) + "REDIS_URL=redis://localhost:6379/0\n")
	worker.New = []byte("import redis\n")
	if err := filetx.Commit(root, []*filetx.Change{env, worker}, filetx.CommitOptions{}); err != nil {
		log.Fatal(err)
	}

	for _, rel := range []string{".env", "app/worker.py"} {
		b, err := os.ReadFile(filepath.Join(root, rel))
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s:\n%s", rel, b)
	}
	// Output:
	// true false
	// .env:
	// DEBUG=1
	// REDIS_URL=redis://localhost:6379/0
	// app/worker.py:
	// import redis
}

// Diff shows planned changes as a unified diff in git's form, without
// touching the disk.
func ExampleDiff() {
	c := &filetx.Change{
		Path:    "requirements.txt",
		Old:     []byte("fastapi>=0.110\nuvicorn\n"),
		New:     []byte("fastapi>=0.110\nredis>=5.0\nuvicorn\n"),
		Existed: true,
		Mode:    0o644,
	}
	fmt.Print(filetx.Diff([]*filetx.Change{c}))
	// Output:
	// --- a/requirements.txt
	// +++ b/requirements.txt
	// @@ -1,2 +1,3 @@
	//  fastapi>=0.110
	// +redis>=5.0
	//  uvicorn
}
