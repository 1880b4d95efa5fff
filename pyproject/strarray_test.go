package pyproject

import (
	"slices"
	"testing"
)

// TestEnsureArrayItem checks that AddArrayItem writes a new key of an
// existing table after its keys, in its style, and an element into an
// existing array, that StringArray reads it back, and that
// RemoveArrayItem gives back the file byte for byte.
func TestEnsureArrayItem(t *testing.T) {
	tests := []struct {
		name, in, add, want string
		list                []string
	}{
		{
			name: "new key after infra",
			in:   "[project]\nname = \"x\"\n\n[tool.paxx]\ninfra = [\"redis\", \"tasks\"]\n",
			add:  "redis",
			want: "[project]\nname = \"x\"\n\n[tool.paxx]\ninfra = [\"redis\", \"tasks\"]\nautomatic = [\"redis\"]\n",
			list: []string{"redis"},
		},
		{
			name: "sorted into an existing array, single quotes kept",
			in:   "[tool.paxx]\ninfra = ['a', 'redis', 'tasks']\nautomatic = ['a']\n",
			add:  "redis",
			want: "[tool.paxx]\ninfra = ['a', 'redis', 'tasks']\nautomatic = ['a', 'redis']\n",
			list: []string{"a", "redis"},
		},
		{
			name: "CRLF, after adopted",
			in:   "[tool.paxx]\r\ninfra = [\"redis\"]\r\nadopted = [\"redis: field redis_url\"]\r\n",
			add:  "redis",
			want: "[tool.paxx]\r\ninfra = [\"redis\"]\r\nadopted = [\"redis: field redis_url\"]\r\nautomatic = [\"redis\"]\r\n",
			list: []string{"redis"},
		},
		{
			name: "there already",
			in:   "[tool.paxx]\ninfra = [\"redis\"]\nautomatic = [\"redis\"]\n",
			add:  "redis",
			want: "[tool.paxx]\ninfra = [\"redis\"]\nautomatic = [\"redis\"]\n",
			list: []string{"redis"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse("pyproject.toml", []byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			g, acts, err := f.AddArrayItem(paxxKey("automatic"), tt.add)
			if err != nil {
				t.Fatal(err)
			}
			if got := string(g.Bytes()); got != tt.want {
				t.Fatalf("AddArrayItem:\n%q\nwant\n%q", got, tt.want)
			}
			if changed := tt.in != tt.want; changed != (len(acts) > 0) {
				t.Errorf("actions %v for a change %v", acts, changed)
			}
			if got := g.StringArray(paxxKey("automatic")...); !slices.Equal(got, tt.list) {
				t.Errorf("StringArray = %q, want %q", got, tt.list)
			}
			if tt.in == tt.want {
				return
			}
			back, _, err := g.RemoveArrayItem(paxxKey("automatic"), tt.add)
			if err != nil {
				t.Fatal(err)
			}
			if string(back.Bytes()) != tt.in {
				t.Errorf("RemoveArrayItem:\n%q\nwant the input\n%q", back.Bytes(), tt.in)
			}
		})
	}
}

// TestStringArrayAnyPath checks the string-array operations at a key path
// that is not paxx's: a table created at the end of the file and taken
// away again, byte for byte, with the empty key and table tidied away.
func TestStringArrayAnyPath(t *testing.T) {
	const in = "[project]\nname = \"x\"\n\n\n[tool.ruff]\nline-length = 88\n"
	keyPath := []string{"tool", "other-tool", "names"}
	f, err := Parse("pyproject.toml", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if f.StringArray(keyPath...) != nil || f.IsTable("tool", "other-tool") || !f.IsTable("tool", "ruff") {
		t.Fatalf("StringArray %q, IsTable before adding", f.StringArray(keyPath...))
	}
	g, acts, err := f.AddArrayItem(keyPath, "b")
	if err != nil {
		t.Fatal(err)
	}
	const want = in + "\n\n[tool.other-tool]\nnames = [\"b\"]\n"
	if got := string(g.Bytes()); got != want || len(acts) != 1 || acts[0].What != "b in [tool.other-tool].names" {
		t.Fatalf("AddArrayItem: %q, %v\nwant %q", got, acts, want)
	}
	g, _, err = g.AddArrayItem(keyPath, "a")
	if err != nil {
		t.Fatal(err)
	}
	if got := g.StringArray(keyPath...); !slices.Equal(got, []string{"b", "a"}) {
		t.Errorf("StringArray = %q", got) // one element is not sorted order: appended
	}
	out, _, err := g.RemoveArrayItem(keyPath, "a")
	if err != nil {
		t.Fatal(err)
	}
	out, _, err = out.RemoveArrayItem(keyPath, "b")
	if err != nil {
		t.Fatal(err)
	}
	if string(out.Bytes()) != in {
		t.Errorf("RemoveArrayItem:\n%q\nwant the input\n%q", out.Bytes(), in)
	}

	empty, err := Parse("pyproject.toml", []byte(in+"\n\n[tool.other-tool]\nnames = []\nmore = []\n"))
	if err != nil {
		t.Fatal(err)
	}
	out, acts, err = empty.RemoveEmptyArray([]string{"tool", "other-tool", "more"})
	if err != nil || len(acts) != 1 {
		t.Fatalf("RemoveEmptyArray: %v, %v", acts, err)
	}
	out, acts, err = out.RemoveEmptyTable(keyPath)
	if err != nil {
		t.Fatalf("RemoveEmptyTable: %v", err)
	}
	if len(acts) != 1 || string(out.Bytes()) != in {
		t.Errorf("RemoveEmptyTable: %q, %v", out.Bytes(), acts)
	}
	// A table outside [project] and [tool] is the one the removal is in,
	// which the check that every other table is kept lets change.
	const top = "[project]\nname = \"x\"\n\n[extra]\nnames = [\"a\", \"b\"]\n"
	ft, err := Parse("pyproject.toml", []byte(top))
	if err != nil {
		t.Fatal(err)
	}
	out, acts, err = ft.RemoveArrayItem([]string{"extra", "names"}, "a")
	if err != nil {
		t.Fatalf("RemoveArrayItem in [extra]: %v", err)
	}
	if want := "[project]\nname = \"x\"\n\n[extra]\nnames = [\"b\"]\n"; string(out.Bytes()) != want {
		t.Errorf("RemoveArrayItem in [extra]: %q, %v\nwant %q", out.Bytes(), acts, want)
	}
	if _, _, err := f.AddArrayItem([]string{"top"}, "a"); err == nil {
		t.Error("AddArrayItem at a key path without a table: no error")
	}
}
