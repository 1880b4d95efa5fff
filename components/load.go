package components

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"text/template"

	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
	"gopkg.in/yaml.v3"

	"github.com/paxx-dev/paxx/python"
	"github.com/paxx-dev/paxx/requirements"
	"github.com/paxx-dev/paxx/rewrite"
)

// ManifestName is the file that describes a component in its folder,
// beside the templates of its modules. docs/components.md is its
// reference.
const ManifestName = "component.toml"

// manifest is component.toml as decoded. Its keys follow what
// `paxx infra show NAME --json` prints, so that one reads like the other.
type manifest struct {
	Name         string         `toml:"name"`
	Summary      string         `toml:"summary"`
	Replaces     string         `toml:"replaces"`
	Requires     []string       `toml:"requires"`
	Section      string         `toml:"section"`
	Settings     []manifestFld  `toml:"settings"`
	Service      *manifestSvc   `toml:"service"`
	Worker       *manifestWrk   `toml:"worker"`
	Retag        *manifestRetag `toml:"retag"`
	Dependencies []string       `toml:"dependencies"`
	Overlaps     []string       `toml:"overlaps"`
	Modules      []manifestMod  `toml:"modules"`
}

// manifestFld is one [[settings]] table. Default is a TOML string,
// integer, float or boolean, the inline table { project_name = true }, or
// absent for None.
type manifestFld struct {
	Name    string `toml:"name"`
	Type    string `toml:"type"`
	Default any    `toml:"default"`
	Secret  bool   `toml:"secret"`
}

// manifestEnv is one app_environment entry.
type manifestEnv struct {
	Field string `toml:"field"`
	Value string `toml:"value"`
}

// manifestSvc is the [service] table.
type manifestSvc struct {
	Name           string        `toml:"name"`
	Image          string        `toml:"image"`
	Body           string        `toml:"body"`
	Volumes        []string      `toml:"volumes"`
	ReusesImages   []string      `toml:"reuses_images"`
	DependsOn      string        `toml:"depends_on_condition"`
	AppEnvironment []manifestEnv `toml:"app_environment"`
}

// manifestWrk is the [worker] table.
type manifestWrk struct {
	Name           string        `toml:"name"`
	Command        string        `toml:"command"`
	Uses           string        `toml:"uses"`
	Env            []string      `toml:"env"`
	AppEnvironment []manifestEnv `toml:"app_environment"`
}

// manifestRetag is the [retag] table.
type manifestRetag struct {
	Images    []string `toml:"images"`
	Target    string   `toml:"target"`
	Tag       string   `toml:"tag"`
	Refuse    []string `toml:"refuse"`
	Migration string   `toml:"migration"`
}

// manifestMod is one [[modules]] table.
type manifestMod struct {
	Name     string   `toml:"name"`
	Template string   `toml:"template"`
	Exports  []string `toml:"exports"`
	Startup  []string `toml:"startup"`
	Shutdown []string `toml:"shutdown"`
	Setup    []string `toml:"setup"`
	Routers  []string `toml:"routers"`
}

// LoadDir reads and validates the component in the folder dir. Every
// fault is an error of kind rewrite.ErrRefused at path:line:col in
// component.toml or in a template; several are joined with errors.Join.
func LoadDir(dir string) (*Component, error) {
	return loadDirAs(dir, dir)
}

// loadDirAs is LoadDir with the folder named display in errors.
func loadDirAs(dir, display string) (*Component, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, &FolderError{Dir: display, Err: err}
	}
	if !info.IsDir() {
		return nil, &FolderError{Dir: display, Err: errors.New("not a directory")}
	}
	c, err := loadFS(os.DirFS(dir), display)
	if err != nil {
		return nil, err
	}
	c.Source = dir
	return c, nil
}

// FolderError is the failure to find or read a component's folder.
type FolderError struct {
	Dir string
	Err error
}

func (e *FolderError) Error() string {
	return fmt.Sprintf("component folder %s: %v", e.Dir, e.Err)
}

func (e *FolderError) Unwrap() error { return e.Err }

// loadFS reads the component at the root of fsys; dir is the folder as
// errors name it.
func loadFS(fsys fs.FS, dir string) (*Component, error) {
	return load(fsys, dir, false)
}

