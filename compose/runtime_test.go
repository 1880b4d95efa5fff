package compose

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// runtimeFixtures are projects, base file then overrides, whose app
// service takes its runtime from several places: anchors, merge keys,
// overrides, both environment forms, env_file in every form.
var runtimeFixtures = []struct {
	name  string
	files []string
}{
	{"anchor list of names, map override", []string{`# Production.
x-api-common: &api-common
  env_file: .env
  environment:
    # passed through from .env
    - DATABASE_URL
    - SECRET_KEY=change-me
    - LOG_LEVEL=info

services:
  app:
    <<: *api-common
    build: .
    command: fastapi run app/main.py
  worker:
    <<: *api-common
    build: .
    command: arq app.worker.WorkerSettings
`, `services:
  app:
    build:
      target: dev
    env_file:
      - .env
      - .env.dev
    environment:
      SECRET_KEY: dev
      DEBUG: "1"
    command: fastapi dev app/main.py
`}},
	{"four spaces, CRLF, long env_file", []string{strings.ReplaceAll(`services:
    api:   # the API
        image: registry.example.com/api:1.2
        build:
            context: ./backend
            dockerfile: Dockerfile.prod
        env_file:
            - path: ./config/base.env
            - path: ./config/local.env
              required: false
        environment:
            APP_ENV: production
            EMPTY: ""
            PASSED:
            WORKERS: 4
`, "\n", "\r\n"), `services:
    api:
        image: api:dev
        env_file: ./config/base.env
        environment:
            - APP_ENV=development
            - EXTRA
`}},
	{"own environment replaces the anchor's", []string{`x-env: &env
  environment:
    FROM_ANCHOR: "1"
x-build: &build
  build:
    context: .
    args:
      PY: "3.12"
services:
  app:
    <<: [*env, *build]
    environment:
      - OWN=yes
    entrypoint: ["/entrypoint.sh"]
`}},
	{"chained anchors, flow environment", []string{`x-base: &base
  environment: {A: "1", B: "2"}
x-app: &app
  <<: *base
  env_file: [.env]
services:
  app:
    <<: *app
    build: .
`, `services:
  app:
    environment: {B: "3", C: "4"}
    env_file: [.env, .env.local]
`}},
	{"app in a profile", []string{`services:
  app:
    build: .
    profiles: ["api"]
    environment:
      - SECRET_KEY=x
`, `services:
  app:
    profiles: ["dev"]
`}},
}

// TestRuntimeAsComposeLoads checks RuntimeOf against compose-go: for each
// fixture, the app's environment, env_file entries, command, build context
// and image are what compose-go's loader gives.
func TestRuntimeAsComposeLoads(t *testing.T) {
	for _, fx := range runtimeFixtures {
		t.Run(fx.name, func(t *testing.T) {
			var files []*File
			var srcs [][]byte
			for i, src := range fx.files {
				f, err := Parse("compose"+string(rune('0'+i))+".yml", []byte(src))
				if err != nil {
					t.Fatal(err)
				}
				files = append(files, f)
				srcs = append(srcs, []byte(src))
			}
			project := loadProject(t, srcs...)
			for name, s := range project.Services {
				r, ok := RuntimeOf(files, name)
				if !ok {
					t.Fatalf("RuntimeOf(%s): not found", name)
				}
				got := map[string]*string{}
				for _, v := range r.Environment {
					if v.Bare {
						got[v.Key] = nil
					} else {
						got[v.Key] = &v.Value
					}
				}
				want := map[string]*string(s.Environment)
				if want == nil {
					want = map[string]*string{}
				}
				if d := cmp.Diff(want, got); d != "" {
					t.Errorf("%s: environment (-compose-go +RuntimeOf):\n%s", name, d)
				}
				var gotFiles, wantFiles []string
				for _, e := range r.EnvFiles {
					gotFiles = append(gotFiles, e.Path+" "+map[bool]string{true: "required", false: "optional"}[e.Required])
				}
				for _, e := range s.EnvFiles {
					wantFiles = append(wantFiles, e.Path+" "+map[bool]string{true: "required", false: "optional"}[bool(e.Required)])
				}
				if d := cmp.Diff(wantFiles, gotFiles); d != "" {
					t.Errorf("%s: env_file (-compose-go +RuntimeOf):\n%s", name, d)
				}
				if !slices.Equal([]string(s.Command), r.Command) || !slices.Equal([]string(s.Entrypoint), r.Entrypoint) {
					t.Errorf("%s: command %q entrypoint %q, compose-go %q %q", name, r.Command, r.Entrypoint, s.Command, s.Entrypoint)
				}
				var build struct {
					Build struct {
						Context, Dockerfile, Target string
						Args                        map[string]string
					}
					Image string
				}
				if r.Build != "" {
					b, err := Parse("build", []byte("services:\n  x:\n"+indentLines(r.Build, "    ")))
					if err != nil {
						t.Fatalf("%s: Build does not parse: %v\n%s", name, err, r.Build)
					}
					if err := b.body("x").Decode(&build); err != nil {
						// A build given as a string is its context.
						var short struct{ Build, Image string }
						if err := b.body("x").Decode(&short); err != nil {
							t.Fatal(err)
						}
						build.Build.Context, build.Image = short.Build, short.Image
					}
				}
				if s.Build != nil {
					args := map[string]string{}
					for k, v := range s.Build.Args {
						args[k] = *v
					}
					if build.Build.Context != s.Build.Context || build.Build.Dockerfile != s.Build.Dockerfile && s.Build.Dockerfile != "Dockerfile" ||
						build.Build.Target != s.Build.Target || !maps.Equal(build.Build.Args, args) && len(args) > 0 {
						t.Errorf("%s: build %+v, compose-go %+v", name, build.Build, *s.Build)
					}
				} else if build.Build.Context != "" {
					t.Errorf("%s: build %+v, compose-go none", name, build.Build)
				}
				if build.Image != s.Image && s.Image != "" {
					t.Errorf("%s: image %q, compose-go %q", name, build.Image, s.Image)
				}
			}
		})
	}
}

