package compose

import (
	"bytes"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// Runtime is what a service runs with, as Compose gives it once it has
// merged the project's files (the base, then each override) and, in each,
// the `<<:` merge keys: how it is built, the files and variables of its
// environment, and what it runs. A service paxx adds that runs the
// project's code (a worker) is the app's Runtime with another command;
// `check` reads the worker's Runtime to compare.
//
// Values are as written, variables not interpolated: Compose interpolates
// them when it runs the service, for the copy as for the original.
type Runtime struct {
	// Service is the service's name.
	Service string
	// Path and Line locate the service where it is first defined.
	Path string
	Line int
	// Build is the service's build: and image: entries as merged, as block
	// YAML with two-space indentation (Definition's form: what AddService
	// takes), "" when it has neither.
	Build string
	// EnvFiles are the service's env_file entries in order, the
	// overrides' after the base's, duplicates dropped.
	EnvFiles []EnvFile
	// EnvFileList reports that the first file to give env_file writes a
	// list, rather than one path as a string.
	EnvFileList bool
	// Environment is the service's environment in the order written, an
	// override's value replacing the base's in place.
	Environment []Var
	// EnvList reports that the first file to give the environment writes
	// it as a list (`- KEY=value`) rather than a mapping (`KEY: value`),
	// so that a service written beside it can follow it.
	EnvList bool
	// Command and Entrypoint are split into words as Compose splits them
	// (a later file's replaces an earlier one's); nil when unset.
	Command, Entrypoint []string
	// Profiles are the profiles the service belongs to (a later file's
	// add to an earlier one's), nil when it has none: Compose starts it
	// only with one of them, and a worker beside it must follow.
	Profiles []string
}

// EnvFile is one entry of a service's env_file.
type EnvFile struct {
	Path string
	// Required is false when the entry says `required: false`: Compose
	// then runs the service without the file.
	Required bool
	// Long reports that the entry is written in the long syntax (`path:`).
	Long bool
}

// Var is one variable of a service's environment.
type Var struct {
	Key, Value string
	// Bare is true for a key written without a value (`- KEY`, `KEY:`):
	// Compose passes the variable from the environment it runs in.
	Bare bool
}

// Runtime returns what this file alone says service runs with, its `<<:`
// merge keys followed; ok is false when the file does not mention it.
func (f *File) Runtime(service string) (Runtime, bool) {
	return RuntimeOf([]*File{f}, service)
}

// RuntimeOf returns what service runs with as Compose merges files, the
// base file first and then the overrides (see Runtime); ok is false when
// no file mentions it. Compose's rules: a build mapping merges key by key
// (a string is its context), image, command and entrypoint are replaced,
// env_file entries are appended without duplicates, and environment
// variables merge by name.
func RuntimeOf(files []*File, service string) (Runtime, bool) {
	r := Runtime{Service: service}
	var build, image *yaml.Node
	found, envSeen, fileSeen := false, false, false
	index := map[string]int{}
	for _, f := range files {
		if f == nil || f.services == nil {
			continue
		}
		k, _ := pair(f.services, service)
		if k == nil {
			continue
		}
		if !found {
			found, r.Path, r.Line = true, f.path, k.Line
		}
		body := f.body(service)
		if _, v, _ := get(body, "build"); v != nil && !isNull(v) {
			build = mergeBuild(build, detach(v, 0))
		}
		if _, v, _ := get(body, "image"); v != nil && !isNull(v) {
			image = detach(v, 0)
		}
		if _, v, _ := get(body, "env_file"); v != nil && !isNull(v) {
			if !fileSeen {
				fileSeen, r.EnvFileList = true, v.Kind == yaml.SequenceNode
			}
			for _, e := range envFiles(v) {
				if !containsEnvFile(r.EnvFiles, e) {
					r.EnvFiles = append(r.EnvFiles, e)
				}
			}
		}
		if _, v, _ := get(body, "environment"); v != nil && !isNull(v) {
			if !envSeen {
				envSeen, r.EnvList = true, v.Kind == yaml.SequenceNode
			}
			for _, e := range environment(v) {
				if i, ok := index[e.Key]; ok {
					r.Environment[i] = e
					continue
				}
				index[e.Key] = len(r.Environment)
				r.Environment = append(r.Environment, e)
			}
		}
		if _, v, _ := get(body, "command"); v != nil {
			r.Command = commandWords(v)
		}
		if _, v, _ := get(body, "entrypoint"); v != nil {
			r.Entrypoint = commandWords(v)
		}
		if _, v, _ := get(body, "profiles"); v != nil && v.Kind == yaml.SequenceNode {
			for _, p := range v.Content {
				if p.Kind == yaml.ScalarNode && !slices.Contains(r.Profiles, p.Value) {
					r.Profiles = append(r.Profiles, p.Value)
				}
			}
		}
	}
	if !found {
		return Runtime{}, false
	}
	r.Build = encodeEntries([]string{"build", "image"}, []*yaml.Node{build, image})
	return r, true
}

// Env returns the variable key of r's environment; ok is false when r
// has none of that name.
func (r Runtime) Env(key string) (Var, bool) {
	for _, v := range r.Environment {
		if v.Key == key {
			return v, true
		}
	}
	return Var{}, false
}

// mergeBuild merges build b over a as Compose does: a string stands for
// its context, mappings merge key by key, b's values winning.
func mergeBuild(a, b *yaml.Node) *yaml.Node {
	if a == nil {
		return b
	}
	asMapping := func(n *yaml.Node) *yaml.Node {
		if n.Kind == yaml.ScalarNode {
			return &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{
				{Kind: yaml.ScalarNode, Tag: "!!str", Value: "context"}, n,
			}}
		}
		return n
	}
	a, b = asMapping(a), asMapping(b)
	if a.Kind != yaml.MappingNode || b.Kind != yaml.MappingNode {
		return b
	}
	out := &yaml.Node{Kind: yaml.MappingNode, Content: append([]*yaml.Node{}, a.Content...)}
	for i := 0; i+1 < len(b.Content); i += 2 {
		k, v := b.Content[i], b.Content[i+1]
		if j := keyIndex(out, k.Value); j >= 0 {
			if old := out.Content[j+1]; old.Kind == yaml.MappingNode && v.Kind == yaml.MappingNode {
				v = mergeBuild(old, v)
			}
			out.Content[j+1] = v
			continue
		}
		out.Content = append(out.Content, k, v)
	}
	return out
}

