package python

// The trace follows an application's imports to its settings object. Its
// parts, one file each: tracemodule.go reads the project's modules and
// resolves an import to one; tracesymbol.go resolves a name to what it
// refers to (a class, a function, an instance, a module) and says whether
// a class is a settings class; trail.go walks the imports from one entry
// module and settles on a class; traceentry.go chooses the entry modules
// and reports what the walk found.

// Bounds of the import walk: a real application reaches its settings in a
// few hops; the bounds keep a huge or cyclic import graph cheap.
const (
	maxHops    = 8   // import hops from the entry module
	maxModules = 400 // modules one trail may visit
	maxDepth   = 24  // nested look-ups (re-exports, base classes, factories)
)

// tracer follows an application's imports to its settings object.
type tracer struct {
	src     *sources
	modules map[string]*module // by path
	notes   []string           // what was passed over, and why
}
