package rewrite

import (
	"errors"
	"strings"
	"testing"
)

// lines is a format whose files are their bytes; its parser refuses "!".
type lines []byte

func (l lines) Bytes() []byte { return l }

func parseLines(path string, src []byte) (lines, error) {
	if strings.Contains(string(src), "!") {
		return nil, errors.New(path + ": bang")
	}
	return lines(src), nil
}

// TestUndoWithRedoWith checks that Undo, given RedoWith of an add, finds
// the deletion that add undoes exactly, and that a candidate the parser
// refuses is no answer.
func TestUndoWithRedoWith(t *testing.T) {
	appendB := func(l lines) (lines, []Action, error) {
		if strings.Contains(string(l), "b\n") {
			return l, nil, nil
		}
		return append(append(lines{}, l...), "\nb\n"...), []Action{{Line: 2, What: "b"}}, nil
	}
	redo := RedoWith(parseLines, "f", appendB)
	src := []byte("a\n\nb\n")
	out, ok := Undo(src, 3, 5, redo, nil)
	if !ok || string(out) != "a\n" {
		t.Errorf("Undo = %q, %v; want %q", out, ok, "a\n")
	}
	if _, err := redo([]byte("!")); err == nil || !strings.Contains(err.Error(), "f: bang") {
		t.Errorf("redo of a candidate the parser refuses: err = %v", err)
	}
}

// TestUndoTriesEachCandidateOnce checks that Undo does not redo the same
// candidate bytes twice: deletions on either side of a blank line, or of
// a separator, give the same text.
func TestUndoTriesEachCandidateOnce(t *testing.T) {
	for _, src := range []string{"x\n\nitem\n\ny\n", "a = [1, item, 2]\n", "k,\n\n  item,\n\nz"} {
		start := strings.Index(src, "item")
		seen := map[string]bool{}
		redo := func(c []byte) ([]byte, error) {
			if seen[string(c)] {
				t.Errorf("%q: candidate %q tried twice", src, c)
			}
			seen[string(c)] = true
			return nil, errors.New("no")
		}
		if _, ok := Undo([]byte(src), start, start+len("item"), redo, nil); ok {
			t.Errorf("%q: Undo found an inverse with a redo that always fails", src)
		}
		if len(seen) < 3 {
			t.Errorf("%q: only %d candidates tried", src, len(seen))
		}
	}
}
