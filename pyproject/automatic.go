package pyproject

import "github.com/paxx-dev/paxx/rewrite"

// AutomaticKey is the [tool.paxx] key that lists, by name, the installed
// components that paxx added only because another component required them
// (redis for tasks), as apt marks packages "automatically installed".
// Removing the last component that requires one removes it too; adding it
// by name makes it the user's, and takes it off this list. It is written
// only when add installs a requirement nobody asked for by name.
const AutomaticKey = "automatic"

// Automatic returns the components recorded in [tool.paxx] automatic, in
// file order, or nil when the file holds no such record.
func (f *File) Automatic() []string {
	return f.record(AutomaticKey)
}

// AddAutomatic records in [tool.paxx] automatic that the component name
// was installed only because another one required it. It returns the file
// after the edit as AddInfra does; the array follows AddInfra's layout
// rules.
func (f *File) AddAutomatic(name string) (*File, []rewrite.Action, error) {
	return f.addToRecord(AutomaticKey, name)
}

// RemoveAutomatic removes name from [tool.paxx] automatic, the inverse of
// AddAutomatic: the key goes when it is left empty.
func RemoveAutomatic(path string, src []byte, name string) ([]byte, []rewrite.Action, error) {
	return removeFromRecord(path, src, AutomaticKey, name)
}
