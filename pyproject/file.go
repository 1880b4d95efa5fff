package pyproject

import (
	"bytes"

	"github.com/paxx-dev/paxx/rewrite"
	"github.com/pelletier/go-toml/v2"
)

// File is a parsed pyproject.toml: its decoded content, to answer questions,
// and the located structure of its text, to edit it in place. A File is
// never changed in place: each edit returns a new one, parsed from the new
// bytes, so that a chain of edits parses each result once.
type File struct {
	path string
	src  []byte
	data map[string]any
	doc  *document
}

// Parse parses a pyproject.toml. path names the file in errors. A document
// that is not valid TOML, including one that defines a key or a table twice,
// is an *rewrite.Error of kind rewrite.ErrSyntax at the line and column the
// parser points to. A UTF-8 byte order mark is allowed and kept.
func Parse(path string, src []byte) (*File, error) {
	base := 0
	if bytes.HasPrefix(src, []byte(rewrite.BOM)) {
		base = len(rewrite.BOM)
	}
	data := map[string]any{}
	if err := toml.Unmarshal(src[base:], &data); err != nil {
		return nil, decodeError(path, src, base, err)
	}
	doc, err := index(path, src, base)
	if err != nil {
		return nil, err
	}
	return &File{path: path, src: src, data: data, doc: doc}, nil
}

// Bytes returns the content of f: the bytes it was parsed from. They
// belong to f: the caller must not change them.
func (f *File) Bytes() []byte {
	return f.src
}

// Name returns the project's name: [project].name, else Poetry's
// [tool.poetry].name, else "".
func (f *File) Name() string {
	if s, ok := lookup(f.data, "project", "name").(string); ok {
		return s
	}
	s, _ := lookup(f.data, "tool", "poetry", "name").(string)
	return s
}

// RequiresPython returns the Python versions the project supports:
// [project].requires-python, else the python entry of Poetry's dependencies
// (a constraint such as "^3.11"), else "".
func (f *File) RequiresPython() string {
	if s, ok := lookup(f.data, "project", "requires-python").(string); ok {
		return s
	}
	switch py := lookup(f.data, "tool", "poetry", "dependencies", "python").(type) {
	case string:
		return py
	case map[string]any:
		s, _ := py["version"].(string)
		return s
	}
	return ""
}

// lookup returns the decoded value at a table path, or nil.
func lookup(data map[string]any, path ...string) any {
	var v any = data
	for _, k := range path {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}
