package components_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/mattn/go-shellwords"
	"github.com/pelletier/go-toml/v2"
)

// dockerfile is what the as-it-runs checks read of a Dockerfile: its RUN
// commands, in every stage, and the CMD and ENTRYPOINT of its last stage
// (nil when it sets none; the shell form is ["/bin/sh", "-c", text]).
type dockerfile struct {
	path            string
	runs            []string
	cmd, entrypoint []string
}

// parseDockerfile reads the instructions of the Dockerfile at path:
// continuation lines joined, comment lines dropped.
func parseDockerfile(path string) (*dockerfile, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	df := &dockerfile{path: path}
	var instr []string
	var cur strings.Builder
	sc := bufio.NewScanner(strings.NewReader(strings.ReplaceAll(string(data), "\r\n", "\n")))
	for sc.Scan() {
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "#") || trimmed == "" && cur.Len() == 0 {
			continue
		}
		if strings.HasSuffix(trimmed, `\`) {
			cur.WriteString(strings.TrimSuffix(trimmed, `\`) + " ")
			continue
		}
		cur.WriteString(trimmed)
		instr = append(instr, cur.String())
		cur.Reset()
	}
	if cur.Len() > 0 {
		instr = append(instr, cur.String())
	}
	for _, in := range instr {
		word, rest, _ := strings.Cut(in, " ")
		rest = strings.TrimSpace(rest)
		switch strings.ToUpper(word) {
		case "FROM":
			df.cmd, df.entrypoint = nil, nil
		case "RUN":
			if args, ok := execForm(rest); ok {
				rest = strings.Join(args, " ")
			}
			df.runs = append(df.runs, rest)
		case "CMD":
			df.cmd = commandForm(rest)
		case "ENTRYPOINT":
			df.entrypoint = commandForm(rest)
		}
	}
	return df, nil
}

// execForm parses a JSON array instruction argument.
func execForm(s string) ([]string, bool) {
	if !strings.HasPrefix(s, "[") {
		return nil, false
	}
	var args []string
	if err := json.Unmarshal([]byte(s), &args); err != nil {
		return nil, false
	}
	return args, true
}

// commandForm is the argv of a CMD or ENTRYPOINT argument.
func commandForm(s string) []string {
	if args, ok := execForm(s); ok {
		return args
	}
	return []string{"/bin/sh", "-c", s}
}

// shellSegments splits shell text into its simple commands (at unquoted
// &&, ||, ;, | and newlines), each as words.
func shellSegments(s string) [][]string {
	var segs [][]string
	var cur strings.Builder
	flush := func() {
		if words, err := shellwords.Parse(cur.String()); err == nil && len(words) > 0 {
			segs = append(segs, words)
		}
		cur.Reset()
	}
	var quote rune
	for i := 0; i < len(s); i++ {
		c := rune(s[i])
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
			cur.WriteRune(c)
		case c == '\'' || c == '"':
			quote = c
			cur.WriteRune(c)
		case c == ';' || c == '|' || c == '&' || c == '\n':
			flush()
		default:
			cur.WriteRune(c)
		}
	}
	flush()
	return segs
}

// commandSegments unwraps an argv that runs a shell script (sh -c
// "...") into the script's simple commands, each without the variable
// assignments and `exec` before its program.
func commandSegments(argv []string) [][]string {
	segs := [][]string{argv}
	if len(argv) >= 3 && slices.Contains([]string{"sh", "bash", "dash", "ash"}, filepath.Base(argv[0])) && argv[1] == "-c" {
		segs = shellSegments(argv[2])
	}
	var out [][]string
	for _, seg := range segs {
		for len(seg) > 0 && (seg[0] == "exec" || strings.Contains(seg[0], "=") && !strings.HasPrefix(seg[0], "-")) {
			seg = seg[1:]
		}
		if len(seg) > 0 {
			out = append(out, seg)
		}
	}
	return out
}

// runners are the tools whose `run` starts a program in the project's
// environment.
var runners = []string{"poetry", "pdm", "uv", "hatch", "pipenv", "rye"}

// runnerOf returns the runner ("poetry run") a command starts its program
// with, "" for none: the first simple command of a script that uses one.
func runnerOf(argv []string) string {
	for _, seg := range commandSegments(argv) {
		if len(seg) >= 2 && slices.Contains(runners, filepath.Base(seg[0])) && seg[1] == "run" {
			return filepath.Base(seg[0]) + " run"
		}
	}
	return ""
}

// effectiveCommand is the argv a container of a service runs: the
// service's entrypoint, else the image's, followed by the service's
// command, else (when the service sets no entrypoint) the image's CMD.
func effectiveCommand(entrypoint, command []string, df *dockerfile) []string {
	var argv []string
	switch {
	case entrypoint != nil:
		argv = append(argv, entrypoint...)
	case df != nil:
		argv = append(argv, df.entrypoint...)
	}
	switch {
	case command != nil:
		argv = append(argv, command...)
	case entrypoint == nil && df != nil:
		argv = append(argv, df.cmd...)
	}
	return argv
}

// requirementName matches the distribution name at the start of a PEP 508
// requirement or a requirements-file line.
var requirementName = regexp.MustCompile(`^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)`)

// normalize is PEP 503's normal form of a distribution name.
func normalize(name string) string {
	return strings.ToLower(regexp.MustCompile(`[-_.]+`).ReplaceAllString(name, "-"))
}

// nameOf returns the normalized distribution name of a requirement.
func nameOf(req string) string {
	m := requirementName.FindStringSubmatch(req)
	if m == nil {
		return ""
	}
	return normalize(m[1])
}

// installs is what an image installs: each distribution name with where
// it comes from, and the install steps read.
type installs struct {
	names map[string]string
	steps []string
}

func (in *installs) add(name, from string) {
	if name != "" && name != "python" {
		if _, ok := in.names[name]; !ok {
			in.names[name] = from
		}
	}
}

// imageInstalls reads what the Dockerfile's RUN commands install, the
// build context being ctx: requirement files of pip install -r (and the
// files they include), the project of pip install . (its
// [project].dependencies, or Poetry's main table), uv sync's and poetry
// install's and pdm install's tables with the groups their flags select,
// and requirements named on the command line.
func imageInstalls(df *dockerfile, ctx string) (*installs, error) {
	in := &installs{names: map[string]string{}}
	for _, run := range df.runs {
		for _, seg := range shellSegments(run) {
			if err := in.command(seg, ctx); err != nil {
				return nil, fmt.Errorf("%s: RUN %s: %w", df.path, run, err)
			}
		}
	}
	return in, nil
}

// command reads one simple command of a RUN instruction.
func (in *installs) command(seg []string, ctx string) error {
	prog := filepath.Base(seg[0])
	args := seg[1:]
	switch {
	case strings.HasPrefix(prog, "python") && len(args) >= 3 && args[0] == "-m" && args[1] == "pip" && args[2] == "install":
		return in.pip(args[3:], ctx)
	case strings.HasPrefix(prog, "pip") && len(args) >= 1 && args[0] == "install":
		return in.pip(args[1:], ctx)
	case prog == "uv" && len(args) >= 2 && args[0] == "pip" && args[1] == "install":
		return in.pip(args[2:], ctx)
	case prog == "uv" && len(args) >= 2 && args[0] == "pip" && args[1] == "sync":
		in.steps = append(in.steps, strings.Join(seg, " "))
		for _, a := range args[2:] {
			if !strings.HasPrefix(a, "-") {
				if err := in.requirementsFile(resolveInContext(ctx, a), 0); err != nil {
					return err
				}
			}
		}
	case prog == "uv" && len(args) >= 1 && args[0] == "sync":
		in.steps = append(in.steps, strings.Join(seg, " "))
		return in.uvSync(args[1:], ctx)
	case prog == "poetry" && len(args) >= 1 && args[0] == "install":
		in.steps = append(in.steps, strings.Join(seg, " "))
		return in.poetryInstall(args[1:], ctx)
	case prog == "pdm" && len(args) >= 1 && (args[0] == "install" || args[0] == "sync"):
		in.steps = append(in.steps, strings.Join(seg, " "))
		return in.pdmInstall(args[1:], ctx)
	}
	return nil
}

// resolveInContext finds a path the Dockerfile names in the build
// context: as written, else by its base name at the context's top (a
// COPY requirements.txt . before pip install -r /app/requirements.txt).
func resolveInContext(ctx, p string) string {
	if !filepath.IsAbs(p) {
		if c := filepath.Join(ctx, p); exists(c) {
			return c
		}
	}
	return filepath.Join(ctx, filepath.Base(p))
}

// pipValueFlags are pip install options that take a value.
var pipValueFlags = []string{"-i", "--index-url", "--extra-index-url", "-f", "--find-links", "-t", "--target", "--prefix", "--root", "--python", "--platform", "--python-version", "--implementation", "--abi", "--src", "--upgrade-strategy", "--progress-bar", "--cache-dir", "--log", "--timeout", "--retries"}

// pip reads the arguments of pip install.
func (in *installs) pip(args []string, ctx string) error {
	in.steps = append(in.steps, "pip install "+strings.Join(args, " "))
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "-r" || a == "--requirement":
			if i+1 < len(args) {
				i++
				if err := in.requirementsFile(resolveInContext(ctx, args[i]), 0); err != nil {
					return err
				}
			}
		case strings.HasPrefix(a, "--requirement="):
			if err := in.requirementsFile(resolveInContext(ctx, strings.TrimPrefix(a, "--requirement=")), 0); err != nil {
				return err
			}
		case strings.HasPrefix(a, "-r") && len(a) > 2 && !strings.HasPrefix(a, "--"):
			if err := in.requirementsFile(resolveInContext(ctx, a[2:]), 0); err != nil {
				return err
			}
		case a == "-c" || a == "--constraint" || slices.Contains(pipValueFlags, a):
			i++ // a constraint installs nothing; the others take a value
		case a == "-e" || a == "--editable":
			if i+1 < len(args) {
				i++
				if err := in.target(args[i], ctx); err != nil {
					return err
				}
			}
		case strings.HasPrefix(a, "-"):
		default:
			if err := in.target(a, ctx); err != nil {
				return err
			}
		}
	}
	return nil
}

// target reads one pip install argument: a local project (".",
// "./backend[dev]") or a requirement.
func (in *installs) target(a string, ctx string) error {
	path, extras := a, []string(nil)
	if i := strings.Index(a, "["); i >= 0 && strings.HasSuffix(a, "]") {
		path, extras = a[:i], strings.Split(a[i+1:len(a)-1], ",")
	}
	if path == "." || strings.HasPrefix(path, "./") || strings.HasPrefix(path, "/") || strings.HasPrefix(path, "..") {
		pp := filepath.Join(resolveInContext(ctx, path), "pyproject.toml")
		if path == "." || path == "./" || filepath.IsAbs(path) && !exists(pp) {
			pp = filepath.Join(ctx, "pyproject.toml")
		}
		py, err := readPyproject(pp)
		if err != nil {
			return err
		}
		for _, d := range py.projectDeps() {
			in.add(nameOf(d), rel(ctx, pp)+" [project].dependencies")
		}
		if py.Project == nil {
			for name := range py.Tool.Poetry.Dependencies {
				in.add(normalize(name), rel(ctx, pp)+" [tool.poetry.dependencies]")
			}
		}
		for _, x := range extras {
			for _, d := range py.Project.optional(x) {
				in.add(nameOf(d), rel(ctx, pp)+" [project.optional-dependencies] "+x)
			}
		}
		return nil
	}
	in.add(nameOf(a), "pip install "+a)
	return nil
}

// requirementsFile reads a requirements file and the files it includes
// with -r.
func (in *installs) requirementsFile(path string, depth int) error {
	if depth > 10 {
		return fmt.Errorf("%s: -r nested too deep", path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	text := strings.ReplaceAll(string(data), "\\\n", "")
	for _, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		if i := strings.Index(line, " #"); i >= 0 {
			line = line[:i]
		}
		if i := strings.Index(line, "\t#"); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "-r") || strings.HasPrefix(line, "--requirement"):
			f := strings.TrimSpace(strings.TrimLeft(strings.TrimPrefix(strings.TrimPrefix(line, "--requirement"), "-r"), "= "))
			if err := in.requirementsFile(filepath.Join(filepath.Dir(path), f), depth+1); err != nil {
				return err
			}
		case strings.HasPrefix(line, "-"):
		default:
			in.add(nameOf(line), filepath.Base(path))
		}
	}
	return nil
}

// pep621 is pyproject.toml's [project] table, what the checks read of it.
type pep621 struct {
	Name                 string              `toml:"name"`
	Dependencies         []string            `toml:"dependencies"`
	OptionalDependencies map[string][]string `toml:"optional-dependencies"`
}

// pyprojectToml is what the checks read of pyproject.toml.
type pyprojectToml struct {
	Project          *pep621          `toml:"project"`
	DependencyGroups map[string][]any `toml:"dependency-groups"`
	Tool             struct {
		Poetry struct {
			Dependencies    map[string]any `toml:"dependencies"`
			DevDependencies map[string]any `toml:"dev-dependencies"`
			Group           map[string]struct {
				Optional     bool           `toml:"optional"`
				Dependencies map[string]any `toml:"dependencies"`
			} `toml:"group"`
		} `toml:"poetry"`
		UV struct {
			DefaultGroups   any      `toml:"default-groups"`
			DevDependencies []string `toml:"dev-dependencies"`
			Workspace       struct {
				Members []string `toml:"members"`
			} `toml:"workspace"`
		} `toml:"uv"`
		PDM struct {
			DevDependencies map[string][]string `toml:"dev-dependencies"`
		} `toml:"pdm"`
	} `toml:"tool"`
}

func readPyproject(path string) (*pyprojectToml, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var p pyprojectToml
	if err := toml.Unmarshal(data, &p); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &p, nil
}

func (p *pyprojectToml) projectDeps() []string {
	if p.Project == nil {
		return nil
	}
	return p.Project.Dependencies
}

// optional returns an extra's requirements; nil on a nil receiver.
func (p *pep621) optional(extra string) []string {
	if p == nil {
		return nil
	}
	return p.OptionalDependencies[extra]
}

// group returns a PEP 735 group's requirements, following include-group.
func (p *pyprojectToml) group(name string, depth int) []string {
	var out []string
	for _, item := range p.DependencyGroups[name] {
		switch v := item.(type) {
		case string:
			out = append(out, v)
		case map[string]any:
			if inc, ok := v["include-group"].(string); ok && depth < 10 {
				out = append(out, p.group(inc, depth+1)...)
			}
		}
	}
	return out
}

// flagValues returns the values of a repeatable flag (--group G,
// --group=G, and comma lists).
func flagValues(args []string, names ...string) []string {
	var out []string
	for i := 0; i < len(args); i++ {
		for _, n := range names {
			switch {
			case args[i] == n && i+1 < len(args):
				out = append(out, strings.Split(args[i+1], ",")...)
			case strings.HasPrefix(args[i], n+"="):
				out = append(out, strings.Split(strings.TrimPrefix(args[i], n+"="), ",")...)
			}
		}
	}
	return out
}

// uvSync reads `uv sync`: the project (or --package's workspace member)
// and the groups uv installs by default (tool.uv.default-groups, else
// dev) with --no-dev, --only-dev, --group, --only-group, --all-groups,
// --no-default-groups, --extra and --all-extras.
func (in *installs) uvSync(args []string, ctx string) error {
	pp := filepath.Join(ctx, "pyproject.toml")
	if pkg := flagValues(args, "--package"); len(pkg) > 0 {
		found, err := workspaceMember(ctx, pkg[0])
		if err != nil {
			return err
		}
		pp = found
	}
	py, err := readPyproject(pp)
	if err != nil {
		return err
	}
	where := rel(ctx, pp)
	groups := []string{"dev"}
	switch v := py.Tool.UV.DefaultGroups.(type) {
	case []any:
		groups = nil
		for _, g := range v {
			groups = append(groups, fmt.Sprint(g))
		}
	case string:
		if v == "all" {
			groups = nil
			for g := range py.DependencyGroups {
				groups = append(groups, g)
			}
		}
	}
	only := flagValues(args, "--only-group")
	switch {
	case slices.Contains(args, "--no-dev"):
		groups = slices.DeleteFunc(groups, func(g string) bool { return g == "dev" })
	case slices.Contains(args, "--only-dev"):
		only = append(only, "dev")
	case slices.Contains(args, "--no-default-groups"):
		groups = nil
	}
	groups = append(groups, flagValues(args, "--group")...)
	if slices.Contains(args, "--all-groups") {
		for g := range py.DependencyGroups {
			groups = append(groups, g)
		}
	}
	for _, g := range flagValues(args, "--no-group") {
		groups = slices.DeleteFunc(groups, func(x string) bool { return x == g })
	}
	if len(only) > 0 {
		groups = only
	} else {
		for _, d := range py.projectDeps() {
			in.add(nameOf(d), where+" [project].dependencies")
		}
		extras := flagValues(args, "--extra")
		if slices.Contains(args, "--all-extras") && py.Project != nil {
			for x := range py.Project.OptionalDependencies {
				extras = append(extras, x)
			}
		}
		for _, x := range extras {
			for _, d := range py.Project.optional(x) {
				in.add(nameOf(d), where+" [project.optional-dependencies] "+x)
			}
		}
	}
	for _, g := range groups {
		for _, d := range py.group(g, 0) {
			in.add(nameOf(d), where+" [dependency-groups] "+g)
		}
		if g == "dev" {
			for _, d := range py.Tool.UV.DevDependencies {
				in.add(nameOf(d), where+" [tool.uv] dev-dependencies")
			}
		}
	}
	return nil
}

// workspaceMember finds the pyproject.toml under ctx whose project is
// named pkg.
func workspaceMember(ctx, pkg string) (string, error) {
	found := ""
	err := filepath.WalkDir(ctx, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") && p != ctx || d.Name() == "node_modules") {
			return fs.SkipDir
		}
		if d.Name() == "pyproject.toml" && found == "" {
			if py, err := readPyproject(p); err == nil && py.Project != nil && normalize(py.Project.Name) == normalize(pkg) {
				found = p
			}
		}
		return nil
	})
	if err == nil && found == "" {
		err = fmt.Errorf("no workspace member named %s under %s", pkg, ctx)
	}
	return found, err
}

// poetryInstall reads `poetry install`: the main table (and PEP 621
// dependencies, Poetry 2), and the groups that are not optional, with
// --only, --with, --without and the old --no-dev.
func (in *installs) poetryInstall(args []string, ctx string) error {
	pp := filepath.Join(ctx, "pyproject.toml")
	py, err := readPyproject(pp)
	if err != nil {
		return err
	}
	where := rel(ctx, pp)
	if slices.Contains(args, "--only-root") {
		return nil
	}
	groups := map[string]map[string]any{"main": py.Tool.Poetry.Dependencies}
	selected := []string{"main"}
	if py.Tool.Poetry.DevDependencies != nil {
		groups["dev"] = py.Tool.Poetry.DevDependencies
		selected = append(selected, "dev")
	}
	for name, g := range py.Tool.Poetry.Group {
		groups[name] = g.Dependencies
		if !g.Optional && name != "dev" {
			selected = append(selected, name)
		} else if name == "dev" && !g.Optional && !slices.Contains(selected, "dev") {
			selected = append(selected, "dev")
		}
	}
	selected = append(selected, flagValues(args, "--with")...)
	without := flagValues(args, "--without")
	if slices.Contains(args, "--no-dev") {
		without = append(without, "dev")
	}
	selected = slices.DeleteFunc(selected, func(g string) bool { return slices.Contains(without, g) })
	if only := flagValues(args, "--only"); len(only) > 0 {
		selected = only
	}
	for _, g := range selected {
		if g == "main" {
			for _, d := range py.projectDeps() {
				in.add(nameOf(d), where+" [project].dependencies")
			}
		}
		for name := range groups[g] {
			in.add(normalize(name), fmt.Sprintf("%s poetry group %s", where, g))
		}
	}
	return nil
}

// pdmInstall reads `pdm install` and `pdm sync`: the project's
// dependencies and, without --prod, its development groups, with -G.
func (in *installs) pdmInstall(args []string, ctx string) error {
	pp := filepath.Join(ctx, "pyproject.toml")
	py, err := readPyproject(pp)
	if err != nil {
		return err
	}
	where := rel(ctx, pp)
	for _, d := range py.projectDeps() {
		in.add(nameOf(d), where+" [project].dependencies")
	}
	groups := flagValues(args, "-G", "--group")
	if !slices.Contains(args, "--prod") {
		for g := range py.Tool.PDM.DevDependencies {
			groups = append(groups, g)
		}
		for g := range py.DependencyGroups {
			groups = append(groups, g)
		}
	}
	for _, g := range groups {
		for _, d := range append(py.Tool.PDM.DevDependencies[g], py.group(g, 0)...) {
			in.add(nameOf(d), where+" group "+g)
		}
		if py.Project != nil {
			for _, d := range py.Project.OptionalDependencies[g] {
				in.add(nameOf(d), where+" [project.optional-dependencies] "+g)
			}
		}
	}
	return nil
}