// load is loadFS; builtin skips what the tests check of a built-in.
func load(fsys fs.FS, dir string, builtin bool) (*Component, error) {
	file := joinDisplay(dir, ManifestName)
	src, err := fs.ReadFile(fsys, ManifestName)
	if err != nil {
		return nil, &FolderError{Dir: dir, Err: fmt.Errorf("no %s: %w", ManifestName, err)}
	}
	var m manifest
	dec := toml.NewDecoder(bytes.NewReader(src))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, decodeError(file, err)
	}
	v := &validator{dir: dir, file: file, src: src, pos: indexPositions(src), fsys: fsys, builtin: builtin}
	c := v.component(&m)
	if len(v.errs) > 0 {
		return nil, errors.Join(v.errs...)
	}
	return c, nil
}

// joinDisplay joins a folder and a file name as errors show them.
func joinDisplay(dir, name string) string {
	if dir == "" || dir == "." {
		return name
	}
	return filepath.ToSlash(filepath.Join(dir, name))
}

// decodeError turns go-toml's errors into located refusals.
func decodeError(file string, err error) error {
	var strict *toml.StrictMissingError
	if errors.As(err, &strict) {
		var errs []error
		for _, de := range strict.Errors {
			line, col := de.Position()
			errs = append(errs, rewrite.Errorf(rewrite.ErrRefused, file, line, col, "unknown key %s", strings.Join(de.Key(), ".")).
				WithHint("docs/components.md lists the keys a component may have"))
		}
		return errors.Join(errs...)
	}
	var de *toml.DecodeError
	if errors.As(err, &de) {
		line, col := de.Position()
		return rewrite.Errorf(rewrite.ErrRefused, file, line, col, "%s", de.Error())
	}
	return rewrite.Errorf(rewrite.ErrRefused, file, 0, 0, "%v", err)
}

// positions maps dotted key paths of a TOML document ("settings.0.name",
// "dependencies.1") to the byte offsets of their values, else their keys.
type positions map[string]int

// indexPositions locates the keys and values of src, which decoded.
func indexPositions(src []byte) positions {
	pos := positions{}
	var p unstable.Parser
	p.Reset(src)
	prefix := ""
	counts := map[string]int{}
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			key, at := nodeKey(e)
			prefix = key
			if e.Kind == unstable.ArrayTable {
				prefix = key + "." + strconv.Itoa(counts[key])
				counts[key]++
			}
			pos[prefix] = at
		case unstable.KeyValue:
			pos.keyValue(prefix, e)
		}
	}
	return pos
}

// nodeKey returns the dotted key of a table header or key-value, and the
// offset of its first part.
func nodeKey(n *unstable.Node) (string, int) {
	var parts []string
	at := -1
	it := n.Key()
	for it.Next() {
		k := it.Node()
		if at < 0 {
			at = int(k.Raw.Offset)
		}
		parts = append(parts, string(k.Data))
	}
	return strings.Join(parts, "."), at
}

// keyValue indexes a key-value under prefix.
func (pos positions) keyValue(prefix string, e *unstable.Node) {
	key, at := nodeKey(e)
	full := joinKey(prefix, key)
	pos[full] = at
	pos.value(full, e.Value())
}

// value indexes a value at path: its own offset where the parser gives
// one, and the elements of arrays and inline tables.
func (pos positions) value(path string, v *unstable.Node) {
	if v.Raw.Length > 0 {
		pos[path] = int(v.Raw.Offset)
	}
	switch v.Kind {
	case unstable.Array:
		i := 0
		it := v.Children()
		for it.Next() {
			c := it.Node()
			if c.Kind == unstable.Comment {
				continue
			}
			item := path + "." + strconv.Itoa(i)
			pos[item] = pos[path]
			pos.value(item, c)
			i++
		}
	case unstable.InlineTable:
		it := v.Children()
		for it.Next() {
			if c := it.Node(); c.Kind == unstable.KeyValue {
				pos.keyValue(path, c)
			}
		}
	}
}

func joinKey(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}

// validator checks a decoded manifest and collects located errors.
type validator struct {
	dir, file string
	src       []byte
	pos       positions
	fsys      fs.FS
	errs      []error
	// builtin marks a component embedded in paxx, which the tests lint in
	// full (TestBuiltinsLint): loading it for a command skips the checks
	// that run its templates and parse its service body.
	builtin bool
}

