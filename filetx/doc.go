// Package filetx is paxx's file transaction: reading the project files one
// command edits (ReadFile), the set of changes it makes (Change), their
// unified diff (Diff), and the all-or-nothing commit of those changes to
// disk (Commit) — under a lock file, with a check that nothing changed on
// disk since it was read, temporary files flushed and renamed, and a
// roll-back when any step fails.
//
// It also holds the rules for what paxx may read at all, in one place: a
// symbolic link along a path must end inside the project root, and no file
// is larger than MaxFileSize. ReadFile and Commit refuse what breaks them;
// discovery, which reads a project through a Root, passes it over.
//
// It knows no file format and edits no text: package rewrite does that.
package filetx
