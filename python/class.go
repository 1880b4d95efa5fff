package python

import (
	"strings"
	"unicode"
)

// Class is a top-level class definition as the settings tooling sees it.
type Class struct {
	Name string
	// Bases are the base expressions as written: "BaseSettings",
	// "pydantic_settings.BaseSettings", "AppSettings". Keyword arguments
	// such as metaclass= are not bases.
	Bases []string
	// Line is the 1-based line of the `class` keyword.
	Line int
	// Fields are the annotated assignments in the class body (x: T or
	// x: T = v), in order. model_config is configuration, not a field.
	Fields []Field
	// Config is the class's pydantic-settings configuration.
	Config Config
	// Upper reports that the class names its fields in UPPER_CASE (most of
	// its fields are upper case).
	Upper bool
}

// Field is one annotated assignment in a class body.
type Field struct {
	Name    string
	Type    string // the annotation's source text
	Default string // the value's source text, "" when there is none
	Line    int
}

// Config is the part of a settings class's configuration that decides
// environment variable names. It is read from `model_config =
// SettingsConfigDict(...)` (or a dict literal) or from a pydantic-v1 inner
// `class Config:`, and inherited from base classes defined in the same file.
type Config struct {
	EnvPrefix     string // "" when unset
	CaseSensitive bool   // pydantic-settings' default: false
	// EnvFiles are the dotenv files env_file names, as written (relative
	// to the directory the app runs in): one for a string, several for a
	// tuple or list; nil when unset or None.
	EnvFiles []string
	// EnvFileUnresolved reports an env_file (or an element of it) that is
	// not a string literal, such as BASE_DIR / ".env" or os.getenv(...):
	// EnvFiles then lists only what paxx could read.
	EnvFileUnresolved bool
}

// EnvName returns the environment variable that sets the field: env_prefix
// + name, upper-cased unless the class is case sensitive (then prefix and
// name as written). field may be the catalogue's lower snake case name; the
// class's own spelling is used when it has the field or would write it
// differently.
func (c Class) EnvName(field string) string {
	name := c.FieldName(field)
	if f, ok := c.HasField(field); ok {
		name = f.Name
	}
	env := c.Config.EnvPrefix + name
	if c.Config.CaseSensitive {
		return env
	}
	return strings.ToUpper(env)
}

// FieldName returns the name this class would give a field the catalogue
// calls name (lower snake case): upper-cased for Upper classes.
func (c Class) FieldName(name string) string {
	if c.Upper {
		return strings.ToUpper(name)
	}
	return name
}

// HasField reports whether the class already has the field, as name or as
// the class would spell it (FieldName), matching case-insensitively unless
// the class is case sensitive — the way pydantic-settings matches
// environment variables to fields.
func (c Class) HasField(name string) (Field, bool) {
	for _, want := range []string{name, c.FieldName(name)} {
		for _, f := range c.Fields {
			if f.Name == want || (!c.Config.CaseSensitive && strings.EqualFold(f.Name, want)) {
				return f, true
			}
		}
	}
	return Field{}, false
}

// isUpper reports whether most of the fields have upper-case names. Names
// without letters do not vote.
func isUpper(fields []Field) bool {
	upper, voters := 0, 0
	for _, f := range fields {
		hasLetter := strings.ContainsFunc(f.Name, unicode.IsLetter)
		if !hasLetter {
			continue
		}
		voters++
		if f.Name == strings.ToUpper(f.Name) {
			upper++
		}
	}
	return voters > 0 && upper*2 > voters
}
