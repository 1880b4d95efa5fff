package python

import (
	"fmt"
	"strings"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/paxx-dev/paxx/rewrite"
)

// NewField is a field the catalogue wants in the settings class.
type NewField struct {
	// Name is lower snake case; AddFields follows the class's case
	// convention (an Upper class gets REDIS_URL).
	Name string
	// Type is the annotation's source, e.g. "str", "SecretStr | None".
	Type string
	// Default is a Go value rendered as a Python literal: a string (in the
	// module's quote style), an integer, a float, a bool, nil for None, or
	// an Expr written as it is.
	Default any
	// Section is the comment that heads the group, e.g. "Redis" → `# Redis`.
	Section string
}

// group is the missing fields of one section, rendered.
type group struct {
	section string
	names   []string // the field names as the class writes them
	lines   []string // one `name: Type = default` per field, unindented
}

// AddFields ensures that the class has the fields. The missing ones (see
// Class.HasField) go in as one group per section: the class's blank-line
// spacing, `# Section`, one field per line. The group goes after the
// class's last field — after the field statement's last line, so that
// comments below it stay with what follows — and so before validators,
// methods and nested classes. A body without fields gets the group after
// its docstring, pass and model_config, or else at its top. When the class
// already has a group headed `# Section`, the fields join that group
// instead. Indentation, line endings, quotes, a BOM and a missing final
// newline follow the file.
//
// When every field is present, it returns f itself with no actions. The
// output is checked, and an edit that would not give the class exactly the
// new fields is an error, never output. Where the places the fields go in
// prove that nothing else can have changed, the check parses the inserted
// lines alone (see checkInsertion), and the module returned is parsed when
// first read; otherwise the check parses the whole output, and the module
// returned is that parse, so that the next edit need not parse it once
// more.
func (f *File) AddFields(class string, fields []NewField) (*File, []rewrite.Action, error) {
	f, err := f.loaded()
	if err != nil {
		return nil, nil, err
	}
	if err := validateFields(f.path, class, fields); err != nil {
		return nil, nil, err
	}
	whole, err := f.complete()
	if err != nil {
		return nil, nil, err
	}
	ins, err := whole.planFields(class, fields)
	if err != nil || ins == nil {
		return whole, nil, err
	}
	if actions, ok := whole.checkInsertion(ins.ci, ins.groups, ins.edits, ins.out); ok {
		return whole.unparsed(ins.out), actions, nil
	}
	return ins.verify(whole, nil)
}

// addFieldsTo parses src and adds the fields to its class, returning the
// edited bytes: RemoveFields tries it on many candidates, each parsed once,
// with the check parsing the result incrementally from the candidate's
// tree.
func addFieldsTo(path string, src []byte, class string, fields []NewField) ([]byte, error) {
	if err := validateFields(path, class, fields); err != nil {
		return nil, err
	}
	f, serr, tree, err := parseTree(path, src, readStyle, nil)
	if err != nil {
		return nil, err
	}
	defer tree.Close()
	if serr != nil {
		return nil, serr
	}
	ins, err := f.planFields(class, fields)
	if err != nil || ins == nil {
		return src, err
	}
	// Only the bytes are wanted: where the places the fields go in prove
	// that nothing else can have changed, parsing the inserted lines is
	// the whole check (see checkInsertion).
	if _, ok := f.checkInsertion(ins.ci, ins.groups, ins.edits, ins.out); ok {
		return ins.out, nil
	}
	g, _, err := ins.verify(f, tree)
	if err != nil {
		return nil, err
	}
	return g.src, nil
}

// fieldInsertion is the edit that adds fields to a class: the class, the
// missing fields by section, the insertions and their result.
type fieldInsertion struct {
	ci     *classInfo
	groups []group
	edits  []rewrite.Edit
	out    []byte
}

