package compose

import (
	"maps"
	"math"
	"reflect"
)

// clone returns a deep copy of canonical value v (see converter), each
// alias written out on its own, so that an expectation can be built from
// it by changing it in place.
func clone(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[k] = clone(e)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = clone(e)
		}
		return out
	}
	return v
}

// equal reports whether two canonical values are the same document, NaN
// being equal to NaN.
func equal(a, b any) bool {
	switch a := a.(type) {
	case map[string]any:
		b, ok := b.(map[string]any)
		if !ok || len(a) != len(b) {
			return false
		}
		for k, e := range a {
			o, ok := b[k]
			if !ok || !equal(e, o) {
				return false
			}
		}
		return true
	case []any:
		b, ok := b.([]any)
		if !ok || len(a) != len(b) {
			return false
		}
		for i := range a {
			if !equal(a[i], b[i]) {
				return false
			}
		}
		return true
	case float64:
		b, ok := b.(float64)
		return ok && (a == b || math.IsNaN(a) && math.IsNaN(b))
	}
	return reflect.DeepEqual(a, b)
}

// child returns m[key] as a mapping that m alone holds, so that the caller
// may change it: a shallow copy put in its place, or a new mapping in place
// of a null; ok is false when m[key] holds something else. An expectation
// built from the root down with child (and a shallow copy of the root)
// changes only copies, and shares everything it leaves alone with the
// original value instead of copying the whole document. A sequence it
// reaches that way is still the original's: extend it with appended.
func child(m map[string]any, key string) (map[string]any, bool) {
	switch c := m[key].(type) {
	case map[string]any:
		own := maps.Clone(c)
		m[key] = own
		return own, true
	case nil:
		made := map[string]any{}
		m[key] = made
		return made, true
	}
	return nil, false
}

// appended returns list with item added, in a new slice with no spare
// capacity. list may be the original document's, and the result may
// become the edited file's value, which a later expectation extends in
// turn: neither may write into the other's array. Every sequence of a
// File's value has no spare capacity (see converter.sequence and match).
func appended(list []any, item any) []any {
	out := make([]any, len(list)+1)
	copy(out, list)
	out[len(list)] = item
	return out
}

// tight reports whether no sequence in canonical value v has spare
// capacity, so that v may stand as a File's value (see appended).
func tight(v any) bool {
	switch v := v.(type) {
	case map[string]any:
		for _, e := range v {
			if !tight(e) {
				return false
			}
		}
	case []any:
		if cap(v) != len(v) {
			return false
		}
		for _, e := range v {
			if !tight(e) {
				return false
			}
		}
	}
	return true
}
