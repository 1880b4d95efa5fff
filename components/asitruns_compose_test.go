package components_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/compose-spec/compose-go/v2/dotenv"
	"github.com/compose-spec/compose-go/v2/types"
)

// composeRunDir is the directory a person runs `docker compose` in for the
// project whose Python code paxx ran on in start: the nearest directory at
// or above start, inside root, that holds a compose file by one of
// Compose's default names or a .env naming the files in COMPOSE_FILE. ""
// when there is none.
func composeRunDir(root, start string) string {
	for d := start; within(root, d); d = filepath.Dir(d) {
		if env, err := dotenvOf(d); err == nil && env["COMPOSE_FILE"] != "" {
			return d
		}
		for _, name := range cli.DefaultFileNames {
			if _, err := os.Stat(filepath.Join(d, name)); err == nil {
				return d
			}
		}
		if d == root {
			break
		}
	}
	return ""
}

// dotenvOf reads dir/.env as Compose reads it for interpolation and for
// COMPOSE_FILE; an empty map when there is none.
func dotenvOf(dir string) (map[string]string, error) {
	p := filepath.Join(dir, ".env")
	if _, err := os.Stat(p); err != nil {
		return map[string]string{}, nil
	}
	return dotenv.GetEnvFromFile(map[string]string{}, []string{p})
}

// composeFiles returns the compose files Compose merges when run in
// runDir with the project environment env: COMPOSE_FILE (relative to
// runDir, split on COMPOSE_PATH_SEPARATOR, else ':'), else the first
// default file name there and the first default override name beside it.
func composeFiles(runDir string, env map[string]string) []string {
	if list := env["COMPOSE_FILE"]; list != "" {
		sep := env["COMPOSE_PATH_SEPARATOR"]
		if sep == "" {
			sep = string(os.PathListSeparator)
		}
		var files []string
		for _, f := range strings.Split(list, sep) {
			if !filepath.IsAbs(f) {
				f = filepath.Join(runDir, f)
			}
			files = append(files, f)
		}
		return files
	}
	var files []string
	for _, names := range [][]string{cli.DefaultFileNames, cli.DefaultOverrideFileNames} {
		for _, name := range names {
			if p := filepath.Join(runDir, name); exists(p) {
				files = append(files, p)
				break
			}
		}
	}
	return files
}

// envExamples are the names a project gives the committed example of its
// environment file, in the order paxx looks for them.
var envExamples = []string{".env.example", ".env.sample", ".env.template", "example.env", ".env.dist"}

// loadComposeAsItRuns loads the compose project of the tree as `docker
// compose up` run in runDir loads it: the project environment from
// runDir/.env (not the process's environment, so that the test is
// hermetic), the files COMPOSE_FILE names or the default ones, the project
// directory the first file's, and every service's environment computed
// from its env_file entries and its environment.
//
// An env_file that is required and does not exist makes Compose refuse to
// start. The project's committed example of it is not read by Compose: a
// person creates the file from that example (cp .env.example .env) before
// the first `docker compose up`, and so does this function, in the test's
// copy, logging each copy. A required env_file without an example beside
// it is an error.
func loadComposeAsItRuns(t *testing.T, runDir string) (*types.Project, error) {
	t.Helper()
	env, err := dotenvOf(runDir)
	if err != nil {
		return nil, fmt.Errorf("reading %s/.env: %w", runDir, err)
	}
	files := composeFiles(runDir, env)
	if len(files) == 0 {
		return nil, fmt.Errorf("no compose file in %s", runDir)
	}
	project, err := loadFiles(files, env, true)
	if err != nil {
		return nil, err
	}
	for _, name := range project.ServiceNames() {
		for _, ef := range project.Services[name].EnvFiles {
			p := ef.Path
			if !filepath.IsAbs(p) {
				p = filepath.Join(project.WorkingDir, p)
			}
			if exists(p) || !bool(ef.Required) {
				continue
			}
			example := ""
			for _, n := range envExamples {
				if c := filepath.Join(filepath.Dir(p), n); exists(c) {
					example = c
					break
				}
			}
			if example == "" {
				return nil, fmt.Errorf("service %s: env_file %s is required, missing, and has no example beside it to create it from", name, ef.Path)
			}
			data, err := os.ReadFile(example)
			if err != nil {
				return nil, err
			}
			if err := os.WriteFile(p, data, 0o644); err != nil {
				return nil, err
			}
			t.Logf("service %s: created its env_file %s from %s, as the user does before `docker compose up`", name, rel(runDir, p), rel(runDir, example))
		}
	}
	return project.WithServicesEnvironmentResolved(false)
}

// loadFiles loads compose files with the project environment env, the
// project directory the first file's, leaving the services' environments
// unresolved; consistent is false to load a file that names services it
// does not define (a base file alone, whose override defines them).
func loadFiles(files []string, env map[string]string, consistent bool) (*types.Project, error) {
	var envList []string
	for k, v := range env {
		envList = append(envList, k+"="+v)
	}
	opts, err := cli.NewProjectOptions(files,
		cli.WithWorkingDirectory(filepath.Dir(files[0])),
		cli.WithEnv(envList),
		cli.WithName("asitruns"),
		cli.WithoutEnvironmentResolution,
		cli.WithConsistency(consistent),
	)
	if err != nil {
		return nil, fmt.Errorf("compose options: %w", err)
	}
	project, err := opts.LoadProject(context.Background())
	if err != nil {
		return nil, fmt.Errorf("compose-go loads %v: %w", files, err)
	}
	return project, nil
}