// at returns the line and column of the key path, or of the nearest
// enclosing key that the document has.
func (v *validator) at(key string) (int, int) {
	for key != "" {
		if off, ok := v.pos[key]; ok {
			return rewrite.Position(v.src, off)
		}
		i := strings.LastIndexByte(key, '.')
		if i < 0 {
			break
		}
		key = key[:i]
	}
	return 1, 1
}

// fail records a fault at the key path.
func (v *validator) fail(key, format string, args ...any) {
	line, col := v.at(key)
	v.errs = append(v.errs, rewrite.Errorf(rewrite.ErrRefused, v.file, line, col, format, args...))
}

var (
	componentName = regexp.MustCompile(`^[a-z][a-z0-9_-]*$`)
	snakeName     = regexp.MustCompile(`^[a-z_][a-z0-9_]*$`)
	serviceName   = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9_.-]*$`)
	pyName        = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	moduleName    = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*\.py$`)
	pyKeywords    = []string{"False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield"}
	// typeNames are the names an annotation may use: builtins and those
	// whose imports paxx adds (typeImports).
	typeNames = []string{"str", "int", "float", "bool", "None", "Literal", "Optional", "SecretStr"}
)

// isFieldName reports whether s is a settings field name: a Python
// identifier in lower snake case that is not a keyword.
func isFieldName(s string) bool {
	return snakeName.MatchString(s) && !slices.Contains(pyKeywords, s)
}

// component validates m and builds the component it describes.
func (v *validator) component(m *manifest) *Component {
	c := &Component{Name: m.Name, Summary: m.Summary, Section: m.Section, Replaces: m.Replaces, Requires: m.Requires}
	switch {
	case m.Name == "":
		v.fail("", "missing name: every component has one, such as name = %q", "rabbitmq")
	case !componentName.MatchString(m.Name):
		v.fail("name", "name %q is not a component name: lower case letters, digits, - and _, starting with a letter", m.Name)
	}
	if m.Summary == "" {
		v.fail("name", "missing summary: one line for `paxx infra list`")
	}
	if m.Replaces != "" && m.Replaces != m.Name {
		v.fail("replaces", "replaces %q, but the component is called %q: a component replaces the built-in of its own name", m.Replaces, m.Name)
	}
	for i, r := range m.Requires {
		if !componentName.MatchString(r) {
			v.fail(fmt.Sprintf("requires.%d", i), "requires %q, which is not a component name", r)
		}
		if r == m.Name {
			v.fail(fmt.Sprintf("requires.%d", i), "%s requires itself", m.Name)
		}
	}
	if len(m.Settings) > 0 && m.Section == "" {
		v.fail("settings.0", "missing section: the comment that heads the settings fields and .env.example lines, such as section = %q", "RabbitMQ")
	}
	fields := v.fields(m.Settings)
	for _, f := range fields {
		c.Fields = append(c.Fields, f)
	}
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = f.Name
	}
	if m.Service != nil {
		c.Service = v.service(m.Service, names)
	}
	if m.Worker != nil {
		c.Worker = v.worker(m.Worker, names, m.Requires)
	}
	if m.Retag != nil {
		c.Retag = v.retag(m.Retag)
	}
	for i, d := range m.Dependencies {
		if _, err := requirements.ParseRequirement(d); err != nil {
			v.fail(fmt.Sprintf("dependencies.%d", i), "dependency %q is not a PEP 508 requirement: %v", d, errors.Unwrap(err))
		}
	}
	c.Dependencies = m.Dependencies
	for i, o := range m.Overlaps {
		if _, err := requirements.ParseRequirement(o); err != nil || strings.ContainsAny(o, "<>=!~;[@ ,") {
			v.fail(fmt.Sprintf("overlaps.%d", i), "overlaps entry %q is not a package name, such as \"prometheus-fastapi-instrumentator\"", o)
		}
	}
	c.Overlaps = m.Overlaps
	var known []string // field names templates may use
	known = append(known, names...)
	if c.Worker != nil {
		known = append(known, c.Worker.Env...)
	}
	for i, mm := range m.Modules {
		if mod, ok := v.module(i, mm, c, known); ok {
			c.Modules = append(c.Modules, mod)
		}
	}
	return c
}

