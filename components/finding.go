package components

import "fmt"

// Kind says what a finding is.
type Kind string

// The kinds of finding.
const (
	// Added is an edit that add made (or, under --dry-run, would make).
	Added Kind = "added"
	// Drift is an edit that an installed component's plan would still make:
	// something it needs is missing. Check fails on drift.
	Drift Kind = "drift"
	// Note is something worth knowing that needs no edit: a value that
	// differs from the component's default, an existing service reused, a
	// generated module the user changed. It never fails a command.
	Note Kind = "note"
)

// Finding is one line of a command's report, tied to a place in a file.
type Finding struct {
	Component string `json:"component"`
	Kind      Kind   `json:"kind"`
	Path      string `json:"path"`
	Line      int    `json:"line,omitempty"`
	Message   string `json:"message"`
}

// String renders the finding as a person reads it in a terminal or a CI
// log: "path:line: message".
func (f Finding) String() string {
	where := f.Path
	if f.Line > 0 {
		where = fmt.Sprintf("%s:%d", f.Path, f.Line)
	}
	if where == "" {
		return f.Message
	}
	return where + ": " + f.Message
}
