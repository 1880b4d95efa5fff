package compose

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/paxx-dev/paxx/rewrite"
	"gopkg.in/yaml.v3"
)

// HostPorts is what the compose files of a project publish on the host,
// as Compose merges them: a service's ports in an override file add to
// those of the base file. paxx never publishes a host port that another
// service already publishes, and puts a new service's ports where the
// project keeps its host ports.
type HostPorts struct {
	// Published lists every entry of every file, in merge order.
	Published []Published
	// file is, for each entry of Published, the index of its file.
	file []int
}

// HostPortsOf reads the ports of a project's compose files, given as
// Compose merges them: the base file, then the overrides.
func HostPortsOf(files []*File) HostPorts {
	var h HostPorts
	for i, f := range files {
		for _, p := range f.PublishedPorts() {
			h.Published = append(h.Published, p)
			h.file = append(h.file, i)
		}
	}
	return h
}

// PortsFile returns the index, among the files HostPortsOf was given, of
// the file where a new service's ports go: the base file (0), unless the
// base publishes nothing and an override does, the first that does. A
// project that keeps host ports in compose.override.yml keeps its
// production compose.yml free of them, and paxx follows it.
func (h HostPorts) PortsFile() int {
	first := 0
	for _, i := range h.file {
		if i == 0 {
			return 0
		}
		if first == 0 {
			first = i
		}
	}
	return first
}

// OverrideOnly reports whether the project keeps its host ports only in
// an override file: the base file publishes none and an override some.
func (h HostPorts) OverrideOnly() bool { return h.PortsFile() > 0 }

// Taken returns an entry of a service other than except that collides
// with p (see Published.Collides); ok is false when there is none.
// except is the service p is for, whose own entries are no obstacle: so
// that add, check and remove, which see the service once it is there,
// choose the same port as add did before it was.
func (h HostPorts) Taken(p Published, except string) (Published, bool) {
	for _, q := range h.Published {
		if q.Service != except && p.Collides(q) {
			return q, true
		}
	}
	return Published{}, false
}

// Free returns the first host port from want.Port up at which a range as
// wide as want's collides with no entry of a service other than except:
// want.Port itself when it is free, 6380 when 6379 is taken, and so on. It
// returns 0 when no port up to 65535 is free, and want.Port for an entry
// whose port Compose picks (0).
func (h HostPorts) Free(want Published, except string) int {
	return h.free(want, except, nil)
}

// free is Free, also keeping clear of the entries of also.
func (h HostPorts) free(want Published, except string, also []Published) int {
	if want.Port == 0 {
		return 0
	}
	width := want.end() - want.Port
	for port := want.Port; port+width <= 65535; port++ {
		c := want
		c.Port, c.End = port, port+width
		if _, taken := h.Taken(c, except); taken {
			continue
		}
		clear := true
		for _, q := range also {
			clear = clear && !c.Collides(q)
		}
		if clear {
			return port
		}
	}
	return 0
}

// Loopback is the address paxx binds the ports of the services it adds.
// A service paxx adds is a development dependency (a Redis, a mail
// catcher) that often has no password: published on every interface it
// would be open to the network the machine is on. Other containers reach
// it by its service name whatever the host binding.
const Loopback = "127.0.0.1"

// LocalPorts rewrites the short-syntax ports of a service body, as
// AddService takes it, for the project: each entry binds Loopback unless
// it names an address, and its host port moves to the first one no other
// service publishes (6379 taken: 6380; a range moves as a whole). An entry
// whose host port Compose picks (`6379`) stays so, bound to Loopback. The
// entry keeps its quote character (plain becomes double-quoted). Entries in
// the long syntax and entries with variables are left as written. service
// is the body's service, whose own entries in the project are no obstacle.
func (h HostPorts) LocalPorts(service, body string) (string, error) {
	b, top, err := parseTree("body of service "+service, []byte(body))
	if err != nil {
		return "", fmt.Errorf("compose: %w", err)
	}
	if top == nil {
		return body, nil
	}
	_, ports := pair(b.root, "ports")
	if ports == nil || ports.Kind != yaml.SequenceNode {
		return body, nil
	}
	var edits []rewrite.Edit
	var chosen []Published
	for _, item := range ports.Content {
		if item.Kind != yaml.ScalarNode || isNull(item) || strings.Contains(item.Value, "$") {
			continue
		}
		p, ok := parseShortPort(item.Value)
		if !ok {
			return "", fmt.Errorf("compose: body of service %s: line %d: cannot read the port %q", service, item.Line, item.Value)
		}
		if p.HostIP == "" {
			p.HostIP = Loopback
		}
		if p.Port != 0 {
			port := h.free(p, service, chosen)
			if port == 0 {
				return "", fmt.Errorf("compose: body of service %s: no free host port from %d up for %q", service, p.Port, item.Value)
			}
			p.End, p.Port = port+p.end()-p.Port, port
		}
		chosen = append(chosen, p)
		text := shortPort(p, strings.Contains(item.Value, "/"))
		q := byte('"')
		if item.Style&yaml.SingleQuotedStyle != 0 {
			q = '\''
		}
		start := b.offset(item)
		end := start + len(item.Value)
		if item.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
			if end, ok = skipQuoted(b.src, start); !ok {
				return "", fmt.Errorf("compose: body of service %s: line %d: unterminated quote", service, item.Line)
			}
		}
		edits = append(edits, rewrite.Edit{Start: start, End: end, Text: quoted(text, q, ports.Style&yaml.FlowStyle != 0)})
	}
	out, err := rewrite.Apply(b.src, edits)
	if err != nil {
		return "", fmt.Errorf("compose: body of service %s: %w", service, err)
	}
	return string(out), nil
}

// shortPort writes p in the short syntax, with its protocol when
// withProtocol.
func shortPort(p Published, withProtocol bool) string {
	var b strings.Builder
	if p.HostIP != "" {
		if strings.Contains(p.HostIP, ":") {
			b.WriteString("[" + p.HostIP + "]")
		} else {
			b.WriteString(p.HostIP)
		}
		b.WriteByte(':')
	}
	if p.Port != 0 {
		b.WriteString(strconv.Itoa(p.Port))
		if p.end() != p.Port {
			b.WriteString("-" + strconv.Itoa(p.end()))
		}
	}
	if p.HostIP != "" || p.Port != 0 {
		b.WriteByte(':')
	}
	b.WriteString(p.Target)
	if withProtocol {
		b.WriteString("/" + p.protocol())
	}
	return b.String()
}

// SplitPorts splits a service body, as AddService takes it, into the body
// without its ports entry and a body of that entry alone (its lines as
// written), "" when it has none. A project that keeps its host ports in
// an override file gets rest in the base file and ports, under the same
// service name, in the override: Compose merges the two entries into one
// service, and RemoveService with the same bodies takes each away.
func SplitPorts(body string) (rest, ports string, err error) {
	b, top, err := parseTree("body", []byte(body))
	if err != nil {
		return "", "", fmt.Errorf("compose: %w", err)
	}
	if top == nil {
		return body, "", nil
	}
	k, v := pair(b.root, "ports")
	if k == nil {
		return body, "", nil
	}
	if k.Column != 1 {
		return "", "", fmt.Errorf("compose: body: ports: at line %d is not at the left margin", k.Line)
	}
	start, end := b.starts[k.Line-1], b.lineEnd(b.blockEnd(v, 0))
	src := string(b.src)
	rest, ports = src[:start]+src[end:], src[start:end]
	if !strings.HasSuffix(ports, "\n") {
		ports += "\n"
	}
	return rest, ports, nil
}
