package python

import (
	"cmp"
	"strings"
)

// basesOf returns the names under which a module's top-level imports make
// pydantic's BaseSettings available (`from pydantic_settings import
// BaseSettings as BS` gives BS), and the names of the modules that export
// it (`import pydantic.v1 as p1` gives p1, `import pydantic` pydantic).
func basesOf(stmts []importStmt) (baseNames, moduleNames []string) {
	for i := range stmts {
		s := &stmts[i]
		if s.guarded {
			continue
		}
		for _, n := range s.names {
			switch {
			case s.from && isSettingsModule(s.module) && n.name == "BaseSettings":
				baseNames = append(baseNames, s.bound(n))
			case !s.from && isSettingsModule(n.name):
				moduleNames = append(moduleNames, cmp.Or(n.alias, n.name))
			}
		}
	}
	return baseNames, moduleNames
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
