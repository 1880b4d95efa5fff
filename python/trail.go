package python

import (
	"fmt"
	"slices"
	"strings"
)

// step is a module the walk reached, and the chain of modules that led
// there.
type step struct {
	m     *module
	chain string
}

// trail walks the imports from the entry module, breadth first, and
// returns the settings objects at the smallest distance (those the entry
// module defines or imports by name come first) and the modules it
// looked at, in order.
func (t *tracer) trail(entry *module) (objs []object, visited []string, err error) {
	queue := []step{{m: entry, chain: entry.rel}}
	seen := map[string]bool{entry.rel: true}
	for hop := 0; hop <= maxHops && len(queue) > 0; hop++ {
		var next []step
		for _, st := range queue {
			if len(visited) == maxModules {
				break
			}
			visited = append(visited, st.m.rel)
			found, more, err := t.visit(st, seen)
			if err != nil {
				return nil, visited, err
			}
			objs, next = append(objs, found...), append(next, more...)
		}
		if len(objs) > 0 {
			return objs, visited, nil
		}
		queue = next
	}
	return nil, visited, nil
}

// visit reads one module of the walk: the settings objects it defines or
// imports by name, and the project modules it imports, to visit next.
func (t *tracer) visit(st step, seen map[string]bool) ([]object, []step, error) {
	f, err := t.file(st.m)
	if err != nil {
		return nil, nil, err
	}
	var objs []object
	var next []step
	enqueue := func(m *module) {
		if m != nil && !seen[m.rel] {
			seen[m.rel] = true
			next = append(next, step{m: m, chain: st.chain + " → " + m.rel})
		}
	}
	add := func(s symbol, via string) error {
		o, err := t.settingsObject(s, via)
		if o != nil {
			objs = append(objs, *o)
		}
		return err
	}
	for i := range f.assigns {
		a := &f.assigns[i]
		if err := add(symbol{kind: symAssign, mod: st.m, name: a.name, assign: a}, fmt.Sprintf("%s sets %s = %s(...)", st.chain, a.name, a.callee)); err != nil {
			return nil, nil, err
		}
	}
	for i := range f.funcs {
		fn := &f.funcs[i]
		if err := add(symbol{kind: symFunc, mod: st.m, name: fn.name, fn: fn}, fmt.Sprintf("%s defines %s()", st.chain, fn.name)); err != nil {
			return nil, nil, err
		}
	}
	for _, b := range f.bindings {
		if b.guarded {
			continue
		}
		if b.attr == "" {
			enqueue(t.resolveSpec(st.m, b.module))
			continue
		}
		s, err := t.resolveBinding(st.m, b, 0)
		if err != nil {
			return nil, nil, err
		}
		switch s.kind {
		case symModule:
			enqueue(s.mod)
			continue
		case symAssign, symFunc:
			if err := add(s, fmt.Sprintf("%s imports %s from %s", st.chain, b.attr, b.module)); err != nil {
				return nil, nil, err
			}
		}
		enqueue(t.resolveSpec(st.m, b.module))
	}
	return objs, next, nil
}

// choice is the class the trace settled on, and how.
type choice struct {
	target classRef
	via    string
	object object // the object the app uses
}

// settle picks the class among the objects found at one distance: their
// one class, else the nearest common settings base of their classes. A
// class that another candidate uses as a field type is a nested model,
// not the target. Several classes without a common base are a refusal.
func (t *tracer) settle(objs []object) (*choice, []classRef, error) {
	var classes []classRef
	seen := map[string]bool{}
	for _, o := range objs {
		for _, c := range o.classes {
			if !seen[c.key()] {
				seen[c.key()] = true
				classes = append(classes, c)
			}
		}
	}
	classes = withoutFieldTypes(classes)
	if len(classes) == 1 {
		o := objectOf(objs, classes[0])
		return &choice{target: classes[0], via: o.via, object: o}, nil, nil
	}
	base, err := t.commonBase(classes)
	if err != nil || base == nil {
		return nil, classes, err
	}
	names := make([]string, len(classes))
	for i, c := range classes {
		names[i] = c.class.class.Name
	}
	via := fmt.Sprintf("%s; it is one of %s, chosen at run time: their common base", objs[0].via, strings.Join(names, ", "))
	return &choice{target: *base, via: via, object: objs[0]}, nil, nil
}

// objectOf returns the first object the trail reached that is an
// instance of c.
func objectOf(objs []object, c classRef) object {
	for _, o := range objs {
		for _, oc := range o.classes {
			if oc.key() == c.key() {
				return o
			}
		}
	}
	return objs[0]
}

// withoutFieldTypes drops the classes that another of them uses in a
// field's type: `postgres: PostgresSettings = PostgresSettings()`.
func withoutFieldTypes(classes []classRef) []classRef {
	var out []classRef
	for _, c := range classes {
		nested := false
		for _, o := range classes {
			if o.key() == c.key() {
				continue
			}
			for _, fd := range o.class.class.Fields {
				if slices.Contains(identifiers(fd.Type), c.class.class.Name) {
					nested = true
				}
			}
		}
		if !nested {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		return classes
	}
	return out
}

// identifiers splits a type annotation's text into its names.
func identifiers(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !(r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 127)
	})
}

// ancestors returns a project class and its project base classes, nearest
// first (breadth first in base order).
func (t *tracer) ancestors(c classRef) ([]classRef, error) {
	out := []classRef{c}
	seen := map[string]bool{c.key(): true}
	for i := 0; i < len(out) && i < maxDepth; i++ {
		for _, b := range out[i].class.class.Bases {
			s, err := t.lookup(out[i].mod, b, 0)
			if err != nil {
				return nil, err
			}
			if s.kind != symClass {
				continue
			}
			base := classRef{mod: s.mod, class: s.class}
			if !seen[base.key()] {
				seen[base.key()] = true
				out = append(out, base)
			}
		}
	}
	return out, nil
}

// commonBase returns the nearest class that every one of classes is or
// derives from and that is itself a settings class, or nil.
func (t *tracer) commonBase(classes []classRef) (*classRef, error) {
	if len(classes) == 0 {
		return nil, nil
	}
	var sets []map[string]bool
	var first []classRef
	for i, c := range classes {
		anc, err := t.ancestors(c)
		if err != nil {
			return nil, err
		}
		if i == 0 {
			first = anc
		}
		set := map[string]bool{}
		for _, a := range anc {
			set[a.key()] = true
		}
		sets = append(sets, set)
	}
	for _, a := range first {
		all := true
		for _, set := range sets[1:] {
			all = all && set[a.key()]
		}
		if !all {
			continue
		}
		if ok, err := t.accepts(a); err != nil || ok {
			if err != nil {
				return nil, err
			}
			return &a, nil
		}
	}
	return nil, nil
}
