// Package compose reads and edits Docker Compose files without
// re-serialising them.
//
// gopkg.in/yaml.v3 parses the file into nodes that say where every key and
// value starts; the edits are then spliced into the original bytes with
// rewrite.Apply, so comments, blank lines, anchors, quoting and line endings
// stay exactly as the person wrote them. Inserted text follows the file's own
// style: its indentation unit, its sequence indentation, its blank-line
// spacing, its quote character and its line endings.
//
// Every Add function is an "ensure": when the thing is already there it
// returns the source unchanged and no actions. Each has a method twin on
// File that takes the file already parsed and returns the edited file
// parsed, for callers that make several edits in a row. After each edit the result is
// parsed again and decoded, and the decoded document must equal the original
// one plus exactly the intended addition; otherwise nothing is returned but
// an error.
package compose
