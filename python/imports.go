package python

import (
	"fmt"
	"iter"
	"slices"
	"strings"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/paxx-dev/paxx/rewrite"
)

// Import is one name a module needs at run time: `from Module import Name`.
type Import struct {
	Module string // "pydantic", "typing"
	Name   string // "SecretStr"
}

// importBlock is what AddImports reads from a module's top level: a
// view of its import statements.
type importBlock struct {
	// leading is the import statements before the first definition or
	// other code that could use a name, in order.
	leading []importStmt
	// bound holds the names that the imports of the leading block bind:
	// an import below the first definition comes too late for it.
	bound map[string]bool
	// wildcards holds the modules imported with `from M import *`.
	wildcards map[string]bool
	// docEnd is the offset past the module docstring's line, or 0.
	docEnd int
}

// AddImports makes sure that the module binds each name at its top
// level before its first class or function, as annotations need at run
// time. A name already bound there by an import (from any module, or by
// `from Module import *`) is left alone; imports inside `if TYPE_CHECKING:`
// or functions, and those below the first definition, do not count.
// A missing name joins an existing top-level `from Module import ...`
// statement — on a line of its own in a parenthesised, one-name-per-line
// import, inline otherwise — at its sorted place when the names are sorted
// (isort's order by type: CONSTANTS, Classes, functions), else at the end.
// Without such a statement, a new `from Module import ...` line goes among
// the module's leading imports: after the last one of the same kind
// (standard library or not) whose module sorts before it, else before the
// first of its kind, else after the last import, and never before
// `from __future__` imports; a module without imports gets it after its
// docstring. Line endings, a BOM and a missing final newline follow the
// file.
//
// When every name is bound, it returns f itself with no actions. The
// output is parsed again and must bind every name, with every input byte
// kept; otherwise the result is an error, never output. It returns the
// module as that check parsed it, so that the next edit need not parse it
// once more.
func (f *File) AddImports(imports []Import) (*File, []rewrite.Action, error) {
	return f.addImportsFirst(imports, nil)
}

// addImportsFirst is AddImports with the dotted modules firstParty
// known to be the project's: their top-level packages are first-party
// (see newSections).
func (f *File) addImportsFirst(imports []Import, firstParty []string) (*File, []rewrite.Action, error) {
	f, err := f.loaded()
	if err != nil {
		return nil, nil, err
	}
	if err := validateImports(f.path, imports); err != nil {
		return nil, nil, err
	}
	whole, err := f.complete()
	if err != nil {
		return nil, nil, err
	}
	g, actions, err := whole.addImports(imports, firstParty)
	if err == nil && g != whole && g.whole != nil {
		// The check read the result's imports only. Import lines hold no
		// string and no annotation, so the style is the input's: the next
		// edit (AddFields, after the imports its types need) need not parse
		// the module again to read it.
		g.quote, g.unions, g.whole = whole.quote, whole.unions, nil
	}
	return g, actions, err
}

// addImportsTo parses src and adds the imports, returning the edited
// bytes: RemoveImports tries it on candidates, each parsed once, with the
// first-party modules that the addition had.
func addImportsTo(path string, src []byte, imports []Import, firstParty []string) ([]byte, error) {
	if err := validateImports(path, imports); err != nil {
		return nil, err
	}
	f, err := parseChecked(path, src, readImportBlock)
	if err != nil {
		return nil, err
	}
	g, _, err := f.addImports(imports, firstParty)
	if err != nil {
		return nil, err
	}
	return g.src, nil
}

// validateImports rejects an import that is not a module and a name.
func validateImports(path string, imports []Import) error {
	for _, im := range imports {
		if !isDottedName(im.Module) || !isIdentifier(im.Name) {
			return fmt.Errorf("%s: import %q from %q: not a Python module and name", path, im.Name, im.Module)
		}
	}
	return nil
}

