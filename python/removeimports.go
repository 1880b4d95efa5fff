package python

import (
	"bytes"

	"github.com/paxx-dev/paxx/rewrite"
)

// RemoveImports removes each `from module import Name` of imports that
// the module no longer uses anywhere else (see readUses: a name in a
// comment, a docstring or as an attribute, `x.Name`, is no use; one in an
// annotation, even a string one, is), the inverse of AddImports:
// the name goes from its import statement, or the statement goes with it
// (and the blank line AddImports put after it), exactly as
// AddImports would put it back. An import that is still used, that is
// not there, or whose removal would not be the exact inverse of adding it
// (the import block was edited since) stays. Each action names a removed
// import and its line in the module as it was before that removal.
//
// Every removal is checked by parsing its result again. It returns the
// module as the last check parsed it (f itself when nothing was removed),
// so that the next edit need not parse it once more.
func (f *File) RemoveImports(imports []Import) (*File, []rewrite.Action, error) {
	return f.removeImportsFirst(imports, nil)
}

// removeImportsFirst is RemoveImports of imports that addImportsFirst
// added with the first-party modules firstParty.
func (f *File) removeImportsFirst(imports []Import, firstParty []string) (*File, []rewrite.Action, error) {
	f, err := f.loaded()
	if err != nil {
		return nil, nil, err
	}
	path, src := f.path, f.src
	cur := f
	var actions []rewrite.Action
	var uses map[string]bool // read from f when first needed
	blk := f.imports         // src's imports, read again only when src changes
next:
	for i := len(imports) - 1; i >= 0; i-- {
		im := imports[i]
		if blk == nil {
			var err error
			if _, blk, err = readImports(path, src); err != nil {
				return nil, nil, err
			}
		}
		for fi := range blk.froms() {
			if fi.module != im.Module {
				continue
			}
			for _, n := range fi.names {
				if n.name != im.Name || fi.bound(n) != im.Name {
					continue
				}
				if uses == nil {
					// Removing an import changes no use of a name
					// outside the imports: f's uses hold for every src.
					g, err := parseChecked(path, f.src, readUses)
					if err != nil {
						return nil, nil, err
					}
					uses = g.uses
				}
				if uses[im.Name] {
					continue next
				}
				var checked *File // the parse of the candidate that passed the check
				out, ok := rewrite.Undo(src, n.start, n.end, func(c []byte) ([]byte, error) {
					return addImportsTo(path, c, []Import{im}, firstParty)
				}, func(c []byte) error {
					g, err := parseChecked(path, c, 0)
					if err == nil {
						checked = g
					}
					return err
				})
				if !ok {
					continue
				}
				line, _ := rewrite.Position(src, n.start)
				actions = append(actions, rewrite.Action{Line: line, What: "import " + im.Name + " from " + im.Module})
				if checked == nil || !bytes.Equal(checked.src, out) {
					// Undo checks the candidate it returns last; parse
					// again should that ever change.
					var err error
					if checked, err = parseChecked(path, out, 0); err != nil {
						return nil, nil, err
					}
				}
				src, blk, cur = out, nil, checked
				continue next // blk is src's no more
			}
		}
	}
	return cur, actions, nil
}
