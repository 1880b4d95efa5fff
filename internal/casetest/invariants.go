package casetest

import (
	"bytes"
	"strings"
	"testing"

	"github.com/paxx-dev/paxx/rewrite"
)

// Edit is one rewriter operation that succeeded, to be held to the
// invariants of every rewrite.
type Edit struct {
	// Op names the operation in messages.
	Op string
	// In and Out are the file before and after the operation.
	In, Out []byte
	// Actions are what the operation reported.
	Actions []rewrite.Action
	// Remove says the operation takes away what an add put in: its output
	// must be delete-only, and its actions name lines of In. Otherwise it
	// must be insert-only and its actions name lines of Out.
	Remove bool
	// Marker is text that every line an action names must hold (the name
	// of what was added); "" checks only that the line exists.
	Marker string
	// Parse is the format's parser: the output must parse.
	Parse func(src []byte) error
	// Again runs the same operation on the output, which must change
	// nothing and report nothing: the operation is idempotent.
	Again func(src []byte) ([]byte, []rewrite.Action, error)
}

// Check fails the test when e breaks an invariant of every rewrite: the
// output parses; it only adds to the input (or, for a removal, only takes
// away); it changed the input exactly when it reported actions; every
// action names an existing line that holds the marker; and the same
// operation on the output changes nothing.
func Check(t testing.TB, e Edit) {
	t.Helper()
	if e.Parse != nil {
		if err := e.Parse(e.Out); err != nil {
			t.Fatalf("%s: output does not parse: %v\n%s", e.Op, err, e.Out)
		}
	}
	if e.Remove {
		if !rewrite.IsDeleteOnly(e.In, e.Out) {
			t.Fatalf("%s: output is not delete-only:\n%s", e.Op, e.Out)
		}
	} else if !rewrite.IsInsertOnly(e.In, e.Out) {
		t.Fatalf("%s: output is not insert-only:\n%s", e.Op, e.Out)
	}
	if changed := !bytes.Equal(e.In, e.Out); changed != (len(e.Actions) > 0) {
		t.Fatalf("%s: %d actions for a change of %d bytes", e.Op, len(e.Actions), len(e.Out)-len(e.In))
	}
	named := e.Out
	if e.Remove {
		named = e.In
	}
	lines := strings.Split(string(named), "\n")
	for _, a := range e.Actions {
		if a.Line < 1 || a.Line > len(lines) || !strings.Contains(lines[a.Line-1], e.Marker) {
			t.Fatalf("%s: action %q does not name a line holding %q\n%s", e.Op, FormatAction(a), e.Marker, named)
		}
	}
	if e.Again == nil {
		return
	}
	again, actions, err := e.Again(e.Out)
	if err != nil || len(actions) != 0 || !bytes.Equal(again, e.Out) {
		t.Fatalf("%s: not idempotent: err=%v actions=%v\n%s", e.Op, err, actions, again)
	}
}
