package requirements

import (
	"github.com/paxx-dev/paxx/rewrite"
)

// lineEdit adds text as a line of its own at offset at, which is the start
// of a line or the end of the source: the edit, and where in its text the
// line starts. At the end of a source without a final line break the line
// goes after a new break and stays without one, as the file was.
func lineEdit(src []byte, at int, text, nl string) (rewrite.Edit, int) {
	if at >= len(src) && !rewrite.EndsWithNewline(src) {
		return rewrite.Edit{Start: len(src), End: len(src), Text: nl + text}, len(nl)
	}
	return rewrite.Edit{Start: at, End: at, Text: text + nl}, 0
}
