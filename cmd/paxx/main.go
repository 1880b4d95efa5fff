// Command paxx adds infrastructure — Redis first — to an existing FastAPI
// project, editing the project's own files the way a careful person would,
// and reports drift between a project and what was installed in it.
//
// Usage:
//
//	paxx infra list [-C DIR] [--json]
//	paxx infra show NAME [-C DIR] [--json]
//	paxx infra add NAME|PATH... [-C DIR] [--dry-run] [--force] [--json]
//	paxx infra check [NAME...] [-C DIR] [--json]
//	paxx infra remove NAME... [-C DIR] [--dry-run] [--force] [--json]
//	paxx infra new NAME [-C DIR]
//	paxx infra lint PATH...
//	paxx ext add|check|list ...
//	paxx completion bash|zsh|fish
//	paxx version
//
// The JSON documents follow the schemas in schema/v1 (a failure under
// --json prints error.json's document); docs/cli is the reference of every
// command, generated from this command tree.
//
// Exit codes: 0 success (check: no drift), 1 check found drift, 2 usage
// error, unparseable input, refusal or any other failure.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
