package python

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"sync"
	"unicode/utf8"

	sitter "github.com/smacker/go-tree-sitter"
	tspython "github.com/smacker/go-tree-sitter/python"

	"github.com/paxx-dev/paxx/rewrite"
)

// File is a parsed Python module: its top-level classes and the module-level
// names that hand out instances of them.
type File struct {
	path    string
	src     []byte
	bom     int   // 3 when src starts with a UTF-8 byte order mark, else 0
	lines   []int // the offset of the start of each line
	classes []classInfo
	assigns []moduleAssign
	funcs   []moduleFunc
	dicts   []moduleDict
	// bindings are the names the module's top-level imports bind.
	bindings []binding
	quote    byte // the quote character most of the module's strings use
	unions   bool // annotations use PEP 604 unions; read with the quotes
	// imports is the module's leading import block, read when asked for.
	imports *importBlock
	// uses holds the names the module uses outside its imports, read
	// when asked for.
	uses map[string]bool
	// types names node types, indexed by grammar symbol, while parse
	// reads the tree (a name is filled in when first asked for), and is
	// nil after.
	types []string
	// named records which entries of types are filled in.
	named []bool
	// kids are the named children that parse has read, by parent (see
	// childrenOf), and clean reports that the tree has no syntax error
	// and the source no encoding error; both only while parse reads the
	// tree.
	kids  map[*sitter.Node][]child
	clean bool
	// baseNames and moduleNames are the names under which the module
	// imported BaseSettings and the modules that export it.
	baseNames, moduleNames []string
	// whole is nil when parse read everything (readAll); otherwise it
	// parses src again with every read, once, for the methods that need
	// what was left out (see complete).
	whole func() (*File, error)
	// pending is non-nil for a File that an edit returned without parsing
	// it, its check having proved the result valid (see AddFields): it
	// parses src, once, when the File is first read. Every exported method
	// but Bytes reads the File through loaded.
	pending func() (*File, error)
}

// loaded returns the File to read: f itself, or for a File an edit
// returned unparsed, its parse.
func (f *File) loaded() (*File, error) {
	if f.pending == nil {
		return f, nil
	}
	return f.pending()
}

// unparsed returns a File for src, the result of an edit of f that a check
// proved valid without parsing it whole: it is parsed when first read. A
// chain of edits that ends with it, which only wants the bytes, parses the
// result no more.
func (f *File) unparsed(src []byte) *File {
	path := f.path
	return &File{path: path, src: src, pending: sync.OnceValues(func() (*File, error) {
		return parseChecked(path, src, readAll)
	})}
}

// moduleAssign is a module-level `name = callee(...)` (or `name: T = callee(...)`).
type moduleAssign struct {
	name, callee string
	// annotation is the annotation's text (`name: T = ...`), or "".
	annotation string
	// targets are what the call may call, as calleeTargets reads them.
	targets []string
}

// moduleFunc is a module-level function, possibly decorated: its return
// annotation and the callees of the calls its return statements return.
type moduleFunc struct {
	name    string
	returns string
	calls   []string
	// targets are what the instances it returns may be instances of,
	// through its local names, as calleeTargets reads them.
	targets []string
}

// Parse parses Python source. A tree with ERROR or MISSING nodes is a
// *rewrite.Error of kind rewrite.ErrSyntax at the first such node's
// line:col; so is what tree-sitter's grammar accepts but Python 3 rejects
// (a Python 2 print statement, a dedent to no enclosing level). A leading
// UTF-8 BOM is fine.
//
// The File holds all that its edits need (the module's classes and names,
// its style, its imports), read from the one parse: a File is parsed to
// be edited.
func Parse(path string, src []byte) (*File, error) {
	return parseChecked(path, src, readAll)
}

// parseChecked parses src, reading what need asks for besides the module's
// classes and names, and returns a syntax error as the error.
func parseChecked(path string, src []byte, need reads) (*File, error) {
	f, serr, err := parse(path, src, need)
	if err != nil {
		return nil, err
	}
	if serr != nil {
		return nil, serr
	}
	return f, nil
}

// Bytes returns the module's source: the bytes f was parsed from, which
// for a File an edit returned are the edited module, to write back. They
// belong to f: the caller must not change them.
func (f *File) Bytes() []byte {
	return f.src
}

// parse builds a File even when the source has syntax errors, from
// tree-sitter's error-recovered tree, and reports the first syntax error
// separately: discovery uses the partial file to tell whether a broken file
// would have been a candidate at all. err is a failure of the parser itself.
// need asks for what only some callers use, read from the same tree so
// that no caller parses the same bytes twice; the methods that use what
// need left out get it through complete.
func parse(path string, src []byte, need reads) (*File, *rewrite.Error, error) {
	f, serr, tree, err := parseTree(path, src, need, nil)
	if tree != nil {
		tree.Close()
	}
	return f, serr, err
}

// base is a parse to start from: a source and its tree.
type base struct {
	src  []byte
	tree *sitter.Tree
}

