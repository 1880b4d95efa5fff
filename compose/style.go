package compose

import (
	"strings"

	"github.com/paxx-dev/paxx/rewrite"
	"gopkg.in/yaml.v3"
)

// style is how a file writes what paxx inserts into it.
type style struct {
	unit  int    // indentation of a nested mapping under its key
	seq   int    // indentation of a block sequence's dashes under its key; 0 is the compact form
	quote byte   // the quote character the file clearly prefers, or 0
	nl    string // the line ending, "\n" or "\r\n"
}

// style reads the file's conventions from what it already holds; a file
// with no evidence gets two-space indentation and indented sequences.
func (f *File) style() style {
	units, seqs := map[int]int{}, map[int]int{}
	doubles, singles := 0, 0
	for _, n := range f.order {
		switch {
		case n.Kind == yaml.MappingNode && n.Style&yaml.FlowStyle == 0:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				if v.Style&yaml.FlowStyle != 0 || len(v.Content) == 0 || v.Content[0].Line <= k.Line {
					continue
				}
				switch d := f.childIndent(v) - (k.Column - 1); {
				case v.Kind == yaml.MappingNode && d > 0:
					units[d]++
				case v.Kind == yaml.SequenceNode && d >= 0:
					seqs[d]++
				}
			}
		case n.Kind == yaml.ScalarNode && n.Style&yaml.DoubleQuotedStyle != 0:
			doubles++
		case n.Kind == yaml.ScalarNode && n.Style&yaml.SingleQuotedStyle != 0:
			singles++
		}
	}
	s := style{unit: mostCommon(units, 2), nl: rewrite.Newline(f.src)}
	s.seq = mostCommon(seqs, s.unit)
	switch {
	case singles > 0 && singles >= 2*doubles:
		s.quote = '\''
	case doubles > 0 && doubles >= 2*singles:
		s.quote = '"'
	}
	return s
}

// mostCommon returns the most frequent key of counts, the smaller on a tie,
// or def when counts is empty.
func mostCommon(counts map[int]int, def int) int {
	best, n := def, 0
	for k, c := range counts {
		if c > n || c == n && k < best {
			best, n = k, c
		}
	}
	return best
}

// bodyIndent returns the indentation of a service's keys under its name,
// as the file's services use it.
func (f *File) bodyIndent(s style) int {
	counts := map[int]int{}
	if f.services != nil {
		for i := 0; i+1 < len(f.services.Content); i += 2 {
			k, v := f.services.Content[i], f.services.Content[i+1]
			if v.Kind == yaml.MappingNode && v.Style&yaml.FlowStyle == 0 && len(v.Content) > 0 && v.Content[0].Line > k.Line {
				if d := f.childIndent(v) - (k.Column - 1); d > 0 {
					counts[d]++
				}
			}
		}
	}
	return mostCommon(counts, s.unit)
}

// topSpacing returns the blank lines the file puts between top-level keys;
// one when it has too few keys to tell.
func (f *File) topSpacing() int {
	if f.root == nil {
		return 1
	}
	if n, ok := f.spacing(f.root); ok {
		return n
	}
	return 1
}

// spaces returns n spaces.
func spaces(n int) string { return strings.Repeat(" ", n) }
