package requirements

import "strings"

// PoetryExcludes reports whether a Poetry version constraint (such as
// "^4.6", "~4.2", ">=3,<4", "4.*" or "^3 || ^4") rules out every version at
// or above want's minimum. Alternatives joined by "|" or "||" all have to
// rule it out; clauses paxx cannot read count as compatible.
func PoetryExcludes(constraint string, want Requirement) bool {
	low, ok := want.minimum()
	if !ok {
		return false
	}
	for _, alt := range strings.Split(strings.ReplaceAll(constraint, "||", "|"), "|") {
		if !poetryAlternativeExcludes(alt, low) {
			return false
		}
	}
	return true
}

// poetryAlternativeExcludes tests one alternative: clauses separated by
// commas or blanks, all of which must hold.
func poetryAlternativeExcludes(alt string, low version) bool {
	for _, clause := range poetryClauses(alt) {
		if poetryClauseExcludes(clause, low) {
			return true
		}
	}
	return false
}

// poetryClauses splits an alternative into clauses, joining an operator
// written apart from its version (">= 1.2") back to it.
func poetryClauses(alt string) []string {
	var clauses []string
	pending := ""
	for _, f := range strings.FieldsFunc(alt, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
		if strings.Trim(f, "<>=!~^") == "" {
			pending += f
			continue
		}
		clauses = append(clauses, pending+f)
		pending = ""
	}
	return clauses
}

// poetryClauseExcludes tests one clause against the versions at or above
// low.
func poetryClauseExcludes(clause string, low version) bool {
	switch {
	case clause == "*":
		return false
	case strings.HasPrefix(clause, "^"):
		v, ok := parseVersion(clause[1:])
		if !ok {
			return false
		}
		n := len(v.release)
		for i, seg := range v.release {
			if seg != 0 {
				n = i + 1
				break
			}
		}
		return belowPrefixEnd(v, n, low)
	case strings.HasPrefix(clause, "~") && !strings.HasPrefix(clause, "~="):
		v, ok := parseVersion(clause[1:])
		if !ok {
			return false
		}
		return belowPrefixEnd(v, min(2, len(v.release)), low)
	}
	for _, op := range operators() {
		if rest, ok := strings.CutPrefix(clause, op); ok {
			return clauseExcludes(Specifier{Op: op, Version: rest}, low)
		}
	}
	return clauseExcludes(Specifier{Op: "==", Version: strings.TrimPrefix(clause, "=")}, low)
}