// parseTree is parse, also returning the tree, which the caller closes.
// With a base, tree-sitter parses src incrementally: it reuses the parts
// of the base's tree that the change from the base's source to src left
// alone, which gives the tree a parse from scratch gives, for less work.
// The base's tree is not changed.
func parseTree(path string, src []byte, need reads, from *base) (*File, *rewrite.Error, *sitter.Tree, error) {
	p := sitter.NewParser()
	defer p.Close()
	lang := tspython.GetLanguage()
	p.SetLanguage(lang)
	var old *sitter.Tree
	if from != nil {
		old = from.tree.Copy()
		defer old.Close()
		old.Edit(change(from.src, src))
	}
	tree, err := p.ParseCtx(context.Background(), old, src)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("%s: parsing Python: %w", path, err)
	}
	root := tree.RootNode()

	symbols := int(lang.SymbolCount())
	f := &File{path: path, src: src, lines: lineStarts(src), types: make([]string, symbols), named: make([]bool, symbols),
		kids: map[*sitter.Node][]child{}}
	if bytes.HasPrefix(src, []byte(rewrite.BOM)) {
		f.bom = len(rewrite.BOM)
	}
	// Python refuses a NUL byte and, without a coding declaration, bytes
	// that are not UTF-8; tree-sitter accepts both.
	serr := rewrite.CheckEncoding(path, src)
	switch {
	case serr != nil:
	case root.HasError():
		// Python reads a lone CR as a line break, tree-sitter does not:
		// that is the error to name.
		if serr = rewrite.CheckLoneCR(path, src); serr == nil {
			serr = f.syntaxError(root)
		}
	default:
		f.clean = need&readNodes == 0
		serr = f.checkPython3(root)
	}
	top := nodes(f.childrenOf(root, "module"))
	stmts := f.readModule(top)
	f.quote = '"'
	if need&readStyle != 0 {
		f.quote, f.unions, err = f.readStyle(root)
		if err != nil {
			tree.Close()
			return nil, nil, nil, fmt.Errorf("%s: reading Python: %w", path, err)
		}
	}
	if need&readImportBlock != 0 {
		f.imports = f.readImportBlock(top, stmts)
	}
	if need&readUses != 0 {
		f.uses = f.readUses(root)
	}
	if need&readAll != readAll {
		f.whole = sync.OnceValues(func() (*File, error) { return parseChecked(path, src, readAll) })
	}
	// The tree is the caller's; nothing asks for a node's type or
	// children again.
	f.types, f.named, f.kids, f.clean = nil, nil, nil, false
	return f, serr, tree, nil
}

// change returns the edit that turns old into new, for tree-sitter: the
// span between their common prefix and their common suffix.
func change(old, new []byte) sitter.EditInput {
	prefix := 0
	for prefix < len(old) && prefix < len(new) && old[prefix] == new[prefix] {
		prefix++
	}
	suffix := 0
	for suffix < len(old)-prefix && suffix < len(new)-prefix && old[len(old)-1-suffix] == new[len(new)-1-suffix] {
		suffix++
	}
	return sitter.EditInput{
		StartIndex:  uint32(prefix),
		OldEndIndex: uint32(len(old) - suffix),
		NewEndIndex: uint32(len(new) - suffix),
		StartPoint:  point(old, prefix),
		OldEndPoint: point(old, len(old)-suffix),
		NewEndPoint: point(new, len(new)-suffix),
	}
}

// point returns tree-sitter's position of byte offset off in src: its
// 0-based row and byte column.
func point(src []byte, off int) sitter.Point {
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	return sitter.Point{Row: uint32(bytes.Count(src[:off], []byte("\n"))), Column: uint32(off - start)}
}

// reads is a set of the optional things parse reads from the tree.
type reads uint8

const (
	// readStyle reads the module's quote style and whether its
	// annotations use unions: a walk over the whole tree.
	readStyle reads = 1 << iota
	// readImportBlock reads the module's leading imports.
	readImportBlock
	// readUses reads the names the module uses outside its imports (see
	// readUses): a walk over the whole tree that only RemoveImports
	// needs, and so not part of readAll.
	readUses

	// readAll is every optional read.
	readAll = readStyle | readImportBlock

	// readNodes reads plain fields from their nodes too, not from their
	// text: the reading that tests compare the quicker one with.
	readNodes reads = 1 << 7
)

// complete returns f with every optional read: f itself when parse read
// them all, else f's source parsed again in full, once. An edit's check
// reads only what it checks, and the File it returns completes itself
// only when a later edit needs more: most commands make one edit per file.
func (f *File) complete() (*File, error) {
	if f.whole == nil {
		return f, nil
	}
	return f.whole()
}

// typeOf returns the type of n, as n.Type does, but copies each type's
// name out of the parser only once: whole-tree walks ask for the type of
// every node.
func (f *File) typeOf(n *sitter.Node) string {
	sym := int(n.Symbol())
	if sym >= len(f.types) {
		return n.Type()
	}
	if !f.named[sym] {
		f.types[sym], f.named[sym] = n.Type(), true
	}
	return f.types[sym]
}

