package dotenv_test

import (
	"fmt"
	"testing"

	"github.com/paxx-dev/paxx/dotenv"
	"github.com/paxx-dev/paxx/internal/casetest"
)

var tasksVars = []dotenv.Var{
	{Name: "ARQ_REDIS_URL", Value: "redis://localhost:6379/1"},
	{Name: "ARQ_MAX_JOBS", Value: "10"},
	{Name: "ARQ_JOB_TIMEOUT", Value: "300"},
}

// BenchmarkAddVarsRealistic parses and adds three variables to a paxx project's
// .env.example.
func BenchmarkAddVarsRealistic(b *testing.B) {
	benchAdd(b, casetest.Input(b, addCases, "paxx-sections"))
}

// BenchmarkAddVarsLarge adds them to a generated file of 10,000 variables
// in 1,000 commented sections.
func BenchmarkAddVarsLarge(b *testing.B) {
	var src []byte
	for s := range 1000 {
		src = fmt.Appendf(src, "# Section %d\n", s)
		for v := range 10 {
			src = fmt.Appendf(src, "VAR_%d_%d=\"value %d\" # note\n", s, v, v)
		}
		src = append(src, '\n')
	}
	benchAdd(b, src)
}

func benchAdd(b *testing.B, src []byte) {
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		f, err := dotenv.Parse(".env.example", src)
		if err != nil {
			b.Fatal(err)
		}
		if _, _, err := f.AddVars("Tasks", tasksVars); err != nil {
			b.Fatal(err)
		}
	}
}
