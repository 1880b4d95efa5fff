// Package requirements reads Python requirements and edits pip
// requirements files.
//
// It parses PEP 508 dependency specifications (ParseRequirement), matches
// distribution names as installers do (PEP 503, NormalizeName), compares
// PEP 440 versions, and decides whether a requirement already declared
// rules out the versions a new one needs: a PEP 440 specifier set
// (Requirement.Excludes) or a Poetry version constraint (PoetryExcludes),
// with Conflict choosing, among several declarations of one name, the one
// that conflicts. Package pyproject uses it for the dependency tables of
// pyproject.toml.
//
// Parse reads a requirements.txt file the way pip reads it (comments,
// options, continuation lines) into a File, whose AddLine and RemoveLine
// edit it line by line as small splices into the original bytes (see
// package rewrite): every other byte of the file stays as it was. Each
// returns the new File and the actions it took, as the other format
// packages' edits do.
package requirements
