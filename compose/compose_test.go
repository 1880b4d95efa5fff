package compose

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/paxx-dev/paxx/internal/casetest"
	"github.com/paxx-dev/paxx/rewrite"
)

// compose's cases are casetest files: testdata/cases/compose/add/*.txtar
// for the Add methods and testdata/cases/compose/remove/*.txtar for the
// Remove methods. The input's section is named as the path the rewriter is
// given (docker-compose.yml, or docker-compose.yaml), so that errors read
// as paxx prints them. The operations are method calls on the input, one a
// line, made in the order written, split into words as a shell would (see
// casetest). The redis component's, in an add case:
//
//	service redis
//	volume redis_data
//	env app REDIS_URL redis://redis:6379/0
//	depends app redis service_healthy
//
// and undone, in a remove case:
//
//	depends app redis service_healthy
//	env app REDIS_URL redis://redis:6379/0
//	volume redis_data redis
//	service redis
//
//   - service NAME [SECTION]: AddService or RemoveService(NAME, body); the
//     body is the case's file SECTION (-- body --), or without one the
//     redis component's (redisBody).
//   - volume NAME: AddVolume(NAME); in a remove case volume NAME OWNER:
//     RemoveVolume(NAME, OWNER, keepKey), OWNER '' for none.
//   - env SERVICE KEY VALUE: AddEnvironment or RemoveEnvironment; VALUE is
//     the word as it is.
//   - envq SERVICE KEY LITERAL: the same, with the value the Go string
//     literal LITERAL (strconv.Unquote), for values one line of words
//     cannot hold: line breaks, other control characters, bytes that are
//     not UTF-8.
//   - depends SERVICE DEP CONDITION: AddDependsOn or RemoveDependsOn;
//     CONDITION '' for the short form (a list item, no condition).
//   - shared-env SERVICE KEY VALUE RUNNERS: AddEnvironmentShared or
//     RemoveEnvironmentShared, runsProject accepting the services of the
//     comma-separated list RUNNERS ('' for none).
//
// want.actions lists the actions of all the calls in turn, each naming a
// line of the file as its call left it (an add) or found it (a removal).
//
// In a remove case, the word keep-key after the words of a volume, env or
// envq, or depends line passes keepKey true: the key was there, empty,
// before the add filled it, and stays.
//
// Quote a word in '…' when it holds anything but letters, digits and
// _@%+=:,./- (a ' inside is written '\'').

var (
	addCases    = filepath.Join("..", "testdata", "cases", "compose", "add")
	removeCases = filepath.Join("..", "testdata", "cases", "compose", "remove")
)

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

// op is one Add call, or with remove its Remove call.
type op struct {
	Op        string // service, volume, env or depends
	Name      string // service, volume
	Body      string // service
	Service   string // env, depends
	Key       string // env
	Value     string // env
	Dep       string // depends
	Condition string // depends
	// Owner is, for RemoveVolume, the service the volume was added for.
	Owner string
	// KeepKey is the Remove methods' keepKey: the key the add filled was
	// there, empty, before it.
	KeepKey bool
	// Shared is set for shared-env: the environment edit is given
	// runsProject, which accepts the services of Runners.
	Shared  bool
	Runners string
}

// runsProject is o's runsProject: nil unless o is a shared-env.
func (o op) runsProject() func(string) bool {
	if !o.Shared {
		return nil
	}
	runners := strings.Split(o.Runners, ",")
	return func(s string) bool { return s != "" && slices.Contains(runners, s) }
}

// redisOps is what the redis component does to a compose file.
var redisOps = []op{
	{Op: "service", Name: "redis", Body: redisBody},
	{Op: "volume", Name: "redis_data"},
	{Op: "env", Service: "app", Key: "REDIS_URL", Value: "redis://redis:6379/0"},
	{Op: "depends", Service: "app", Dep: "redis", Condition: "service_healthy"},
}