// fields validates the [[settings]] tables.
func (v *validator) fields(fs []manifestFld) []python.NewField {
	var out []python.NewField
	seen := map[string]bool{}
	for i, f := range fs {
		key := fmt.Sprintf("settings.%d", i)
		switch {
		case f.Name == "":
			v.fail(key, "settings field without a name")
			continue
		case !isFieldName(f.Name):
			v.fail(key+".name", "field name %q is not a Python identifier in lower snake case", f.Name)
			continue
		case seen[f.Name]:
			v.fail(key+".name", "field %s is defined twice", f.Name)
			continue
		}
		seen[f.Name] = true
		typ := f.Type
		if typ == "" {
			v.fail(key, "field %s has no type, such as type = %q", f.Name, "str")
			continue
		}
		for _, n := range identifier.FindAllString(stripStrings(typ), -1) {
			if !slices.Contains(typeNames, n) {
				v.fail(key+".type", "type %q of field %s uses %s; a component's types may use %s", typ, f.Name, n, strings.Join(typeNames, ", "))
				break
			}
		}
		if f.Secret {
			base, opt := strings.CutSuffix(typ, " | None")
			if base != "str" {
				v.fail(key+".secret", "field %s is secret, so its type is str or str | None, not %q", f.Name, typ)
			}
			typ = "SecretStr"
			if opt {
				typ += " | None"
			}
		}
		def, ok := v.fieldDefault(key, f, typ)
		if !ok {
			continue
		}
		out = append(out, python.NewField{Name: f.Name, Type: typ, Default: def})
	}
	return out
}

// stripStrings blanks the string literals of an annotation, whose words
// are not names (Literal["local", "s3"]).
func stripStrings(typ string) string {
	return stringLiteral.ReplaceAllString(typ, `""`)
}

// stringLiteral matches a quoted string in an annotation.
var stringLiteral = regexp.MustCompile(`"[^"]*"|'[^']*'`)

// fieldDefault converts a field's TOML default to the Go value the
// rewriters render.
func (v *validator) fieldDefault(key string, f manifestFld, typ string) (any, bool) {
	switch d := f.Default.(type) {
	case nil:
		if !strings.Contains(typ, "None") {
			v.fail(key, "field %s has no default, which means None, but its type %q does not admit None (write %q, or give a default)", f.Name, typ, typ+" | None")
			return nil, false
		}
		return nil, true
	case string, bool, float64:
		return d, true
	case int64:
		return int(d), true
	case map[string]any:
		if len(d) == 1 && d["project_name"] == true {
			return projectName, true
		}
		v.fail(key+".default", "default of field %s: the one table a default may be is { project_name = true }", f.Name)
	default:
		v.fail(key+".default", "default of field %s is a %T; write a string, number or boolean", f.Name, d)
	}
	return nil, false
}

// appEnv validates app_environment entries against the fields they set.
func (v *validator) appEnv(key string, env []manifestEnv, fields []string) []AppEnv {
	var out []AppEnv
	for i, e := range env {
		k := fmt.Sprintf("%s.%d", key, i)
		if !slices.Contains(fields, e.Field) {
			v.fail(k+".field", "app_environment sets field %q, which is not one of the component's settings (%s)", e.Field, strings.Join(fields, ", "))
			continue
		}
		if e.Value == "" {
			v.fail(k, "app_environment for %s has no value", e.Field)
			continue
		}
		out = append(out, AppEnv{Field: e.Field, Value: e.Value})
	}
	return out
}

// service validates the [service] table.
func (v *validator) service(s *manifestSvc, fields []string) *Service {
	out := &Service{Name: s.Name, Image: s.Image, Body: s.Body, Volumes: s.Volumes, Images: s.ReusesImages}
	if !serviceName.MatchString(s.Name) {
		v.fail("service", "service name %q is not a compose service name", s.Name)
	}
	if s.Image == "" {
		v.fail("service", "service %s has no image", s.Name)
	}
	switch s.DependsOn {
	case "", "service_started":
	case "service_healthy":
		out.Healthy = true
	default:
		v.fail("service.depends_on_condition", "depends_on_condition is %q: service_started or service_healthy", s.DependsOn)
	}
	v.body(s)
	out.AppEnv = v.appEnv("service.app_environment", s.AppEnvironment, fields)
	return out
}

