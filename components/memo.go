package components

import (
	"bytes"

	"github.com/paxx-dev/paxx/compose"
	"github.com/paxx-dev/paxx/pyproject"
	"github.com/paxx-dev/paxx/python"
	"github.com/paxx-dev/paxx/rewrite"
)

// parsed is a parsed file that gives back the bytes it was parsed from
// (contentOf).
type parsed interface {
	*python.File | *compose.File | *pyproject.File
}

// contentOf returns the bytes v was parsed from. The formats are moving
// from Source to Bytes one by one; once all of them have Bytes, parsed
// becomes interface{ Bytes() []byte } and this goes.
func contentOf[T parsed](v T) []byte {
	switch v := any(v).(type) {
	case *python.File:
		return v.Source()
	case *compose.File:
		return v.Source()
	case *pyproject.File:
		return v.Bytes()
	}
	return nil
}

// memo remembers what parsing one content gave, so that the steps of a
// plan that read a file while no edit has changed it parse it once, and
// an edit that parsed its own result to check it hands that parse to the
// next step: the engine asks for the settings class and the compose file
// at almost every step, and parsing is most of what add costs.
type memo[T parsed] struct {
	src []byte // a private copy of the content parsed; nil before the first parse
	val T
	err error
}

// get returns parse(src), from memory when src is the content parsed last.
// parse receives a copy of src that nobody else holds, so that what it
// returns cannot change under the memo when a caller reuses src's array.
func (m *memo[T]) get(src []byte, parse func([]byte) (T, error)) (T, error) {
	if m.src != nil && bytes.Equal(m.src, src) {
		return m.val, m.err
	}
	own := append([]byte{}, src...)
	m.val, m.err = parse(own)
	m.src = own
	return m.val, m.err
}

// put remembers val as the parse of its own source.
func (m *memo[T]) put(val T) {
	m.src = append([]byte{}, contentOf(val)...)
	m.val, m.err = val, nil
}

// edit runs op on src as parsed (from memory when it can) and remembers
// what op returns, the edited file as op's own check parsed it, for the
// next step. It returns the edited bytes and op's actions.
func (m *memo[T]) edit(src []byte, parse func([]byte) (T, error), op func(T) (T, []rewrite.Action, error)) ([]byte, []rewrite.Action, error) {
	cur, err := m.get(src, parse)
	if err != nil {
		return nil, nil, err
	}
	next, actions, err := op(cur)
	if err != nil {
		return nil, nil, err
	}
	m.put(next)
	return contentOf(next), actions, nil
}
