package pyproject

import (
	"slices"
	"testing"
)

// TestEnsureArrayItem checks that EnsureArrayItem writes a new key of an
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
			g, acts, err := f.EnsureArrayItem(paxxKey("automatic"), tt.add)
			if err != nil {
				t.Fatal(err)
			}
			if got := string(g.Source()); got != tt.want {
				t.Fatalf("EnsureArrayItem:\n%q\nwant\n%q", got, tt.want)
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
			back, _, err := RemoveArrayItem("pyproject.toml", g.Source(), paxxKey("automatic"), tt.add)
			if err != nil {
				t.Fatal(err)
			}
			if string(back) != tt.in {
				t.Errorf("RemoveArrayItem:\n%q\nwant the input\n%q", back, tt.in)
			}
		})
	}
}