// planFields plans adding the fields to the class of f, whose style has
// been read: nil when the class has them all.
func (f *File) planFields(class string, fields []NewField) (*fieldInsertion, error) {
	ci, err := f.target(class)
	if err != nil {
		return nil, err
	}
	groups, err := f.missing(ci, fields)
	if err != nil {
		return nil, fmt.Errorf("%s: adding fields to %s: %w", f.path, class, err)
	}
	if len(groups) == 0 {
		return nil, nil
	}
	if ci.layout.inline || len(ci.layout.stmts) == 0 {
		return nil, rewrite.Errorf(rewrite.ErrRefused, f.path, ci.class.Line, 0,
			"the body of class %s is on the same line as its header", class).
			WithHint("put the class body on lines of its own, then run paxx again")
	}
	edits := f.edits(ci, groups)
	out, err := rewrite.Apply(f.src, edits)
	if err != nil {
		return nil, fmt.Errorf("%s: adding fields to %s: %w", f.path, class, err)
	}
	return &fieldInsertion{ci: ci, groups: groups, edits: edits, out: out}, nil
}

// verify checks the insertion into f, as the function verify does, with
// f's tree when the caller still has it (see addFieldsTo).
func (ins *fieldInsertion) verify(f *File, tree *sitter.Tree) (*File, []rewrite.Action, error) {
	var from *base
	if tree != nil {
		from = &base{src: f.src, tree: tree}
	}
	return verify(f.path, f.src, ins.out, ins.ci, ins.groups, from)
}

// validateFields rejects fields that would not be one line of Python each.
func validateFields(path, class string, fields []NewField) error {
	for _, nf := range fields {
		if err := nf.validate(); err != nil {
			return fmt.Errorf("%s: adding fields to %s: %w", path, class, err)
		}
	}
	return nil
}

// validate rejects a field that would not be one line of Python.
func (nf NewField) validate() error {
	if !isIdentifier(nf.Name) {
		return fmt.Errorf("field name %q is not a Python identifier", nf.Name)
	}
	if strings.TrimSpace(nf.Type) == "" || strings.ContainsAny(nf.Type, "\r\n#") {
		return fmt.Errorf("field %s: type %q must be one line of Python", nf.Name, nf.Type)
	}
	if strings.ContainsAny(nf.Section, "\r\n") {
		return fmt.Errorf("field %s: section %q must be one line", nf.Name, nf.Section)
	}
	return nil
}

// target returns the class to edit, refusing a name defined twice.
func (f *File) target(class string) (*classInfo, error) {
	ci := f.classInfo(class)
	if ci == nil {
		return nil, rewrite.Errorf(rewrite.ErrRefused, f.path, 0, 0, "no top-level class %s", class).
			WithHint("name the settings class with --settings PATH:Class")
	}
	for _, other := range f.classes {
		if other.class.Name == class && other.class.Line != ci.class.Line {
			return nil, rewrite.Errorf(rewrite.ErrRefused, f.path, ci.class.Line, 0,
				"class %s is defined twice (lines %d and %d)", class, other.class.Line, ci.class.Line).
				WithHint("remove or rename one of them, then run paxx again")
		}
	}
	return ci, nil
}

// missing returns the fields the class lacks, rendered and grouped by
// section in the order the sections first appear.
func (f *File) missing(ci *classInfo, fields []NewField) ([]group, error) {
	var groups []group
	added := Class{Config: ci.class.Config, Upper: ci.class.Upper}
	for _, nf := range fields {
		if _, ok := ci.class.HasField(nf.Name); ok {
			continue
		}
		if _, ok := added.HasField(nf.Name); ok {
			continue // named twice in one call
		}
		name := ci.class.FieldName(nf.Name)
		def, err := literal(nf.Default, f.quote)
		if err != nil {
			return nil, fmt.Errorf("field %s: %w", name, err)
		}
		added.Fields = append(added.Fields, Field{Name: name})
		k := len(groups) - 1
		for k >= 0 && groups[k].section != nf.Section {
			k--
		}
		if k < 0 {
			groups = append(groups, group{section: nf.Section})
			k = len(groups) - 1
		}
		groups[k].names = append(groups[k].names, name)
		groups[k].lines = append(groups[k].lines, fmt.Sprintf("%s: %s = %s", name, strings.TrimSpace(nf.Type), def))
	}
	return groups, nil
}

