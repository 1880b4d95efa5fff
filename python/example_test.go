package python_test

import (
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
	f, _, err = f.EnsureImports([]python.Import{{Module: "pydantic", Name: "SecretStr"}})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Print(string(f.Source()))
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

// AddFields is the one-shot form of File.AddFields: source in, source out,
// with one action per change made. A field that is already there is no
// change.
func ExampleAddFields() {
	out, actions, err := python.AddFields("app/config.py", []byte(settingsModule), "Settings", []python.NewField{
		{Name: "debug", Type: "bool", Default: false, Section: "App"},
		{Name: "sentry_dsn", Type: "str", Default: "", Section: "Sentry"},
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, a := range actions {
		fmt.Printf("line %d: %s\n", a.Line, a.What)
	}
	fmt.Print(string(out))
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
