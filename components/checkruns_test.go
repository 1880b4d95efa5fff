package components_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/paxx-dev/paxx/components"
)

// TestCheckSeesWhatDoesNotRun adds redis and tasks to the example, then
// breaks, one at a time, what makes the project run: check reports each
// as drift, at the line of the thing that is wrong.
func TestCheckSeesWhatDoesNotRun(t *testing.T) {
	cases := []struct {
		name string
		// edit changes the compose file as a person might.
		old, new string
		// want is a substring of a drift finding; line, when not 0, the
		// line it must name.
		want string
		line int
	}{
		{
			name: "worker lost REDIS_URL",
			old:  "            REDIS_URL: redis://redis:6379/0\n            ARQ_REDIS_URL: redis://redis:6379/1\n        depends_on:\n            redis:\n                condition: service_healthy\n",
			new:  "            ARQ_REDIS_URL: redis://redis:6379/1\n        depends_on:\n            redis:\n                condition: service_healthy\n",
			want: "missing REDIS_URL in environment of service worker",
		},
		{
			name: "worker on another queue database",
			old:  "            ARQ_REDIS_URL: redis://redis:6379/1\n        depends_on:\n            redis:\n                condition: service_healthy\n",
			new:  "            ARQ_REDIS_URL: redis://redis:6379/2\n        depends_on:\n            redis:\n                condition: service_healthy\n",
			want: `service worker sets ARQ_REDIS_URL to "redis://redis:6379/2", not "redis://redis:6379/1"`,
		},
		{
			name: "worker runs another command",
			old:  "command: arq app.core.tasks.WorkerSettings",
			new:  "command: arq app.core.tasks.OtherSettings",
			want: `service worker runs "arq app.core.tasks.OtherSettings", not "arq app.core.tasks.WorkerSettings"`,
		},
		{
			name: "app URL names no service",
			old:  "            REDIS_URL: redis://redis:6379/0\n            ARQ_REDIS_URL: redis://redis:6379/1\n        depends_on:\n            db:",
			new:  "            REDIS_URL: redis://cache:6379/0\n            ARQ_REDIS_URL: redis://redis:6379/1\n        depends_on:\n            db:",
			want: "service app sets REDIS_URL=redis://cache:6379/0, but no compose service cache runs",
			line: 19,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			root := copyProject(t, "../testdata/example")
			addAndCommit(t, root, "redis", "tasks")
			p := filepath.Join(root, "docker-compose.yml")
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(data), tc.old) {
				t.Fatalf("docker-compose.yml after add lacks %q:\n%s", tc.old, data)
			}
			if err := os.WriteFile(p, []byte(strings.Replace(string(data), tc.old, tc.new, 1)), 0o644); err != nil {
				t.Fatal(err)
			}
			res, err := components.Check(components.Options{Root: root}, nil)
			if err != nil {
				t.Fatal(err)
			}
			i := slices.IndexFunc(res.Findings, func(f components.Finding) bool {
				return f.Kind == components.Drift && strings.Contains(f.Message, tc.want)
			})
			if i < 0 {
				t.Fatalf("no drift finding holds %q: %v", tc.want, res.Findings)
			}
			if f := res.Findings[i]; tc.line != 0 && f.Line != tc.line {
				t.Errorf("finding at line %d, want %d (the variable's): %v", f.Line, tc.line, f)
			}
		})
	}
}
