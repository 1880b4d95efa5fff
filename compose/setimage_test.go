package compose

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/paxx-dev/paxx/internal/casetest"
	"github.com/paxx-dev/paxx/rewrite"
)

// setImage parses src and sets the image of service in it.
func setImage(path string, src []byte, service, image string) ([]byte, []rewrite.Action, error) {
	return casetest.Edited(Parse, path, src, func(f *File) (*File, []rewrite.Action, error) { return f.SetImage(service, image) })
}

func TestSetImage(t *testing.T) {
	const db = "postgis/postgis:16-3.4"
	cases := []struct {
		name, in, want, err string
	}{
		{"plain", "services:\n  db:\n    image: postgres:16\n", "services:\n  db:\n    image: postgis/postgis:16-3.4\n", ""},
		{"double quotes and comment", "services:\n    db:\n        image: \"postgres:16-alpine\"  # keep in step\n", "services:\n    db:\n        image: \"postgis/postgis:16-3.4\"  # keep in step\n", ""},
		{"single quotes", "services:\n  db:\n    image: 'postgres:16'\n", "services:\n  db:\n    image: 'postgis/postgis:16-3.4'\n", ""},
		{"plain with comment", "services:\n  db:\n    image: postgres:16 # pinned\n    ports: [\"5432:5432\"]\n", "services:\n  db:\n    image: postgis/postgis:16-3.4 # pinned\n    ports: [\"5432:5432\"]\n", ""},
		{"crlf", "services:\r\n  db:\r\n    image: postgres:16\r\n", "services:\r\n  db:\r\n    image: postgis/postgis:16-3.4\r\n", ""},
		{"no final newline", "services:\n  db:\n    image: postgres:16", "services:\n  db:\n    image: postgis/postgis:16-3.4", ""},
		{"flow mapping", "services:\n  db: {image: postgres:16, restart: always}\n", "services:\n  db: {image: postgis/postgis:16-3.4, restart: always}\n", ""},
		{"already", "services:\n  db:\n    image: postgis/postgis:16-3.4\n", "services:\n  db:\n    image: postgis/postgis:16-3.4\n", ""},
		{"no image", "services:\n  db:\n    build: .\n", "", "test.yml:2: service db has no image"},
		{"merged", "x-db: &db\n  image: postgres:16\nservices:\n  db:\n    <<: *db\n", "", "test.yml:2: the image of service db comes from an anchor"},
		{"alias", "x: &img postgres:16\nservices:\n  db:\n    image: *img\n", "", "test.yml:1: the image of service db comes from an anchor"},
		{"block scalar", "services:\n  db:\n    image: >-\n      postgres:16\n", "", "test.yml:3: the image of service db is not a one-line scalar"},
		{"multi-line plain", "services:\n  db:\n    image: postgres\n      :16\n", "", "test.yml:3: the image of service db is not a one-line scalar"},
		{"no such service", "services:\n  app:\n    build: .\n", "", "test.yml: no service db"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, actions, err := setImage("test.yml", []byte(c.in), "db", db)
			if c.err != "" {
				var rerr *rewrite.Error
				if err == nil || !errors.As(err, &rerr) || !strings.HasPrefix(err.Error(), c.err) {
					t.Fatalf("error %v, want one starting %q", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(c.want, string(out)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if c.in == c.want && (len(actions) != 0 || string(out) != c.in) {
				t.Errorf("already set: want no change and no actions, got %v", actions)
			}
			if c.in != c.want && (len(actions) != 1 || actions[0].Line != 3 && actions[0].Line != 2) {
				t.Errorf("actions = %v", actions)
			}
			again, more, err := setImage("test.yml", out, "db", db)
			if err != nil || string(again) != string(out) || len(more) != 0 {
				t.Errorf("not idempotent: %v %v", err, more)
			}
		})
	}
}

func TestDefinition(t *testing.T) {
	src := "x-build: &b\n  context: .\n  dockerfile: Dockerfile.dev  # dev\nservices:\n  app:\n    build: *b\n    image: shop:dev\n    ports: [\"8000:8000\"]\n"
	f, err := Parse("c.yml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	got, err := f.Definition("app", "build", "image", "nothing")
	if err != nil {
		t.Fatal(err)
	}
	want := "build:\n  context: .\n  dockerfile: Dockerfile.dev\nimage: shop:dev\n"
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func FuzzSetImage(f *testing.F) {
	for _, in := range casetest.Inputs(f, addCases) {
		f.Add(in, "db")
	}
	f.Add([]byte("services:\n  db:\n    image: \"postgres:16\" # c\n"), "db")
	f.Fuzz(func(t *testing.T, in []byte, service string) {
		out, _, err := setImage("fuzz.yml", in, service, "postgis/postgis:16-3.4")
		if err != nil {
			var rerr *rewrite.Error
			if !errors.As(err, &rerr) {
				t.Fatalf("error is not a *rewrite.Error: %v", err)
			}
			return
		}
		g, err := Parse("fuzz.yml", out)
		if err != nil {
			t.Fatalf("output does not parse: %v", err)
		}
		if s, ok := g.Service(service); !ok || s.Image != "postgis/postgis:16-3.4" {
			t.Fatalf("image not set: %+v", s)
		}
		again, _, err := setImage("fuzz.yml", out, service, "postgis/postgis:16-3.4")
		if err != nil || string(again) != string(out) {
			t.Fatalf("not idempotent: %v", err)
		}
	})
}

func TestImageIs(t *testing.T) {
	tests := []struct {
		image, name string
		want        bool
	}{
		{"postgis/postgis:16-3.4", "postgis/postgis", true},
		{"localhost:5000/postgis/postgis:16-3.4", "postgis/postgis", true},
		{"docker.io/postgis/postgis", "postgis/postgis", true},
		{"${DB_IMAGE:-postgis/postgis:16-3.4}", "postgis/postgis", true},
		{"${DB_IMAGE}", "postgis/postgis", false},
		{"postgres:16-alpine", "postgis/postgis", false},
		{"mypostgis/postgis:16", "postgis/postgis", false},
		{"registry.example.com/team/postgres:16", "postgres", true},
		{"postgres@sha256:abc", "postgres", true},
	}
	for _, tt := range tests {
		if got := ImageIs(tt.image, tt.name); got != tt.want {
			t.Errorf("ImageIs(%q, %q) = %v, want %v", tt.image, tt.name, got, tt.want)
		}
	}
}
