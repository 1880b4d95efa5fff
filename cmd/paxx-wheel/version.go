package main

import (
	"fmt"
	"os/exec"
	"regexp"
	"strings"
)

// pep440 is the version grammar of PEP 440 in its permissive form (the
// pattern the packaging library parses with), so that release tags written
// the semver way, such as v1.0.0-rc.1, are read as the versions they mean.
var pep440 = regexp.MustCompile(`(?i)^v?` +
	`(?:(?P<epoch>[0-9]+)!)?` +
	`(?P<release>[0-9]+(?:\.[0-9]+)*)` +
	`(?P<pre>[-_.]?(?P<pre_l>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?P<pre_n>[0-9]+)?)?` +
	`(?P<post>(?:-(?P<post_n1>[0-9]+))|(?:[-_.]?(?P<post_l>post|rev|r)[-_.]?(?P<post_n2>[0-9]+)?))?` +
	`(?P<dev>[-_.]?(?P<dev_l>dev)[-_.]?(?P<dev_n>[0-9]+)?)?` +
	`(?:\+(?P<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?$`)

// NormalizeVersion returns the PEP 440 normal form of a version or release
// tag: v0.2.0 is 0.2.0, v1.0.0-rc.1 is 1.0.0rc1, v1.0.0-beta.2 is 1.0.0b2,
// 1.0.0-dev.3 is 1.0.0.dev3, 1.0-1 is 1.0.post1. A tag that is not a
// version is an error.
func NormalizeVersion(tag string) (string, error) {
	s := strings.TrimSpace(tag)
	m := pep440.FindStringSubmatch(s)
	if m == nil {
		return "", fmt.Errorf("%q is not a PEP 440 version (want a tag such as v1.2.3 or v1.2.3-rc.1)", tag)
	}
	g := func(name string) string { return m[pep440.SubexpIndex(name)] }
	var b strings.Builder
	if e := number(g("epoch")); g("epoch") != "" && e != "0" {
		b.WriteString(e + "!")
	}
	parts := strings.Split(g("release"), ".")
	for i, p := range parts {
		parts[i] = number(p)
	}
	b.WriteString(strings.Join(parts, "."))
	if g("pre") != "" {
		label := map[string]string{"alpha": "a", "a": "a", "beta": "b", "b": "b",
			"c": "rc", "pre": "rc", "preview": "rc", "rc": "rc"}[strings.ToLower(g("pre_l"))]
		b.WriteString(label + number(g("pre_n")))
	}
	if g("post") != "" {
		b.WriteString(".post" + number(g("post_n1")+g("post_n2")))
	}
	if g("dev") != "" {
		b.WriteString(".dev" + number(g("dev_n")))
	}
	if l := g("local"); l != "" {
		b.WriteString("+" + strings.NewReplacer("-", ".", "_", ".").Replace(strings.ToLower(l)))
	}
	return b.String(), nil
}

// number returns a run of decimal digits without its leading zeros; an
// empty run (a label with no number, such as "rc") is 0.
func number(digits string) string {
	if d := strings.TrimLeft(digits, "0"); d != "" {
		return d
	}
	return "0"
}

// gitVersion returns the wheel version of the checkout in dir: the release
// tag on HEAD (v*, PEP 440-normalised) or, for a development build,
// 0.0.0.devN+gSHA with N the number of commits and SHA the short hash.
func gitVersion(dir string) (string, error) {
	git := func(args ...string) (string, error) {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		out, err := cmd.Output()
		if err != nil {
			if ee, ok := err.(*exec.ExitError); ok && len(ee.Stderr) > 0 {
				err = fmt.Errorf("%w: %s", err, strings.TrimSpace(string(ee.Stderr)))
			}
			return "", fmt.Errorf("git %s: %w", strings.Join(args, " "), err)
		}
		return strings.TrimSpace(string(out)), nil
	}
	if tag, err := git("describe", "--tags", "--exact-match", "--match", "v[0-9]*", "HEAD"); err == nil {
		v, err := NormalizeVersion(tag)
		if err != nil {
			return "", fmt.Errorf("release tag on HEAD: %w", err)
		}
		return v, nil
	}
	count, err := git("rev-list", "--count", "HEAD")
	if err != nil {
		return "", fmt.Errorf("development version (or pass -version): %w", err)
	}
	sha, err := git("rev-parse", "--short", "HEAD")
	if err != nil {
		return "", fmt.Errorf("development version (or pass -version): %w", err)
	}
	return DevVersion(count, sha), nil
}

// DevVersion is the version of a development build: commit count n and
// short hash sha give 0.0.0.devN+gSHA, which sorts before every release.
func DevVersion(n, sha string) string {
	return "0.0.0.dev" + number(n) + "+g" + strings.ToLower(sha)
}
