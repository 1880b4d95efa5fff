package python

import (
	"path/filepath"
	"strings"
)

// The sections of an import block, in isort's and ruff's order.
const (
	futureSection = iota
	stdlibSection
	thirdPartySection
	firstPartySection
	localSection // relative imports
)

// sections tells which section of the import block a module belongs to,
// for one module being edited: first-party modules are the project's own.
type sections struct {
	first map[string]bool // top-level names of first-party packages
}

// newSections returns the sections of the module at path: its first-party
// packages are the directories of its path (one of them is the top-level
// package it belongs to, as ruff counts imports of the same package) and
// the top-level names of firstParty, the dotted modules a caller knows to
// be the project's.
func newSections(path string, firstParty []string) sections {
	s := sections{first: map[string]bool{}}
	dirs := strings.Split(filepath.ToSlash(filepath.Dir(path)), "/")
	for _, d := range dirs {
		if isIdentifier(d) {
			s.first[d] = true
		}
	}
	for _, m := range firstParty {
		top, _, _ := strings.Cut(m, ".")
		if isIdentifier(top) {
			s.first[top] = true
		}
	}
	return s
}

// kind returns mod's section.
func (s sections) kind(mod string) int {
	top, _, _ := strings.Cut(mod, ".")
	switch {
	case mod == "__future__":
		return futureSection
	case strings.HasPrefix(mod, "."):
		return localSection
	case s.first[top]:
		return firstPartySection
	case isStdlib(mod):
		return stdlibSection
	}
	return thirdPartySection
}

// sortKey is what isort sorts statements of a section by: the module,
// ignoring case.
func sortKey(mod string) string { return strings.ToLower(mod) }

// placeInSection returns the statement of same, the statements of one
// section in a group in file order, after which a new `from mod import`
// goes (nil: before same[0]), as the group sorts them: with isort's
// default, plain imports first and then from-imports, each sorted by
// module; or sorted by module whatever their form (force_sort_within_
// sections), a plain import before a from-import of the same module;
// otherwise at the end.
func placeInSection(same []importStmt, mod string) *importStmt {
	key := sortKey(mod)
	var plains, froms []*importStmt
	for i := range same {
		if same[i].from {
			froms = append(froms, &same[i])
		} else {
			plains = append(plains, &same[i])
		}
	}
	sectioned := sortedStmts(plains) && sortedStmts(froms) &&
		(len(plains) == 0 || len(froms) == 0 || plains[len(plains)-1].end < froms[0].start)
	all := make([]*importStmt, len(same))
	for i := range same {
		all[i] = &same[i]
	}
	switch {
	case sectioned && len(froms) > 0:
		return lastNotAfter(froms, key, plains)
	case sectioned:
		return plains[len(plains)-1]
	case sortedStmts(all):
		return lastNotAfter(all, key, nil)
	}
	return all[len(all)-1]
}

// lastNotAfter returns the last of stmts whose module sorts before or with
// key (a from-import goes after a plain import of its module), else the
// last of before, else nil.
func lastNotAfter(stmts []*importStmt, key string, before []*importStmt) *importStmt {
	var last *importStmt
	for _, s := range stmts {
		if k := sortKey(s.firstModule()); k < key || k == key {
			last = s
		}
	}
	if last == nil && len(before) > 0 {
		last = before[len(before)-1]
	}
	return last
}

// sortedStmts reports whether stmts are in isort's order by module, a
// plain import before a from-import of the same module.
func sortedStmts(stmts []*importStmt) bool {
	for i := 1; i < len(stmts); i++ {
		a, b := stmts[i-1], stmts[i]
		ka, kb := sortKey(a.firstModule()), sortKey(b.firstModule())
		if ka > kb || ka == kb && a.from && !b.from {
			return false
		}
	}
	return true
}
