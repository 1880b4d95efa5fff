package pyproject

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/paxx-dev/paxx/rewrite"
	"github.com/pelletier/go-toml/v2/unstable"
)

// TargetKind says which declaration holds a project's runtime dependencies.
type TargetKind int

const (
	// PEP621 is the dependencies array of the [project] table, the standard
	// place (PEP 621), created when [project] has no dependencies key yet.
	PEP621 TargetKind = iota + 1
	// Poetry is the [tool.poetry.dependencies] table of a Poetry project.
	Poetry
	// Requirements is a requirements file that the build backend reads the
	// dependencies from (dynamic metadata), or that a project without
	// pyproject.toml uses.
	Requirements
	// DependencyGroup is a PEP 735 group, the array [dependency-groups].NAME
	// (uv's and PDM's groups): where the runtime dependencies go when the
	// image installs only that group (`uv sync --only-group NAME`).
	DependencyGroup
	// OptionalDependencies is an extra, the array
	// [project.optional-dependencies].NAME.
	OptionalDependencies
	// PoetryGroup is a Poetry group's table,
	// [tool.poetry.group.NAME.dependencies]: where the runtime dependencies
	// go when the image runs `poetry install --only NAME`.
	PoetryGroup
	// PDMDevGroup is a group of PDM's own dev-dependencies table, the array
	// [tool.pdm.dev-dependencies].NAME.
	PDMDevGroup
)

// String returns the kind's name as paxx prints it.
func (k TargetKind) String() string {
	switch k {
	case PEP621:
		return "[project].dependencies"
	case Poetry:
		return "[tool.poetry.dependencies]"
	case Requirements:
		return "requirements file"
	case DependencyGroup:
		return "[dependency-groups]"
	case OptionalDependencies:
		return "[project.optional-dependencies]"
	case PoetryGroup:
		return "[tool.poetry.group]"
	case PDMDevGroup:
		return "[tool.pdm.dev-dependencies]"
	}
	return fmt.Sprintf("TargetKind(%d)", int(k))
}

// Target says where the project's runtime dependencies really live, so that
// paxx adds a requirement where the build reads it.
type Target struct {
	Kind TargetKind
	// Path is the requirements file, for Requirements: a slash-separated
	// path relative to the project root.
	Path string
	// Group is the group's or extra's name, for DependencyGroup,
	// OptionalDependencies, PoetryGroup and PDMDevGroup.
	Group string
}

// Where names the place the target stands for as paxx prints it:
// "[project].dependencies", "[dependency-groups].server",
// "[tool.poetry.group.server.dependencies]", or the requirements file.
func (t Target) Where() string {
	switch t.Kind {
	case Requirements:
		return t.Path
	case Poetry, PoetryGroup:
		return "[" + dotted(t.tablePath()) + "]"
	case DependencyGroup, OptionalDependencies, PDMDevGroup:
		return arrayName(t.arrayPath())
	}
	return t.Kind.String()
}

// grouped reports whether the target's kind names a group.
func (t Target) grouped() bool {
	switch t.Kind {
	case DependencyGroup, OptionalDependencies, PoetryGroup, PDMDevGroup:
		return true
	}
	return false
}

// arrayPath is the key path of the array of requirement strings the
// target stands for, nil for a table or a requirements file.
func (t Target) arrayPath() []string {
	switch t.Kind {
	case PEP621:
		return dependenciesPath()
	case DependencyGroup:
		return []string{"dependency-groups", t.Group}
	case OptionalDependencies:
		return []string{"project", "optional-dependencies", t.Group}
	case PDMDevGroup:
		return []string{"tool", "pdm", "dev-dependencies", t.Group}
	}
	return nil
}

// tablePath is the path of the Poetry table of `name = constraint` keys
// the target stands for, nil for an array or a requirements file.
func (t Target) tablePath() []string {
	switch t.Kind {
	case Poetry:
		return poetryDepsPath()
	case PoetryGroup:
		return []string{"tool", "poetry", "group", t.Group, "dependencies"}
	}
	return nil
}

// check refuses a target that names no place: a group kind without a
// group's name, or an unknown kind.
func (t Target) check() error {
	if t.grouped() && t.Group == "" {
		return fmt.Errorf("pyproject: a %s target needs a group's name", t.Kind)
	}
	if t.arrayPath() == nil && t.tablePath() == nil && t.Kind != Requirements {
		return fmt.Errorf("pyproject: no dependency target of kind %s", t.Kind)
	}
	return nil
}

// The table paths the target depends on, as functions so that every
// caller gets a slice of its own.
func projectPath() []string      { return []string{"project"} }
func dependenciesPath() []string { return []string{"project", "dependencies"} }
func dynamicPath() []string      { return []string{"project", "dynamic"} }
func poetryDepsPath() []string   { return []string{"tool", "poetry", "dependencies"} }