// overridePortsShape reports whether the compose project run in runDir
// keeps its host ports in an override file: the base file alone publishes
// none, the files merged do. It returns the base file relative to runDir.
func overridePortsShape(t *testing.T, runDir string) (string, bool) {
	t.Helper()
	env, err := dotenvOf(runDir)
	if err != nil {
		return "", false
	}
	files := composeFiles(runDir, env)
	if len(files) < 2 {
		return "", false
	}
	base, err1 := loadFiles(files[:1], env, false)
	all, err2 := loadFiles(files, env, false)
	if err1 != nil || err2 != nil {
		return "", false
	}
	bp, err1 := hostPorts(base)
	ap, err2 := hostPorts(all)
	if err1 != nil || err2 != nil || len(bp) > 0 || len(ap) == 0 {
		return "", false
	}
	return rel(runDir, files[0]), true
}

// checkOverridePorts checks that the base file of a project that keeps
// its host ports in the override still publishes none after add
// (docs/components.md, "Published ports"): production, which runs the
// base file alone, publishes nothing new.
func checkOverridePorts(t *testing.T, runDir, baseFile string) {
	env, err := dotenvOf(runDir)
	if err != nil {
		t.Fatal(err)
	}
	base, err := loadFiles([]string{filepath.Join(runDir, baseFile)}, env, false)
	if err != nil {
		t.Fatal(err)
	}
	ports, err := hostPorts(base)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ports {
		t.Errorf("%s in the base file %s: the project publishes its host ports only in the override file", p, baseFile)
	}
}

// rel is p relative to dir, for messages.
func rel(dir, p string) string {
	if r, err := filepath.Rel(dir, p); err == nil {
		return filepath.ToSlash(r)
	}
	return p
}

// environment is the service's environment as the container gets it:
// the variables Compose computed, without those left unset (a bare `- X`
// that neither the project's environment nor an env_file sets).
func environment(svc types.ServiceConfig) map[string]string {
	env := map[string]string{}
	for k, v := range svc.Environment {
		if v != nil {
			env[k] = *v
		}
	}
	return env
}

// hostPort is one host port a service publishes.
type hostPort struct {
	service, ip, proto string
	port               int
}

func (p hostPort) String() string {
	ip := p.ip
	if ip == "" {
		ip = "0.0.0.0"
	}
	return fmt.Sprintf("%s publishes %s:%d/%s", p.service, ip, p.port, p.proto)
}

// wildcard reports whether ip binds every address of the host.
func wildcard(ip string) bool {
	return ip == "" || ip == "0.0.0.0" || ip == "::" || ip == "[::]"
}

// clashes reports whether the host refuses to bind b once a is bound: same
// port and protocol, and the same address or either on every address.
func (p hostPort) clashes(q hostPort) bool {
	return p.port == q.port && p.proto == q.proto && (p.ip == q.ip || wildcard(p.ip) || wildcard(q.ip))
}

// hostPorts lists the host ports every service of project publishes (a
// range counts each port; a port left to Docker to choose counts none).
func hostPorts(project *types.Project) ([]hostPort, error) {
	var out []hostPort
	for _, name := range project.ServiceNames() {
		for _, p := range project.Services[name].Ports {
			if p.Published == "" {
				continue
			}
			lo, hi, ok := strings.Cut(p.Published, "-")
			if !ok {
				hi = lo
			}
			a, err1 := strconv.Atoi(lo)
			b, err2 := strconv.Atoi(hi)
			if err1 != nil || err2 != nil || b < a {
				return nil, fmt.Errorf("service %s: published port %q", name, p.Published)
			}
			proto := p.Protocol
			if proto == "" {
				proto = "tcp"
			}
			for n := a; n <= b; n++ {
				out = append(out, hostPort{service: name, ip: p.HostIP, proto: proto, port: n})
			}
		}
	}
	return out, nil
}

// portClashes returns each pair of host ports of project that the host
// cannot bind together.
func portClashes(project *types.Project) ([]string, error) {
	ports, err := hostPorts(project)
	if err != nil {
		return nil, err
	}
	var out []string
	for i, p := range ports {
		for _, q := range ports[i+1:] {
			if p.clashes(q) {
				out = append(out, p.String()+" and "+q.String())
			}
		}
	}
	return out, nil
}

// sameBuild reports whether two services build the same image: the same
// context, Dockerfile and target.
func sameBuild(a, b *types.BuildConfig) bool {
	if a == nil || b == nil {
		return false
	}
	df := func(c *types.BuildConfig) string {
		if c.Dockerfile == "" {
			return "Dockerfile"
		}
		return c.Dockerfile
	}
	return filepath.Clean(a.Context) == filepath.Clean(b.Context) && df(a) == df(b) && a.Target == b.Target
}

// envFilePaths are the service's env_file paths, for comparing two
// services' runtimes.
func envFilePaths(svc types.ServiceConfig) []string {
	var out []string
	for _, ef := range svc.EnvFiles {
		out = append(out, filepath.Clean(ef.Path))
	}
	slices.Sort(out)
	return out
}
