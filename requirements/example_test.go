package requirements_test

import (
	"fmt"
	"log"

	"github.com/paxx-dev/paxx/requirements"
)

// Parse reads a PEP 508 requirement; Key is its name as installers compare
// it, and Excludes tells whether one requirement rules out every version
// another one needs.
func ExampleParse() {
	r, err := requirements.Parse(`Redis[hiredis]>=4,<5; python_version >= "3.8"`)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(r.Name, r.Key(), r.Extras, r.Constraint(), r.Marker)

	want, err := requirements.Parse("redis>=5.0")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(r.Excludes(want))
	// Output:
	// Redis redis [hiredis] >=4,<5 python_version >= "3.8"
	// true
}

// AddLine adds a requirement to a requirements.txt. Comments, option lines
// and the name order of a sorted file are kept; a requirement already there
// under another spelling is no change.
func ExampleAddLine() {
	src := []byte(`# runtime dependencies
-c constraints.txt
fastapi>=0.110
pydantic-settings>=2   # settings
uvicorn[standard]
`)
	out, actions, err := requirements.AddLine("requirements.txt", src, "redis>=5.0")
	if err != nil {
		log.Fatal(err)
	}
	for _, a := range actions {
		fmt.Printf("line %d: %s\n", a.Line, a.What)
	}
	fmt.Print(string(out))

	_, actions, err = requirements.AddLine("requirements.txt", out, "FastAPI")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(actions))
	// Output:
	// line 5: redis>=5.0 in requirements.txt
	// # runtime dependencies
	// -c constraints.txt
	// fastapi>=0.110
	// pydantic-settings>=2   # settings
	// redis>=5.0
	// uvicorn[standard]
	// 0
}
