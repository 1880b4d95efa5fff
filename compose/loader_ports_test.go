package compose

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/compose-spec/compose-go/v2/loader"
	"github.com/compose-spec/compose-go/v2/types"
	"github.com/google/go-cmp/cmp"

	"github.com/paxx-dev/paxx/internal/casetest"
)

// loadProject loads compose files, the base first, with compose-go's own
// loader as docker compose would with no variable set, leaving the
// environment as written.
func loadProject(t *testing.T, files ...[]byte) *types.Project {
	t.Helper()
	var configs []types.ConfigFile
	for i, src := range files {
		configs = append(configs, types.ConfigFile{Filename: fmt.Sprintf("compose%d.yml", i), Content: src})
	}
	project, err := loader.LoadWithContext(context.Background(), types.ConfigDetails{
		WorkingDir:  t.TempDir(),
		ConfigFiles: configs,
		Environment: types.Mapping{},
	}, func(o *loader.Options) {
		o.SetProjectName("ports", true)
		o.ResolvePaths = false
		o.SkipConsistencyCheck = true
		o.SkipResolveEnvironment = true
		o.Profiles = []string{"*"} // every service, in a profile or not
	})
	if err != nil {
		t.Fatalf("compose loader: %v", err)
	}
	return project
}

// TestPublishedPortsAsComposeLoads checks PublishedPorts against
// compose-go: every host port each service publishes, one by one (ranges
// written out), with its address and protocol.
func TestPublishedPortsAsComposeLoads(t *testing.T) {
	src := []byte(portsSrc)
	f, err := Parse("compose.yml", src)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range f.PublishedPorts() {
		for port := p.Port; port != 0 && port <= p.End; port++ {
			got = append(got, fmt.Sprintf("%s %s:%d/%s", p.Service, p.HostIP, port, p.Protocol))
		}
	}
	var want []string
	for name, s := range loadProject(t, src).Services {
		for _, p := range s.Ports {
			if p.Published == "" {
				continue
			}
			first, last, ok := strings.Cut(p.Published, "-")
			if !ok {
				last = first
			}
			a, _ := strconv.Atoi(first)
			b, _ := strconv.Atoi(last)
			for port := a; port <= b; port++ {
				want = append(want, fmt.Sprintf("%s %s:%d/%s", name, p.HostIP, port, p.Protocol))
			}
		}
	}
	if len(want) != 9 {
		t.Errorf("compose-go publishes %d host ports, want 9: %v", len(want), want)
	}
	slices.Sort(got)
	got = slices.Compact(got)
	slices.Sort(want)
	want = slices.Compact(want)
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("published host ports (-compose-go +PublishedPorts):\n%s", d)
	}
}

// TestSharedEnvCasesLoadWithCompose loads the input and the output of
// every add case of a shared-env edit with compose-go: the service it
// names gets the variable, another that runs the project has it or is as
// it was, and every other service's environment is as it was.
func TestSharedEnvCasesLoadWithCompose(t *testing.T) {
	n := 0
	for _, c := range casetest.Load(t, addCases) {
		ops := caseOps(t, c, false)
		out, ok := c.File("want")
		if !ok || len(ops) != 1 || !ops[0].Shared {
			continue
		}
		o := ops[0]
		n++
		t.Run(c.Name, func(t *testing.T) {
			before, after := loadProject(t, c.Input), loadProject(t, out)
			for name, s := range after.Services {
				was := map[string]*string(before.Services[name].Environment)
				if was == nil {
					was = map[string]*string{}
				}
				with := maps.Clone(was)
				with[o.Key] = &o.Value
				got := map[string]*string(s.Environment)
				if got == nil {
					got = map[string]*string{}
				}
				switch {
				case name == o.Service:
					if d := cmp.Diff(with, got); d != "" {
						t.Errorf("service %s's environment (-want +got):\n%s", name, d)
					}
				case o.runsProject()(name):
					if cmp.Diff(with, got) != "" && cmp.Diff(was, got) != "" {
						t.Errorf("service %s's environment %v is neither as it was nor with %s", name, got, o.Key)
					}
				default:
					if d := cmp.Diff(was, got); d != "" {
						t.Errorf("service %s's environment changed (-was +now):\n%s", name, d)
					}
				}
			}
		})
	}
	if n < 4 {
		t.Errorf("only %d shared-env add cases", n)
	}
}