// edits renders the groups as insertions. Fields that join an existing
// group come first, so that they stay with their group when a new group
// goes in at the same offset.
func (f *File) edits(ci *classInfo, groups []group) []rewrite.Edit {
	src := f.src
	nl := rewrite.Newline(src)
	indent := ci.indent(src)
	spacing := ci.spacing(src)
	at := ci.place(src)
	var joined, fresh []rewrite.Edit
	for _, g := range groups {
		var lines []string
		for _, l := range g.lines {
			lines = append(lines, indent+l)
		}
		if pos, ok := ci.sectionEnd(src, g.section); ok {
			joined = append(joined, rewrite.Edit{Start: pos, End: pos, Text: joinLines(src, pos, lines, nl)})
			continue
		}
		if g.section != "" {
			lines = append([]string{indent + "# " + strings.TrimSpace(g.section)}, lines...)
		}
		blank := make([]string, spacing)
		if at.afterHeader {
			lines = append(lines, blank...)
		} else {
			lines = append(blank, lines...)
		}
		fresh = append(fresh, rewrite.Edit{Start: at.pos, End: at.pos, Text: joinLines(src, at.pos, lines, nl)})
	}
	return append(joined, fresh...)
}

// joinLines renders lines for insertion at pos. At the end of a file
// without a final newline, the text starts with the line break the last
// line lacks and ends without one, so the file still has no final newline;
// lead is then the length of that leading break.
func joinLines(src []byte, pos int, lines []string, nl string) string {
	body := strings.Join(lines, nl)
	if pos == len(src) && !rewrite.EndsWithNewline(src) {
		return nl + body
	}
	return body + nl
}

// verify parses the output and checks that the class has gained exactly
// the new fields, with every byte of the input kept. It returns out parsed
// (as far as the check reads it) and one action per new field, at the
// field's line in out. With a base (src and its tree), the parse is
// incremental: tree-sitter gives the tree a parse from scratch would,
// reusing what the insertion left alone, and the whole of out is read and
// checked as any parse reads and checks it.
func verify(path string, src, out []byte, ci *classInfo, groups []group, from *base) (*File, []rewrite.Action, error) {
	fail := func(format string, args ...any) error {
		return rewrite.Errorf(rewrite.ErrRefused, path, ci.class.Line, 0,
			"inserting fields into class %s would not give the intended Python: %s", ci.class.Name, fmt.Sprintf(format, args...)).
			WithHint("add the fields by hand")
	}
	if !rewrite.IsInsertOnly(src, out) {
		return nil, nil, fail("the edit would change existing text")
	}
	g, serr, tree, err := parseTree(path, out, 0, from)
	if err == nil {
		tree.Close()
		if serr != nil {
			err = serr
		}
	}
	if err != nil {
		return nil, nil, fail("%v", err)
	}
	after := g.classInfo(ci.class.Name)
	if after == nil {
		return nil, nil, fail("the class is gone")
	}
	want := len(ci.class.Fields)
	var actions []rewrite.Action
	for _, gr := range groups {
		want += len(gr.names)
		for i, name := range gr.names {
			fld, ok := after.class.HasField(name)
			if !ok || fld.Name+": "+fld.Type+" = "+fld.Default != gr.lines[i] {
				return nil, nil, fail("field %s does not read back as written", name)
			}
			actions = append(actions, rewrite.Action{Line: fld.Line, What: fmt.Sprintf("field %s in %s", name, ci.class.Name)})
		}
	}
	if len(after.class.Fields) != want {
		return nil, nil, fail("the class has %d fields, want %d", len(after.class.Fields), want)
	}
	return g, actions, nil
}

// isIdentifier reports whether s is an ASCII Python identifier that is not
// a keyword.
func isIdentifier(s string) bool {
	if s == "" || isKeyword(s) {
		return false
	}
	for i, r := range s {
		letter := r == '_' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z')
		if !letter && (i == 0 || r < '0' || r > '9') {
			return false
		}
	}
	return true
}

// isKeyword reports whether s is one of Python's reserved words.
func isKeyword(s string) bool {
	switch s {
	case "False", "None", "True", "and", "as", "assert", "async", "await", "break",
		"class", "continue", "def", "del", "elif", "else", "except", "finally", "for",
		"from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or",
		"pass", "raise", "return", "try", "while", "with", "yield":
		return true
	}
	return false
}
