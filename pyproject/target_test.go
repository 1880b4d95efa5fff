package pyproject

import (
	"strings"
	"testing"
)

// TestTargetWhere checks the name of each target's place, which the
// actions and messages print.
func TestTargetWhere(t *testing.T) {
	for _, tc := range []struct {
		t    Target
		want string
	}{
		{Target{Kind: PEP621}, "[project].dependencies"},
		{Target{Kind: Poetry}, "[tool.poetry.dependencies]"},
		{Target{Kind: Requirements, Path: "requirements/base.txt"}, "requirements/base.txt"},
		{Target{Kind: DependencyGroup, Group: "server"}, "[dependency-groups].server"},
		{Target{Kind: OptionalDependencies, Group: "server"}, "[project.optional-dependencies].server"},
		{Target{Kind: PoetryGroup, Group: "server"}, "[tool.poetry.group.server.dependencies]"},
		{Target{Kind: PDMDevGroup, Group: "prod"}, "[tool.pdm.dev-dependencies].prod"},
		{Target{Kind: DependencyGroup, Group: "my group"}, `[dependency-groups]."my group"`},
	} {
		if got := tc.t.Where(); got != tc.want {
			t.Errorf("%+v.Where() = %q, want %q", tc.t, got, tc.want)
		}
	}
}

// TestAddDependencyToRefuses checks that a target without a group's name,
// or of no kind, is an error and not an edit of some other place.
func TestAddDependencyToRefuses(t *testing.T) {
	f, err := Parse("pyproject.toml", []byte("[project]\nname = \"a\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tg := range []Target{{Kind: DependencyGroup}, {Kind: PoetryGroup}, {}} {
		if _, _, err := f.AddDependencyTo(tg, "redis"); err == nil || !strings.Contains(err.Error(), "pyproject:") {
			t.Errorf("AddDependencyTo(%+v) = %v, want an error", tg, err)
		}
		if _, _, err := f.RemoveDependencyFrom(tg, "redis"); err == nil {
			t.Errorf("RemoveDependencyFrom(%+v) succeeded", tg)
		}
	}
}
