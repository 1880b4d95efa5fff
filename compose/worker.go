package compose

import (
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// WorkerBody writes the body of a service that is r's runtime with
// another command: r's build (or image), its env_file entries and its
// environment, in r's forms (env_file a path or a list; the environment a
// list of KEY=value items or a mapping), then the command. extra are
// variables the worker needs on top: one that r's environment already has
// keeps r's value. The result is block YAML with two-space indentation,
// and r's profiles (Compose starts the worker when it starts the app),
// to which the caller adds what else the service needs (depends_on)
// before giving it to AddService. With command "" the body has no
// command: the part of a worker that an override file gives it, beside
// the app's part in that file.
func (r Runtime) WorkerBody(command string, extra []Var) string {
	str := func(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }
	m := &yaml.Node{Kind: yaml.MappingNode}
	add := func(key string, v *yaml.Node) { m.Content = append(m.Content, str(key), v) }
	if r.Build != "" {
		var doc yaml.Node
		if err := yaml.Unmarshal([]byte(r.Build), &doc); err == nil && len(doc.Content) == 1 {
			m.Content = append(m.Content, doc.Content[0].Content...)
		}
	}
	if len(r.EnvFiles) == 1 && !r.EnvFileList && !r.EnvFiles[0].Long {
		add("env_file", str(r.EnvFiles[0].Path))
	} else if len(r.EnvFiles) > 0 {
		seq := &yaml.Node{Kind: yaml.SequenceNode}
		for _, e := range r.EnvFiles {
			if !e.Long {
				seq.Content = append(seq.Content, str(e.Path))
				continue
			}
			item := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{str("path"), str(e.Path)}}
			if !e.Required {
				item.Content = append(item.Content, str("required"), &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "false"})
			}
			seq.Content = append(seq.Content, item)
		}
		add("env_file", seq)
	}
	if command != "" {
		add("command", str(command))
	}
	if len(r.Profiles) > 0 {
		seq := &yaml.Node{Kind: yaml.SequenceNode}
		for _, p := range r.Profiles {
			seq.Content = append(seq.Content, str(p))
		}
		add("profiles", seq)
	}
	env := slices.Clone(r.Environment)
	for _, v := range extra {
		if _, ok := r.Env(v.Key); !ok {
			env = append(env, v)
		}
	}
	if len(env) > 0 {
		add("environment", environmentNode(env, r.EnvList))
	}
	return encodeMapping(m)
}

// environmentNode writes variables as a list of KEY=value items, or as a
// mapping (a bare key with no value).
func environmentNode(env []Var, list bool) *yaml.Node {
	str := func(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }
	if list {
		seq := &yaml.Node{Kind: yaml.SequenceNode}
		for _, v := range env {
			item := v.Key
			if !v.Bare {
				item += "=" + v.Value
			}
			seq.Content = append(seq.Content, str(item))
		}
		return seq
	}
	m := &yaml.Node{Kind: yaml.MappingNode}
	for _, v := range env {
		val := str(v.Value)
		if v.Bare {
			val = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null"}
		}
		m.Content = append(m.Content, str(v.Key), val)
	}
	return m
}

// encodeMapping writes mapping m as block YAML with two-space
// indentation.
func encodeMapping(m *yaml.Node) string {
	var keys []string
	var values []*yaml.Node
	for i := 0; i+1 < len(m.Content); i += 2 {
		keys = append(keys, m.Content[i].Value)
		values = append(values, m.Content[i+1])
	}
	return encodeEntries(keys, values)
}

// Differences lists how r, a worker's runtime as the files have it,
// differs from want, the runtime paxx would give it (the app's, with the
// worker's command and variables): its build, env_file entries it lacks,
// variables it lacks or sets to another value, profiles of the app it is
// not in, and its command. Each is
// one line of text for `check`; none means r runs as want does. Variables
// and env_file entries r has beyond want's are the person's and no
// difference.
func (r Runtime) Differences(want Runtime) []string {
	var out []string
	if r.Build != want.Build {
		out = append(out, fmt.Sprintf("service %s is not built as service %s is", r.Service, want.Service))
	}
	for _, e := range want.EnvFiles {
		found := false
		for _, o := range r.EnvFiles {
			found = found || o.Path == e.Path
		}
		if !found {
			out = append(out, fmt.Sprintf("service %s lacks env_file %s", r.Service, e.Path))
		}
	}
	for _, v := range want.Environment {
		have, ok := r.Env(v.Key)
		switch {
		case !ok:
			out = append(out, fmt.Sprintf("service %s lacks %s in its environment", r.Service, v.Key))
		case have.Bare != v.Bare || have.Value != v.Value:
			out = append(out, fmt.Sprintf("service %s sets %s to %s, not %s", r.Service, v.Key, varText(have), varText(v)))
		}
	}
	for _, p := range want.Profiles {
		if !slices.Contains(r.Profiles, p) {
			out = append(out, fmt.Sprintf("service %s is not in profile %s, as service %s is: Compose does not start it with the app", r.Service, p, want.Service))
		}
	}
	if want.Command != nil && !slices.Equal(r.Command, want.Command) {
		out = append(out, fmt.Sprintf("service %s runs %q, not %q", r.Service, strings.Join(r.Command, " "), strings.Join(want.Command, " ")))
	}
	return out
}

// varText shows a variable's value in a message: quoted, or "no value"
// for a bare key.
func varText(v Var) string {
	if v.Bare {
		return "no value (passed from the environment)"
	}
	return fmt.Sprintf("%q", v.Value)
}
