package filetx_test

import (
	"strings"
	"testing"

	"github.com/paxx-dev/paxx/filetx"
)

// FuzzDiff renders the diff of fuzzed old and new texts and checks its
// shape: empty exactly when nothing changes, git's headers, and hunks
// whose removed and context lines are lines of the old text and whose
// added and context lines are lines of the new one.
func FuzzDiff(f *testing.F) {
	f.Add([]byte("a\nb\n"), []byte("a\nc\nb\n"), true)
	f.Add([]byte("a\r\nb"), []byte("a\r\nb\r\nc"), true)
	f.Add([]byte(""), []byte("x\n"), false)
	f.Fuzz(func(t *testing.T, old, new []byte, existed bool) {
		c := &filetx.Change{Path: "f.txt", Old: old, New: new, Existed: existed}
		if !existed {
			c.Old = nil
		}
		d := filetx.Diff([]*filetx.Change{c})
		if (d == "") != !c.Changed() {
			t.Fatalf("Diff = %q for a change that changes: %v", d, c.Changed())
		}
		if d == "" {
			return
		}
		from := "--- a/f.txt\n"
		if !existed {
			from = "--- /dev/null\n"
		}
		if !strings.HasPrefix(d, from+"+++ b/f.txt\n") {
			t.Fatalf("bad headers: %q", d)
		}
		oldLines, newLines := lineSet(string(c.Old)), lineSet(string(new))
		body := strings.SplitAfter(d, "\n")[2:]
		for _, l := range body {
			if l == "" || strings.HasPrefix(l, "@@ ") || l == "\\ No newline at end of file\n" {
				continue
			}
			text := strings.TrimSuffix(l[1:], "\n")
			switch l[0] {
			case '-':
				check(t, oldLines, text, l)
			case '+':
				check(t, newLines, text, l)
			case ' ':
				check(t, oldLines, text, l)
				check(t, newLines, text, l)
			default:
				t.Fatalf("unexpected diff line %q in %q", l, d)
			}
		}
	})
}

// lineSet returns the lines of s without their "\n".
func lineSet(s string) map[string]bool {
	set := map[string]bool{}
	for _, l := range strings.SplitAfter(s, "\n") {
		set[strings.TrimSuffix(l, "\n")] = true
	}
	return set
}

func check(t *testing.T, lines map[string]bool, text, line string) {
	t.Helper()
	if !lines[text] {
		t.Fatalf("diff line %q is not a line of its side", line)
	}
}
