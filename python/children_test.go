package python

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestPlainFields checks that reading plain fields from their text gives
// the File that reading every statement from its nodes gives, on every
// Python file of the test data and on statements near the plain shape.
func TestPlainFields(t *testing.T) {
	var srcs [][]byte
	for _, dir := range []string{"../testdata", "testdata"} {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".py") {
				return err
			}
			src, err := os.ReadFile(path)
			srcs = append(srcs, src)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	var near strings.Builder
	near.WriteString("import x\n\nname: str = 'top'\n\n\n@dataclass\nclass A(B, metaclass=M):\n    \"\"\"Doc.\"\"\"\n")
	for _, stmt := range []string{
		`a: int = 1`, `b: str = "x"`, `c: str = 'y'`, `d: x.y.Z = None`, `e: bool = True`, `f: int = -3`, `g: str`,
		`h : str  =  "z"`, `i: str = f"{a}"`, `j: str = "a\"b"`, `k: str = "a" "b"`, `l: int = 1  # c`, `m: int = 1;`,
		`model_config: dict = {}`, `type: str = "t"`, `match: int = 0`, `n: int | None = None`, `o: list[str] = []`,
		`p = 1`, `q: "Fwd" = None`, `r: str = """s"""`, `s: str = ''`, `t: int = 0x10`, `u: int = 1_000`, `v: None`,
		`w: str = "é"`, `_x: int = 2`, `y2: Z = Q`,
	} {
		near.WriteString("    " + stmt + "\n")
	}
	near.WriteString("\n    def f(self) -> str:\n        z: str = 'in'\n        return z\n\n\nclass C:\n    a: int = 1\n    b: str = 'x'\n")
	srcs = append(srcs, []byte(near.String()), largeModule(3, 12), []byte("class S:\n    a: int = 1\n    b: str = \"x\"\nprint 'x'\n"))
	plain := 0
	for _, src := range srcs {
		for _, need := range []reads{0, readAll} {
			quick, qerr, qtree, err := parseTree("m.py", src, need, nil)
			if err != nil {
				t.Fatal(err)
			}
			qtree.Close()
			slow, serr, stree, err := parseTree("m.py", src, need|readNodes, nil)
			if err != nil {
				t.Fatal(err)
			}
			stree.Close()
			if !reflect.DeepEqual(qerr, serr) {
				t.Errorf("%q: errors %v and %v", firstLine(src), qerr, serr)
			}
			quick.whole, slow.whole = nil, nil
			if !reflect.DeepEqual(quick, slow) {
				t.Errorf("%q: the two readings differ:\n%+v\n%+v", firstLine(src), quick, slow)
			}
			for _, ci := range quick.classes {
				plain += len(ci.class.Fields)
			}
		}
	}
	if plain < 100 {
		t.Fatalf("read %d fields", plain)
	}
}