// addImports adds the missing imports to f, whose import block has been
// read, and returns the result as verifyImports parsed it. firstParty
// names modules of the project besides those newSections finds.
func (f *File) addImports(imports []Import, firstParty []string) (*File, []rewrite.Action, error) {
	path, src, blk := f.path, f.src, f.imports
	secs := newSections(path, firstParty)
	missing := blk.missing(imports)
	if len(missing) == 0 {
		return f, nil, nil
	}
	var modules []string // in the order first asked for
	byModule := map[string][]string{}
	for _, im := range missing {
		if len(byModule[im.Module]) == 0 {
			modules = append(modules, im.Module)
		}
		byModule[im.Module] = append(byModule[im.Module], im.Name)
	}
	// One module at a time, each placed in the source as the previous
	// ones left it, so that new statements find each other.
	// The first module reads src as parsed above; each later one reads
	// the output of the one before it, which always changed.
	cur, out := f, src
	for i, mod := range modules {
		if i > 0 {
			var err error
			if cur, blk, err = readImports(path, out); err != nil {
				return nil, nil, err
			}
		}
		nl := rewrite.Newline(out)
		var edits []rewrite.Edit
		if fi := blk.lastFrom(mod); fi != nil {
			edits = cur.extend(fi, byModule[mod], nl)
		} else {
			edits = []rewrite.Edit{cur.newImport(blk, mod, byModule[mod], nl, secs)}
		}
		next, err := rewrite.Apply(out, edits)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: adding imports: %w", path, err)
		}
		out = next
	}
	return verifyImports(path, src, out, missing)
}

// readImports parses src and reads its top-level imports.
func readImports(path string, src []byte) (*File, *importBlock, error) {
	f, err := parseChecked(path, src, readImportBlock)
	if err != nil {
		return nil, nil, err
	}
	return f, f.imports, nil
}

// readImportBlock reads the leading import block among top, the module's
// named children, whose import statements stmts holds (importStatements).
func (f *File) readImportBlock(top []*sitter.Node, stmts []importStmt) *importBlock {
	src := f.src
	blk := &importBlock{bound: map[string]bool{}, wildcards: map[string]bool{}}
	code := false // a statement other than an import or the docstring was seen
	first := true // no statement seen yet
	next := 0     // the statement of stmts to look at next
	for _, n := range top {
		typ := f.typeOf(n)
		if typ == "comment" {
			continue
		}
		wasFirst := first
		first = false
		if isImport(typ) {
			start := int(n.StartByte())
			for next < len(stmts) && (stmts[next].guarded || stmts[next].start < start) {
				next++
			}
			if code || next == len(stmts) || stmts[next].start != start {
				continue // late, or (never) not among stmts
			}
			blk.add(stmts[next])
			continue
		}
		if wasFirst && f.isDocstring(n) {
			blk.docEnd = rewrite.LineEnd(src, int(n.EndByte()))
			continue
		}
		switch typ {
		case "class_definition", "function_definition", "decorated_definition":
			code = true
		case "expression_statement", "if_statement", "try_statement":
			// sys.path tweaks, TYPE_CHECKING blocks and optional
			// imports may sit among the imports; they do not end them.
		default:
			code = true
		}
	}
	return blk
}

// add records a leading import statement and the names it binds.
func (b *importBlock) add(s importStmt) {
	b.leading = append(b.leading, s)
	for _, n := range s.names {
		b.bound[s.bound(n)] = true
	}
	if s.wildcard {
		b.wildcards[s.module] = true
	}
}

// froms yields the leading `from M import ...` statements but future
// imports.
func (b *importBlock) froms() iter.Seq[*importStmt] {
	return func(yield func(*importStmt) bool) {
		for i := range b.leading {
			if s := &b.leading[i]; s.from && !s.isFuture() && !yield(s) {
				return
			}
		}
	}
}

// isDocstring reports whether a statement is a bare string expression.
func (f *File) isDocstring(n *sitter.Node) bool {
	if f.typeOf(n) != "expression_statement" {
		return false
	}
	c := f.onlyNamedChild(n)
	return c != nil && (f.typeOf(c) == "string" || f.typeOf(c) == "concatenated_string")
}

// missing returns the imports whose names the module does not bind, each
// once, in the order asked.
func (b *importBlock) missing(imports []Import) []Import {
	var out []Import
	seen := map[string]bool{}
	for _, im := range imports {
		if b.bound[im.Name] || b.wildcards[im.Module] || seen[im.Name] {
			continue
		}
		seen[im.Name] = true
		out = append(out, im)
	}
	return out
}

// lastFrom returns the last top-level non-wildcard `from mod import`, or
// nil.
func (b *importBlock) lastFrom(mod string) *importStmt {
	for i := len(b.leading) - 1; i >= 0; i-- {
		if s := &b.leading[i]; s.from && s.module == mod && !s.wildcard && len(s.names) > 0 {
			return s
		}
	}
	return nil
}

