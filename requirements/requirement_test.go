package requirements

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseRequirement(t *testing.T) {
	tests := []struct {
		in   string
		want Requirement
		err  bool
	}{
		{in: "redis", want: Requirement{Name: "redis"}},
		{in: "redis>=5.0", want: Requirement{Name: "redis", Specifiers: []Specifier{{">=", "5.0"}}}},
		{in: " Redis[hiredis] >= 5 , < 6 ", want: Requirement{Name: "Redis", Extras: []string{"hiredis"}, Specifiers: []Specifier{{">=", "5"}, {"<", "6"}}}},
		{in: "uvicorn[standard, http2]", want: Requirement{Name: "uvicorn", Extras: []string{"standard", "http2"}}},
		{in: "name[]", want: Requirement{Name: "name"}},
		{in: "pkg (>=1.0, !=1.5.*)", want: Requirement{Name: "pkg", Specifiers: []Specifier{{">=", "1.0"}, {"!=", "1.5.*"}}}},
		{in: `uvloop>=0.19; sys_platform != "win32"`, want: Requirement{Name: "uvloop", Specifiers: []Specifier{{">=", "0.19"}}, Marker: `sys_platform != "win32"`}},
		{in: "zope.interface===5.0+local", want: Requirement{Name: "zope.interface", Specifiers: []Specifier{{"===", "5.0+local"}}}},
		{in: "pkg~=1.4.2", want: Requirement{Name: "pkg", Specifiers: []Specifier{{"~=", "1.4.2"}}}},
		{in: "pkg @ https://example.com/pkg-1.0.tar.gz", want: Requirement{Name: "pkg", URL: "https://example.com/pkg-1.0.tar.gz"}},
		{in: `pkg@ git+https://x/y.git ; python_version < "3.12"`, want: Requirement{Name: "pkg", URL: "git+https://x/y.git", Marker: `python_version < "3.12"`}},
		{in: "", err: true},
		{in: "-e .", err: true},
		{in: "pkg-", err: true},
		{in: "pkg >= ", err: true},
		{in: "pkg[a", err: true},
		{in: "pkg (>=1", err: true},
		{in: "pkg ;", err: true},
		{in: "pkg @", err: true},
		{in: "pkg @ url;notamarker", want: Requirement{Name: "pkg", URL: "url;notamarker"}}, // PEP 508: ";" needs a blank before it to end a URL
		{in: "pkg 1.0", err: true},
		{in: "./local/path", err: true},
	}
	for _, tt := range tests {
		got, err := ParseRequirement(tt.in)
		if tt.err {
			if err == nil {
				t.Errorf("ParseRequirement(%q) = %+v, want an error", tt.in, got)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseRequirement(%q): %v", tt.in, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("ParseRequirement(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestNormalizeName(t *testing.T) {
	for in, want := range map[string]string{
		"Redis":              "redis",
		"pydantic_settings":  "pydantic-settings",
		"Zope.Interface":     "zope-interface",
		"a-_.b":              "a-b",
		"friendly--bard":     "friendly-bard",
		"SQLAlchemy":         "sqlalchemy",
		"ruamel.yaml.clib":   "ruamel-yaml-clib",
		"typing_extensions_": "typing-extensions",
	} {
		if got := NormalizeName(in); got != want {
			t.Errorf("NormalizeName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCompareVersions(t *testing.T) {
	// Each version sorts strictly after the previous one (PEP 440's
	// examples), and spellings of one version compare equal.
	order := []string{"1.0.dev0", "1.0a1.dev0", "1.0a1", "1.0a2", "1.0b1", "1.0rc1", "1.0", "1.0+local", "1.0.post1.dev0", "1.0.post1", "1.1.dev1", "1.1", "1.10", "2!0.1"}
	for i := 1; i < len(order); i++ {
		a, okA := parseVersion(order[i-1])
		b, okB := parseVersion(order[i])
		if !okA || !okB {
			t.Fatalf("cannot parse %q or %q", order[i-1], order[i])
		}
		if c := compareVersions(a, b); c >= 0 {
			t.Errorf("compare(%s, %s) = %d, want -1", order[i-1], order[i], c)
		}
		if c := compareVersions(b, a); c <= 0 {
			t.Errorf("compare(%s, %s) = %d, want 1", order[i], order[i-1], c)
		}
	}
	for _, pair := range [][2]string{{"1.0", "1"}, {"1.0.0", "1"}, {"1.0alpha1", "1.0a1"}, {"1.0-1", "1.0.post1"}, {"v1.0", "1.0"}, {"1.0c1", "1.0rc1"}, {"1.0.dev", "1.0.dev0"}} {
		a, _ := parseVersion(pair[0])
		b, _ := parseVersion(pair[1])
		if c := compareVersions(a, b); c != 0 {
			t.Errorf("compare(%s, %s) = %d, want 0", pair[0], pair[1], c)
		}
	}
	for _, bad := range []string{"", "x", "1..0", "1.0-", "99999999999999999999999"} {
		if _, ok := parseVersion(bad); ok {
			t.Errorf("parseVersion(%q) succeeded", bad)
		}
	}
}

func TestExcludes(t *testing.T) {
	want, err := ParseRequirement("redis>=5.0")
	if err != nil {
		t.Fatal(err)
	}
	tests := map[string]bool{
		"redis":                    false,
		"redis>=4":                 false,
		"redis<4":                  true,
		"redis<5":                  true,
		"redis<5.0.1":              false,
		"redis<=4.9":               true,
		"redis<=5.0":               false,
		"redis==4.6.0":             true,
		"redis==5.0":               false,
		"redis==5.0.3":             false,
		"redis~=4.0":               true,
		"redis~=4.6.1":             true,
		"redis~=5.0":               false,
		"redis~=4":                 false, // invalid: ~= needs two segments; not read, so compatible
		"redis==4.*":               true,
		"redis==5.*":               false,
		"redis!=4.*":               false,
		"redis>=3,<4.5":            true,
		"redis<5.0rc1":             true,
		"redis<5.0.post1":          false,
		"redis===4.0":              true,
		"redis===weird":            false,
		"redis<banana":             false,
		"redis @ git+https://x/r":  false,
		"redis[hiredis]>=5.1,<6.0": false,
		"redis>6":                  false,
	}
	for in, wantExcl := range tests {
		have, err := ParseRequirement(in)
		if err != nil {
			t.Fatalf("ParseRequirement(%q): %v", in, err)
		}
		if got := have.Excludes(want); got != wantExcl {
			t.Errorf("excludes(%q, redis>=5.0) = %v, want %v", in, got, wantExcl)
		}
	}
	// A requirement without a lower bound cannot be ruled out.
	anyRedis, _ := ParseRequirement("redis<7")
	old, _ := ParseRequirement("redis<4")
	if old.Excludes(anyRedis) {
		t.Errorf("excludes(redis<4, redis<7) = true")
	}
}

func TestPoetryExcludes(t *testing.T) {
	want, _ := ParseRequirement("redis>=5.0")
	tests := map[string]bool{
		"*":              false,
		"^5.0":           false,
		"^4.6":           true,
		"^4":             true,
		"^0.9":           true,
		"^0.0.3":         true,
		"~4.6":           true,
		"~5":             false,
		"~4":             true,
		"4.6.0":          true,
		"=4.6.0":         true,
		"5.0.1":          false,
		"4.*":            true,
		">=4,<5":         true,
		">= 4, < 6":      false,
		">=4 <5":         true,
		"^3.0 || ^4.0":   true,
		"^4.0 || ^5.0":   false,
		"<5 | >=6":       false,
		"~=4.2":          true,
		"!=4.0":          false,
		"something-else": false,
	}
	for in, wantExcl := range tests {
		if got := PoetryExcludes(in, want); got != wantExcl {
			t.Errorf("PoetryExcludes(%q, redis>=5.0) = %v, want %v", in, got, wantExcl)
		}
	}
}
