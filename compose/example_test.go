package compose_test

import (
	"fmt"
	"log"

	"github.com/paxx-dev/paxx/compose"
)

// A compose file with three-space indentation, sequences indented under
// their key, double quotes and comments.
const composeFile = `services:
   app:
      build: .   # the FastAPI app
      ports:
         - "8000:8000"
      environment:
         - "DATABASE_URL=postgresql://app@db/app"
`

// Parse a compose file, add a service, a variable and a dependency, and
// print the result: the comments and the file's odd indentation are kept,
// and the new lines are written in the same style.
func ExampleParse() {
	f, err := compose.Parse("compose.yaml", []byte(composeFile))
	if err != nil {
		log.Fatal(err)
	}
	for _, s := range f.Services() {
		fmt.Printf("%s (line %d, build %t)\n", s.Name, s.Line, s.Build)
	}

	f, _, err = f.AddService("redis", `image: redis:7-alpine
ports:
  - "6379:6379"
`)
	if err != nil {
		log.Fatal(err)
	}
	f, _, err = f.AddEnvironment("app", "REDIS_URL", "redis://redis:6379/0")
	if err != nil {
		log.Fatal(err)
	}
	f, actions, err := f.AddDependsOn("app", "redis", "")
	if err != nil {
		log.Fatal(err)
	}
	for _, a := range actions {
		fmt.Printf("line %d: %s\n", a.Line, a.What)
	}
	fmt.Print(string(f.Bytes()))
	// Output:
	// app (line 2, build true)
	// line 10: depends_on redis in service app
	// services:
	//    app:
	//       build: .   # the FastAPI app
	//       ports:
	//          - "8000:8000"
	//       environment:
	//          - "DATABASE_URL=postgresql://app@db/app"
	//          - "REDIS_URL=redis://redis:6379/0"
	//       depends_on:
	//          - redis
	//
	//    redis:
	//       image: redis:7-alpine
	//       ports:
	//          - "6379:6379"
}

// The Add methods are ensures: adding what is already there returns the
// file unchanged, with no actions.
func ExampleFile_AddEnvironment() {
	f, err := compose.Parse("compose.yaml", []byte(composeFile))
	if err != nil {
		log.Fatal(err)
	}
	g, actions, err := f.AddEnvironment("app", "DATABASE_URL", "sqlite://")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(actions), string(g.Bytes()) == composeFile)
	// Output:
	// 0 true
}
