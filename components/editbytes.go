package components

import "github.com/paxx-dev/paxx/rewrite"

// editBytes parses src, the content of the file at path, with parse, runs
// op, an edit of the parsed file, and returns the edited bytes and op's
// actions: a format's edit in the bytes-in, bytes-out form of the
// engine's steps, for a file the engine does not keep parsed in a memo.
func editBytes[F interface{ Bytes() []byte }](path string, src []byte, parse func(string, []byte) (F, error), op func(F) (F, []rewrite.Action, error)) ([]byte, []rewrite.Action, error) {
	f, err := parse(path, src)
	if err != nil {
		return nil, nil, err
	}
	g, actions, err := op(f)
	if err != nil {
		return nil, nil, err
	}
	return g.Bytes(), actions, nil
}
