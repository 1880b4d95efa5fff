package dotenv

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/paxx-dev/paxx/rewrite"
)

// Var is one variable to ensure in a .env file.
type Var struct{ Name, Value string }

// AddVars returns f with each of vars that it does not set yet (see
// Names) added, and one action per variable added. When f has a comment
// naming section ("# Redis"), the variables join the end of that section;
// otherwise they are appended as a new group under such a comment, after
// as many blank lines as the file puts between its sections (one by
// default, none in an empty file). Added lines follow the file's line
// breaks, its "export " and "NAME = value" habits and its quote style;
// values are quoted only when they need it. A file without a final line
// break keeps it that way. When every variable is set, f itself comes
// back with no actions. An empty section adds the lines without a comment
// and without a blank line.
//
// Lines python-dotenv cannot read are left alone, as it skips them. The
// result is read back, and AddVars refuses (ErrRefused) when the added
// lines would not read as the variables they set — as after a quote that
// is never closed. The File returned is that reading of the result.
func (f *File) AddVars(section string, vars []Var) (*File, []rewrite.Action, error) {
	if !utf8.ValidString(section) || strings.ContainsAny(section, "\x00\r\n") {
		return nil, nil, fmt.Errorf("dotenv: section %q is not one line of text", section)
	}
	vars, err := checkVars(vars)
	if err != nil {
		return nil, nil, err
	}
	src, entries := f.src, f.entries
	set := names(entries)
	var missing []Var
	for _, v := range vars {
		if !slices.Contains(set, v.Name) {
			missing = append(missing, v)
		}
	}
	if len(missing) == 0 {
		return f, nil, nil
	}
	st := learnStyle(src, entries)
	lines := make([]string, len(missing))
	for i, v := range missing {
		lines[i] = st.line(v)
	}
	ins := place(src, entries, st, strings.TrimSpace(section), lines)
	out, line, err := ins.Apply(src)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", f.path, err)
	}
	at := ins.Edits[0].Start
	// out is text: src is, and so are the added lines (checkVars and the
	// section check above), which go in at the end of a line.
	after := parse(out)
	if err := verify(f.path, src, out, at, missing, entries, after); err != nil {
		return nil, nil, err
	}
	// Each variable is one line (encodeValue escapes line breaks), and
	// they follow one another from the first, the insertion's mark.
	actions := make([]rewrite.Action, len(missing))
	for i, v := range missing {
		actions[i] = rewrite.Action{Line: line + i, What: "variable " + v.Name}
	}
	return &File{path: f.path, src: out, entries: after}, actions, nil
}
