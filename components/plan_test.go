package components

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/paxx-dev/paxx/internal/testutil"
)

// TestPlanRedis checks the plan of redis on the bundled example as the
// values it is made of: which typed edit each step makes, in which file,
// under which record item, in the order add makes them (remove undoes
// them in the reverse order).
func TestPlanRedis(t *testing.T) {
	dir := t.TempDir()
	if err := testutil.CopyTree(filepath.Join("..", "testdata", "example"), dir); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil { // the search stops here
		t.Fatal(err)
	}
	p, err := openProject(Options{Root: dir})
	if err != nil {
		t.Fatal(err)
	}
	c, err := p.cat.Lookup("redis")
	if err != nil {
		t.Fatal(err)
	}
	e := &engine{p: p, found: Added}
	steps, err := e.plan(c)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range steps {
		got = append(got, fmt.Sprintf("%T %s %q", s.edit, s.rel, s.item))
	}
	want := []string{
		`components.fieldsEdit app/core/config.py ""`,
		`components.serviceEdit docker-compose.yml "service redis"`,
		`components.volumeEdit docker-compose.yml "service redis"`,
		`components.environmentEdit docker-compose.yml "environment REDIS_URL"`,
		`components.dependsOnEdit docker-compose.yml "depends_on redis"`,
		`components.dependencyEdit pyproject.toml "dependency redis"`,
		`components.variablesEdit .env.example ""`,
		`components.moduleEdit app/core/__init__.py ""`,
		`components.moduleEdit app/core/cache.py ""`,
		`python.Wire app/main.py "app close_redis_client"`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("redis's plan (-want +got):\n%s", diff)
	}
	if ed, ok := steps[0].edit.(fieldsEdit); !ok || ed.class != "Settings" || len(ed.fields) != 1 || ed.fields[0].Name != "redis_url" {
		t.Errorf("fields step = %#v", steps[0].edit)
	}
	if ed, ok := steps[3].edit.(environmentEdit); !ok || ed.service != "app" || ed.value != "redis://redis:6379/0" {
		t.Errorf("environment step = %#v", steps[3].edit)
	}
}
