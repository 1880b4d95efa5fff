package components_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/paxx-dev/paxx/components"
	"github.com/paxx-dev/paxx/filetx"
	"github.com/paxx-dev/paxx/pyproject"
)

// step is one add or remove on a project, committed to disk.
type step struct {
	op    string   // "add" or "remove"
	names []string // its arguments
	// refused names the component a *RequiredError must name as the one
	// that requires what is removed; the step then changes nothing.
	refused string
	// finding is a substring one of the step's findings must hold.
	finding string
	// snapshot keeps the tree after the step, for want "snapshot".
	snapshot bool
	// unchanged requires the step to change no file.
	unchanged bool
}

// run carries out s on the project at root and commits what it changes.
func (s step) run(t *testing.T, root string) *components.Result {
	t.Helper()
	opts := components.Options{Root: root}
	var res *components.Result
	var err error
	switch s.op {
	case "add":
		res, err = components.Add(opts, s.names)
	case "remove":
		res, err = components.Remove(opts, s.names)
	default:
		t.Fatalf("unknown op %q", s.op)
	}
	if s.refused != "" {
		var re *components.RequiredError
		if !errors.As(err, &re) || !slices.Equal(re.Dependents, []string{s.refused}) {
			t.Fatalf("%s %v: err = %v, want a refusal naming %s", s.op, s.names, err, s.refused)
		}
		return nil
	}
	if err != nil {
		t.Fatalf("%s %v: %v", s.op, s.names, err)
	}
	if err := filetx.Commit(root, res.Changes, filetx.CommitOptions{}); err != nil {
		t.Fatalf("%s %v: commit: %v", s.op, s.names, err)
	}
	if s.unchanged && len(res.Changes) > 0 {
		t.Errorf("%s %v changed %d file(s), want none", s.op, s.names, len(res.Changes))
	}
	if s.finding != "" && !slices.ContainsFunc(res.Findings, func(f components.Finding) bool { return strings.Contains(f.Message, s.finding) }) {
		t.Errorf("%s %v: no finding holds %q; findings:\n%v", s.op, s.names, s.finding, res.Findings)
	}
	return res
}

// record returns [tool.paxx] infra and automatic of the tree's
// pyproject.toml.
func record(t *testing.T, tree map[string]string) (infra, automatic []string) {
	t.Helper()
	f, err := pyproject.Parse("pyproject.toml", []byte(tree["pyproject.toml"]))
	if err != nil {
		t.Fatal(err)
	}
	return f.StringArray("tool", "paxx", "infra"), f.StringArray("tool", "paxx", "automatic")
}

// TestAutomaticRequirement runs add and remove in sequence on the example
// project and checks the [tool.paxx] record and the tree after them: a
// requirement that add installs unasked is recorded as automatic and goes
// with the last component that requires it; one the user names, before or
// after, is the user's and stays.
func TestAutomaticRequirement(t *testing.T) {
	tests := []struct {
		name          string
		steps         []step
		infra, auto   []string
		want          string // "original", "snapshot" or "" (no tree check)
		redisFieldNow bool   // redis_url must still be in the settings
	}{
		{
			name:  "add tasks records redis as automatic",
			steps: []step{{op: "add", names: []string{"tasks"}, finding: "recorded as automatic"}},
			infra: []string{"redis", "tasks"}, auto: []string{"redis"}, redisFieldNow: true,
		},
		{
			name:  "add tasks then remove tasks gives the project back",
			steps: []step{{op: "add", names: []string{"tasks"}}, {op: "remove", names: []string{"tasks"}, finding: "installed automatically for tasks"}},
			want:  "original",
		},
		{
			name:  "add tasks then remove both gives the project back",
			steps: []step{{op: "add", names: []string{"tasks"}}, {op: "remove", names: []string{"redis", "tasks"}}},
			want:  "original",
		},
		{
			name: "add redis after tasks takes it off the automatic list, once",
			steps: []step{
				{op: "add", names: []string{"tasks"}},
				{op: "add", names: []string{"redis"}, finding: "removed redis from [tool.paxx].automatic", snapshot: true},
				{op: "add", names: []string{"redis"}, unchanged: true},
			},
			infra: []string{"redis", "tasks"}, want: "snapshot", redisFieldNow: true,
		},
		{
			name: "remove tasks after an explicit add of redis keeps redis",
			steps: []step{
				{op: "add", names: []string{"tasks"}},
				{op: "add", names: []string{"redis"}},
				{op: "remove", names: []string{"tasks"}},
			},
			infra: []string{"redis"}, redisFieldNow: true,
		},
		{
			name: "redis added before tasks stays when tasks goes",
			steps: []step{
				{op: "add", names: []string{"redis"}, snapshot: true},
				{op: "add", names: []string{"tasks"}},
				{op: "remove", names: []string{"tasks"}},
			},
			infra: []string{"redis"}, want: "snapshot", redisFieldNow: true,
		},
		{
			name:  "redis named with tasks is not automatic",
			steps: []step{{op: "add", names: []string{"tasks", "redis"}}},
			infra: []string{"redis", "tasks"}, redisFieldNow: true,
		},
		{
			name: "removing automatic redis while tasks requires it is refused",
			steps: []step{
				{op: "add", names: []string{"tasks"}, snapshot: true},
				{op: "remove", names: []string{"redis"}, refused: "tasks"},
			},
			infra: []string{"redis", "tasks"}, auto: []string{"redis"}, want: "snapshot", redisFieldNow: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			original := readTree(t, "../testdata/example")
			root := writeTemp(t, "example", original)
			var snapshot map[string]string
			for _, s := range tt.steps {
				s.run(t, root)
				if s.snapshot {
					snapshot = readTree(t, root)
				}
			}
			after := readTree(t, root)
			switch tt.want {
			case "original":
				if d := cmp.Diff(original, after); d != "" {
					t.Fatalf("the project is not given back (-before +after):\n%s", d)
				}
				return
			case "snapshot":
				if d := cmp.Diff(snapshot, after); d != "" {
					t.Errorf("the project changed after the snapshot (-snapshot +after):\n%s", d)
				}
			}
			infra, auto := record(t, after)
			if !slices.Equal(infra, tt.infra) || !slices.Equal(auto, tt.auto) {
				t.Errorf("record: infra %q automatic %q, want infra %q automatic %q", infra, auto, tt.infra, tt.auto)
			}
			settings := after["app/core/config.py"]
			if has := strings.Contains(settings, "redis_url:"); has != tt.redisFieldNow {
				t.Errorf("redis_url in settings: %v, want %v", has, tt.redisFieldNow)
			}
		})
	}
}

