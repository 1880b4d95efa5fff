package dotenv

// File is a .env file read for editing: its bytes and the entries
// python-dotenv would read from them. A File is never changed in place:
// AddVars and RemoveVars return a new one, parsed from the new bytes, so
// that a chain of edits reads each file once.
type File struct {
	path    string
	src     []byte
	entries []entry
}

// Parse reads src, the content of the .env file at path (a slash path
// relative to the project root, used in messages). Empty or nil src is an
// empty file: that is how a missing .env.example starts. Lines
// python-dotenv cannot read are kept, as it skips them; a NUL byte or
// invalid UTF-8 is an *rewrite.Error of kind rewrite.ErrSyntax at its line
// and column, since a .env file is text.
func Parse(path string, src []byte) (*File, error) {
	if err := checkText(path, src); err != nil {
		return nil, err
	}
	return &File{path: path, src: src, entries: parse(src)}, nil
}

// Path returns the path f was parsed from.
func (f *File) Path() string { return f.path }

// Bytes returns the content of f. The bytes belong to f: the caller must
// not change them.
func (f *File) Bytes() []byte { return f.src }

// Names returns the names of the variables f sets, in the order they first
// appear, each once. A line without "=" sets nothing, and neither does a
// commented-out one ("# NAME=value"); "export NAME=value" sets NAME.
func (f *File) Names() []string {
	return names(f.entries)
}
