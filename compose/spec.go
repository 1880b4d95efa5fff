package compose

import (
	"strings"

	"github.com/mattn/go-shellwords"
	"gopkg.in/yaml.v3"
)

// Spec is what one compose file says about a service that tells which
// code it runs: how it is built, what it runs and which host directories
// it mounts. Relative paths are as written; Compose resolves them against
// the project directory. It is read-only knowledge for finding the
// application's service, never a base for edits.
type Spec struct {
	Name string
	Line int // 1-based line of the service's name
	// Build is set when the file gives the service a build: key.
	Build bool
	// Context is the build context as written, "" when build: names none
	// (Compose then takes "." — or, in an override, keeps the context an
	// earlier file gave).
	Context string
	// Dockerfile is the Dockerfile as written, "" for the default.
	Dockerfile string
	// Image is the image the file names, "" when none.
	Image string
	// Command is the command split into words as Compose splits it; nil
	// when the file sets none.
	Command []string
	// Entrypoint is the entrypoint, split the same way; nil when unset.
	Entrypoint []string
	// Binds are the host paths of bind mounts (`./backend:/app`, or the
	// long syntax with type: bind) and of develop.watch entries.
	Binds []string
	// Ports reports that the service publishes ports.
	Ports bool
}

// specBody is the part of a service body that Specs decodes.
type specBody struct {
	Build      yaml.Node   `yaml:"build"`
	Image      string      `yaml:"image"`
	Command    yaml.Node   `yaml:"command"`
	Entrypoint yaml.Node   `yaml:"entrypoint"`
	Volumes    []yaml.Node `yaml:"volumes"`
	Ports      []yaml.Node `yaml:"ports"`
	Develop    struct {
		Watch []struct {
			Path string `yaml:"path"`
		} `yaml:"watch"`
	} `yaml:"develop"`
}

// Specs returns what the file says about each of its services, in the
// order they are written. A service whose body is not a mapping, or whose
// keys have unexpected shapes, gives what could be read of it.
func (f *File) Specs() []Spec {
	if f.services == nil {
		return nil
	}
	var out []Spec
	for i := 0; i+1 < len(f.services.Content); i += 2 {
		k, body := f.services.Content[i], f.services.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			continue
		}
		out = append(out, readSpec(k, resolveAlias(body)))
	}
	return out
}

// resolveAlias returns the node an alias stands for.
func resolveAlias(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

// readSpec decodes one service body, key by key, so that one key of an
// unexpected shape does not hide the others.
func readSpec(k, body *yaml.Node) Spec {
	s := Spec{Name: k.Value, Line: k.Line}
	if body == nil || body.Kind != yaml.MappingNode {
		return s
	}
	b, ok := readBody(body)
	if !ok {
		// Decode merges `<<:` keys as Compose does; a type error leaves
		// the other fields decoded.
		b = specBody{}
		_ = body.Decode(&b)
	}
	s.Image = b.Image
	s.Ports = len(b.Ports) > 0
	if build := resolveAlias(&b.Build); build.Kind != 0 && !isNull(build) {
		s.Build = true
		switch build.Kind {
		case yaml.ScalarNode:
			s.Context = build.Value
		case yaml.MappingNode:
			var m struct {
				Context    string `yaml:"context"`
				Dockerfile string `yaml:"dockerfile"`
			}
			_ = build.Decode(&m)
			s.Context, s.Dockerfile = m.Context, m.Dockerfile
		}
	}
	s.Command = commandWords(&b.Command)
	s.Entrypoint = commandWords(&b.Entrypoint)
	for _, v := range b.Volumes {
		if src := bindSource(&v); src != "" {
			s.Binds = append(s.Binds, src)
		}
	}
	for _, w := range b.Develop.Watch {
		if w.Path != "" {
			s.Binds = append(s.Binds, w.Path)
		}
	}
	return s
}

// readBody reads the specBody of a service body as Decode would, without
// its reflection, when the body is plain: every key an untagged string,
// no merge key, no develop key, and the values read neither aliases nor
// explicitly tagged. ok is false for any other body, which is left to
// Decode.
func readBody(body *yaml.Node) (b specBody, ok bool) {
	for i := 0; i+1 < len(body.Content); i += 2 {
		k, v := body.Content[i], body.Content[i+1]
		if k.Kind != yaml.ScalarNode || k.Tag != tagStr || k.Style&yaml.TaggedStyle != 0 {
			return specBody{}, false
		}
		switch k.Value {
		case "build", "command", "entrypoint", "image", "volumes", "ports":
		case "develop":
			return specBody{}, false
		default:
			continue
		}
		if v.Kind == yaml.AliasNode || v.Style&yaml.TaggedStyle != 0 {
			return specBody{}, false
		}
		switch k.Value {
		case "build":
			b.Build = *v
		case "command":
			b.Command = *v
		case "entrypoint":
			b.Entrypoint = *v
		case "image":
			// Decode gives a scalar's text to a string, but none for a
			// null, and none for a collection (a type error).
			if v.Kind == yaml.ScalarNode && !isNull(v) {
				b.Image = v.Value
			}
		case "volumes":
			b.Volumes = nodes(v)
		case "ports":
			b.Ports = nodes(v)
		}
	}
	return b, true
}

// nodes returns the items of sequence v as Decode gives them to a
// []yaml.Node: copies, and nil for anything but a sequence.
func nodes(v *yaml.Node) []yaml.Node {
	if v.Kind != yaml.SequenceNode {
		return nil
	}
	out := make([]yaml.Node, len(v.Content))
	for i, item := range v.Content {
		out[i] = *item
	}
	return out
}

// bindSource returns the host path of a volume entry that is a bind mount,
// "" for a named volume or anything else. In the short syntax a source
// that starts with . / or ~ is a path; anything else names a volume.
func bindSource(v *yaml.Node) string {
	v = resolveAlias(v)
	switch v.Kind {
	case yaml.ScalarNode:
		src, _, ok := strings.Cut(v.Value, ":")
		if !ok {
			return ""
		}
		if strings.HasPrefix(src, ".") || strings.HasPrefix(src, "/") || strings.HasPrefix(src, "~") {
			return src
		}
	case yaml.MappingNode:
		var m struct {
			Type   string `yaml:"type"`
			Source string `yaml:"source"`
		}
		_ = v.Decode(&m)
		if m.Type == "bind" {
			return m.Source
		}
	}
	return ""
}

// commandWords splits a command or entrypoint: a list as it is, a string
// as Compose splits it (shell words, no shell). Unset or null gives nil.
func commandWords(n *yaml.Node) []string {
	var words []string
	switch n = resolveAlias(n); n.Kind {
	case yaml.ScalarNode:
		if !isNull(n) {
			words, _ = shellwords.Parse(n.Value)
		}
	case yaml.SequenceNode:
		_ = n.Decode(&words)
	}
	return words
}
