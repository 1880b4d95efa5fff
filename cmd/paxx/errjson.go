package main

import (
	"errors"
	"strings"

	"github.com/paxx-dev/paxx/rewrite"
)

// errorDoc is the JSON document a command run with --json prints on stdout
// when it fails (exit 2), in place of the document it would have printed;
// the message goes to stderr as always. schema/v1/error.json describes it.
type errorDoc struct {
	FormatVersion string `json:"format_version"`
	// Error is the failure, the first of Errors.
	Error errorItem `json:"error"`
	// Errors are all the failures: several when paxx reports more than
	// one at once (every fault of a component folder), else Error alone.
	Errors []errorItem `json:"errors"`
}

// errorItem is one failure: where, what, and what to do. Every key is
// always there; a zero line or column and an empty path or hint mean that
// the failure has none.
type errorItem struct {
	Path    string `json:"path"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Message string `json:"message"`
	Hint    string `json:"hint"`
}

// newErrorDoc describes err: each located error (*rewrite.Error) it holds
// gives its place, message and hint; errors joined with errors.Join are
// one item each.
func newErrorDoc(err error) errorDoc {
	doc := errorDoc{FormatVersion: formatVersion}
	for _, e := range leaves(err) {
		doc.Errors = append(doc.Errors, errorItemOf(e))
	}
	doc.Error = doc.Errors[0]
	return doc
}

// leaves returns the errors that err joins (errors.Join, found through any
// errors that wrap the join), or err alone.
func leaves(err error) []error {
	for e := err; e != nil; e = errors.Unwrap(e) {
		if j, ok := e.(interface{ Unwrap() []error }); ok {
			var out []error
			for _, c := range j.Unwrap() {
				out = append(out, leaves(c)...)
			}
			if len(out) > 0 {
				return out
			}
		}
	}
	return []error{err}
}

// errorItemOf describes one error. A located error wrapped with context
// ("pyproject.toml: [tool.paxx] infra: settings.py:3:1: ...") keeps the
// context in its message, and its place and hint apart.
func errorItemOf(err error) errorItem {
	var usage *usageError
	if errors.As(err, &usage) {
		return errorItem{Message: usage.msg, Hint: usage.hint()}
	}
	text := strings.TrimSpace(err.Error())
	var re *rewrite.Error
	if !errors.As(err, &re) {
		return errorItem{Message: text}
	}
	msg := re.Msg
	if located := re.Error(); text != located && strings.Contains(text, located) {
		msg = strings.Replace(text, located, re.Msg, 1)
	}
	return errorItem{Path: re.Path, Line: re.Line, Column: re.Col, Message: msg, Hint: re.Hint}
}

// wantsJSON reports whether the command line asks for JSON: --json (or
// --json=true) before any "--". It reads the arguments rather than the
// parsed flag so that a command line that failed to parse gets its error
// as JSON too.
func wantsJSON(args []string) bool {
	for _, a := range args {
		switch {
		case a == "--":
			return false
		case a == "--json", a == "--json=true", a == "--json=1", a == "--json=t", a == "--json=TRUE", a == "--json=True":
			return true
		}
	}
	return false
}
