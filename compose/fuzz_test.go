package compose

import (
	"bytes"
	"errors"
	"testing"

	"gopkg.in/yaml.v3"

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

// FuzzAddRemove runs each Add method on arbitrary input (text that paxx
// edits: UTF-8, one kind of line ending) and, when it added something,
// the matching Remove method on its output: the removal must succeed, be
// delete-only, and give back the input byte for byte, or else another
// file from which the add makes the same output (the ambiguity that
// components' record settles).
// It drives rewrite.Undo's search for the exact inverse at the speed of
// one format, where components' FuzzAddRemove runs a whole project.
func FuzzAddRemove(f *testing.F) {
	for _, src := range casetest.Inputs(f, addCases) {
		for i := range redisOps {
			f.Add(src, uint8(i))
		}
	}
	f.Fuzz(func(t *testing.T, src []byte, which uint8) {
		if !editable(src) {
			return
		}
		o := redisOps[int(which)%len(redisOps)]
		out, actions, err := o.run("c.yml", src)
		if err != nil || len(actions) == 0 {
			return // FuzzAdd's business, or nothing for remove to undo
		}
		u := o
		u.KeepKey = emptyKeyIn(src, o)
		back, acts, err := u.undo("c.yml", out)
		if err != nil {
			if o.Op == "volume" && errors.Is(err, rewrite.ErrRefused) {
				return // a service of the input mounts the volume
			}
			t.Fatalf("%s: remove after add: %v\ninput:\n%s\nadded:\n%s", o, err, src, out)
		}
		casetest.Check(t, u.edit("c.yml", out, back, acts, true))
		if !bytes.Equal(back, src) {
			// Another file that the add makes the same output from (an
			// empty services: key, or none) only a record can tell apart.
			if again, _, err := o.run("c.yml", back); err != nil || !bytes.Equal(again, out) {
				t.Fatalf("%s: add then remove changed the file\ninput:\n%q\nadded:\n%q\nremoved:\n%q", o, src, out, back)
			}
		}
	})
}

// editable reports whether paxx would hand src to a rewriter at all:
// components reads every file it edits through filetx.ReadText, which
// refuses text that is not UTF-8 or mixes line endings.
func editable(src []byte) bool {
	return rewrite.CheckEncoding("c.yml", src) == nil && rewrite.CheckNewlines("c.yml", src) == nil
}

// emptyKeyIn reports whether the key that o's Add method fills was in src
// with nothing in it (the record's "empty key" in components): its Remove
// method must then keep it.
func emptyKeyIn(src []byte, o op) bool {
	var doc map[string]any
	if yaml.Unmarshal(src, &doc) != nil {
		return false
	}
	m, key := doc, "volumes"
	switch o.Op {
	case "env", "depends":
		services, _ := doc["services"].(map[string]any)
		m, _ = services[o.Service].(map[string]any)
		key = map[string]string{"env": "environment", "depends": "depends_on"}[o.Op]
	case "service":
		return false // RemoveService takes no keepKey
	}
	v, ok := m[key]
	if !ok {
		return false
	}
	switch v := v.(type) {
	case nil:
		return true
	case map[string]any:
		return len(v) == 0
	case []any:
		return len(v) == 0
	}
	return false
}