// DependencyTarget tells where the project's runtime dependencies are
// declared:
//
//   - [project] with a dependencies array, or without the key (AddDependency
//     creates it): PEP621;
//   - [project].dynamic listing "dependencies": the first file of
//     [tool.setuptools.dynamic] dependencies = {file = [...]} or of
//     hatch-requirements-txt's [tool.hatch.metadata.hooks.requirements_txt]
//     files, as Requirements; else Poetry's table when there is one; else a
//     refusal, since paxx cannot tell which tool provides them;
//   - [tool.poetry.dependencies] when [project] declares none: Poetry;
//   - neither [project] nor Poetry's table: a refusal, for paxx will not
//     create a half-made [project] table.
func (f *File) DependencyTarget() (Target, error) {
	project, isTable := lookup(f.data, projectPath()...).(map[string]any)
	if _, exists := f.data["project"]; exists && !isTable {
		return Target{}, f.refused(projectPath(), "project is not a table").
			WithHint("write it as a [project] table (PEP 621)")
	}
	_, hasPoetry := lookup(f.data, poetryDepsPath()...).(map[string]any)
	if !isTable {
		if hasPoetry {
			return Target{Kind: Poetry}, nil
		}
		return Target{}, rewrite.Errorf(rewrite.ErrRefused, f.path, 0, 0,
			"no [project] table and no [tool.poetry.dependencies]: paxx does not know where the project's dependencies go").
			WithHint("add a [project] table with the project's name, version and dependencies (PEP 621), then run paxx again")
	}
	if deps, ok := project["dependencies"]; ok {
		if _, ok := deps.([]any); !ok {
			return Target{}, f.refused(dependenciesPath(), "[project].dependencies is %s, not an array", tomlType(deps)).
				WithHint("write it as an array of requirement strings (PEP 621)")
		}
		return Target{Kind: PEP621}, nil
	}
	if dynamic, _ := project["dynamic"].([]any); slices.Contains(dynamic, any("dependencies")) {
		return f.dynamicTarget(hasPoetry)
	}
	if hasPoetry {
		return Target{Kind: Poetry}, nil
	}
	if _, ok := f.doc.site(projectPath()); !ok {
		return Target{}, f.refused(projectPath(), "[project] has no place for a dependencies key: it is an inline table or exists only through its sub-tables").
			WithHint("write a [project] table header with the project's name and version, then run paxx again")
	}
	return Target{Kind: PEP621}, nil
}

// dynamicTarget finds the file a build backend reads dynamic dependencies
// from.
func (f *File) dynamicTarget(hasPoetry bool) (Target, error) {
	for _, p := range [][]string{
		{"tool", "setuptools", "dynamic", "dependencies", "file"},
		{"tool", "hatch", "metadata", "hooks", "requirements_txt", "files"},
	} {
		var file string
		switch v := lookup(f.data, p...).(type) {
		case string:
			file = v
		case []any:
			if len(v) > 0 {
				file, _ = v[0].(string)
			}
		}
		if file == "" {
			continue
		}
		clean := path.Clean(strings.ReplaceAll(file, `\`, "/"))
		if path.IsAbs(clean) || clean == ".." || strings.HasPrefix(clean, "../") {
			return Target{}, f.refused(p, "the dependencies are read from %q, outside the project", file).
				WithHint("add the requirement to that file yourself")
		}
		return Target{Kind: Requirements, Path: clean}, nil
	}
	if hasPoetry {
		return Target{Kind: Poetry}, nil
	}
	return Target{}, f.refused(dynamicPath(), "[project].dynamic lists \"dependencies\", but paxx cannot tell which file or tool provides them").
		WithHint(`declare them in [project].dependencies, or point setuptools at a file with [tool.setuptools.dynamic] dependencies = {file = ["requirements.txt"]}`)
}

// refused returns a refusal placed at what the file writes at path.
func (f *File) refused(path []string, format string, args ...any) *rewrite.Error {
	if off := f.doc.find(path); off >= 0 {
		return rewrite.RefusedAt(f.path, f.src, off, format, args...)
	}
	return rewrite.Errorf(rewrite.ErrRefused, f.path, 0, 0, format, args...)
}

// tomlType names a decoded value's TOML type for messages.
func tomlType(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case map[string]any:
		return "a table"
	case []any:
		return "an array"
	case bool:
		return "a boolean"
	case int64, float64:
		return "a number"
	}
	return "a date or time"
}

// kindName names a parsed value's kind for messages.
func kindName(k unstable.Kind) string {
	switch k {
	case unstable.String:
		return "a string"
	case unstable.Array:
		return "an array"
	case unstable.InlineTable:
		return "an inline table"
	case unstable.Bool:
		return "a boolean"
	case unstable.Integer, unstable.Float:
		return "a number"
	}
	return "a date or time"
}