// TestCheckNotesAutomatic checks that check says which installed
// components paxx installed automatically, and for which component, and
// that such notes do not count as drift.
func TestCheckNotesAutomatic(t *testing.T) {
	tests := []struct {
		name  string
		steps []step
		edit  func(pyproject string) string // applied to pyproject.toml before check
		want  map[string]string             // component: the note it must have ("" : none about automatic)
	}{
		{
			name:  "tasks brought redis",
			steps: []step{{op: "add", names: []string{"tasks"}}},
			want:  map[string]string{"redis": "installed automatically for tasks", "tasks": ""},
		},
		{
			name:  "redis added by name",
			steps: []step{{op: "add", names: []string{"tasks"}}, {op: "add", names: []string{"redis"}}},
			want:  map[string]string{"redis": "", "tasks": ""},
		},
		{
			name:  "nothing requires it any more",
			steps: []step{{op: "add", names: []string{"tasks"}}},
			edit: func(s string) string {
				return strings.Replace(s, `infra = ["redis", "tasks"]`, `infra = ["redis"]`, 1)
			},
			want: map[string]string{"redis": "installed automatically, and no installed component requires it any more"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			root := writeTemp(t, "example", readTree(t, "../testdata/example"))
			for _, s := range tt.steps {
				s.run(t, root)
			}
			if tt.edit != nil {
				tree := readTree(t, root)
				tree["pyproject.toml"] = tt.edit(tree["pyproject.toml"])
				writeTree(t, root, tree)
			}
			res, err := components.Check(components.Options{Root: root}, nil)
			if err != nil {
				t.Fatal(err)
			}
			if res.Has(components.Drift) {
				t.Errorf("check found drift: %v", res.Findings)
			}
			for comp, want := range tt.want {
				var got []string
				for _, f := range res.Findings {
					if f.Component == comp && f.Kind == components.Note && strings.Contains(f.Message, "automatically") {
						got = append(got, f.Message)
					}
				}
				switch {
				case want == "" && len(got) > 0:
					t.Errorf("%s: unexpected notes %q", comp, got)
				case want != "" && (len(got) != 1 || !strings.HasPrefix(got[0], want)):
					t.Errorf("%s: notes %q, want one starting %q", comp, got, want)
				}
			}
		})
	}
}

// TestRecordFileWithoutPyproject checks the record of a project with no
// pyproject.toml: add writes it to .paxx.toml beside requirements.txt,
// with what was automatic, so that removing tasks takes redis with it,
// and removing the last component deletes the file paxx created.
func TestRecordFileWithoutPyproject(t *testing.T) {
	dir := "../testdata/projects/requirements-tabs/input"
	before := readTree(t, dir)
	if _, ok := before["pyproject.toml"]; ok {
		t.Fatalf("%s has a pyproject.toml", dir)
	}
	root := writeTemp(t, dir, before)
	step{op: "add", names: []string{"tasks"}}.run(t, root)
	rec := readTree(t, root)[components.RecordFile]
	for _, want := range []string{"[tool.paxx]", `infra = ["redis", "tasks"]`, `automatic = ["redis"]`} {
		if !strings.Contains(rec, want) {
			t.Errorf("%s lacks %s:\n%s", components.RecordFile, want, rec)
		}
	}
	if installed, automatic, err := components.Recorded(root); err != nil || !slices.Equal(installed, []string{"redis", "tasks"}) || !slices.Equal(automatic, []string{"redis"}) {
		t.Errorf("Recorded = %q, %q, %v; want [redis tasks], [redis]", installed, automatic, err)
	}
	res := step{op: "remove", names: []string{"tasks"}, finding: "installed automatically for tasks"}.run(t, root)
	if !slices.Equal(res.Components, []string{"tasks", "redis"}) {
		t.Errorf("removed %q, want tasks then redis", res.Components)
	}
	if diff := cmp.Diff(before, readTree(t, root)); diff != "" {
		t.Errorf("add then remove changed the project (-before +after):\n%s", diff)
	}
}