// keyIndex returns the index of key's key node in mapping m, or -1.
func keyIndex(m *yaml.Node, key string) int {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return i
		}
	}
	return -1
}

// encodeEntries writes the entries keys[i]: values[i] whose value is not
// nil as block YAML with two-space indentation.
func encodeEntries(keys []string, values []*yaml.Node) string {
	m := &yaml.Node{Kind: yaml.MappingNode}
	for i, v := range values {
		if v != nil {
			m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: keys[i]}, v)
		}
	}
	if len(m.Content) == 0 {
		return ""
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	// Encoding a tree of plain nodes cannot fail.
	_ = enc.Encode(m)
	_ = enc.Close()
	return buf.String()
}

// envFiles reads an env_file value: a path, or a list of paths and
// `path:`/`required:` mappings.
func envFiles(v *yaml.Node) []EnvFile {
	var out []EnvFile
	items := []*yaml.Node{v}
	if v.Kind == yaml.SequenceNode {
		items = v.Content
	}
	for _, item := range items {
		item = resolve(item)
		switch {
		case item == nil:
		case item.Kind == yaml.ScalarNode && !isNull(item):
			out = append(out, EnvFile{Path: item.Value, Required: true})
		case item.Kind == yaml.MappingNode:
			e := EnvFile{Required: true, Long: true}
			if _, p, _ := get(item, "path"); p != nil && p.Kind == yaml.ScalarNode {
				e.Path = p.Value
			}
			if _, r, _ := get(item, "required"); r != nil && r.Kind == yaml.ScalarNode {
				e.Required = r.Value != "false"
			}
			if e.Path != "" {
				out = append(out, e)
			}
		}
	}
	return out
}

// containsEnvFile reports whether list has e, as Compose drops an
// override's entry identical to one already there once both are in the
// long syntax (a path alone is required).
func containsEnvFile(list []EnvFile, e EnvFile) bool {
	for _, o := range list {
		if o.Path == e.Path && o.Required == e.Required {
			return true
		}
	}
	return false
}

// environment reads an environment value in list or map form.
func environment(v *yaml.Node) []Var {
	var out []Var
	switch v.Kind {
	case yaml.SequenceNode:
		for _, item := range v.Content {
			item = resolve(item)
			if item == nil || item.Kind != yaml.ScalarNode || isNull(item) {
				continue
			}
			k, val, ok := strings.Cut(item.Value, "=")
			out = append(out, Var{Key: k, Value: val, Bare: !ok})
		}
	case yaml.MappingNode:
		for _, p := range entries(v) {
			val := resolve(p.v)
			if val != nil && val.Kind == yaml.ScalarNode && !isNull(val) {
				out = append(out, Var{Key: p.k.Value, Value: val.Value})
			} else {
				out = append(out, Var{Key: p.k.Value, Bare: true})
			}
		}
	}
	return out
}
