package pyproject

import (
	"fmt"
	"strings"
	"testing"

	"github.com/paxx-dev/paxx/internal/casetest"
)

// largePyproject generates a pyproject.toml with n dependencies and n/10
// tool tables: far larger than any real one. (go-toml's duplicate-table
// check grows with the square of the number of tables.)
func largePyproject(n int) []byte {
	var b strings.Builder
	b.WriteString("[project]\nname = \"large\"\nversion = \"1.0.0\"\ndependencies = [\n")
	for i := range n {
		fmt.Fprintf(&b, "    \"package-%05d>=1.%d\",  # pinned for reasons\n", i, i%10)
	}
	b.WriteString("]\n")
	for i := range n / 10 {
		fmt.Fprintf(&b, "\n[tool.tool%05d]\nenabled = true\nlist = [\"a\", \"b\", \"c\"]\nname = 'tool %d'\n", i, i)
	}
	return []byte(b.String())
}

// largeRequirements generates a requirements file with n lines.
func largeRequirements(n int) []byte {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "# package %d\npackage-%05d==1.%d.0\n", i, i, i%10)
	}
	return []byte(b.String())
}

func benchmarkAdd(b *testing.B, add addFunc, src []byte, arg string) {
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := add("f", src, arg); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAddDependency(b *testing.B) {
	b.Run("paxx-shaped", func(b *testing.B) {
		benchmarkAdd(b, addDependency, casetest.Input(b, addCases, "paxx-shaped"), "redis>=5.0")
	})
	b.Run("large-5000", func(b *testing.B) {
		benchmarkAdd(b, addDependency, largePyproject(5000), "redis>=5.0")
	})
}

func BenchmarkAddInfra(b *testing.B) {
	b.Run("paxx-shaped", func(b *testing.B) {
		benchmarkAdd(b, addInfra, casetest.Input(b, addCases, "paxx-shaped"), "redis")
	})
	b.Run("large-5000", func(b *testing.B) {
		benchmarkAdd(b, addInfra, largePyproject(5000), "redis")
	})
}

func BenchmarkAddRequirementLine(b *testing.B) {
	b.Run("comments", func(b *testing.B) {
		benchmarkAdd(b, addRequirementLine, casetest.Input(b, requirementsAddCases, "comments"), "redis>=5.0")
	})
	b.Run("large-5000", func(b *testing.B) {
		benchmarkAdd(b, addRequirementLine, largeRequirements(5000), "redis>=5.0")
	})
}
