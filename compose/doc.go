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
// Parse gives a *File; every edit is a method on it that returns the file
// after the edit, parsed again, and the actions it took (the line and what
// was done), so that a caller making several edits in a row parses the
// file once; Bytes gives the result to write. After each edit the result
// is parsed again and decoded, and the decoded document must equal the
// original one changed by exactly the intended edit; otherwise nothing is
// returned but an error.
//
// Every Add method is an "ensure": when the thing is already there it
// returns the file unchanged and no actions. Each Remove method is the
// inverse of an Add method: where the file was not edited since, it gives
// back the bytes from before the addition.
package compose
