package dotenv_test

import (
	"fmt"
	"log"

	"github.com/paxx-dev/paxx/dotenv"
)

// ExampleFile_AddVars parses a .env.example, adds the Redis component's
// variables under a "# Redis" section and prints the result: the file's
// own lines are kept as they are, the new group follows its spacing and
// its "NAME = value" habit, and a value with a space is quoted.
func ExampleFile_AddVars() {
	src := []byte("# Application\nAPP_NAME = demo\nDEBUG = false\n")
	f, err := dotenv.Parse(".env.example", src)
	if err != nil {
		log.Fatal(err)
	}
	g, actions, err := f.AddVars("Redis", []dotenv.Var{
		{Name: "REDIS_URL", Value: "redis://localhost:6379/0"},
		{Name: "REDIS_GREETING", Value: "hello world"},
		{Name: "APP_NAME", Value: "ignored: already set"},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Print(string(g.Bytes()))
	for _, a := range actions {
		fmt.Printf("line %d: %s\n", a.Line, a.What)
	}
	fmt.Println(g.Names())
	// Output:
	// # Application
	// APP_NAME = demo
	// DEBUG = false
	//
	// # Redis
	// REDIS_URL = redis://localhost:6379/0
	// REDIS_GREETING = "hello world"
	// line 6: variable REDIS_URL
	// line 7: variable REDIS_GREETING
	// [APP_NAME DEBUG REDIS_URL REDIS_GREETING]
}

// ExampleParse shows that a missing file, read as empty bytes, is an
// empty File that AddVars can start.
func ExampleParse() {
	f, err := dotenv.Parse(".env.example", nil)
	if err != nil {
		log.Fatal(err)
	}
	g, _, err := f.AddVars("Redis", []dotenv.Var{{Name: "REDIS_URL", Value: "redis://localhost:6379/0"}})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%q\n", f.Names())
	fmt.Print(string(g.Bytes()))
	// Output:
	// []
	// # Redis
	// REDIS_URL=redis://localhost:6379/0
}
