package compose

import (
	"encoding/base64"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/paxx-dev/paxx/rewrite"
	"gopkg.in/yaml.v3"
)

// converterCases are documents whose canonical value must be what yaml.v3's
// decoder gives, up to the representation of scalars.
var converterCases = []string{
	"a: 1\nb: \"1\"\nc: true\nd: 'true'\ne: ~\nf: 1.5\ng: .inf\nh: -.INF\ni: .nan\nj: 0x1F\nk: 0o17\nl: 0b101\nm: 1_000\nn: 012\n",
	"a: 9223372036854775808\nb: -0b11\nc: +12\nd: 1e3\ne: .5\nf: 2001-12-14\ng: 2001-12-14t21:59:43.10-05:00\nh: 2001-12-14 21:59:43.10\ni: 2001-13-45\n",
	"a: !!str 1\nb: !!float 1\nc: !!int \"7\"\nd: !!binary aGVsbG8=\ne: !reset null\nf: !override [1]\ng: !!timestamp 2001-01-01\nh: !!null ~\ni: !!bool TRUE\n",
	"base: &b {x: 1, y: [1, 2]}\nc:\n  <<: *b\n  y: own\n",
	"a: &a {x: 1}\nb: &b {x: 2, z: 3}\nc:\n  <<: [*a, *b]\n  w: 4\nd: {<<: {q: 1}, r: 2}\n",
	"a: &a {x: 1}\nb: &b\n  <<: *a\n  y: 2\nc:\n  <<: *b\n  z: 3\n",
	"a: {<<: &m {x: 1, y: 0}, y: *m}\nb: *m\n",
	"? [a, b]\n: 1\n2: two\n~: nothing\ntrue: yes\n1.5: f\n",
	"l: &l [a, b]\nm: [*l, *l]\nn: *l\nk: &k key\n*k : v\n",
	"s: |\n  literal\n  text\nt: >-\n  folded\n  text\nu: \"esc\\tape\"\nv: '<<'\nw: <<\n",
}

// TestConverterMatchesDecoder checks the converter against yaml.v3's own
// decoder on the cases above and every input and want of the casetest
// files.
func TestConverterMatchesDecoder(t *testing.T) {
	docs := map[string][]byte{}
	for i, c := range converterCases {
		docs[fmt.Sprintf("case-%d", i)] = []byte(c)
	}
	for name, src := range caseFiles(t, addCases, removeCases) {
		docs[name] = src
	}
	for name, src := range docs {
		var doc yaml.Node
		if err := yaml.Unmarshal(src, &doc); err != nil || len(doc.Content) == 0 {
			continue
		}
		var want any
		if err := doc.Decode(&want); err != nil {
			continue
		}
		got, err := canonicalValue("c.yml", doc.Content[0], len(src))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if diff := sameAsDecoded(got, want, ""); diff != "" {
			t.Errorf("%s: %s", name, diff)
		}
	}
}

// sameAsDecoded compares a canonical value with what yaml.v3 decoded,
// returning where they first differ, or "".
func sameAsDecoded(got, want any, at string) string {
	switch w := want.(type) {
	case map[string]any:
		m := map[any]any{}
		for k, v := range w {
			m[k] = v
		}
		return sameAsDecoded(got, m, at)
	case map[any]any:
		g, ok := got.(map[string]any)
		if !ok || len(g) != len(w) {
			return fmt.Sprintf("at %s: got %#v, want %#v", at, got, want)
		}
		for k, v := range w {
			key := fmt.Sprint(k)
			if s, ok := k.(string); ok {
				key = s
			}
			if d := sameAsDecoded(g[key], v, at+"/"+key); d != "" {
				return d
			}
		}
		return ""
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return fmt.Sprintf("at %s: got %#v, want %#v", at, got, want)
		}
		for i := range w {
			if d := sameAsDecoded(g[i], w[i], fmt.Sprintf("%s[%d]", at, i)); d != "" {
				return d
			}
		}
		return ""
	}
	if g, ok := got.(tagged); ok {
		switch g.tag {
		case tagTimestamp:
			if _, ok := want.(time.Time); ok {
				return ""
			}
		case tagBinary:
			if b, err := base64.StdEncoding.DecodeString(g.text); err == nil && string(b) == want {
				return ""
			}
		default:
			if g.text == want {
				return ""
			}
		}
		return fmt.Sprintf("at %s: got %#v, want %#v", at, got, want)
	}
	switch w := want.(type) {
	case int:
		want = int64(w)
	case float64:
		if g, ok := got.(float64); ok && math.IsNaN(g) && math.IsNaN(w) {
			return ""
		}
	}
	if got != want {
		return fmt.Sprintf("at %s: got %#v (%T), want %#v (%T)", at, got, got, want, want)
	}
	return ""
}

// TestConverterDistinguishes checks that values yaml.v3 tells apart stay
// apart.
func TestConverterDistinguishes(t *testing.T) {
	for _, pair := range [][2]string{
		{`a: 1`, `a: "1"`},
		{`a: true`, `a: "true"`},
		{`a: ~`, `a: ""`},
		{`a: 2001-01-01`, `a: "2001-01-01"`},
		{`a: !reset x`, `a: x`},
		{`a: 1.0`, `a: 1`},
	} {
		x, y := mustValue(t, pair[0]), mustValue(t, pair[1])
		if equal(x, y) {
			t.Errorf("%q and %q convert to the same value %#v", pair[0], pair[1], x)
		}
	}
}

func mustValue(t *testing.T, src string) any {
	t.Helper()
	f, err := Parse("c.yml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return f.value
}

// TestConverterErrors checks the documents the converter rejects, and that
// an alias bomb is rejected quickly instead of being expanded.
func TestConverterErrors(t *testing.T) {
	var bomb strings.Builder
	bomb.WriteString("a: &a [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 'b'; i <= 'z'; i++ {
		fmt.Fprintf(&bomb, "%c: &%c [*%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c]\n", i, i, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1)
	}
	for _, c := range []struct {
		src, want string
		kind      error
	}{
		{"a: &a [*a]\n", "c.yml:1:8: anchor 'a' value contains itself", rewrite.ErrSyntax},
		{"a: &a {b: *a}\n", "c.yml:1:11: anchor 'a' value contains itself", rewrite.ErrSyntax},
		{"a: &a [1]\nb:\n  <<: *a\n", "c.yml:3:7: map merge requires map or sequence of maps as the value", rewrite.ErrSyntax},
		{"b:\n  <<: [{x: 1}, 2]\n", "c.yml:2:16: map merge requires map or sequence of maps as the value", rewrite.ErrSyntax},
		{"a: !!bool yes\n", "c.yml:1:4: cannot decode !!str `yes` as a !!bool", rewrite.ErrSyntax},
		{"a: !!binary '%%'\n", "c.yml:1:4: !!binary value contains invalid base64 data", rewrite.ErrSyntax},
		{bomb.String(), "c.yml:6:4: this sequence expands its aliases to more than 281536 values (write the repeated parts out, or reuse them less deeply)", rewrite.ErrRefused},
	} {
		start := time.Now()
		_, err := Parse("c.yml", []byte(c.src))
		if !errors.Is(err, c.kind) || err.Error() != c.want {
			t.Errorf("%.40q:\n got %v\nwant %s", c.src, err, c.want)
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("%.40q took %v", c.src, d)
		}
	}
}
