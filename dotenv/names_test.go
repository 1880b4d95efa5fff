package dotenv_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/paxx-dev/paxx/dotenv"
)

// TestNames checks the variables read from the forms python-dotenv
// accepts (the reference: its parser agrees on each of these).
func TestNames(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"empty", "", nil},
		{"plain", "A=1\nB=2\n", []string{"A", "B"}},
		{"export", "export A=1\nexport\tB=2\nexport=3\n", []string{"A", "B", "export"}},
		{"commented out", "# A=1\n  # B=2\nC=3 # D=4\n", []string{"C"}},
		{"no equals sign", "A\nB =\n", []string{"B"}},
		{"empty value", "A=\nB=''\nC=\"\"\n", []string{"A", "B", "C"}},
		{"spaces around equals", "A = 1\n  B=2\n", []string{"A", "B"}},
		{"quoted key", "'A B'=1\n", []string{"A B"}},
		{"repeated", "A=1\nB=2\nA=3\n", []string{"A", "B"}},
		{"multi-line value", "A=\"x\nB=2\ny\"\nC=3\n", []string{"A", "C"}},
		{"unclosed quote voids its line only", "A=\"x\nB=2\n", []string{"B"}},
		{"escaped quote then close", `A="x\"y"` + "\nB=1\n", []string{"A", "B"}},
		{"text after a quoted value", "A=\"x\" y\nB=1\n", []string{"B"}},
		{"comment after a quoted value", "A='x' # note\n", []string{"A"}},
		{"crlf", "A=1\r\nB=2\r\n", []string{"A", "B"}},
		{"cr only", "A=1\rB=2\r", []string{"A", "B"}},
		{"bom", "\ufeffA=1\n", []string{"A"}},
		{"blank lines and indentation", "\n\n   \n\tA=1\n\n", []string{"A"}},
		{"garbage", "not a variable\n=x\n==\n", nil},
	}
	for _, tt := range tests {
		if d := cmp.Diff(tt.want, names(t, []byte(tt.src))); d != "" {
			t.Errorf("%s: Names(%q) mismatch (-want +got):\n%s", tt.name, tt.src, d)
		}
	}
}

// TestAddVarsRejectsBadArguments covers the caller's mistakes, which are
// plain errors and never a change.
func TestAddVarsRejectsBadArguments(t *testing.T) {
	tests := []struct {
		name    string
		section string
		vars    []dotenv.Var
		want    string
	}{
		{"empty name", "Redis", []dotenv.Var{{Name: "", Value: "x"}}, "invalid variable name"},
		{"name with space", "Redis", []dotenv.Var{{Name: "A B", Value: "x"}}, "invalid variable name"},
		{"name with equals", "Redis", []dotenv.Var{{Name: "A=B", Value: "x"}}, "invalid variable name"},
		{"value with NUL", "Redis", []dotenv.Var{{Name: "A", Value: "x\x00"}}, "not text"},
		{"value not UTF-8", "Redis", []dotenv.Var{{Name: "A", Value: "\xff"}}, "not text"},
		{"section on two lines", "Redis\nCache", []dotenv.Var{{Name: "A", Value: "x"}}, "not one line of text"},
		{"section not UTF-8", "Redis \xff", []dotenv.Var{{Name: "A", Value: "x"}}, "not one line of text"},
	}
	f, err := dotenv.Parse(".env.example", []byte("X=1\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		g, actions, err := f.AddVars(tt.section, tt.vars)
		if err == nil || !strings.Contains(err.Error(), tt.want) || g != nil || actions != nil {
			t.Errorf("%s: AddVars = %v, %v, %v; want an error saying %q", tt.name, g, actions, err, tt.want)
		}
	}
}

// TestAddVarsUnchangedIsSameFile checks that "all present" returns the
// very input, as the ensure operations promise.
func TestAddVarsUnchangedIsSameFile(t *testing.T) {
	src := []byte("REDIS_URL=redis://elsewhere:6379/0\n")
	f, err := dotenv.Parse(".env.example", src)
	if err != nil {
		t.Fatal(err)
	}
	g, actions, err := f.AddVars("Redis", []dotenv.Var{{Name: "REDIS_URL", Value: "redis://localhost:6379/0"}})
	if err != nil || g != f || &g.Bytes()[0] != &src[0] || len(actions) != 0 {
		t.Errorf("AddVars on a file that sets every variable = %v, %v, %v", g, actions, err)
	}
}
