package compose

import (
	"errors"
	"testing"

	"github.com/paxx-dev/paxx/internal/casetest"
	"github.com/paxx-dev/paxx/rewrite"
)

// FuzzSharedEnv runs AddEnvironmentShared, with runsProject accepting
// every service, on arbitrary input: it fails with a *rewrite.Error, or
// gives output that casetest.Check accepts (parses, only adds, stays
// as it is on a second call) and where the service has the variable;
// RemoveEnvironmentShared then gives the input back. The reads of a
// worker's runtime and of published ports must not panic either.
func FuzzSharedEnv(f *testing.F) {
	for _, src := range casetest.Inputs(f, addCases) {
		f.Add(src)
	}
	o := op{Op: "env", Service: "app", Key: "REDIS_URL", Value: "redis://redis:6379/0", Shared: true, Runners: "app,worker,api,web"}
	f.Fuzz(func(t *testing.T, src []byte) {
		if g, err := Parse("c.yml", src); err == nil {
			_ = g.PublishedPorts()
			r, _ := RuntimeOf([]*File{g, g}, "app")
			_ = r.WorkerBody("arq x.W", []Var{{Key: "A", Value: "1"}})
		}
		out, actions, err := o.run("c.yml", src)
		if err != nil {
			var re *rewrite.Error
			if !errors.As(err, &re) {
				t.Fatalf("error is not a *rewrite.Error: %v", err)
			}
			return
		}
		casetest.Check(t, o.edit("c.yml", src, out, actions, false))
		g, err := Parse("c.yml", out)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := g.Environment(o.Service)[o.Key]; !ok {
			t.Fatalf("%s missing after AddEnvironmentShared:\n%s", o.Key, out)
		}
		if len(actions) == 0 {
			return
		}
		u := o
		u.KeepKey = o.emptyKey(src) // the key was there, empty: it stays
		back, _, err := u.undo("c.yml", out)
		if err != nil {
			t.Fatalf("RemoveEnvironmentShared: %v\n%s", err, out)
		}
		if string(back) != string(src) {
			t.Fatalf("add then remove:\n%s\nwant:\n%s", back, src)
		}
	})
}