// body checks that the service body is a YAML mapping whose image, if
// any, is the service's, and that it mounts its named volumes.
func (v *validator) body(s *manifestSvc) {
	if v.builtin {
		return
	}
	if strings.TrimSpace(s.Body) == "" {
		v.fail("service", "service %s has no body: the service's YAML, such as image: %s", s.Name, s.Image)
		return
	}
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(s.Body), &doc); err != nil {
		line, col := v.at("service.body")
		// The body starts on the line after its opening quotes.
		if n := yamlLine(err); n > 0 {
			line, col = line+n, 1
		}
		v.errs = append(v.errs, rewrite.Errorf(rewrite.ErrRefused, v.file, line, col, "service body is not YAML: %s", yamlMessage(err)))
		return
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		v.fail("service.body", "service body is not a YAML mapping of the service's keys (image:, ports:, ...)")
		return
	}
	var body struct {
		Image string `yaml:"image"`
	}
	if err := doc.Content[0].Decode(&body); err == nil && body.Image != "" && body.Image != s.Image {
		v.fail("service.body", "service body runs %s, but image is %s: make them the same", body.Image, s.Image)
	}
	for i, vol := range s.Volumes {
		if !strings.Contains(s.Body, vol+":") {
			v.fail(fmt.Sprintf("service.volumes.%d", i), "volume %s is not mounted in the service body (- %s:/data)", vol, vol)
		}
	}
}

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlLine returns the 1-based line of a yaml.v3 error, 0 when it has none.
func yamlLine(err error) int {
	if m := yamlLineRE.FindStringSubmatch(err.Error()); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n
	}
	return 0
}

// yamlMessage returns a yaml.v3 error without its line prefix.
func yamlMessage(err error) string {
	if m := yamlLineRE.FindStringSubmatch(err.Error()); m != nil {
		return m[2]
	}
	return strings.TrimPrefix(err.Error(), "yaml: ")
}

// worker validates the [worker] table.
func (v *validator) worker(w *manifestWrk, fields, requires []string) *Worker {
	out := &Worker{Name: w.Name, Command: w.Command, Uses: w.Uses, Env: w.Env}
	if !serviceName.MatchString(w.Name) {
		v.fail("worker", "worker name %q is not a compose service name", w.Name)
	}
	if w.Command == "" {
		v.fail("worker", "worker %s has no command", w.Name)
	}
	if !slices.Contains(requires, w.Uses) {
		v.fail("worker", "worker uses %q, which the component must list in requires", w.Uses)
	}
	for i, f := range w.Env {
		if !isFieldName(f) {
			v.fail(fmt.Sprintf("worker.env.%d", i), "worker env %q is not a field name", f)
		}
	}
	out.AppEnv = v.appEnv("worker.app_environment", w.AppEnvironment, fields)
	return out
}

// retag validates the [retag] table.
func (v *validator) retag(r *manifestRetag) *Retag {
	if len(r.Images) == 0 {
		v.fail("retag", "retag has no images: the repositories that identify the service to move")
	}
	if r.Target == "" {
		v.fail("retag", "retag has no target image repository")
	}
	if !strings.Contains(r.Tag, "{{major}}") {
		v.fail("retag", "retag tag %q does not hold {{major}}, the service's major version", r.Tag)
	}
	return &Retag{Images: r.Images, Target: r.Target, Tag: r.Tag, Refuse: r.Refuse, Migration: r.Migration}
}

