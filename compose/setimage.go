package compose

import (
	"bytes"
	"fmt"

	"gopkg.in/yaml.v3"

	"github.com/paxx-dev/paxx/rewrite"
)

// SetImage makes a service run image. It is the one compose operation that
// changes a value rather than adding one: only the bytes of the image
// scalar are replaced, in the scalar's own quoting (plain, 'single' or
// "double"), so a comment on the line and everything else stay as they are.
// A service without an image:, an image that comes through an alias or a
// `<<:` merge (shared with other services), a block scalar and a plain
// scalar over several lines are refused: editing them in place is not safe.
//
// It returns the file as it is after the edit, parsed again by the check
// that every edit passes (f itself, with no actions, when the service
// already runs image), so that the next edit need not parse it once more.
func (f *File) SetImage(service, image string) (*File, []rewrite.Action, error) {
	s, ok := f.Service(service)
	if !ok {
		return nil, nil, rewrite.Errorf(rewrite.ErrRefused, f.path, 0, 0, "no service %s", service)
	}
	refuse := func(line int, format string, args ...any) error {
		return rewrite.Errorf(rewrite.ErrRefused, f.path, line, 0, format, args...).
			WithHint("set the image of service %s to %s by hand", service, image)
	}
	body := f.body(service)
	_, raw := pair(body, "image")
	_, v, merged := get(body, "image")
	switch {
	case v == nil || isNull(v):
		return nil, nil, refuse(s.Line, "service %s has no image", service)
	case merged || raw == nil || raw.Kind == yaml.AliasNode:
		return nil, nil, refuse(v.Line, "the image of service %s comes from an anchor that other services may share", service)
	case v.Kind != yaml.ScalarNode || v.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		return nil, nil, refuse(v.Line, "the image of service %s is not a one-line scalar", service)
	case v.Value == image:
		return f, nil, nil
	}
	start := f.offset(v)
	end, text, ok := f.scalarSpan(v, start, image)
	if !ok {
		return nil, nil, refuse(v.Line, "the image of service %s is not a one-line scalar", service)
	}
	out, err := rewrite.Apply(f.src, []rewrite.Edit{{Start: start, End: end, Text: text}})
	if err != nil {
		return nil, nil, fmt.Errorf("compose: setting the image of %s in %s: %w", service, f.path, err)
	}
	g, err := f.verify(out, func(root map[string]any) bool {
		svc, ok := serviceValue(root, service)
		if ok {
			svc["image"] = image
		}
		return ok
	})
	if err != nil {
		return nil, nil, refuse(v.Line, "setting the image did not give the intended file: %v", err)
	}
	return g, []rewrite.Action{{Line: v.Line, What: fmt.Sprintf("image %s for service %s", image, service)}}, nil
}

// scalarSpan returns the end of the one-line scalar v that starts at start
// and image written in the same quoting.
func (f *File) scalarSpan(v *yaml.Node, start int, image string) (end int, text string, ok bool) {
	lineEnd := f.lineEnd(v.Line)
	if start >= lineEnd {
		return 0, "", false
	}
	switch f.src[start] {
	case '"':
		end, ok = skipQuoted(f.src, start)
		return end, quoteDouble(image), ok && end <= lineEnd
	case '\'':
		end, ok = skipQuoted(f.src, start)
		if !canSingle(image) {
			return end, quoteDouble(image), ok && end <= lineEnd
		}
		return end, quoteSingle(image), ok && end <= lineEnd
	}
	// A one-line plain scalar is written exactly as its value, then ends
	// at a blank, a comment, a flow indicator or the line's end; one that
	// goes on over several lines has a value its first line does not hold.
	line := f.src[start:lineEnd]
	n := len(v.Value)
	if !bytes.HasPrefix(line, []byte(v.Value)) || n < len(line) && !bytes.ContainsAny(line[n:n+1], " \t,}]#\r\n") {
		return 0, "", false // continued on the next line, or not what it seems
	}
	text = image
	if !plainSafe(image, false) {
		text = quoteDouble(image)
	}
	return start + n, text, true
}
