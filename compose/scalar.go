package compose

import (
	"encoding/base64"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Tags of the scalars the resolver knows, in the short form yaml.v3's
// parser leaves in Node.Tag.
const (
	tagNull      = "!!null"
	tagBool      = "!!bool"
	tagStr       = "!!str"
	tagInt       = "!!int"
	tagFloat     = "!!float"
	tagTimestamp = "!!timestamp"
	tagBinary    = "!!binary"
	tagMerge     = "!!merge"
)

// tagged is the value of a scalar kept as its text: a timestamp, binary
// data, or a scalar under a tag the resolver does not know (compose's
// !reset and !override among them). Keeping the tag beside the text keeps
// such a value apart from the string of the same text.
type tagged struct{ tag, text string }

// String returns the scalar's text, for use as a mapping key.
func (t tagged) String() string { return t.text }

// scalar returns the value of scalar node n as yaml.v3 would decode it into
// an any (nil, bool, int64, uint64, float64 or string), except that
// timestamps, binary data and unknown tags stay their text as a tagged. A
// value its explicit tag cannot hold, such as `!!int x`, is an error.
func scalar(n *yaml.Node) (any, error) {
	switch n.Tag {
	case tagStr:
		return n.Value, nil
	case tagBinary:
		if _, err := base64.StdEncoding.DecodeString(n.Value); err != nil {
			return nil, fmt.Errorf("!!binary value contains invalid base64 data")
		}
		return tagged{n.Tag, n.Value}, nil
	case tagNull, tagBool, tagInt, tagFloat, tagTimestamp:
	case tagMerge:
		return tagged{n.Tag, n.Value}, nil
	default:
		if n.Style&yaml.TaggedStyle != 0 {
			return tagged{n.Tag, n.Value}, nil
		}
	}
	explicit := n.Style&yaml.TaggedStyle != 0
	rtag, v := resolvePlain(n.Value, !explicit || n.Tag == tagTimestamp)
	if explicit && rtag != n.Tag {
		if n.Tag != tagFloat || rtag != tagInt {
			return nil, fmt.Errorf("cannot decode %s `%s` as a %s", rtag, n.Value, n.Tag)
		}
		rtag, v = tagFloat, toFloat(v)
	}
	if rtag == tagTimestamp {
		return tagged{rtag, n.Value}, nil
	}
	return v, nil
}

// toFloat converts an integer the resolver returned to a float64.
func toFloat(v any) any {
	switch v := v.(type) {
	case int64:
		return float64(v)
	case uint64:
		return float64(v)
	}
	return v
}

// special resolves the plain scalars YAML 1.2's core schema knows by their
// exact text: null, booleans, infinities and not-a-number.
func special(in string) (string, any, bool) {
	switch in {
	case "true", "True", "TRUE":
		return tagBool, true, true
	case "false", "False", "FALSE":
		return tagBool, false, true
	case "", "~", "null", "Null", "NULL":
		return tagNull, nil, true
	case ".nan", ".NaN", ".NAN":
		return tagFloat, math.NaN(), true
	case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF":
		return tagFloat, math.Inf(1), true
	case "-.inf", "-.Inf", "-.INF":
		return tagFloat, math.Inf(-1), true
	}
	return "", nil, false
}

// yamlFloat matches the decimal floats yaml.v3 accepts.
var yamlFloat = regexp.MustCompile(`^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`)

// resolvePlain returns the tag and value of plain scalar text in, by the
// rules of yaml.v3's resolver: the core schema's null, bool and special
// floats, integers in decimal, hex, octal and binary with _ separators,
// floats, and (when timestamps is set) timestamps; anything else is a
// string.
func resolvePlain(in string, timestamps bool) (string, any) {
	if tag, v, ok := special(in); ok {
		return tag, v
	}
	switch c := in[0]; {
	case c == '.':
		if f, err := strconv.ParseFloat(in, 64); err == nil {
			return tagFloat, f
		}
	case c == '+' || c == '-' || '0' <= c && c <= '9':
		if timestamps && isTimestamp(in) {
			return tagTimestamp, in
		}
		return resolveNumber(in)
	}
	return tagStr, in
}

// resolveNumber resolves text that starts like a number.
func resolveNumber(in string) (string, any) {
	plain := strings.ReplaceAll(in, "_", "")
	if i, err := strconv.ParseInt(plain, 0, 64); err == nil {
		return tagInt, i
	}
	if u, err := strconv.ParseUint(plain, 0, 64); err == nil {
		return tagInt, u
	}
	if yamlFloat.MatchString(plain) {
		if f, err := strconv.ParseFloat(plain, 64); err == nil {
			return tagFloat, f
		}
	}
	for _, p := range []struct {
		prefix string
		base   int
	}{{"0b", 2}, {"0o", 8}} {
		digits, neg := plain, false
		if rest, ok := strings.CutPrefix(digits, "-"); ok {
			digits, neg = rest, true
		}
		digits, ok := strings.CutPrefix(digits, p.prefix)
		if !ok {
			continue
		}
		if neg {
			digits = "-" + digits
		}
		if i, err := strconv.ParseInt(digits, p.base, 64); err == nil {
			return tagInt, i
		}
		if u, err := strconv.ParseUint(digits, p.base, 64); err == nil && !neg {
			return tagInt, u
		}
	}
	return tagStr, in
}

// isTimestamp reports whether s is a timestamp as yaml.v3 reads one: four
// digits and a dash, then a date, optionally with a time.
func isTimestamp(s string) bool {
	i := 0
	for i < len(s) && '0' <= s[i] && s[i] <= '9' {
		i++
	}
	if i != 4 || i == len(s) || s[i] != '-' {
		return false
	}
	for _, layout := range []string{
		"2006-1-2T15:4:5.999999999Z07:00",
		"2006-1-2t15:4:5.999999999Z07:00",
		"2006-1-2 15:4:5.999999999",
		"2006-1-2",
	} {
		if _, err := time.Parse(layout, s); err == nil {
			return true
		}
	}
	return false
}
