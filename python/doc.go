// Package python reads and edits Python source the way a person would: it
// parses with tree-sitter's Python grammar, finds the pydantic-settings class
// of a project and what it holds (fields, env_prefix, case_sensitive, the
// module-level object that hands the settings out), and inserts new typed
// fields into that class as the smallest byte-range edit, following the
// file's own indentation, quotes, line endings and blank-line spacing.
//
// Discovery follows the application the way Python does (trace.go and the
// trace*.go and trail.go files beside it): from the module that creates the
// FastAPI app along its project imports to the settings object it uses and
// that object's class; a search by name is only the fallback. Import
// statements have one reader (importread.go); the names a module binds, the
// names it knows BaseSettings by and its leading import block are views of
// what it reads.
//
// Parse extracts everything an edit needs (classes, names, the module's
// style, its imports) into plain Go values and releases the syntax tree,
// so a *File is safe to share between goroutines. Every edit is a method
// of File (AddFields, AddImports, RemoveFields, RemoveImports) that
// returns the edited module as its own check parsed it, so that a caller
// making several edits in a row parses the module once per edit; where
// AddFields' check needs to parse only the inserted lines, the module it
// returns is parsed when first read. Bytes gives the source to write back.
package python
