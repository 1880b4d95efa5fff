package python

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestRemoveSection removes what is left of a "# Redis" group whose field
// the user deleted, and leaves a comment that still heads something.
func TestRemoveSection(t *testing.T) {
	tests := []struct {
		name, src, want string
		actions         int
	}{
		{
			name:    "orphan at the end of the class",
			src:     "class Settings(BaseSettings):\n    app_name: str = \"x\"\n\n    # Redis\n\n\nsettings = Settings()\n",
			want:    "class Settings(BaseSettings):\n    app_name: str = \"x\"\n\n\nsettings = Settings()\n",
			actions: 1,
		},
		{
			name:    "orphan before a validator",
			src:     "class Settings(BaseSettings):\n    app_name: str = \"x\"\n\n    # Redis\n\n    @field_validator(\"app_name\")\n    @classmethod\n    def v(cls, x):\n        return x\n",
			want:    "class Settings(BaseSettings):\n    app_name: str = \"x\"\n\n    @field_validator(\"app_name\")\n    @classmethod\n    def v(cls, x):\n        return x\n",
			actions: 1,
		},
		{
			name:    "orphan at the end of the file, CRLF",
			src:     "class Settings(BaseSettings):\r\n    app_name: str = \"x\"\r\n\r\n    # Redis\r\n",
			want:    "class Settings(BaseSettings):\r\n    app_name: str = \"x\"\r\n",
			actions: 1,
		},
		{
			name: "the comment heads a field: stays",
			src:  "class Settings(BaseSettings):\n    app_name: str = \"x\"\n\n    # Redis\n    cache_url: str = \"redis://\"\n",
			want: "class Settings(BaseSettings):\n    app_name: str = \"x\"\n\n    # Redis\n    cache_url: str = \"redis://\"\n",
		},
		{
			name: "another comment: stays",
			src:  "class Settings(BaseSettings):\n    app_name: str = \"x\"\n\n    # Redis cluster, see ops\n\n\nsettings = Settings()\n",
			want: "class Settings(BaseSettings):\n    app_name: str = \"x\"\n\n    # Redis cluster, see ops\n\n\nsettings = Settings()\n",
		},
		{
			name: "a line of a string: stays",
			src:  "class Settings(BaseSettings):\n    help: str = \"\"\"\n        # Redis\n\n    \"\"\"\n",
			want: "class Settings(BaseSettings):\n    help: str = \"\"\"\n        # Redis\n\n    \"\"\"\n",
		},
		{
			name: "a module-level comment after the class: stays",
			src:  "class Settings(BaseSettings):\n    app_name: str = \"x\"\n\n# Redis\n",
			want: "class Settings(BaseSettings):\n    app_name: str = \"x\"\n\n# Redis\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := Parse("settings.py", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			g, actions, err := f.RemoveSection("Settings", "Redis")
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, string(g.Bytes())); diff != "" {
				t.Errorf("RemoveSection (-want +got):\n%s", diff)
			}
			if len(actions) != tt.actions {
				t.Errorf("%d actions, want %d: %v", len(actions), tt.actions, actions)
			}
		})
	}
}
