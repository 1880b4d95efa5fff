package pyproject

import (
	"strings"

	"github.com/paxx-dev/paxx/rewrite"
)

// SourcesKey is the [tool.paxx] key that lists, as "component: folder"
// strings, where each installed component that is not built in was loaded
// from ("rabbitmq: .paxx/components/rabbitmq"), so that check and remove
// find it again. A folder inside the Python project is written relative
// to it, with / separators; another is written as an absolute path.
const SourcesKey = "sources"

// AddSource records in [tool.paxx] sources that component came from
// folder. The array follows AddInfra's layout rules; the file is returned
// after the edit as AddInfra does.
func (f *File) AddSource(component, folder string) (*File, []rewrite.Action, error) {
	return f.addToRecord(SourcesKey, component+": "+folder)
}

// RemoveSource removes the record that component came from folder, the
// inverse of AddSource: the key goes when it is left empty, the table when
// it is left with nothing.
func RemoveSource(path string, src []byte, component, folder string) ([]byte, []rewrite.Action, error) {
	return removeFromRecord(path, src, SourcesKey, component+": "+folder)
}

// Sources returns the recorded folders of the components not built in, by
// component name; a name recorded twice keeps its first folder.
func (f *File) Sources() map[string]string {
	out := map[string]string{}
	for _, s := range f.record(SourcesKey) {
		name, folder, ok := strings.Cut(s, ": ")
		if !ok || name == "" || folder == "" {
			continue
		}
		if _, seen := out[name]; !seen {
			out[name] = folder
		}
	}
	return out
}
