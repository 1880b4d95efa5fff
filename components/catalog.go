package components

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/paxx-dev/paxx/project"
)

// builtinFS holds the built-in components, each a folder in the format of
// the user's own: the loader that reads a project's components reads them.
//
//go:embed builtin
var builtinFS embed.FS

// ProjectDir is where a project keeps its own components, relative to the
// Python project's directory: committed, so that the team and CI see the
// same ones.
const ProjectDir = ".paxx/components"

// Catalog is the set of components one command knows: the built-ins, the
// user's ($XDG_CONFIG_HOME/paxx/components) and the project's
// (.paxx/components), the nearer shadowing the farther. A Catalog belongs
// to the command that built it.
type Catalog struct {
	byName map[string]*Component
	// missing are components the project's record says come from a folder
	// that is gone: the folder as recorded, by name.
	missing map[string]string
	// drafts are the folders that do not load (a draft, a typo), by their
	// name: the catalogue leaves them out and gives their errors only to a
	// command that asks for that component, so that one bad folder does
	// not stop list, check and add of the others.
	drafts map[string]*BrokenError
}

// Builtins returns a catalogue of the built-in components alone. They are
// read from the binary on every call, so that callers may change what they
// get. A built-in that does not load is a bug of paxx's, which the tests
// catch; Builtins panics on one.
func Builtins() *Catalog {
	cat := &Catalog{byName: map[string]*Component{}, missing: map[string]string{}, drafts: map[string]*BrokenError{}}
	entries, err := fs.ReadDir(builtinFS, "builtin")
	if err != nil {
		panic(err)
	}
	for _, e := range entries {
		dir := path.Join("builtin", e.Name())
		sub, err := fs.Sub(builtinFS, dir)
		if err != nil {
			panic(err)
		}
		c, err := load(sub, dir, true)
		if err != nil {
			panic(fmt.Sprintf("built-in component %s: %v", e.Name(), err))
		}
		cat.byName[c.Name] = c
	}
	return cat
}

// LoadCatalog returns the built-ins with the components found in userDir
// (each a folder NAME/component.toml; "" for none) and then in the
// project's ProjectDir under projectDir (""for no project), a nearer one
// shadowing a farther one of the same name. A folder component named as a
// built-in is refused unless it says `replaces = "NAME"`. A folder that
// does not load is left out and kept as a *BrokenError (see Broken and
// Lookup); only a folder of components that cannot be read is an error.
func LoadCatalog(projectDir, userDir string) (*Catalog, error) {
	return loadCatalog(projectDir, userDir, func(dir string) string { return dir })
}

// loadCatalog is LoadCatalog with each folder named show(folder) in
// errors.
func loadCatalog(projectDir, userDir string, show func(string) string) (*Catalog, error) {
	cat := Builtins()
	if userDir != "" {
		if err := cat.loadAll(userDir, show); err != nil {
			return nil, err
		}
	}
	if projectDir != "" {
		if err := cat.loadAll(filepath.Join(projectDir, filepath.FromSlash(ProjectDir)), show); err != nil {
			return nil, err
		}
	}
	return cat, nil
}

// loadAll loads every component folder in dir, which may not exist. A
// folder that does not load is noted as broken, in place of a farther one
// of the same name.
func (c *Catalog) loadAll(dir string, show func(string) string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return &FolderError{Dir: show(dir), Err: err}
	}
	for _, e := range entries {
		if !e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		sub := filepath.Join(dir, e.Name())
		comp, err := loadDirAs(sub, show(sub))
		if err == nil && comp.Name != e.Name() {
			err = &FolderError{Dir: show(sub), Err: fmt.Errorf("holds component %q: a component's folder has its name", comp.Name)}
		}
		if err == nil {
			err = c.Put(comp, show(sub))
		}
		if err != nil {
			c.drafts[strings.ToLower(e.Name())] = &BrokenError{Name: e.Name(), Dir: show(sub), Err: err}
		}
	}
	return nil
}

// BrokenError is a component folder that does not load. Its message is
// the load's own (every fault at path:line:col), as `paxx infra lint`
// gives it.
type BrokenError struct {
	Name string // the folder's name, which is the component's
	Dir  string // the folder, as errors name it
	Err  error  // what loading it gave
}

func (e *BrokenError) Error() string { return e.Err.Error() }

func (e *BrokenError) Unwrap() error { return e.Err }

