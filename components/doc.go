// Package components is paxx's catalogue of infrastructure. Each component
// is a short description — settings fields, a compose service, app wiring,
// requirements, environment lines, generated modules — that this package
// carries out as calls into the format rewriters (python, compose, pyproject,
// requirements, dotenv). Nothing below this package knows that Redis exists.
//
// A component is a folder: component.toml and the templates of its modules
// (docs/components.md). The built-ins are such folders, embedded from
// builtin/, and LoadDir reads them as it reads a project's
// (.paxx/components) or the user's; a Catalog is the set one command knows.
//
// What a component is in one project is worked out once per command, from
// the layout and the record: its binding (binding.go) names the compose
// service it uses (its own, a renamed own, or the project's that it
// reuses), its worker, the images it changes and the names its settings
// fields have here. Its plan (plan.go) is a list of typed edits, each a
// value bound to the file it edits: the settings fields, the service, a
// volume, an environment entry, a depends_on, a dependency, the
// environment file's variables, an image, the migration template's line,
// the app's use of a module (edits.go, wire.go), each with Ensure and Undo
// on its format's parsed File; and the generated modules with their core
// package, whole files. The three commands run the same plan: Add ensures
// every edit and returns the file changes for the caller to show or
// commit; Check ensures them on the files in memory and turns every edit
// that still did something into a drift finding; Remove undoes, in
// reverse order, the edits of the components the record lists, but for
// what the record says was the user's.
//
// What paxx did to a project is recorded in its pyproject.toml, in the
// [tool.paxx] table, or in the same table in .paxx.toml for a project
// without one (record.go): the installed components, what each found in
// place (adopted), changed (replaced), came from (sources) or named
// otherwise (renamed), which were installed only for another (automatic),
// and the flags add was given (flags.go). The record reads and writes
// itself through pyproject's generic string-array operations, so it stays
// plain TOML; remove reads it to undo exactly what add did, and nothing
// else.
package components
