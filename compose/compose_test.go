package compose

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/paxx-dev/paxx/rewrite"
)

var update = flag.Bool("update", false, "rewrite golden files")

// redisBody is the redis component's service body, as the catalogue gives it.
const redisBody = `image: redis:7-alpine
ports:
  - "6379:6379"
volumes:
  - redis_data:/data
healthcheck:
  test: ["CMD", "redis-cli", "ping"]
  interval: 5s
  timeout: 3s
  retries: 5
`

// op is one Add call of a golden case.
type op struct {
	Op        string `json:"op"` // service, volume, env or depends
	Name      string `json:"name,omitempty"`
	Body      string `json:"body,omitempty"`
	Service   string `json:"service,omitempty"`
	Key       string `json:"key,omitempty"`
	Value     string `json:"value,omitempty"`
	Dep       string `json:"dep,omitempty"`
	Condition string `json:"condition,omitempty"`
}

// goldenCase is the optional case.json of a golden case.
type goldenCase struct {
	Ops []op `json:"ops"`
}

// redisOps is what the redis component does to a compose file.
var redisOps = []op{
	{Op: "service", Name: "redis", Body: redisBody},
	{Op: "volume", Name: "redis_data"},
	{Op: "env", Service: "app", Key: "REDIS_URL", Value: "redis://redis:6379/0"},
	{Op: "depends", Service: "app", Dep: "redis", Condition: "service_healthy"},
}

// run applies o to src.
func (o op) run(path string, src []byte) ([]byte, []rewrite.Action, error) {
	return edited(path, src, func(f *File) (*File, []rewrite.Action, error) {
		switch o.Op {
		case "service":
			return f.AddService(o.Name, o.Body)
		case "volume":
			return f.AddVolume(o.Name)
		case "env":
			return f.AddEnvironment(o.Service, o.Key, o.Value)
		case "depends":
			return f.AddDependsOn(o.Service, o.Dep, o.Condition)
		}
		panic("unknown op " + o.Op)
	})
}

// edited parses src, makes the edit and returns the bytes it gives.
func edited(path string, src []byte, edit func(*File) (*File, []rewrite.Action, error)) ([]byte, []rewrite.Action, error) {
	f, err := Parse(path, src)
	if err != nil {
		return nil, nil, err
	}
	g, actions, err := edit(f)
	if err != nil {
		return nil, nil, err
	}
	return g.Bytes(), actions, nil
}

// marker is text the line an action points at must hold.
func (o op) marker() string {
	switch o.Op {
	case "service", "volume":
		return o.Name + ":"
	case "env":
		return o.Key
	}
	return o.Dep
}

// checkInvariants asserts what every successful Add must keep: the output
// parses, only adds to the input, points its actions at the added lines,
// and is left alone by the same call made again.
func checkInvariants(t testing.TB, o op, path string, in, out []byte, actions []rewrite.Action) {
	t.Helper()
	if _, err := Parse(path, out); err != nil {
		t.Fatalf("%s: output does not parse: %v\n%s", o.Op, err, out)
	}
	if !rewrite.IsInsertOnly(in, out) {
		t.Fatalf("%s: output is not insert-only:\n%s", o.Op, out)
	}
	if bytes.Equal(in, out) != (len(actions) == 0) {
		t.Fatalf("%s: %d actions for a change of %d bytes", o.Op, len(actions), len(out)-len(in))
	}
	lines := strings.Split(string(out), "\n")
	for _, a := range actions {
		if a.Line < 1 || a.Line > len(lines) || !strings.Contains(lines[a.Line-1], o.marker()) {
			t.Fatalf("%s: action %+v does not point at a line holding %q\n%s", o.Op, a, o.marker(), out)
		}
	}
	again, actions, err := o.run(path, out)
	if err != nil || len(actions) != 0 || !bytes.Equal(again, out) {
		t.Fatalf("%s: not idempotent: err=%v actions=%v\n%s", o.Op, err, actions, again)
	}
}

// goldenDir is a case directory with its input file's name.
type goldenDir struct {
	name, dir, input, ext string
}

func goldenDirs(t testing.TB) []goldenDir {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join("..", "testdata", "compose"))
	if err != nil {
		t.Fatal(err)
	}
	var out []goldenDir
	for _, e := range entries {
		if !e.IsDir() || e.Name() == "remove" { // remove holds the Remove methods' cases
			continue
		}
		dir := filepath.Join("..", "testdata", "compose", e.Name())
		matches, _ := filepath.Glob(filepath.Join(dir, "input.*"))
		if len(matches) != 1 {
			t.Fatalf("%s: want exactly one input.* file, found %d", dir, len(matches))
		}
		out = append(out, goldenDir{e.Name(), dir, matches[0], filepath.Ext(matches[0])})
	}
	return out
}

func (g goldenDir) ops(t testing.TB) []op {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(g.dir, "case.json"))
	if errors.Is(err, os.ErrNotExist) {
		return redisOps
	}
	if err != nil {
		t.Fatal(err)
	}
	var c goldenCase
	if err := json.Unmarshal(data, &c); err != nil {
		t.Fatalf("%s/case.json: %v", g.dir, err)
	}
	for i := range c.Ops {
		if c.Ops[i].Op == "service" && c.Ops[i].Body == "" {
			c.Ops[i].Body = redisBody
		}
	}
	return c.Ops
}

// compose applies a case's operations in sequence; it returns the output
// and the first error.
func (g goldenDir) compose(t testing.TB) ([]byte, error) {
	t.Helper()
	src, err := os.ReadFile(g.input)
	if err != nil {
		t.Fatal(err)
	}
	path := "docker-compose" + g.ext
	for _, o := range g.ops(t) {
		out, actions, err := o.run(path, src)
		if err != nil {
			return nil, err
		}
		checkInvariants(t, o, path, src, out, actions)
		src = out
	}
	return src, nil
}

func TestGolden(t *testing.T) {
	dirs := goldenDirs(t)
	if len(dirs) < 20 {
		t.Errorf("only %d golden cases", len(dirs))
	}
	for _, g := range dirs {
		t.Run(g.name, func(t *testing.T) {
			out, err := g.compose(t)
			wantFile, got := filepath.Join(g.dir, "want"+g.ext), out
			if err != nil {
				var re *rewrite.Error
				if !errors.As(err, &re) {
					t.Fatalf("error is not a *rewrite.Error: %v", err)
				}
				wantFile, got = filepath.Join(g.dir, "want.err"), []byte(err.Error()+"\n")
			}
			if *update {
				os.Remove(filepath.Join(g.dir, "want"+g.ext))
				os.Remove(filepath.Join(g.dir, "want.err"))
				if err := os.WriteFile(wantFile, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, rerr := os.ReadFile(wantFile)
			if rerr != nil {
				t.Fatalf("got %s, but cannot read it: %v", filepath.Base(wantFile), rerr)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("%s mismatch (-want +got):\n%s", filepath.Base(wantFile), diff)
			}
		})
	}
}
