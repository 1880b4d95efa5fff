package requirements

import (
	"strings"
)

// minimum returns the lowest version r asks for, from its ">=", "==", "~=",
// "===" or ">" clauses (the highest of them when there are several), and
// whether it has one. A requirement without a lower bound cannot conflict.
func (r Requirement) minimum() (version, bool) {
	var low version
	found := false
	for _, s := range r.Specifiers {
		switch s.Op {
		case ">=", ">", "==", "~=", "===":
		default:
			continue
		}
		if strings.HasSuffix(s.Version, ".*") {
			continue
		}
		v, ok := parseVersion(s.Version)
		if !ok {
			continue
		}
		if !found || compareVersions(v, low) > 0 {
			low, found = v, true
		}
	}
	return low, found
}

// Excludes reports whether r rules out every version that want accepts,
// which paxx takes as: no version at or above want's minimum satisfies
// r's specifier set. Only upper bounds can do that, so each clause is
// tested alone; a clause paxx cannot read counts as compatible, and a direct
// URL reference is left to the person who wrote it.
func (r Requirement) Excludes(want Requirement) bool {
	low, ok := want.minimum()
	if !ok || r.URL != "" {
		return false
	}
	for _, s := range r.Specifiers {
		if clauseExcludes(s, low) {
			return true
		}
	}
	return false
}

// clauseExcludes reports whether one clause rules out every version at or
// above low.
func clauseExcludes(s Specifier, low version) bool {
	if prefix, ok := strings.CutSuffix(s.Version, ".*"); ok {
		if s.Op != "==" {
			return false
		}
		v, ok := parseVersion(prefix)
		if !ok || v.pre >= 0 || v.post >= 0 || v.dev >= 0 || v.local != "" {
			return false
		}
		return belowPrefixEnd(v, len(v.release), low)
	}
	v, ok := parseVersion(s.Version)
	if !ok {
		return false
	}
	switch s.Op {
	case "<":
		return compareVersions(v, low) <= 0
	case "<=", "==", "===":
		return compareVersions(v, low) < 0
	case "~=":
		// ~=X.Y means >=X.Y and ==X.*: its end is the next X.
		return len(v.release) >= 2 && belowPrefixEnd(v, len(v.release)-1, low)
	}
	return false
}

// belowPrefixEnd reports whether every version starting with v's first n
// release segments lies below low.
func belowPrefixEnd(v version, n int, low version) bool {
	end, ok := firstOfNextPrefix(v, n)
	return ok && compareVersions(end, low) <= 0
}

// Declared is a requirement that a file already declares under the name
// of the one being added.
type Declared struct {
	// Text is the declaration as the file writes it, for messages.
	Text string
	// Marker is whether it applies only where an environment marker holds.
	Marker bool
	// Excludes is whether it rules out every version the new requirement
	// needs (Requirement.Excludes, PoetryExcludes).
	Excludes bool
	// Offset is its byte offset in the file's source.
	Offset int
}

// Conflict returns the declaration that makes the new requirement
// conflict with those already declared under its name, or nil when there
// is no conflict: it conflicts when one that applies everywhere (no
// marker) rules out the versions it needs, or when all of them do. The
// one returned is the first that applies everywhere, else the first.
func Conflict(present []Declared) *Declared {
	var culprit *Declared
	all := true
	for i := range present {
		d := &present[i]
		if !d.Excludes {
			all = false
			continue
		}
		if culprit == nil || !d.Marker && culprit.Marker {
			culprit = d
		}
	}
	if culprit == nil || !all && culprit.Marker {
		return nil
	}
	return culprit
}
