// Package rewrite holds what every format-preserving rewriter in paxx shares:
// byte-range edits spliced into an original source, positions and errors tied
// to a place in a file, the line-ending and indentation conventions of a file,
// the set of file changes one command makes, their unified diff, and the
// all-or-nothing commit of those changes to disk.
//
// It knows no file format. The format packages (python, compose, pyproject,
// dotenv) parse with their real parsers, decide where an edit goes, and use
// this package to make it.
package rewrite
