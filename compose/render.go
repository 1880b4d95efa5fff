package compose

import (
	"fmt"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// renderer writes yaml.v3 nodes as block-style YAML lines in a file's
// style. Lines carry no line break; the caller joins them.
type renderer struct{ style }

// mapping renders the entries of block mapping m with keys indented by
// indent spaces.
func (r renderer) mapping(m *yaml.Node, indent int) []string {
	var lines []string
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		lines = append(lines, comments(k.HeadComment, indent)...)
		prefix := spaces(indent) + props(k) + r.inline(k) + ":"
		lines = append(lines, r.value(prefix, k.LineComment, v, indent)...)
	}
	return lines
}

// value renders node v after prefix (a key and its colon, or a dash), its
// block content indented relative to indent.
func (r renderer) value(prefix, comment string, v *yaml.Node, indent int) []string {
	if comment == "" {
		comment = v.LineComment
	}
	if comment != "" {
		comment = " " + comment
	}
	open := prefix
	if p := strings.TrimSpace(props(v)); p != "" {
		open += " " + p
	}
	block := v.Style&yaml.FlowStyle == 0 && len(v.Content) > 0
	switch {
	case v.Kind == yaml.MappingNode && block:
		return append([]string{open + comment}, r.mapping(v, indent+r.unit)...)
	case v.Kind == yaml.SequenceNode && block:
		return append([]string{open + comment}, r.sequence(v, indent+r.seq)...)
	case v.Kind == yaml.ScalarNode && v.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 && v.Value != "":
		return append([]string{open + " " + blockHeader(v, r.unit) + comment}, blockLines(v.Value, indent+r.unit)...)
	}
	return []string{prefix + " " + props(v) + r.inline(v) + comment}
}

// sequence renders the items of block sequence s with dashes indented by
// indent spaces; a mapping or sequence item starts on its dash's line.
func (r renderer) sequence(s *yaml.Node, indent int) []string {
	var lines []string
	dash := spaces(indent) + "-"
	for _, item := range s.Content {
		lines = append(lines, comments(item.HeadComment, indent)...)
		nested := item.Style&yaml.FlowStyle == 0 && len(item.Content) > 0 && item.Anchor == "" && item.Style&yaml.TaggedStyle == 0
		var sub []string
		switch {
		case nested && item.Kind == yaml.MappingNode:
			sub = r.mapping(item, indent+2)
		case nested && item.Kind == yaml.SequenceNode:
			sub = r.sequence(item, indent+2)
		default:
			lines = append(lines, r.value(dash, "", item, indent)...)
			continue
		}
		for j, l := range sub {
			if !strings.HasPrefix(strings.TrimSpace(l), "#") && strings.HasPrefix(l, spaces(indent+2)) {
				sub[j] = dash + " " + l[indent+2:]
				break
			}
		}
		lines = append(lines, sub...)
	}
	return lines
}

// inline renders n on one line: scalars in their quoting, collections in
// flow style.
func (r renderer) inline(n *yaml.Node) string {
	switch n.Kind {
	case yaml.AliasNode:
		return "*" + n.Value
	case yaml.MappingNode:
		parts := make([]string, 0, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			parts = append(parts, props(n.Content[i])+r.inline(n.Content[i])+": "+props(n.Content[i+1])+r.inline(n.Content[i+1]))
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case yaml.SequenceNode:
		parts := make([]string, len(n.Content))
		for i, item := range n.Content {
			parts[i] = props(item) + r.inline(item)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	switch {
	case n.Style&yaml.SingleQuotedStyle != 0 && r.quote != '"':
		return quoteSingle(n.Value)
	case n.Style&yaml.DoubleQuotedStyle != 0 && r.quote == '\'' && canSingle(n.Value):
		return quoteSingle(n.Value)
	case n.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) != 0,
		strings.ContainsAny(n.Value, "\n\r"):
		return quoteDouble(n.Value)
	}
	return n.Value
}

// quoted renders s as a scalar: plain when YAML reads it back as the same
// string, else in the given quote character (double when 0).
func quoted(s string, quote byte, flow bool) string {
	switch {
	case quote == 0 && plainSafe(s, flow):
		return s
	case quote == '\'' && canSingle(s):
		return quoteSingle(s)
	}
	return quoteDouble(s)
}

// plainSafe reports whether s, written without quotes as a sequence item
// (in block or flow context), reads back as the string s.
func plainSafe(s string, flow bool) bool {
	if s == "" || strings.ContainsAny(s, "\n\r") {
		return false
	}
	src := "- " + s + "\n"
	if flow {
		src = "[" + s + "]\n"
	}
	var doc yaml.Node
	if yaml.Unmarshal([]byte(src), &doc) != nil || len(doc.Content) != 1 {
		return false
	}
	seq := doc.Content[0]
	if seq.Kind != yaml.SequenceNode || len(seq.Content) != 1 {
		return false
	}
	v := seq.Content[0]
	return v.Kind == yaml.ScalarNode && v.Style == 0 && v.Tag == "!!str" && v.Value == s && v.LineComment == ""
}

// canSingle reports whether s can be written single-quoted on one line.
func canSingle(s string) bool {
	for _, r := range s {
		if r < 0x20 || r == 0x7f || r == 0x85 || r == 0x2028 || r == 0x2029 || r == 0xfeff {
			return false
		}
	}
	return true
}

func quoteSingle(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// quoteDouble writes s double-quoted with YAML escapes.
func quoteDouble(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r == 0x85 || r == 0x2028 || r == 0x2029 || r == 0xfeff:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// props renders a node's anchor and explicit tag, each followed by a space.
func props(n *yaml.Node) string {
	var p string
	if n.Anchor != "" {
		p += "&" + n.Anchor + " "
	}
	if n.Style&yaml.TaggedStyle != 0 && n.Tag != "" {
		p += n.Tag + " "
	}
	return p
}

// comments renders a head comment's lines at indent.
func comments(c string, indent int) []string {
	if c == "" {
		return nil
	}
	lines := strings.Split(c, "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = spaces(indent) + l
		}
	}
	return lines
}

// blockHeader returns a literal scalar's header for value: | with the
// chomping indicator its trailing line breaks need, and an indentation
// indicator (the file's unit) when its first line starts with a space.
func blockHeader(v *yaml.Node, unit int) string {
	h := "|"
	if v.Style&yaml.FoldedStyle != 0 && !strings.Contains(strings.TrimRight(v.Value, "\n"), "\n") {
		h = ">"
	}
	if strings.HasPrefix(v.Value, " ") || strings.HasPrefix(v.Value, "\n") {
		h += strconv.Itoa(min(max(unit, 1), 9))
	}
	switch {
	case !strings.HasSuffix(v.Value, "\n"):
		h += "-"
	case strings.HasSuffix(v.Value, "\n\n"):
		h += "+"
	}
	return h
}

// blockLines returns the content lines of a literal scalar at indent.
func blockLines(value string, indent int) []string {
	lines := strings.Split(strings.TrimSuffix(value, "\n"), "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = spaces(indent) + l
		}
	}
	return lines
}
