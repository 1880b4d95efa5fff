package alembic_test

import (
	"fmt"
	"log"

	"github.com/paxx-dev/paxx/alembic"
)

// The top of a migration template as Alembic generates it, with a comment
// someone added under the imports.
const template = `"""${message}

Revision ID: ${up_revision}
"""
from alembic import op
import sqlalchemy as sa
# project types
${imports if imports else ""}
`

// Parse a migration template, make sure it imports what a component's
// migrations need, and print it: the line goes right after Alembic's own
// import and everything else stays. A second AddImport of the same line
// is no change.
func ExampleParse() {
	f, err := alembic.Parse("migrations/script.py.mako", []byte(template))
	if err != nil {
		log.Fatal(err)
	}
	f, actions, err := f.AddImport("import geoalchemy2")
	if err != nil {
		log.Fatal(err)
	}
	for _, a := range actions {
		fmt.Printf("line %d: %s\n", a.Line, a.What)
	}
	fmt.Print(string(f.Bytes()))

	_, actions, err = f.AddImport("import geoalchemy2")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(actions), f.HasImport("import geoalchemy2"))
	// Output:
	// line 7: `import geoalchemy2` in the migration template
	// """${message}
	//
	// Revision ID: ${up_revision}
	// """
	// from alembic import op
	// import sqlalchemy as sa
	// import geoalchemy2
	// # project types
	// ${imports if imports else ""}
	// 0 true
}

// ParseIni reads alembic.ini as Alembic does; ScriptLocation expands
// %(here)s to the ini file's own directory.
func ExampleIni_ScriptLocation() {
	ini := []byte(`[alembic]
script_location = %(here)s/migrations
sqlalchemy.url = driver://user:pass@localhost/dbname
`)
	f, err := alembic.ParseIni("alembic.ini", ini)
	if err != nil {
		log.Fatal(err)
	}
	loc, ok, err := f.ScriptLocation()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(loc, ok)
	// Output:
	// ./migrations true
}
