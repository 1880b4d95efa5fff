package requirements_test

import (
	"fmt"
	"log"

	"github.com/paxx-dev/paxx/requirements"
)

// ParseRequirement reads a PEP 508 requirement; Key is its name as
// installers compare it, and Excludes tells whether one requirement rules
// out every version another one needs.
func ExampleParseRequirement() {
	r, err := requirements.ParseRequirement(`Redis[hiredis]>=4,<5; python_version >= "3.8"`)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(r.Name, r.Key(), r.Extras, r.Constraint(), r.Marker)

	want, err := requirements.ParseRequirement("redis>=5.0")
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
func ExampleFile_AddLine() {
	src := []byte(`# runtime dependencies
-c constraints.txt
fastapi>=0.110
pydantic-settings>=2   # settings
uvicorn[standard]
`)
	f, err := requirements.Parse("requirements.txt", src)
	if err != nil {
		log.Fatal(err)
	}
	f, actions, err := f.AddLine("redis>=5.0")
	if err != nil {
		log.Fatal(err)
	}
	for _, a := range actions {
		fmt.Printf("line %d: %s\n", a.Line, a.What)
	}
	fmt.Print(string(f.Bytes()))

	_, actions, err = f.AddLine("FastAPI")
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
