package compose

import (
	"errors"
	"testing"

	"github.com/paxx-dev/paxx/internal/casetest"
	"github.com/paxx-dev/paxx/rewrite"
)

// FuzzAdd runs each Add method on arbitrary input: it must either fail
// with a *rewrite.Error or return output that parses, only adds to the
// input, and is left alone by the same call made again.
func FuzzAdd(f *testing.F) {
	for _, src := range casetest.Inputs(f, addCases) {
		for i := range redisOps {
			f.Add(src, uint8(i))
		}
	}
	f.Fuzz(func(t *testing.T, src []byte, which uint8) {
		o := redisOps[int(which)%len(redisOps)]
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
		switch o.Op {
		case "service":
			// A service already there is left as it is, image or not.
			if s, ok := g.Service(o.Name); !ok || s.Image == "" && len(actions) > 0 {
				t.Fatalf("service %s missing after AddService:\n%s", o.Name, out)
			}
		case "volume":
			found := false
			for _, v := range g.Volumes() {
				found = found || v == o.Name
			}
			if !found {
				t.Fatalf("volume %s missing after AddVolume:\n%s", o.Name, out)
			}
		case "env":
			if _, ok := g.Environment(o.Service)[o.Key]; !ok {
				t.Fatalf("%s missing after AddEnvironment:\n%s", o.Key, out)
			}
		}
	})
}
