package python

import (
	"testing"

	"github.com/paxx-dev/paxx/internal/casetest"
)

// TestIncrementalParse checks that the incremental parse which checks an
// edit gives the tree a parse from scratch gives, on every golden input
// that takes a field, with the field at each place AddFields puts one.
func TestIncrementalParse(t *testing.T) {
	type input struct {
		path string
		src  []byte
	}
	var inputs []input
	for _, c := range casetest.Load(t, addFieldsCases) {
		inputs = append(inputs, input{c.Path, c.Input})
	}
	inputs = append(inputs, input{"", largeModule(20, 12)}) // the scale module
	checked := 0
	for _, in := range inputs {
		path, src := in.path, in.src
		f, serr, tree, err := parseTree(path, src, readStyle, nil)
		if err != nil || serr != nil {
			continue
		}
		for _, ci := range f.classes {
			fields := []NewField{redisField(), {Name: "arq_max_jobs", Type: "int", Default: 10, Section: "Tasks"}}
			ins, err := f.planFields(ci.class.Name, fields)
			if err != nil || ins == nil {
				continue
			}
			g, _, err := ins.verify(f, tree)
			if err != nil {
				continue
			}
			_, _, fresh, err := parseTree(path, g.src, 0, nil)
			if err != nil {
				t.Fatal(err)
			}
			_, _, incr, err := parseTree(path, g.src, 0, &base{src: src, tree: tree})
			if err != nil {
				t.Fatal(err)
			}
			if a, b := fresh.RootNode().String(), incr.RootNode().String(); a != b {
				t.Errorf("%s, class %s: the incremental tree differs from the fresh one:\n%s\n%s", path, ci.class.Name, a, b)
			}
			fresh.Close()
			incr.Close()
			checked++
		}
		tree.Close()
	}
	if checked < 10 {
		t.Fatalf("checked %d edits", checked)
	}
	t.Logf("checked %d edits", checked)
}
