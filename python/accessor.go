package python

import "strings"

// Accessor is how a module hands out its settings object, so that
// generated modules import the right name.
type Accessor struct {
	// Name is a module-level instance ("settings") or a function that
	// returns one ("get_settings").
	Name string
	// Call reports that Name must be called: get_settings().
	Call bool
}

// Accessor finds how the module hands out an instance of class. A
// module-level instance wins: `name = Class(...)`, or `name = get_x()`
// where get_x is a module-level function (decorated or not, such as with
// @lru_cache) annotated `-> Class` or returning `Class(...)`. Without one, such a
// function itself is the accessor, to be called. The first in source order
// is taken.
func (f *File) Accessor(class string) (Accessor, bool) {
	f, err := f.loaded()
	if err != nil {
		return Accessor{}, false
	}
	factories := map[string]bool{}
	var first string
	for _, fn := range f.funcs {
		if fn.name == "" || !fn.returnsClass(class) {
			continue
		}
		factories[fn.name] = true
		if first == "" {
			first = fn.name
		}
	}
	for _, a := range f.assigns {
		if a.callee == class || factories[a.callee] {
			return Accessor{Name: a.name}, true
		}
	}
	if first != "" {
		return Accessor{Name: first, Call: true}, true
	}
	return Accessor{}, false
}

// returnsClass reports whether the function is annotated to return class
// (`-> Settings` or `-> "Settings"`) or returns `class(...)`.
func (fn moduleFunc) returnsClass(class string) bool {
	ret := strings.Trim(strings.TrimSpace(fn.returns), `"'`)
	if ret == class {
		return true
	}
	for _, c := range fn.calls {
		if c == class {
			return true
		}
	}
	return false
}