// Broken returns the component folders that did not load, sorted by name:
// what list and check warn about.
func (c *Catalog) Broken() []*BrokenError {
	out := make([]*BrokenError, 0, len(c.drafts))
	for _, b := range c.drafts {
		out = append(out, b)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Put adds a component loaded from a folder, in place of one of the same
// name from a farther folder. It refuses one named as a built-in that does
// not say it replaces it; shown is the folder as the error names it.
func (c *Catalog) Put(comp *Component, shown string) error {
	if old, ok := c.byName[comp.Name]; ok && old.Source == "" && comp.Replaces != comp.Name {
		return &ShadowError{Name: comp.Name, Dir: shown}
	}
	c.byName[comp.Name] = comp
	delete(c.missing, comp.Name)
	delete(c.drafts, comp.Name)
	return nil
}

// ShadowError refuses a folder component that has a built-in's name
// without saying that it replaces it.
type ShadowError struct {
	Name string // the built-in's name
	Dir  string // the folder
}

func (e *ShadowError) Error() string {
	return fmt.Sprintf("component folder %s: %s is a built-in component; rename it, or add replaces = %q to its %s to use it instead of the built-in",
		e.Dir, e.Name, e.Name, ManifestName)
}

// MissingError is a component the project's record says came from a
// folder that is no longer there.
type MissingError struct {
	Name string
	Dir  string // as recorded in [tool.paxx] sources
}

func (e *MissingError) Error() string {
	return fmt.Sprintf("component %s: its folder %s (recorded in [tool.paxx] sources) is gone: restore it, or remove the component's entries from [tool.paxx] and its parts by hand", e.Name, e.Dir)
}

// setMissing notes that the recorded folder dir of name is gone.
func (c *Catalog) setMissing(name, dir string) {
	delete(c.byName, name)
	c.missing[name] = dir
}

// Components returns every component of the catalogue, sorted by name.
func (c *Catalog) Components() []*Component {
	out := make([]*Component, 0, len(c.byName))
	for _, comp := range c.byName {
		out = append(out, comp)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Lookup returns the component of that name (case-insensitive): an
// *UnknownError for a name the catalogue does not have, a *MissingError for
// one whose recorded folder is gone, a *BrokenError for one whose nearest
// folder does not load (it shadows a farther one, as it would if it did).
func (c *Catalog) Lookup(name string) (*Component, error) {
	if b, ok := c.drafts[strings.ToLower(name)]; ok {
		return nil, b
	}
	if comp, ok := c.byName[strings.ToLower(name)]; ok {
		return comp, nil
	}
	if dir, ok := c.missing[strings.ToLower(name)]; ok {
		return nil, &MissingError{Name: strings.ToLower(name), Dir: dir}
	}
	var names []string
	for _, comp := range c.Components() {
		names = append(names, comp.Name)
	}
	return nil, &UnknownError{Name: name, Suggest: closest(name, names)}
}

// Resolve returns the named components and, before each, those it
// requires, each once, in install order.
func (c *Catalog) Resolve(names []string) ([]*Component, error) {
	var out []*Component
	seen := map[string]bool{}
	var visit func(name string, chain []string) error
	visit = func(name string, chain []string) error {
		comp, err := c.Lookup(name)
		if err != nil {
			return err
		}
		if seen[comp.Name] {
			return nil
		}
		for _, n := range chain {
			if n == comp.Name {
				return fmt.Errorf("components %s require each other", strings.Join(append(chain, comp.Name), " → "))
			}
		}
		for _, r := range comp.Requires {
			if err := visit(r, append(chain, comp.Name)); err != nil {
				return err
			}
		}
		seen[comp.Name] = true
		out = append(out, comp)
		return nil
	}
	for _, n := range names {
		if err := visit(n, nil); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Catalogue returns the built-in components, sorted by name. Each call
// returns fresh values, so callers may not change what others see.
func Catalogue() []*Component {
	return Builtins().Components()
}

// UnknownError is returned for a component name that is not in the
// catalogue.
type UnknownError struct {
	Name    string
	Suggest string // the closest known name, or ""
}

func (e *UnknownError) Error() string {
	msg := fmt.Sprintf("unknown component %q", e.Name)
	if e.Suggest != "" {
		msg += fmt.Sprintf("; did you mean %q?", e.Suggest)
	}
	return msg + " (run `paxx infra list` to see them all)"
}

// UserDir returns the folder of the user's own components:
// $XDG_CONFIG_HOME/paxx/components, else ~/.config/paxx/components; ""
// when getenv is nil or neither variable is set.
func UserDir(getenv func(string) string) string {
	if getenv == nil {
		return ""
	}
	if x := getenv("XDG_CONFIG_HOME"); x != "" {
		return filepath.Join(x, "paxx", "components")
	}
	if h := getenv("HOME"); h != "" {
		return filepath.Join(h, ".config", "paxx", "components")
	}
	return ""
}

// isPath reports whether an argument of add names a component's folder
// rather than a component: it holds a path separator or is "." or "..".
func isPath(arg string) bool {
	return strings.ContainsAny(arg, `/\`) || arg == "." || arg == ".."
}

// CatalogFor returns the catalogue that paxx started in dir sees: the
// built-ins, the user's components in userDir and, for the Python project
// found from dir, if any, its own components and those its [tool.paxx]
// record says were added from a folder, as add, check and remove see it.
func CatalogFor(dir, userDir string) (*Catalog, error) {
	l, err := project.Find(project.Options{Dir: dir})
	if err != nil {
		return LoadCatalog("", userDir)
	}
	// A pyproject.toml that does not parse is the error of the command
	// that reads the record (list's Recorded, add...); the catalogue is
	// then the one without recorded folders.
	f, _ := layoutRecord(l)
	return projectCatalog(l, userDir, recordOf(f))
}