// module validates a [[modules]] table and its template, which it parses
// and runs against sample values.
func (v *validator) module(i int, m manifestMod, c *Component, fields []string) (Module, bool) {
	key := fmt.Sprintf("modules.%d", i)
	switch {
	case m.Name == "":
		v.fail(key, "module without a name, such as name = %q", "cache.py")
		return Module{}, false
	case path.IsAbs(m.Name) || filepath.IsAbs(m.Name) || slices.Contains(strings.Split(filepath.ToSlash(m.Name), "/"), ".."):
		v.fail(key+".name", "module %s leaves the core package: name a file in it, such as %q", m.Name, "cache.py")
		return Module{}, false
	case !moduleName.MatchString(m.Name):
		v.fail(key+".name", "module %s is not a Python module's file name in the core package, such as %q", m.Name, "cache.py")
		return Module{}, false
	}
	tmpl := m.Template
	if tmpl == "" {
		tmpl = m.Name + ".tmpl"
	}
	if !fs.ValidPath(tmpl) || strings.Contains(tmpl, "/") {
		v.fail(key+".template", "template %s is not a file name in the component's folder", tmpl)
		return Module{}, false
	}
	text, err := fs.ReadFile(v.fsys, tmpl)
	if err != nil {
		v.fail(key, "module %s: template %s not found in %s", m.Name, tmpl, v.dir)
		return Module{}, false
	}
	mod := Module{Name: m.Name, Template: string(text), Exports: m.Exports,
		Startup: m.Startup, Shutdown: m.Shutdown, Setup: m.Setup, Routers: m.Routers}
	uses := map[string][]string{"exports": m.Exports, "startup": m.Startup, "shutdown": m.Shutdown, "setup": m.Setup, "routers": m.Routers}
	for _, k := range []string{"exports", "startup", "shutdown", "setup", "routers"} {
		for j, x := range uses[k] {
			if !pyName.MatchString(x) || slices.Contains(pyKeywords, x) {
				v.fail(fmt.Sprintf("%s.%s.%d", key, k, j), "%s %q is not a Python name", strings.TrimSuffix(k, "s"), x)
			}
		}
	}
	if v.builtin {
		return mod, true
	}
	out, err := sampleRender(tmpl, mod.Template, c, fields)
	if err != nil {
		v.errs = append(v.errs, templateError(joinDisplay(v.dir, tmpl), err))
		return Module{}, false
	}
	v.appNames(key, tmpl, mod, out)
	return mod, true
}

// appNames checks that every name the app is to use (startup, shutdown,
// setup, routers) is defined at the top level of the module as the
// template renders it with sample values: the app imports it from there.
func (v *validator) appNames(key, tmpl string, mod Module, rendered []byte) {
	f, err := python.Parse(joinDisplay(v.dir, tmpl), rendered)
	if err != nil {
		v.fail(key, "module %s: the template does not render to valid Python: %v", mod.Name, err)
		return
	}
	for _, h := range mod.hooks() {
		if !f.Defines(h.Name) {
			v.fail(fmt.Sprintf("%s.%s", key, hookKey(h.Kind)), "%s %s is not defined at the top level of %s: the app imports it from there", hookKey(h.Kind), h.Name, mod.Name)
		}
	}
}

// sampleRender runs a template as the engine does, against sample values,
// with attr and env refusing a field that is not among fields, and gives
// what it rendered.
func sampleRender(name, text string, c *Component, fields []string) ([]byte, error) {
	check := func(f string) (string, error) {
		if !slices.Contains(fields, f) {
			return "", fmt.Errorf("no field %q in the component (its fields: %s)", f, strings.Join(fields, ", "))
		}
		return f, nil
	}
	t, err := template.New(name).Option("missingkey=error").Funcs(template.FuncMap{
		"attr": check,
		"env":  func(f string) (string, error) { s, err := check(f); return strings.ToUpper(s), err },
	}).Parse(text)
	if err != nil {
		return nil, err
	}
	d := &moduleData{Import: "from app.settings import settings", Settings: "settings", Core: "app.core"}
	if c.Service != nil {
		d.Service = c.Service.Name
	}
	var out bytes.Buffer
	if err := t.Execute(&out, d); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

var templateErrRE = regexp.MustCompile(`^template: [^:]*:(\d+)(?::(\d+))?: (.*)$`)

// templateError locates a text/template error in the template file.
func templateError(file string, err error) error {
	m := templateErrRE.FindStringSubmatch(err.Error())
	if m == nil {
		return rewrite.Errorf(rewrite.ErrRefused, file, 0, 0, "%v", err)
	}
	line, _ := strconv.Atoi(m[1])
	col := 1
	if m[2] != "" {
		col, _ = strconv.Atoi(m[2])
	}
	msg := m[3]
	if f := unknownValueRE.FindStringSubmatch(msg); f != nil {
		msg = fmt.Sprintf("no value .%s: a template can use .Import, .Settings, .Core, .Service, attr and env", f[1])
	}
	return rewrite.Errorf(rewrite.ErrRefused, file, line, col, "template: %s", msg)
}

var unknownValueRE = regexp.MustCompile(`can't evaluate field (\w+) in type \*components\.moduleData`)
