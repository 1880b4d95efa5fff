package pyproject

import (
	"strings"

	"github.com/paxx-dev/paxx/rewrite"
)

// ReplacedKey is the [tool.paxx] key that lists, as "component: thing"
// strings, the values a component changed when paxx added it, each with
// the value it had before (such as "postgis: image db postgres:16-alpine"):
// what removing the component puts back. It is written only when a
// component changes a value, which adding one otherwise never does.
const ReplacedKey = "replaced"

// AddReplaced records in [tool.paxx] replaced that component changed
// item, which holds the value it replaced (such as "image db
// postgres:16-alpine"). The array follows AddInfra's layout rules.
func AddReplaced(path string, src []byte, component, item string) ([]byte, []rewrite.Action, error) {
	return addToRecord(path, src, ReplacedKey, component+": "+item)
}

// AddReplaced is the function AddReplaced on a parsed file, returning the
// file after the edit as AddInfra does.
func (f *File) AddReplaced(component, item string) (*File, []rewrite.Action, error) {
	return f.addToRecord(ReplacedKey, component+": "+item)
}

// RemoveReplaced removes the record that component replaced item, the
// inverse of AddReplaced: the key goes when it is left empty.
func RemoveReplaced(path string, src []byte, component, item string) ([]byte, []rewrite.Action, error) {
	return removeFromRecord(path, src, ReplacedKey, component+": "+item)
}

// Replaced returns what component changed when it was added, as recorded
// by AddReplaced: the items without the "component: " prefix.
func (f *File) Replaced(component string) []string {
	var out []string
	for _, s := range f.record(ReplacedKey) {
		if item, ok := strings.CutPrefix(s, component+": "); ok {
			out = append(out, item)
		}
	}
	return out
}
