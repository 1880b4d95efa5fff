package pyproject

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

// excludes reports whether have rules out every version that want accepts,
// which paxx takes as: no version at or above want's minimum satisfies
// have's specifier set. Only upper bounds can do that, so each clause is
// tested alone; a clause paxx cannot read counts as compatible, and a direct
// URL reference is left to the person who wrote it.
func excludes(have, want Requirement) bool {
	low, ok := want.minimum()
	if !ok || have.URL != "" {
		return false
	}
	for _, s := range have.Specifiers {
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

// declared is a requirement the project already declares under the name
// paxx looks for.
type declared struct {
	text     string // as the file writes it, for messages
	marker   bool   // it applies only where an environment marker holds
	excludes bool   // it rules out every version paxx needs
	off      int    // its byte offset in the source
}

// conflictError returns a refusal when the declared requirements rule out
// the versions paxx needs: when one that applies everywhere (no marker)
// does, or when all of them do. where names the declaration in the message.
func conflictError(path string, src []byte, present []declared, req, where string) error {
	var culprit *declared
	all := true
	for i := range present {
		d := &present[i]
		if !d.excludes {
			all = false
			continue
		}
		if culprit == nil || !d.marker && culprit.marker {
			culprit = d
		}
	}
	if culprit == nil || !all && culprit.marker {
		return nil
	}
	return refusedAt(path, src, culprit.off, "found %s in %s, which rules out %s that paxx needs", culprit.text, where, req).
		WithHint("allow %s there, or remove it, then run paxx again", req)
}
