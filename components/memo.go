package components

import "bytes"

// memo remembers what parsing one content gave, so that the steps of a
// plan that read a file while no edit has changed it parse it once: the
// engine asks for the settings class and the compose file at almost every
// step, and parsing is most of what add costs.
type memo[T any] struct {
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
