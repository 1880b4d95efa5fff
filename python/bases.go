package python

import (
	"strings"

	sitter "github.com/smacker/go-tree-sitter"
)

// readImport records the names under which an import statement makes
// BaseSettings, or a module exporting it, available.
func (f *File) readImport(n *sitter.Node) {
	switch f.typeOf(n) {
	case "import_from_statement":
		mod := n.ChildByFieldName("module_name")
		if mod == nil || !isSettingsModule(f.text(mod)) {
			return
		}
		for i := range int(n.NamedChildCount()) {
			c := n.NamedChild(i)
			if name, alias := f.importedName(c); name == "BaseSettings" && c != mod {
				f.baseNames = append(f.baseNames, alias)
			}
		}
	case "import_statement":
		for i := range int(n.NamedChildCount()) {
			if name, alias := f.importedName(n.NamedChild(i)); isSettingsModule(name) {
				f.moduleNames = append(f.moduleNames, alias)
			}
		}
	}
}

// importedName returns the name an import clause imports and the name it
// binds: ("BaseSettings", "BS") for `BaseSettings as BS`.
func (f *File) importedName(c *sitter.Node) (name, alias string) {
	switch f.typeOf(c) {
	case "dotted_name":
		return f.text(c), f.text(c)
	case "aliased_import":
		n, a := c.ChildByFieldName("name"), c.ChildByFieldName("alias")
		if n != nil && a != nil {
			return f.text(n), f.text(a)
		}
	}
	return "", ""
}

// isSettingsModule reports whether a module exports pydantic's
// BaseSettings: pydantic-settings for pydantic v2, pydantic itself (and its
// v1 compatibility module) for v1.
func isSettingsModule(name string) bool {
	switch name {
	case "pydantic_settings", "pydantic", "pydantic.v1":
		return true
	}
	return false
}

// isSettingsBase reports whether a base expression names pydantic's
// BaseSettings in this file: BaseSettings, an alias it was imported as,
// or module.BaseSettings for a module (or module alias) that exports it.
func (f *File) isSettingsBase(base string) bool {
	if base == "BaseSettings" {
		return true
	}
	for _, n := range f.baseNames {
		if base == n {
			return true
		}
	}
	mod, ok := strings.CutSuffix(base, ".BaseSettings")
	if !ok {
		return false
	}
	if isSettingsModule(mod) {
		return true
	}
	for _, m := range f.moduleNames {
		if mod == m {
			return true
		}
	}
	return false
}
