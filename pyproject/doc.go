// Package pyproject edits a Python project's dependency declarations and its
// paxx record without disturbing anything else in the files.
//
// It reads pyproject.toml with go-toml/v2: the decoder validates the whole
// document (duplicate keys and tables included) and answers questions about
// its content, while the unstable parser gives the byte ranges of tables,
// keys, values and comments. Edits are small splices into the original bytes
// (see package rewrite); the document is never re-serialised, so comments,
// blank lines, key order, quoting and line endings stay as the person wrote
// them. Every result is parsed again and checked before it is returned.
//
// The same name matching (PEP 503) and version-conflict rules (PEP 440 and
// PEP 508) apply to a [project].dependencies array, a Poetry dependency table
// and a requirements.txt file.
package pyproject
