package requirements

import (
	"regexp"
	"strconv"
	"strings"
)

// versionPattern is PEP 440's version syntax with the alternative spellings
// that the standard accepts, as published in its appendix.
var versionPattern = regexp.MustCompile(`(?i)^\s*v?` +
	`(?:(?P<epoch>[0-9]+)!)?` +
	`(?P<release>[0-9]+(?:\.[0-9]+)*)` +
	`(?:[-_.]?(?P<pre_l>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?P<pre_n>[0-9]+)?)?` +
	`(?:-(?P<post_n1>[0-9]+)|[-_.]?(?P<post_l>post|rev|r)[-_.]?(?P<post_n2>[0-9]+)?)?` +
	`(?:[-_.]?(?P<dev_l>dev)[-_.]?(?P<dev_n>[0-9]+)?)?` +
	`(?:\+(?P<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?\s*$`)

// version is a parsed PEP 440 version. Absent optional segments are -1.
type version struct {
	epoch   int
	release []int
	pre     int // rank of the pre-release letter: 0 a, 1 b, 2 rc; -1 when none
	preN    int
	post    int
	dev     int
	local   string
}

// parseVersion parses a PEP 440 version. It reports false for anything it
// cannot read exactly, including numbers too large for an int, so that
// callers can treat the version as unknown rather than guess.
func parseVersion(s string) (version, bool) {
	m := versionPattern.FindStringSubmatch(s)
	if m == nil {
		return version{}, false
	}
	group := func(name string) string { return m[versionPattern.SubexpIndex(name)] }
	v := version{pre: -1, preN: -1, post: -1, dev: -1, local: strings.ToLower(group("local"))}
	ok := true
	num := func(s string, absent int) int {
		if s == "" {
			return absent
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			ok = false
		}
		return n
	}
	v.epoch = num(group("epoch"), 0)
	for _, part := range strings.Split(group("release"), ".") {
		v.release = append(v.release, num(part, 0))
	}
	if l := strings.ToLower(group("pre_l")); l != "" {
		switch l {
		case "a", "alpha":
			v.pre = 0
		case "b", "beta":
			v.pre = 1
		default:
			v.pre = 2
		}
		v.preN = num(group("pre_n"), 0)
	}
	if n := group("post_n1"); n != "" {
		v.post = num(n, 0)
	} else if group("post_l") != "" {
		v.post = num(group("post_n2"), 0)
	}
	if group("dev_l") != "" {
		v.dev = num(group("dev_n"), 0)
	}
	return v, ok
}

// compareVersions orders two versions as PEP 440 does, returning -1, 0 or 1.
// Release segments compare as if padded with zeros; a development release
// comes before the pre-releases of its release, which come before the
// release, which comes before its post-releases.
func compareVersions(a, b version) int {
	if c := compareInt(a.epoch, b.epoch); c != 0 {
		return c
	}
	for i := 0; i < max(len(a.release), len(b.release)); i++ {
		if c := compareInt(segment(a.release, i), segment(b.release, i)); c != 0 {
			return c
		}
	}
	if c := compareInt(a.preRank(), b.preRank()); c != 0 {
		return c
	}
	if c := compareInt(a.preN, b.preN); c != 0 {
		return c
	}
	if c := compareInt(a.post, b.post); c != 0 {
		return c
	}
	if c := compareInt(a.devRank(), b.devRank()); c != 0 {
		return c
	}
	return strings.Compare(a.local, b.local)
}

// preRank places the pre-release phase on one scale: a development release
// of the final version below everything, then a, b, rc, then the final.
func (v version) preRank() int {
	switch {
	case v.pre >= 0:
		return v.pre
	case v.post < 0 && v.dev >= 0:
		return -1
	default:
		return 3
	}
}

// devRank puts a version without a development segment after all of its
// development releases.
func (v version) devRank() int {
	if v.dev < 0 {
		return maxInt
	}
	return v.dev
}

// segment returns release segment i, or 0 past the end (PEP 440 padding).
func segment(release []int, i int) int {
	if i < len(release) {
		return release[i]
	}
	return 0
}

func compareInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// firstOfNextPrefix returns the lowest version that no longer starts with
// the release prefix (epoch and release[:n]): for 4.2 and n = 2 that is
// 4.3.dev0, the exclusive upper bound of "== 4.2.*". It reports false when
// the prefix cannot be incremented.
func firstOfNextPrefix(v version, n int) (version, bool) {
	if n < 1 || n > len(v.release) || v.release[n-1] == maxInt {
		return version{}, false
	}
	release := make([]int, n)
	copy(release, v.release)
	release[n-1]++
	return version{epoch: v.epoch, release: release, pre: -1, preN: -1, post: -1, dev: 0}, true
}

// maxInt is the largest int, the rank of "no development segment".
const maxInt = int(^uint(0) >> 1)
