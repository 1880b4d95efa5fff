package main

import (
	"fmt"
	"regexp"
	"runtime/debug"

	"github.com/spf13/cobra"
)

func newVersionCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print paxx's version and the commit it was built from",
		Long: `Print the module version paxx was built as (a release, a pseudo-version,
or "devel" when the build has none), the commit it was built from when known
(+dirty when the checkout had changes) and the Go version.`,
		Example: `  paxx version`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			info, _ := debug.ReadBuildInfo()
			fmt.Fprintln(e.stdout, version(info, stampedVersion))
			return nil
		},
	}
}

// stampedVersion is the version a release build sets with the linker,
// -ldflags "-X main.stampedVersion=1.2.0" (cmd/paxx-wheel does, with the
// wheel's version): it wins over the module version Go stamps, which a
// build outside a Git checkout lacks. The linker is the only writer; it is
// a variable only because -X cannot set a constant.
var stampedVersion string

// pseudoRev matches the commit at the end of a Go pseudo-version such as
// v0.0.0-20261126111534-0123456789ab (what `go install ...@main` stamps).
var pseudoRev = regexp.MustCompile(`[.-](?:0\.)?\d{14}-([0-9a-f]{12})(?:\+incompatible)?(?:\+dirty)?$`)

// version describes a binary from its build information (nil when there is
// none) and the version stamped into it ("" for none): the stamped
// version, else the module version (or "devel"), and the commit, from the
// VCS stamp of a build in a checkout or from a pseudo-version.
func version(info *debug.BuildInfo, stamped string) string {
	if info == nil {
		if stamped != "" {
			return "paxx " + stamped
		}
		return "paxx (unknown version)"
	}
	v := info.Main.Version
	if v == "" || v == "(devel)" {
		v = "devel"
	}
	if stamped != "" {
		v = stamped
	}
	var rev, dirty string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "+dirty"
			}
		}
	}
	if m := pseudoRev.FindStringSubmatch(v); rev == "" && m != nil {
		rev = m[1]
	}
	out := "paxx " + v
	if rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		out += fmt.Sprintf(" (commit %s%s)", rev, dirty)
	}
	return out + " " + info.GoVersion
}
