package components

import (
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/paxx-dev/paxx/pyproject"
	"github.com/paxx-dev/paxx/rewrite"
)

// RecordFile is the file that holds paxx's record in a project without
// pyproject.toml, in the Python project's directory beside its
// requirements file, committed with the project as .copier-answers.yml
// and .cruft.json are. It holds the [tool.paxx] table that pyproject.toml
// would hold, so that it moves there as it is when the project gains
// one.
const RecordFile = ".paxx.toml"

// recordHeader opens a RecordFile that paxx creates.
const recordHeader = "# paxx's record of what `paxx infra add` installed here, read by paxx infra\n# check and remove. Commit it.\n"

// recordKey is a key of the [tool.paxx] table of pyproject.toml, where
// paxx keeps its record of the project: each is an array of strings,
// written and read with pyproject's generic array operations so that the
// record stays plain TOML that a person can read and edit.
type recordKey string

// The keys of the record.
const (
	// keyInfra lists the installed components by name.
	keyInfra recordKey = "infra"
	// keyAdopted lists, as "component: thing" entries, what a component
	// found already in place when paxx added it (a field, a service, a
	// variable, a dependency): the user's, which removing the component
	// leaves alone. recordOwner's entries are about the record itself.
	keyAdopted recordKey = "adopted"
	// keyReplaced lists, as "component: thing" entries, the values a
	// component changed when paxx added it, each with the value it had
	// before ("postgis: image db postgres:16-alpine"): what removing the
	// component puts back.
	keyReplaced recordKey = "replaced"
	// keyAutomatic lists the installed components that paxx added only
	// because another one required them (redis for tasks), as apt marks
	// packages automatically installed.
	keyAutomatic recordKey = "automatic"
	// keySources lists, as "component: folder" entries, where each
	// installed component that is not built in was loaded from
	// ("rabbitmq: .paxx/components/rabbitmq"): a folder inside the
	// Python project relative to it with / separators, another one as an
	// absolute path.
	keySources recordKey = "sources"
	// keyFlags lists the flags that add was given and that every later
	// command takes too ("--app-service api"): see flags.go.
	keyFlags recordKey = "flags"
	// keyRenamed lists, as "component: service FROM as TO" entries, the
	// services paxx gave another name than the catalogue's because the
	// project uses that name for something else (its own Celery worker):
	// every later command names them the same way.
	keyRenamed recordKey = "renamed"
)

// everyRecordKey returns the keys of the record in the order remove tidies
// them.
func everyRecordKey() []recordKey {
	return []recordKey{keyInfra, keyAdopted, keyReplaced, keyAutomatic, keySources, keyFlags, keyRenamed}
}

// recordTable returns the key path of the [tool.paxx] table.
func recordTable() []string { return []string{"tool", "paxx"} }

// path returns the key path of k in pyproject.toml.
func (k recordKey) path() []string { return append(recordTable(), string(k)) }

// ownedEntry is the text of an entry of a keyed list (adopted, replaced,
// sources): "component: item".
func ownedEntry(component, item string) string { return component + ": " + item }

// record is paxx's record in a parsed pyproject.toml: the [tool.paxx]
// table, with or without entries. Its methods read a nil *record as no
// record at all. It only reads: entries are added and removed as
// recordEdits.
type record struct {
	f *pyproject.File
}

// recordOf returns the record in f, nil when f is nil.
func recordOf(f *pyproject.File) *record {
	if f == nil {
		return nil
	}
	return &record{f: f}
}

// entries returns the strings of key k in file order, nil when there is
// no such array.
func (r *record) entries(k recordKey) []string {
	if r == nil {
		return nil
	}
	return r.f.StringArray(k.path()...)
}

// hasTable reports whether there is a [tool.paxx] table, with or without
// entries.
func (r *record) hasTable() bool {
	return r != nil && r.f.IsTable(recordTable()...)
}

// installed returns the installed components, in file order.
func (r *record) installed() []string { return r.entries(keyInfra) }

// automatic returns the components installed only because another one
// required them.
func (r *record) automatic() []string { return r.entries(keyAutomatic) }