// opWords is the number of words of each verb's line, keep-key aside.
var opWords = map[string]int{"volume": 2, "env": 4, "envq": 4, "depends": 4, "shared-env": 5}

// caseOps reads a case's operations: Add calls, or with remove Remove
// calls.
func caseOps(t testing.TB, c *casetest.Case, remove bool) []op {
	t.Helper()
	if len(c.Ops) == 0 {
		t.Fatalf("%s: no operations: want service, volume, env, envq or depends lines", c.Path)
	}
	var ops []op
	for _, o := range c.Ops {
		args := o.Args
		verb := args[0]
		n := opWords[verb]
		if remove && verb == "volume" {
			n++ // the owner
		}
		var p op
		if remove && n > 0 && len(args) == n+1 && args[n] == "keep-key" {
			p.KeepKey, args = true, args[:n]
		}
		switch {
		case verb == "service" && (len(args) == 2 || len(args) == 3):
			p.Op, p.Name, p.Body = "service", args[1], redisBody
			if len(args) == 3 {
				body, ok := c.File(args[2])
				if !ok {
					c.Fatalf(t, o, "the case has no file %s to be the service's body", args[2])
				}
				p.Body = string(body)
			}
		case verb == "volume" && len(args) == n:
			p.Op, p.Name = "volume", args[1]
			if remove {
				p.Owner = args[2]
			}
		case verb == "env" && len(args) == n:
			p.Op, p.Service, p.Key, p.Value = "env", args[1], args[2], args[3]
		case verb == "envq" && len(args) == n:
			value, err := strconv.Unquote(args[3])
			if err != nil {
				c.Fatalf(t, o, "the value is not a Go string literal: %v", err)
			}
			p.Op, p.Service, p.Key, p.Value = "env", args[1], args[2], value
		case verb == "shared-env" && len(args) == n:
			p.Op, p.Service, p.Key, p.Value, p.Shared, p.Runners = "env", args[1], args[2], args[3], true, args[4]
		case verb == "depends" && len(args) == n:
			p.Op, p.Service, p.Dep, p.Condition = "depends", args[1], args[2], args[3]
		case remove:
			c.Fatalf(t, o, "want service NAME [SECTION], volume NAME OWNER, env SERVICE KEY VALUE, envq SERVICE KEY GO-LITERAL, shared-env SERVICE KEY VALUE RUNNERS or depends SERVICE DEP CONDITION, each but service with keep-key after it or not")
		default:
			c.Fatalf(t, o, "want service NAME [SECTION], volume NAME, env SERVICE KEY VALUE, envq SERVICE KEY GO-LITERAL, shared-env SERVICE KEY VALUE RUNNERS or depends SERVICE DEP CONDITION")
		}
		ops = append(ops, p)
	}
	return ops
}

