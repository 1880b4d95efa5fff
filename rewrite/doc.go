// Package rewrite holds the text editing that every format-preserving
// rewriter in paxx shares: byte-range edits spliced into an original source
// (Apply), the insertion of one new thing with the line it lands on
// (Insertion, LineInsertion), their checks (IsInsertOnly, IsDeleteOnly,
// Undo), positions and errors tied to a place in a file (Error, Errorf),
// the line-ending and indentation conventions of a file, and the encoding
// checks a file must pass before it is edited.
//
// It knows no file format and touches no file: the format packages (python,
// compose, pyproject, requirements, dotenv, alembic) parse with their real parsers, decide where
// an edit goes, and use this package to make it; package filetx reads the
// files and commits the results to disk.
package rewrite
