package rewrite_test

import (
	"fmt"
	"log"

	"github.com/paxx-dev/paxx/rewrite"
)

// Apply splices edits into the original bytes; offsets refer to the source
// as given, so edits do not shift one another. Here a line goes in after the
// second line, with that line's indentation and the file's line ending, and
// a value is replaced in place: the comment on its line stays.
func ExampleApply() {
	src := []byte("[tool.ruff]\n    line-length = 88  # black's default\n")

	at := rewrite.Offset(src, 3) // the start of line 3: the end of the file
	indent := rewrite.Indentation(src, rewrite.Offset(src, 2))
	start := rewrite.Offset(src, 2) + len("    line-length = ")

	out, err := rewrite.Apply(src, []rewrite.Edit{
		{Start: at, End: at, Text: indent + "target-version = \"py311\"" + rewrite.Newline(src)},
		{Start: start, End: start + len("88"), Text: "100"},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Print(string(out))
	// Output:
	// [tool.ruff]
	//     line-length = 100  # black's default
	//     target-version = "py311"
}

// IsInsertOnly is the check that a rewrite only added: every byte of the
// old source is still there, in order. A new line or a version appended to
// a name is an insertion; a replaced word is not. IsDeleteOnly is its mirror
// for removals.
func ExampleIsInsertOnly() {
	old := []byte("fastapi\nuvicorn\n")

	fmt.Println(rewrite.IsInsertOnly(old, []byte("fastapi\nredis>=5.0\nuvicorn\n")))
	fmt.Println(rewrite.IsInsertOnly(old, []byte("fastapi>=0.110\nuvicorn\n")))
	fmt.Println(rewrite.IsInsertOnly(old, []byte("fastapi\nhypercorn\n")))
	fmt.Println(rewrite.IsDeleteOnly(old, []byte("fastapi\n")))
	// Output:
	// true
	// true
	// false
	// true
}
