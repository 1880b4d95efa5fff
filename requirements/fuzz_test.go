package requirements

import "testing"

func FuzzParseRequirement(f *testing.F) {
	for _, s := range []string{"redis>=5.0", "Redis[hiredis] (>=5,<6); python_version >= '3.8'", "pkg @ https://x/y.whl ; os_name == 'nt'", "a===1.0+local.7", "b~=1.4.5a1.post2.dev3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseRequirement(s)
		if err != nil {
			return
		}
		// What parses is a name that normalizes to itself, and excludes
		// never panics on it.
		if k := r.Key(); NormalizeName(k) != k || k == "" {
			t.Fatalf("%q: key %q", s, k)
		}
		want, _ := ParseRequirement("redis>=5.0")
		_ = r.Excludes(want)
		_ = want.Excludes(r)
		_ = PoetryExcludes(r.Constraint(), want)
	})
}
