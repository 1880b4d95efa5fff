// Package pyproject edits pyproject.toml without disturbing anything else
// in it: a Python project's dependency declarations, and string arrays at
// any key path, for records such as paxx's own.
//
// It reads pyproject.toml with go-toml/v2: the decoder validates the whole
// document (duplicate keys and tables included) and answers questions about
// its content, while the unstable parser gives the byte ranges of tables,
// keys, values and comments. Edits are small splices into the original bytes
// (see package rewrite); the document is never re-serialised, so comments,
// blank lines, key order, quoting and line endings stay as the person wrote
// them. Every result is parsed again and checked before it is returned.
//
// Parse reads a pyproject.toml into a File. Every edit is a method of File
// that returns the File after the edit and the actions it took (the line
// and what was done), or f itself and no action when there is nothing to
// do; File.Bytes gives the content.
//
// Dependencies: AddDependency and RemoveDependency edit [project].dependencies
// or Poetry's dependency table, matching names (PEP 503) and refusing
// conflicting versions (PEP 440, PEP 508, Poetry constraints) with package
// requirements, which also edits requirements.txt files.
//
// String arrays: AddArrayItem and RemoveArrayItem add and remove one
// string of the array at a key path, following the array's layout and
// order, and creating (then removing) the key and its table when they are
// not there; StringArray and IsTable read them; RemoveEmptyArray and
// RemoveEmptyTable tidy away what removals leave empty. They know nothing
// of what the strings mean.
package pyproject