// TestCaseOps checks that the op language gives the calls' arguments
// exactly: a body from a section, values with spaces, quotes, shell
// characters and line breaks, the short form of depends_on, an owner of
// none, and keep-key.
func TestCaseOps(t *testing.T) {
	dir := t.TempDir()
	ops := `service redis
service cache body
volume redis_data
env app REDIS_URL redis://redis:6379/0
env redis REDIS_ARGS '--save 60 1'
env app QUOTED 'it'\''s "both" $HOME a;b|c&d<e>f'
env app EMPTY ''
envq app MULTI '"a\nb\tc"'
depends app redis service_healthy
depends redis db ''
shared-env app REDIS_URL redis://redis:6379/0 app,worker
shared-env app EMPTY '' ''
`
	data := ops + "-- docker-compose.yml --\nservices:\n-- body --\nimage: valkey/valkey:8\n"
	if err := os.WriteFile(filepath.Join(dir, "ops.txtar"), []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	want := []op{
		{Op: "service", Name: "redis", Body: redisBody},
		{Op: "service", Name: "cache", Body: "image: valkey/valkey:8\n"},
		{Op: "volume", Name: "redis_data"},
		{Op: "env", Service: "app", Key: "REDIS_URL", Value: "redis://redis:6379/0"},
		{Op: "env", Service: "redis", Key: "REDIS_ARGS", Value: "--save 60 1"},
		{Op: "env", Service: "app", Key: "QUOTED", Value: `it's "both" $HOME a;b|c&d<e>f`},
		{Op: "env", Service: "app", Key: "EMPTY", Value: ""},
		{Op: "env", Service: "app", Key: "MULTI", Value: "a\nb\tc"},
		{Op: "depends", Service: "app", Dep: "redis", Condition: "service_healthy"},
		{Op: "depends", Service: "redis", Dep: "db"},
		{Op: "env", Service: "app", Key: "REDIS_URL", Value: "redis://redis:6379/0", Shared: true, Runners: "app,worker"},
		{Op: "env", Service: "app", Key: "EMPTY", Value: "", Shared: true, Runners: ""},
	}
	got := caseOps(t, casetest.Load(t, dir)[0], false)
	if run := got[len(got)-2].runsProject(); run == nil || !run("worker") || run("db") || run("") {
		t.Errorf("shared-env app,worker: runsProject does not accept worker alone")
	}
	if run := got[len(got)-1].runsProject(); run == nil || run("app") || run("") {
		t.Errorf("shared-env '': runsProject accepts a service")
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("add ops (-want +got):\n%s", d)
	}

	removeOps := `depends app redis service_healthy keep-key
depends app redis ''
env app REDIS_URL redis://redis:6379/0 keep-key
env app keep-key keep-key
volume redis_data redis keep-key
volume redis_data ''
shared-env app REDIS_URL redis://redis:6379/0 app keep-key
service redis
`
	data = removeOps + "-- docker-compose.yml --\nservices:\n"
	if err := os.WriteFile(filepath.Join(dir, "ops.txtar"), []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	want = []op{
		{Op: "depends", Service: "app", Dep: "redis", Condition: "service_healthy", KeepKey: true},
		{Op: "depends", Service: "app", Dep: "redis"},
		{Op: "env", Service: "app", Key: "REDIS_URL", Value: "redis://redis:6379/0", KeepKey: true},
		{Op: "env", Service: "app", Key: "keep-key", Value: "keep-key"},
		{Op: "volume", Name: "redis_data", Owner: "redis", KeepKey: true},
		{Op: "volume", Name: "redis_data"},
		{Op: "env", Service: "app", Key: "REDIS_URL", Value: "redis://redis:6379/0", KeepKey: true, Shared: true, Runners: "app"},
		{Op: "service", Name: "redis", Body: redisBody},
	}
	if d := cmp.Diff(want, caseOps(t, casetest.Load(t, dir)[0], true)); d != "" {
		t.Errorf("remove ops (-want +got):\n%s", d)
	}
}

// String names o in messages.
func (o op) String() string {
	switch o.Op {
	case "service", "volume":
		return o.Op + " " + o.Name
	case "env":
		return "env " + o.Service + " " + o.Key
	}
	return "depends " + o.Service + " " + o.Dep
}

// run applies o to src.
func (o op) run(path string, src []byte) ([]byte, []rewrite.Action, error) {
	return casetest.Edited(Parse, path, src, func(f *File) (*File, []rewrite.Action, error) {
		switch o.Op {
		case "service":
			return f.AddService(o.Name, o.Body)
		case "volume":
			return f.AddVolume(o.Name)
		case "env":
			return f.AddEnvironmentShared(o.Service, o.Key, o.Value, o.runsProject())
		case "depends":
			return f.AddDependsOn(o.Service, o.Dep, o.Condition)
		}
		panic("unknown op " + o.Op)
	})
}

// undo runs o's Remove method, with o's Owner and KeepKey.
func (o op) undo(path string, src []byte) ([]byte, []rewrite.Action, error) {
	return casetest.Edited(Parse, path, src, func(f *File) (*File, []rewrite.Action, error) {
		switch o.Op {
		case "service":
			return f.RemoveService(o.Name, o.Body, false)
		case "volume":
			return f.RemoveVolume(o.Name, o.Owner, o.KeepKey)
		case "env":
			return f.RemoveEnvironmentShared(o.Service, o.Key, o.Value, o.KeepKey, o.runsProject())
		case "depends":
			return f.RemoveDependsOn(o.Service, o.Dep, o.Condition, o.KeepKey)
		}
		panic("unknown op " + o.Op)
	})
}

// marker is text the line an action points at must hold: after an add the
// line of the output (a service or volume key, name:), after a removal the
// line of the input (the name, key or dependency only, which may be a
// flow-list item).
func (o op) marker(remove bool) string {
	switch o.Op {
	case "service", "volume":
		if remove {
			return o.Name
		}
		return o.Name + ":"
	case "env":
		return o.Key
	}
	return o.Dep
}

// edit is what casetest.Check holds o to, run on in at path as an add, or
// with remove as a removal, giving out and actions.
func (o op) edit(path string, in, out []byte, actions []rewrite.Action, remove bool) casetest.Edit {
	again := o.run
	if remove {
		again = o.undo
	}
	return casetest.Edit{
		Op:      o.String(),
		In:      in,
		Out:     out,
		Actions: actions,
		Remove:  remove,
		Marker:  o.marker(remove),
		Parse: func(src []byte) error {
			_, err := Parse(path, src)
			return err
		},
		Again: func(src []byte) ([]byte, []rewrite.Action, error) { return again(path, src) },
	}
}

// checkErrKind fails the test unless err is a refusal or a syntax error:
// the cases hold no caller's mistakes.
func checkErrKind(t testing.TB, err error) {
	t.Helper()
	if !errors.Is(err, rewrite.ErrSyntax) && !errors.Is(err, rewrite.ErrRefused) {
		t.Errorf("error %v is neither ErrSyntax nor ErrRefused", err)
	}
}

// TestAddCases runs the Add calls of each case of
// testdata/cases/compose/add in turn, holds every edit to casetest.Check,
// and compares the output and the actions of all the calls, or the first
// error, with the case's. The error must be a syntax error or a refusal.
func TestAddCases(t *testing.T) {
	if n := len(casetest.Load(t, addCases)); n < 20 {
		t.Errorf("only %d add cases", n)
	}
	casetest.Run(t, addCases, func(t *testing.T, c *casetest.Case) casetest.Result {
		return runOps(t, c, caseOps(t, c, false), false)
	})
}

// runOps makes the calls ops on the case's input, adds or with remove
// removals, checking each with casetest.Check; it returns the output and
// the actions of all the calls, or the first error.
func runOps(t *testing.T, c *casetest.Case, ops []op, remove bool) casetest.Result {
	t.Helper()
	src := c.Input
	var all []rewrite.Action
	for _, o := range ops {
		call := o.run
		if remove {
			call = o.undo
		}
		out, actions, err := call(c.InputName, src)
		if err != nil {
			checkErrKind(t, err)
			return casetest.Result{Err: err}
		}
		e := o.edit(c.InputName, src, out, actions, remove)
		e.Op = fmt.Sprintf("%s: %s", c.Name, e.Op)
		casetest.Check(t, e)
		all = append(all, actions...)
		src = out
	}
	return casetest.Result{Out: src, Actions: all}
}

// caseFiles returns, by case file and section, the inputs and wants of
// the cases in dirs.
func caseFiles(tb testing.TB, dirs ...string) map[string][]byte {
	tb.Helper()
	out := map[string][]byte{}
	for _, dir := range dirs {
		for _, c := range casetest.Load(tb, dir) {
			if !c.Missing {
				out[c.Path+":"+c.InputName] = c.Input
			}
			if want, ok := c.File("want"); ok {
				out[c.Path+":want"] = want
			}
		}
	}
	return out
}