// indentLines puts prefix before every line of s.
func indentLines(s, prefix string) string {
	lines := strings.SplitAfter(s, "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = prefix + l
		}
	}
	return strings.Join(lines, "")
}

// TestWorkerBodyRunsAsApp adds, to the base file of each fixture, a
// worker whose body WorkerBody writes from the app's runtime, and loads
// the project with compose-go: the worker gets the app's environment (and
// the extra variable), env_file entries and build, and its own command.
func TestWorkerBodyRunsAsApp(t *testing.T) {
	for _, fx := range runtimeFixtures {
		t.Run(fx.name, func(t *testing.T) {
			var files []*File
			for i, src := range fx.files {
				f, err := Parse("compose"+string(rune('0'+i))+".yml", []byte(src))
				if err != nil {
					t.Fatal(err)
				}
				files = append(files, f)
			}
			app := "app"
			if _, ok := files[0].Service("api"); ok {
				app = "api"
			}
			r, ok := RuntimeOf(files, app)
			if !ok {
				t.Fatalf("no service %s", app)
			}
			extra := []Var{{Key: "REDIS_URL", Value: "redis://redis:6379/0"}, {Key: r.Environment[0].Key, Value: "not this"}}
			body := r.WorkerBody("arq app.worker.WorkerSettings", extra)
			base, _, err := files[0].AddService("paxx-worker", body)
			if err != nil {
				t.Fatalf("AddService: %v\n%s", err, body)
			}
			srcs := [][]byte{base.Bytes()}
			for _, f := range files[1:] {
				srcs = append(srcs, f.Bytes())
			}
			project := loadProject(t, srcs...)
			a, w := project.Services[app], project.Services["paxx-worker"]
			want := maps.Clone(map[string]*string(a.Environment))
			want["REDIS_URL"] = &extra[0].Value
			if d := cmp.Diff(want, map[string]*string(w.Environment)); d != "" {
				t.Errorf("worker's environment (-app's and REDIS_URL +worker's):\n%s\nbody:\n%s", d, body)
			}
			if d := cmp.Diff(a.EnvFiles, w.EnvFiles); d != "" {
				t.Errorf("worker's env_file (-app's +worker's):\n%s", d)
			}
			if d := cmp.Diff(a.Build, w.Build); d != "" {
				t.Errorf("worker's build (-app's +worker's):\n%s", d)
			}
			if a.Image != w.Image {
				t.Errorf("worker's image %q, app's %q", w.Image, a.Image)
			}
			if d := cmp.Diff(a.Profiles, w.Profiles); d != "" {
				t.Errorf("worker's profiles (-app's +worker's):\n%s", d)
			}
			if got := strings.Join(w.Command, " "); got != "arq app.worker.WorkerSettings" {
				t.Errorf("worker's command %q", got)
			}
			wr, _ := RuntimeOf([]*File{base}, "paxx-worker")
			if wr.EnvList != r.EnvList {
				t.Errorf("worker's environment in list form %v, app's %v\n%s", wr.EnvList, r.EnvList, body)
			}
		})
	}
}

func TestRuntimeDifferences(t *testing.T) {
	var files []*File
	for i, src := range runtimeFixtures[0].files {
		f, err := Parse("compose"+string(rune('0'+i))+".yml", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	app, _ := RuntimeOf(files, "app")
	worker, _ := RuntimeOf(files, "worker")
	if worker.Path != "compose0.yml" || worker.Line != 15 {
		t.Errorf("worker at %s:%d, want compose0.yml:15", worker.Path, worker.Line)
	}
	want := app
	want.Command = []string{"arq", "app.worker.WorkerSettings"}
	got := worker.Differences(want)
	wantDiffs := []string{
		"service worker is not built as service app is",
		"service worker lacks env_file .env.dev",
		`service worker sets SECRET_KEY to "change-me", not "dev"`,
		"service worker lacks DEBUG in its environment",
	}
	if d := cmp.Diff(wantDiffs, got); d != "" {
		t.Errorf("Differences (-want +got):\n%s", d)
	}
	want.Command = []string{"celery", "worker"}
	if got := worker.Differences(want); len(got) != 5 || got[4] != `service worker runs "arq app.worker.WorkerSettings", not "celery worker"` {
		t.Errorf("Differences with another command: %q", got)
	}
	if got := app.Differences(app); len(got) != 0 {
		t.Errorf("the app differs from itself: %q", got)
	}
	inProfile := app
	inProfile.Profiles = []string{"api"}
	if got := app.Differences(inProfile); len(got) != 1 || got[0] != "service app is not in profile api, as service app is: Compose does not start it with the app" {
		t.Errorf("Differences with a profile the worker lacks: %q", got)
	}
}