// extend returns the edits that add names to an existing from-import.
func (f *File) extend(fi *importStmt, names []string, nl string) []rewrite.Edit {
	var have []string
	for _, c := range fi.names {
		have = append(have, string(f.src[c.start:c.end]))
	}
	sorted := slices.IsSortedFunc(have, compareImportNames)
	perLine := fi.open >= 0 && f.onePerLine(fi)
	var edits []rewrite.Edit
	for _, name := range names {
		at := len(fi.names) // insert before fi.names[at]; len means append
		if sorted {
			at, _ = slices.BinarySearchFunc(have, name, compareImportNames)
		}
		switch {
		case perLine && at < len(fi.names):
			start := rewrite.LineStart(f.src, fi.names[at].start)
			indent := rewrite.Indentation(f.src, start)
			edits = append(edits, rewrite.Edit{Start: start, End: start, Text: indent + name + "," + nl})
		case perLine:
			last := fi.names[len(fi.names)-1]
			end := last.end
			indent := rewrite.Indentation(f.src, end)
			if comma := last.comma; comma < 0 {
				// No trailing comma: give the last name one and keep the
				// style for the new last name.
				edits = append(edits, rewrite.Edit{Start: end, End: end, Text: ","})
				lineEnd := rewrite.LineEnd(f.src, end)
				edits = append(edits, rewrite.Edit{Start: lineEnd, End: lineEnd, Text: indent + name + nl})
			} else {
				lineEnd := rewrite.LineEnd(f.src, last.comma)
				edits = append(edits, rewrite.Edit{Start: lineEnd, End: lineEnd, Text: indent + name + "," + nl})
			}
		case at < len(fi.names):
			start := fi.names[at].start
			edits = append(edits, rewrite.Edit{Start: start, End: start, Text: name + ", "})
		default:
			end := fi.names[len(fi.names)-1].end
			edits = append(edits, rewrite.Edit{Start: end, End: end, Text: ", " + name})
		}
	}
	return edits
}

// onePerLine reports whether each imported name of a parenthesised import
// has a line of its own, apart from the parentheses.
func (f *File) onePerLine(fi *importStmt) bool {
	lines := map[int]bool{f.line(fi.open): true}
	for _, c := range fi.names {
		l := f.line(c.start)
		if lines[l] {
			return false
		}
		lines[l] = true
	}
	return true
}

// newImport returns the edit that adds a `from mod import names` line.
func (f *File) newImport(blk *importBlock, mod string, names []string, nl string, secs sections) rewrite.Edit {
	slices.SortFunc(names, compareImportNames)
	line := "from " + mod + " import " + strings.Join(names, ", ")
	src := f.src
	at, before, after := f.importPlace(blk, mod, secs)
	text := line + nl
	if before {
		text = nl + text
	}
	if after {
		text += nl
	}
	if at == len(src) && !rewrite.EndsWithNewline(src) {
		// The last line lacks its break: supply it, and leave the file
		// without a final newline as it was.
		text = nl + strings.TrimSuffix(text, nl)
	}
	return rewrite.Edit{Start: at, End: at, Text: text}
}

// importPlace returns where a new from-import of mod goes, and whether a
// blank line goes before or after it to keep the sections apart.
func (f *File) importPlace(blk *importBlock, mod string, secs sections) (at int, blankBefore, blankAfter bool) {
	at, blankBefore, blankAfter = f.importPlaceRaw(blk, mod, secs)
	return max(at, f.bom), blankBefore, blankAfter
}

