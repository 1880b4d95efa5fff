package components

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/paxx-dev/paxx/internal/testutil"
	"github.com/paxx-dev/paxx/python"
)

// TestPlanApp plans the app wiring of metrics and websocket on the
// bundled example, runs the steps as add would, checks what the app
// module became, and undoes them in reverse order as remove would: the
// module must come back byte for byte.
func TestPlanApp(t *testing.T) {
	dir := t.TempDir()
	if err := testutil.CopyTree(filepath.Join("..", "testdata", "example"), dir); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	p, err := openProject(Options{Root: dir})
	if err != nil {
		t.Fatal(err)
	}
	e := &engine{p: p, found: Added}
	var steps []step
	for _, name := range []string{"metrics", "websocket"} {
		c, err := p.cat.Lookup(name)
		if err != nil {
			t.Fatal(err)
		}
		s, err := e.planApp(c)
		if err != nil {
			t.Fatal(err)
		}
		steps = append(steps, s...)
	}
	var got []string
	for _, s := range steps {
		w := s.edit.(python.Wire)
		got = append(got, fmt.Sprintf("%s %q %s %s.%s", s.rel, s.item, w.Hook.Kind, w.Hook.Module, w.Hook.Name))
	}
	want := []string{
		`app/main.py "app setup_metrics" setup app.core.metrics.setup_metrics`,
		`app/main.py "app shutdown_tracing" shutdown app.core.tracing.shutdown_tracing`,
		`app/main.py "app init_tracing" setup app.core.tracing.init_tracing`,
		`app/main.py "app close_manager" shutdown app.core.ws.close_manager`,
		`app/main.py "app websocket_router" router app.core.ws.websocket_router`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("plan (-want +got):\n%s", diff)
	}
	f, err := p.file("app/main.py")
	if err != nil {
		t.Fatal(err)
	}
	before := string(f.New)
	for _, s := range steps {
		if _, err := s.run(p, false); err != nil {
			t.Fatal(err)
		}
	}
	wired := string(f.New)
	for _, line := range []string{"    yield\n    await shutdown_tracing()\n    await close_manager()\n", "lifespan=lifespan", "setup_metrics(app)\ninit_tracing(app)\n", "app.include_router(websocket_router)\n"} {
		if !strings.Contains(wired, line) {
			t.Errorf("app/main.py lacks %q:\n%s", line, wired)
		}
	}
	for _, s := range steps {
		if actions, err := s.run(p, false); err != nil || len(actions) > 0 {
			t.Errorf("%s: again: %v %v", s.item, actions, err)
		}
	}
	e.found = Removed
	for _, s := range slices.Backward(steps) {
		if _, err := s.run(p, true); err != nil {
			t.Fatal(err)
		}
	}
	if diff := cmp.Diff(before, string(f.New)); diff != "" {
		t.Errorf("undo (-before +after):\n%s\nwired:\n%s", diff, wired)
	}
	if len(e.findings) > 0 {
		t.Errorf("findings: %v", e.findings)
	}
}
