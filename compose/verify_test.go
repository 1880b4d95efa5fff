package compose

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/paxx-dev/paxx/internal/casetest"
	"gopkg.in/yaml.v3"
)

// TestMatchesIsSound checks matches against what it stands for, converting
// in full and comparing: it may only say yes where they do, and it says yes
// on the documents it exists for.
func TestMatchesIsSound(t *testing.T) {
	docs := []struct {
		src  string
		fast bool // matches must vouch for the document against its own value
	}{
		{"services:\n  app:\n    image: x\n    ports: [\"80:80\", 81]\n", true},
		{"a: 1\nb: 1.5\nc: true\nd: null\ne: ~\nf: !!str 7\ng: .nan\nh: [1, [2, {x: y}]]\n", true},
		{"x: &a {k: v}\ny: *a\nz:\n  <<: *a\n  w: 1\n", true},
		{"1: a\n\"1\": b\n", false},
		{"1: a\n\"1\": a\n", false},
		{"? [a, b]\n: c\n", false},
		{"a: !!int 7\nb: !!float 3\nc: !!binary aGk=\nd: 2001-12-14\ne: !reset null\n", true},
		{"&top {a: 1}\n", true},
	}
	for _, d := range docs {
		var doc yaml.Node
		if err := yaml.Unmarshal([]byte(d.src), &doc); err != nil {
			t.Fatalf("%q: %v", d.src, err)
		}
		n := doc.Content[0]
		own, err := canonicalValue("t.yml", n, len(d.src))
		if err != nil {
			t.Fatalf("%q: %v", d.src, err)
		}
		if got := matches("t.yml", n, len(d.src), own); d.fast && !got {
			t.Errorf("%q: matches does not vouch for the document's own value", d.src)
		}
		others := []any{
			nil, map[string]any{}, map[string]any{"1": "a"}, map[string]any{"1": "a", "x": "a"},
			map[string]any{"1": "b"}, map[string]any{"a": int64(1)}, map[string]any{"a": 1.0},
			map[string]any{"g": math.NaN()}, "a", []any{"a"},
		}
		for _, w := range others {
			if matches("t.yml", n, len(d.src), w) && !equal(w, own) {
				t.Errorf("%q: matches says %#v, which it is not", d.src, w)
			}
		}
	}
}

// TestVerifyGivesParse runs the redis edits, as methods one after the
// other, on every golden input: each edit's result must carry the value
// Parse gives its bytes, and leave the value of the file it started from
// as it was.
func TestVerifyGivesParse(t *testing.T) {
	for _, c := range casetest.Load(t, addCases) {
		f, err := Parse("c.yml", c.Input)
		if err != nil {
			continue
		}
		for _, o := range caseOps(t, c, false) {
			before, err := Parse("c.yml", f.src)
			if err != nil {
				t.Fatal(err)
			}
			next, err := o.apply(f)
			if err != nil {
				break
			}
			if !equal(f.value, before.value) {
				t.Fatalf("%s: %s changed the value of the file it started from", c.Name, o.Op)
			}
			fresh, err := Parse("c.yml", next.src)
			if err != nil {
				t.Fatalf("%s: %s: %v", c.Name, o.Op, err)
			}
			if !equal(next.value, fresh.value) || !bytes.Equal(next.src, fresh.src) {
				t.Fatalf("%s: %s gave a value that is not its bytes' own", c.Name, o.Op)
			}
			f = next
		}
	}
}

// apply runs o's method on f.
func (o op) apply(f *File) (*File, error) {
	var g *File
	var err error
	switch o.Op {
	case "service":
		g, _, err = f.AddService(o.Name, o.Body)
	case "volume":
		g, _, err = f.AddVolume(o.Name)
	case "env":
		g, _, err = f.AddEnvironment(o.Service, o.Key, o.Value)
	case "depends":
		g, _, err = f.AddDependsOn(o.Service, o.Dep, o.Condition)
	default:
		return f, nil
	}
	return g, err
}

// TestDuplicateKeyLarge checks the hashed search of a large mapping: keys
// sharing a text under different tags are not duplicates, and the first
// duplicate in order is the one reported.
func TestDuplicateKeyLarge(t *testing.T) {
	var b strings.Builder
	for i := range 20 {
		fmt.Fprintf(&b, "k%d: x\n", i)
	}
	cases := []struct {
		extra string
		line  int // of the duplicate reported, 0 for none
	}{
		{"", 0},
		{"1: a\n\"1\": b\n", 0},
		{"1: a\n\"1\": b\nk3: y\n", 23},
		{"1: a\n\"1\": b\n1: c\n", 23},
		{"k5: y\n1: a\n\"1\": b\n", 21},
	}
	for _, c := range cases {
		src := b.String() + c.extra
		var doc yaml.Node
		if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
			t.Fatal(err)
		}
		_, k := duplicateKey(doc.Content[0])
		switch {
		case c.line == 0 && k != nil:
			t.Errorf("%q: duplicate %q reported at line %d", c.extra, k.Value, k.Line)
		case c.line != 0 && (k == nil || k.Line != c.line):
			t.Errorf("%q: want the duplicate at line %d, got %v", c.extra, c.line, k)
		}
	}
}

// TestEditsFromOneFile makes several edits from the same file, and from
// their results, in list form, where an expectation extends a list of the
// value it starts from: no result's value may change under another's.
func TestEditsFromOneFile(t *testing.T) {
	src := "services:\n  app:\n    image: x\n    environment:\n      - X=1\n      - Y=2\n      - Z=3\n    depends_on:\n      - a\n      - b\n      - c\n"
	f, err := Parse("c.yml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	files := []*File{f}
	for _, key := range []string{"A", "B"} {
		g, _, err := f.AddEnvironment("app", key, "1")
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, g)
		for _, next := range []string{"C", "D"} {
			h, _, err := g.AddEnvironment("app", next, "1")
			if err != nil {
				t.Fatal(err)
			}
			d1, _, err := h.AddDependsOn("app", "d", "")
			if err != nil {
				t.Fatal(err)
			}
			d2, _, err := h.AddDependsOn("app", "e", "")
			if err != nil {
				t.Fatal(err)
			}
			files = append(files, h, d1, d2)
		}
	}
	for _, g := range files {
		fresh, err := Parse("c.yml", g.src)
		if err != nil {
			t.Fatal(err)
		}
		if !equal(g.value, fresh.value) {
			t.Fatalf("the value of\n%s\nis not its own: %v", g.src, g.value)
		}
	}
}
