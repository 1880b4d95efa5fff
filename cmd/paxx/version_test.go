package main

import (
	"runtime/debug"
	"testing"
)

func TestVersion(t *testing.T) {
	const rev = "0123456789abcdef0123456789abcdef01234567"
	vcs := func(modified string) []debug.BuildSetting {
		return []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: modified}}
	}
	cases := []struct {
		name    string
		info    *debug.BuildInfo
		stamped string // -X main.stampedVersion
		want    string
	}{
		{"no build info", nil, "", "paxx (unknown version)"},
		{"go run, no VCS", &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "(devel)"}}, "",
			"paxx devel go1.26.0"},
		{"wheel built without VCS", &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "(devel)"}}, "1.0.0rc1",
			"paxx 1.0.0rc1 go1.26.0"},
		{"wheel built in a checkout", &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v1.0.0-rc.1"}, Settings: vcs("false")}, "1.0.0rc1",
			"paxx 1.0.0rc1 (commit 0123456789ab) go1.26.0"},
		{"stamped, no build info", nil, "1.0.0", "paxx 1.0.0"},
		{"checkout", &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v0.0.0-20261126111534-0123456789ab"}, Settings: vcs("false")}, "",
			"paxx v0.0.0-20261126111534-0123456789ab (commit 0123456789ab) go1.26.0"},
		{"dirty checkout", &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v0.0.0-20261126111534-0123456789ab+dirty"}, Settings: vcs("true")}, "",
			"paxx v0.0.0-20261126111534-0123456789ab+dirty (commit 0123456789ab+dirty) go1.26.0"},
		{"go install @main", &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v0.1.1-0.20261126111534-fedcba987654"}}, "",
			"paxx v0.1.1-0.20261126111534-fedcba987654 (commit fedcba987654) go1.26.0"},
		{"go install @v0.1.0", &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v0.1.0"}}, "",
			"paxx v0.1.0 go1.26.0"},
	}
	for _, c := range cases {
		if got := version(c.info, c.stamped); got != c.want {
			t.Errorf("%s: version() = %q, want %q", c.name, got, c.want)
		}
	}
}