// adopted returns what component found in place when it was added: its
// adopted entries without the "component: " prefix.
func (r *record) adopted(component string) []string { return r.owned(keyAdopted, component) }

// replaced returns what component changed when it was added: its
// replaced entries without the "component: " prefix.
func (r *record) replaced(component string) []string { return r.owned(keyReplaced, component) }

// owned returns component's entries of the keyed list k, without the
// "component: " prefix.
func (r *record) owned(k recordKey, component string) []string {
	var out []string
	for _, s := range r.entries(k) {
		if item, ok := strings.CutPrefix(s, ownedEntry(component, "")); ok {
			out = append(out, item)
		}
	}
	return out
}

// sources returns the recorded folders of the components not built in,
// by component name; a name recorded twice keeps its first folder.
func (r *record) sources() map[string]string {
	out := map[string]string{}
	for _, s := range r.entries(keySources) {
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

// tidyRecord removes what taking entries out of the record leaves behind
// when they go in another order than add wrote them, which can undo an
// element's addition exactly but leave its array empty ("replaced = []")
// where the key or the table came with it. emptied names the keys that
// held entries before the removal and that paxx wrote: an empty array
// that was there before paxx wrote to it is the user's and stays. Each of
// them whose array is now empty goes with its line, but infra: when it is
// among them and empty, the [tool.paxx] table paxx created goes with the
// blank lines paxx put before it (the exact inverse of its creation where
// there is one) if infra is its only key; in a table that was the user's
// before paxx's first component (userTable), only the infra line goes.
// Anything else is no change.
func tidyRecord(f *pyproject.File, emptied []recordKey, userTable bool) (*pyproject.File, []rewrite.Action, error) {
	var ops []func(*pyproject.File) (*pyproject.File, []rewrite.Action, error)
	for _, k := range emptied {
		if k != keyInfra {
			ops = append(ops, func(f *pyproject.File) (*pyproject.File, []rewrite.Action, error) {
				return f.RemoveEmptyArray(k.path())
			})
		}
	}
	if slices.Contains(emptied, keyInfra) {
		ops = append(ops, func(f *pyproject.File) (*pyproject.File, []rewrite.Action, error) {
			if userTable {
				return f.RemoveEmptyArray(keyInfra.path())
			}
			return f.RemoveEmptyTable(keyInfra.path())
		})
	}
	return chain(f, ops...)
}

// imageItem is the [tool.paxx] replaced item that records that service
// ran image before paxx changed it: "image db postgres:16-alpine". An
// image reference holds no blank, and a service name with none (every
// name the record held before, and the usual ones) is written bare, so
// the three words read back unambiguously. Any other service name
// (blanks, control characters, a leading quote, empty) is written as a
// double-quoted Go string, "image \"my db\" postgres:16-alpine", which
// the old form cannot be mistaken for.
func imageItem(service, image string) string {
	if !bareService(service) {
		service = strconv.Quote(service)
	}
	return "image " + service + " " + image
}

// bareService reports whether imageItem writes the service name as it is.
func bareService(service string) bool {
	return service != "" && !strings.HasPrefix(service, `"`) && !strings.ContainsFunc(service, func(r rune) bool {
		return unicode.IsSpace(r) || !unicode.IsPrint(r)
	})
}

// parseImageItem reads an item written by imageItem.
func parseImageItem(item string) (service, image string, ok bool) {
	rest, ok := strings.CutPrefix(item, "image ")
	if !ok {
		return "", "", false
	}
	if strings.HasPrefix(rest, `"`) {
		quoted, err := strconv.QuotedPrefix(rest)
		if err != nil {
			return "", "", false
		}
		if service, err = strconv.Unquote(quoted); err != nil {
			return "", "", false
		}
		if image, ok = strings.CutPrefix(rest[len(quoted):], " "); !ok || bareService(service) {
			return "", "", false // not as imageItem writes it
		}
	} else if service, image, ok = strings.Cut(rest, " "); !ok || service == "" || strings.ContainsFunc(service, unicode.IsSpace) {
		return "", "", false
	}
	if image == "" || strings.ContainsFunc(image, unicode.IsSpace) {
		return "", "", false
	}
	return service, image, true
}
