package compose

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/compose-spec/compose-go/v2/loader"
	"github.com/compose-spec/compose-go/v2/types"
	"github.com/google/go-cmp/cmp"
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