// importPlaceRaw is importPlace before a BOM is stepped over. The leading
// imports fall into groups (separated by blank lines, as isort writes its
// sections); a module goes into the first group that holds its section,
// at its place as that group sorts the section (placeInSection). Without
// such a group it starts a section of its own in section order:
// __future__, standard library, third-party, first-party, relative.
func (f *File) importPlaceRaw(blk *importBlock, mod string, secs sections) (at int, blankBefore, blankAfter bool) {
	src := f.src
	kind := secs.kind(mod)
	endOf := func(n importStmt) int { return rewrite.LineEnd(src, n.end) }
	for _, g := range f.importGroups(blk.leading) {
		var same []importStmt
		for _, s := range g {
			if secs.kind(s.firstModule()) == kind {
				same = append(same, s)
			}
		}
		if len(same) == 0 {
			continue
		}
		if after := placeInSection(same, mod); after != nil {
			return endOf(*after), false, false
		}
		return rewrite.LineStart(src, same[0].start), false, false
	}
	// A section of its own: after the last import of an earlier section,
	// or before the first of a later one.
	var after *importStmt
	for i := range blk.leading {
		if secs.kind(blk.leading[i].firstModule()) < kind {
			after = &blk.leading[i]
		}
	}
	switch {
	case after != nil:
		return endOf(*after), true, false
	case len(blk.leading) > 0:
		return rewrite.LineStart(src, blk.leading[0].start), false, true
	case blk.docEnd > 0:
		return blk.docEnd, true, blk.docEnd < len(src)
	}
	start := f.bom
	// Keep a shebang, an encoding line and a leading comment block first.
	for start < len(src) && src[start] == '#' {
		start = rewrite.LineEnd(src, start)
	}
	// The new section is followed by a blank line whatever comes next, so
	// blank lines that were there stay after it as well: the module before
	// the addition is the only one it comes from.
	return start, start > f.bom, start < len(src)
}

// importGroups splits the leading imports where a blank line or other code
// comes between two of them.
func (f *File) importGroups(stmts []importStmt) [][]importStmt {
	var groups [][]importStmt
	for i, n := range stmts {
		if i == 0 || f.separated(stmts[i-1], n) {
			groups = append(groups, nil)
		}
		groups[len(groups)-1] = append(groups[len(groups)-1], n)
	}
	return groups
}

// separated reports whether a blank line or a line other than a comment
// lies between two statements.
func (f *File) separated(a, b importStmt) bool {
	from, to := rewrite.LineEnd(f.src, a.end), rewrite.LineStart(f.src, b.start)
	for off := from; off < to; off = rewrite.LineEnd(f.src, off) {
		line := strings.TrimSpace(string(f.src[off:rewrite.LineEnd(f.src, off)]))
		if line == "" || line[0] != '#' {
			return true
		}
	}
	return from > to // two statements on one line (`import a; import b`)
}

// verifyImports parses out and checks that it binds every name, keeping
// every byte of src. It returns out parsed (as far as the check reads it)
// and one action per name.
func verifyImports(path string, src, out []byte, added []Import) (*File, []rewrite.Action, error) {
	fail := func(format string, args ...any) error {
		return rewrite.Errorf(rewrite.ErrRefused, path, 0, 0,
			"adding imports would not give the intended Python: %s", fmt.Sprintf(format, args...)).
			WithHint("add the imports by hand")
	}
	if !rewrite.IsInsertOnly(src, out) {
		return nil, nil, fail("the edit would change existing text")
	}
	g, blk, err := readImports(path, out)
	if err != nil {
		return nil, nil, fail("%v", err)
	}
	var actions []rewrite.Action
	for _, im := range added {
		if !blk.bound[im.Name] {
			return nil, nil, fail("%s is still not imported", im.Name)
		}
		line := 0
		for fi := range blk.froms() {
			for _, c := range fi.names {
				if fi.module == im.Module && c.name == im.Name && fi.bound(c) == im.Name {
					line = g.line(c.start)
				}
			}
		}
		actions = append(actions, rewrite.Action{Line: line, What: fmt.Sprintf("import of %s from %s", im.Name, im.Module)})
	}
	return g, actions, nil
}

// compareImportNames orders imported names as isort's default profile
// does: CONSTANTS, then Classes, then everything else, each group by name
// ignoring case.
func compareImportNames(a, b string) int {
	if c := importRank(a) - importRank(b); c != 0 {
		return c
	}
	return strings.Compare(strings.ToLower(a), strings.ToLower(b))
}

// importRank is the group of a name under isort's order by type.
func importRank(name string) int {
	base, _, _ := strings.Cut(name, " ") // "a as b" sorts by a
	switch {
	case len(base) > 1 && strings.ToUpper(base) == base:
		return 0
	case base != "" && base[0] >= 'A' && base[0] <= 'Z':
		return 1
	}
	return 2
}

// isDottedName reports whether s is a dotted Python module path.
func isDottedName(s string) bool {
	for part := range strings.SplitSeq(s, ".") {
		if !isIdentifier(part) {
			return false
		}
	}
	return true
}
