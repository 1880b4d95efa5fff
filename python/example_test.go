package python_test

import (
	"bytes"
	"fmt"
	"log"

	"github.com/paxx-dev/paxx/python"
)

// A settings module as a person wrote it: four-space indentation, single
// quotes and a comment on the last field. (One blank line between top-level
// statements, because an Output comment cannot hold two in a row.)
const settingsModule = `from pydantic_settings import BaseSettings

class Settings(BaseSettings):
    app_name: str = 'demo'
    debug: bool = False  # set DEBUG=1 locally

    def describe(self) -> str:
        return self.app_name

settings = Settings()
`

// Parse a settings module, add typed fields to its class and the import
// their annotation needs, and print the edited source: everything that was
// there is kept byte for byte, and the new lines follow the file's style.
func ExampleParse() {
	f, err := python.Parse("app/config.py", []byte(settingsModule))
	if err != nil {
		log.Fatal(err)
	}
	class, _ := f.Class("Settings")
	fmt.Println(class.Name, class.Bases, len(class.Fields))
	acc, _ := f.Accessor("Settings")
	fmt.Println(acc.Name)

	f, _, err = f.AddFields("Settings", []python.NewField{
		{Name: "redis_url", Type: "str", Default: "redis://localhost:6379/0", Section: "Redis"},
		{Name: "redis_password", Type: "SecretStr | None", Default: nil, Section: "Redis"},
	})
	if err != nil {
		log.Fatal(err)
	}
	f, _, err = f.AddImports([]python.Import{{Module: "pydantic", Name: "SecretStr"}})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Print(string(f.Bytes()))
	// Output:
	// Settings [BaseSettings] 2
	// settings
	// from pydantic import SecretStr
	// from pydantic_settings import BaseSettings
	//
	// class Settings(BaseSettings):
	//     app_name: str = 'demo'
	//     debug: bool = False  # set DEBUG=1 locally
	//
	//     # Redis
	//     redis_url: str = 'redis://localhost:6379/0'
	//     redis_password: SecretStr | None = None
	//
	//     def describe(self) -> str:
	//         return self.app_name
	//
	// settings = Settings()
}

// AddFields gives one action per change made, at its line in the edited
// module. A field that is already there is no change.
func ExampleFile_AddFields() {
	f, err := python.Parse("app/config.py", []byte(settingsModule))
	if err != nil {
		log.Fatal(err)
	}
	f, actions, err := f.AddFields("Settings", []python.NewField{
		{Name: "debug", Type: "bool", Default: false, Section: "App"},
		{Name: "sentry_dsn", Type: "str", Default: "", Section: "Sentry"},
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, a := range actions {
		fmt.Printf("line %d: %s\n", a.Line, a.What)
	}
	fmt.Print(string(f.Bytes()))
	// Output:
	// line 8: field sentry_dsn in Settings
	// from pydantic_settings import BaseSettings
	//
	// class Settings(BaseSettings):
	//     app_name: str = 'demo'
	//     debug: bool = False  # set DEBUG=1 locally
	//
	//     # Sentry
	//     sentry_dsn: str = ''
	//
	//     def describe(self) -> str:
	//         return self.app_name
	//
	// settings = Settings()
}

// RemoveFields and RemoveImports undo AddFields and AddImports: given
// the same fields and imports, they give back the module byte for byte,
// the section comment and blank lines that came with the fields included.
// Their actions name what went, at its line before the removal.
func ExampleFile_RemoveFields() {
	f, err := python.Parse("app/config.py", []byte(settingsModule))
	if err != nil {
		log.Fatal(err)
	}
	fields := []python.NewField{{Name: "redis_password", Type: "SecretStr | None", Default: nil, Section: "Redis"}}
	imports := []python.Import{{Module: "pydantic", Name: "SecretStr"}}
	g, _, err := f.AddFields("Settings", fields)
	if err != nil {
		log.Fatal(err)
	}
	if g, _, err = g.AddImports(imports); err != nil {
		log.Fatal(err)
	}

	g, removed, err := g.RemoveFields("Settings", fields)
	if err != nil {
		log.Fatal(err)
	}
	g, unimported, err := g.RemoveImports(imports)
	if err != nil {
		log.Fatal(err)
	}
	for _, a := range append(removed, unimported...) {
		fmt.Printf("line %d: %s\n", a.Line, a.What)
	}
	fmt.Println(bytes.Equal(g.Bytes(), f.Bytes()))
	// Output:
	// line 9: field redis_password in Settings
	// line 1: import SecretStr from pydantic
	// true
}
