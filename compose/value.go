package compose

import (
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

// child returns m[key] as a mapping, creating it (and replacing a null) when
// needed; ok is false when m[key] holds something else.
func child(m map[string]any, key string) (map[string]any, bool) {
	switch c := m[key].(type) {
	case map[string]any:
		return c, true
	case nil:
		made := map[string]any{}
		m[key] = made
		return made, true
	}
	return nil, false
}
