package filetx

import (
	"strings"

	udiff "github.com/aymanbagabas/go-udiff"
)

// diffContext is the number of unchanged lines shown around each hunk, as
// git shows them.
const diffContext = 3

// Diff renders the unified diff of the changes that write something, in the
// order given and in git's form: "--- a/path" and "+++ b/path" (or
// "--- /dev/null" for a file that does not exist yet), hunks with three
// lines of context, and "\ No newline at end of file" after a last line
// without one. Line endings are shown as they are, so a CRLF file's lines
// end in "\r\n". It returns "" when nothing changes.
func Diff(changes []*Change) string {
	var b strings.Builder
	for _, c := range changes {
		if c == nil || !c.Changed() {
			continue
		}
		b.WriteString(fileDiff(c))
	}
	return b.String()
}

// fileDiff renders one change's diff.
func fileDiff(c *Change) string {
	from := "a/" + c.Path
	if !c.Existed {
		from = "/dev/null"
	}
	to := "b/" + c.Path
	if c.Deleted() {
		to = "/dev/null"
	}
	old, new := string(c.Old), string(c.New)
	text, err := udiff.ToUnified(from, to, old, udiff.Lines(old, new), diffContext)
	if err != nil || text == "" {
		// Edits computed from the two texts always apply to the first; the
		// only diff without hunks is that of a new empty file, which still
		// deserves its header.
		return "--- " + from + "\n+++ " + to + "\n"
	}
	return text
}
