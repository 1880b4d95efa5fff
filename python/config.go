package python

import (
	"slices"
	"strings"

	sitter "github.com/smacker/go-tree-sitter"
)

// configSource is the configuration a class sets itself; unset keys are
// inherited from its bases.
type configSource struct {
	hasPrefix, hasCase, hasEnvFile bool // whether each key is set
	envPrefix                      string
	caseSensitive                  bool
	envFiles                       []string
	envFileUnresolved              bool
}

// readModelConfig reads `model_config = SettingsConfigDict(...)`,
// `ConfigDict(...)`, `dict(...)` or a dict literal.
func (s *configSource) readModelConfig(f *File, v *sitter.Node) {
	switch v.Type() {
	case "call":
		args := v.ChildByFieldName("arguments")
		if args == nil {
			return
		}
		for i := range int(args.NamedChildCount()) {
			kw := args.NamedChild(i)
			if kw.Type() != "keyword_argument" {
				continue
			}
			name, value := kw.ChildByFieldName("name"), kw.ChildByFieldName("value")
			if name != nil && value != nil {
				s.set(f, f.text(name), value)
			}
		}
	case "dictionary":
		for i := range int(v.NamedChildCount()) {
			pair := v.NamedChild(i)
			if pair.Type() != "pair" {
				continue
			}
			key, value := pair.ChildByFieldName("key"), pair.ChildByFieldName("value")
			if key == nil || value == nil {
				continue
			}
			if k, ok := f.stringValue(key); ok {
				s.set(f, k, value)
			}
		}
	}
}

// readV1 reads a pydantic-v1 inner `class Config:` with class attributes
// such as `env_prefix = "APP_"`.
func (s *configSource) readV1(f *File, def *sitter.Node) {
	body := f.blockOf(def)
	if body == nil {
		return
	}
	for i := range int(body.NamedChildCount()) {
		a := f.onlyNamedChild(body.NamedChild(i))
		if body.NamedChild(i).Type() != "expression_statement" || a == nil || a.Type() != "assignment" {
			continue
		}
		left, right := a.ChildByFieldName("left"), a.ChildByFieldName("right")
		if left != nil && right != nil && left.Type() == "identifier" {
			s.set(f, f.text(left), right)
		}
	}
}

// set records one configuration key that matters for environment names.
// A value that is not a literal (a variable, an f-string) leaves the key
// unset rather than guessing it.
func (s *configSource) set(f *File, key string, v *sitter.Node) {
	switch key {
	case "env_prefix":
		if p, ok := f.stringValue(v); ok {
			s.hasPrefix, s.envPrefix = true, p
		}
	case "env_file":
		s.hasEnvFile = true
		s.envFiles, s.envFileUnresolved = f.envFiles(v)
	case "case_sensitive":
		switch v.Type() {
		case "true":
			s.hasCase, s.caseSensitive = true, true
		case "false":
			s.hasCase, s.caseSensitive = true, false
		}
	}
}

// envFiles reads the value of env_file: a string, a tuple or list of
// strings, or None (no file). unresolved reports a value, or an element,
// that is not a plain string literal (`BASE_DIR / ".env"`,
// `os.getenv(...)`): paxx does not evaluate code, so it names the files it
// could read and says that there may be others.
func (f *File) envFiles(v *sitter.Node) (files []string, unresolved bool) {
	switch v.Type() {
	case "none":
		return nil, false
	case "tuple", "list", "parenthesized_expression":
		for i := range int(v.NamedChildCount()) {
			c := v.NamedChild(i)
			if c.Type() == "comment" {
				continue
			}
			more, u := f.envFiles(c)
			if c.Type() == "none" {
				u = true // None inside a sequence is not a file name
			}
			files, unresolved = append(files, more...), unresolved || u
		}
		return files, unresolved
	}
	if s, ok := f.stringValue(v); ok {
		return []string{s}, false
	}
	return nil, true
}

// resolveConfigs gives every class its configuration: its own keys, then
// those of its bases defined earlier in the same file, depth first in base
// order as Python's method resolution mostly does.
func (f *File) resolveConfigs() {
	for i := range f.classes {
		var cfg Config
		var havePrefix, haveCase, haveEnvFile bool
		seen := map[int]bool{}
		var visit func(j int)
		visit = func(j int) {
			if seen[j] {
				return
			}
			seen[j] = true
			own := f.classes[j].own
			if own.hasPrefix && !havePrefix {
				cfg.EnvPrefix, havePrefix = own.envPrefix, true
			}
			if own.hasCase && !haveCase {
				cfg.CaseSensitive, haveCase = own.caseSensitive, true
			}
			if own.hasEnvFile && !haveEnvFile {
				cfg.EnvFiles, haveEnvFile = slices.Clone(own.envFiles), true
				cfg.EnvFileUnresolved = own.envFileUnresolved
			}
			for _, b := range f.classes[j].class.Bases {
				b = strings.TrimSpace(b)
				for k := j - 1; k >= 0; k-- {
					if f.classes[k].class.Name == b {
						visit(k)
						break
					}
				}
			}
		}
		visit(i)
		f.classes[i].class.Config = cfg
	}
}
