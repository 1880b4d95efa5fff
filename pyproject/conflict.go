package pyproject

import (
	"github.com/paxx-dev/paxx/requirements"
	"github.com/paxx-dev/paxx/rewrite"
)

// conflictError returns a refusal when the declared requirements rule out
// the versions paxx needs, as requirements.Conflict decides. where names
// the declaration in the message.
func conflictError(path string, src []byte, present []requirements.Declared, req, where string) error {
	d := requirements.Conflict(present)
	if d == nil {
		return nil
	}
	return rewrite.RefusedAt(path, src, d.Offset, "found %s in %s, which rules out %s that paxx needs", d.Text, where, req).
		WithHint("allow %s there, or remove it, then run paxx again", req)
}