// syntaxError describes the first ERROR or MISSING node under n, preferring
// the innermost one: tree-sitter often wraps a whole statement in an ERROR
// whose start says little about where the mistake is.
func (f *File) syntaxError(n *sitter.Node) *rewrite.Error {
	bad := firstError(n)
	if bad == nil {
		// HasError without an ERROR or MISSING node should not happen;
		// still refuse rather than edit a tree the parser was unsure of.
		bad = n
	}
	for {
		inner := firstErrorBelow(bad)
		if inner == nil {
			break
		}
		bad = inner
	}
	// Within an ERROR node, the parser gave up at its last child: the
	// token that did not fit.
	at := bad
	if bad.IsError() && bad.ChildCount() > 0 {
		at = bad.Child(int(bad.ChildCount()) - 1)
	}
	line, col := f.position(int(at.StartByte()))
	var msg string
	switch {
	case bad.IsMissing():
		msg = fmt.Sprintf("invalid Python syntax: missing %q", bad.Type())
	case at.EndByte() > at.StartByte():
		msg = fmt.Sprintf("invalid Python syntax: unexpected %s", quoteSnippet(f.src[at.StartByte():at.EndByte()]))
	default:
		msg = "invalid Python syntax"
	}
	return rewrite.Errorf(rewrite.ErrSyntax, f.path, line, col, "%s", msg).
		WithHint("fix the file so that Python can import it, then run paxx again")
}

// firstError returns n itself when it is an ERROR or MISSING node, else the
// first such node below it in document order, or nil.
func firstError(n *sitter.Node) *sitter.Node {
	if n.IsError() || n.IsMissing() {
		return n
	}
	return firstErrorBelow(n)
}

// firstErrorBelow returns the first ERROR or MISSING node strictly below n.
func firstErrorBelow(n *sitter.Node) *sitter.Node {
	for i := range int(n.ChildCount()) {
		c := n.Child(i)
		if c == nil || !(c.HasError() || c.IsMissing()) {
			continue
		}
		if e := firstError(c); e != nil {
			return e
		}
	}
	return nil
}

// quoteSnippet quotes the first line of b, shortened, for an error message.
func quoteSnippet(b []byte) string {
	if i := bytes.IndexAny(b, "\r\n"); i >= 0 {
		b = b[:i]
	}
	const max = 40
	r := []rune(string(b))
	if len(r) > max {
		return fmt.Sprintf("%q…", string(r[:max]))
	}
	if len(r) == 0 {
		return "end of line"
	}
	return fmt.Sprintf("%q", string(r))
}

// lineStarts returns the offset of the start of each line of src.
func lineStarts(src []byte) []int {
	starts := make([]int, 1, bytes.Count(src, []byte("\n"))+1)
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// line returns the 1-based line of byte offset off.
func (f *File) line(off int) int {
	i, found := slices.BinarySearch(f.lines, off)
	if found {
		return i + 1
	}
	return i
}

// position returns the 1-based line and character column of byte offset
// off, not counting a leading BOM as a column: tree-sitter's columns are
// bytes, an editor's are characters.
func (f *File) position(off int) (line, col int) {
	off = min(max(off, f.bom), len(f.src))
	line = f.line(off)
	start := max(f.lines[line-1], f.bom)
	return line, 1 + utf8.RuneCount(f.src[start:off])
}

// text returns the source text of n.
func (f *File) text(n *sitter.Node) string {
	return string(f.src[n.StartByte():n.EndByte()])
}

// Classes returns the module's top-level class definitions, in order.
//
// The File is valid Python, so reading it cannot fail; a File an edit
// returned unparsed that could not be parsed would give no classes.
func (f *File) Classes() []Class {
	f, err := f.loaded()
	if err != nil {
		return nil
	}
	out := make([]Class, len(f.classes))
	for i, ci := range f.classes {
		out[i] = ci.class.clone()
	}
	return out
}

// Class returns the top-level class called name. When a module defines the
// name twice, the last definition is the one Python keeps, and the one
// returned.
func (f *File) Class(name string) (Class, bool) {
	f, err := f.loaded()
	if err != nil {
		return Class{}, false
	}
	ci := f.classInfo(name)
	if ci == nil {
		return Class{}, false
	}
	return ci.class.clone(), true
}

// classInfo returns the last top-level class called name, or nil.
func (f *File) classInfo(name string) *classInfo {
	for i := len(f.classes) - 1; i >= 0; i-- {
		if f.classes[i].class.Name == name {
			return &f.classes[i]
		}
	}
	return nil
}

// clone returns c with its slices copied, so callers cannot change a File.
func (c Class) clone() Class {
	c.Config.EnvFiles = slices.Clone(c.Config.EnvFiles)
	c.Bases = slices.Clone(c.Bases)
	c.Fields = slices.Clone(c.Fields)
	return c
}
