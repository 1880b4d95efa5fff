package pyproject_test

import (
	"fmt"
	"log"

	"github.com/paxx-dev/paxx/pyproject"
)

// A pyproject.toml with a one-per-line dependencies array in its own order,
// a trailing comma and a comment.
const pyprojectFile = `[project]
name = "demo"
requires-python = ">=3.11"
dependencies = [
  "fastapi>=0.110",
  "pydantic-settings>=2",  # settings from the environment
]

[tool.ruff]
line-length = 100
`

// Parse a pyproject.toml, add a runtime dependency and an item to another
// string array, and print the result: the comment and the array's layout
// are kept, and the new items are written like their neighbours.
func ExampleParse() {
	f, err := pyproject.Parse("pyproject.toml", []byte(pyprojectFile))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(f.Name(), f.RequiresPython(), f.StringArray("project", "dependencies"))

	f, _, err = f.AddDependency("redis>=5.0")
	if err != nil {
		log.Fatal(err)
	}
	f, actions, err := f.AddArrayItem([]string{"tool", "ruff", "extend-exclude"}, "migrations")
	if err != nil {
		log.Fatal(err)
	}
	for _, a := range actions {
		fmt.Printf("line %d: %s\n", a.Line, a.What)
	}
	fmt.Print(string(f.Bytes()))
	// Output:
	// demo >=3.11 [fastapi>=0.110 pydantic-settings>=2]
	// line 12: migrations in [tool.ruff].extend-exclude
	// [project]
	// name = "demo"
	// requires-python = ">=3.11"
	// dependencies = [
	//   "fastapi>=0.110",
	//   "pydantic-settings>=2",  # settings from the environment
	//   "redis>=5.0",
	// ]
	//
	// [tool.ruff]
	// line-length = 100
	// extend-exclude = ["migrations"]
}

// AddDependency is an ensure: a requirement already declared under the same
// normalized name leaves the file unchanged, whatever its version, and
// the file itself comes back.
func ExampleFile_AddDependency() {
	f, err := pyproject.Parse("pyproject.toml", []byte(pyprojectFile))
	if err != nil {
		log.Fatal(err)
	}
	g, actions, err := f.AddDependency("Pydantic_Settings>=2.1")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(actions), g == f, string(g.Bytes()) == pyprojectFile)
	// Output:
	// 0 true true
}

// RemoveDependency undoes AddDependency byte for byte, and
// RemoveArrayItem undoes AddArrayItem: the key and the table that the
// addition created go with the item.
func ExampleFile_RemoveDependency() {
	f, err := pyproject.Parse("pyproject.toml", []byte(pyprojectFile))
	if err != nil {
		log.Fatal(err)
	}
	keyPath := []string{"tool", "paxx", "infra"}
	g, _, err := f.AddDependency("redis>=5.0")
	if err != nil {
		log.Fatal(err)
	}
	if g, _, err = g.AddArrayItem(keyPath, "redis"); err != nil {
		log.Fatal(err)
	}
	g, removed, err := g.RemoveArrayItem(keyPath, "redis")
	if err != nil {
		log.Fatal(err)
	}
	g, more, err := g.RemoveDependency("redis")
	if err != nil {
		log.Fatal(err)
	}
	for _, a := range append(removed, more...) {
		fmt.Printf("line %d: %s\n", a.Line, a.What)
	}
	fmt.Println(string(g.Bytes()) == pyprojectFile)
	// Output:
	// line 14: redis from [tool.paxx].infra
	// line 7: redis from [project].dependencies
	// true
}
