package testutil_test

import (
	"fmt"
	"log"

	"github.com/paxx-dev/paxx/internal/testutil"
)

// ReadmeBlock picks the README's code block a test runs as it is written:
// the one fenced with the language and holding the marker. A marker found
// in no block, or in several, is an error.
func ExampleReadmeBlock() {
	md := []byte("# Demo\n\n```sh\ngo install ./cmd/paxx\n```\n\n```sh\npaxx add redis\n```\n")
	block, err := testutil.ReadmeBlock(md, "sh", "paxx add")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Print(block)

	_, err = testutil.ReadmeBlock(md, "sh", "paxx")
	fmt.Println(err != nil)
	// Output:
	// paxx add redis
	// true
}
