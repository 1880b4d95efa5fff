package compose

import (
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Published is one entry of a service's ports: what it publishes on the
// host. Variables are read with their defaults (`${REDIS_PORT:-6379}:6379`
// publishes 6379), as Compose reads them when nothing sets them.
type Published struct {
	// Service is the service that publishes it.
	Service string
	// HostIP is the address it binds, without brackets, "" for every
	// interface.
	HostIP string
	// Port and End are the first and last host port of the range it
	// publishes (End is Port for a single port). Port is 0 when Compose
	// picks the host port (`6379` alone, `127.0.0.1::6379`), or when a
	// variable without a default names it: such an entry never collides.
	Port, End int
	// Target is the container port or range as written (`6379`, `80`).
	Target string
	// Protocol is tcp unless the entry names another (`/udp`).
	Protocol string
	// Path and Line locate the entry: the file and its 1-based line.
	Path string
	Line int
}

// PublishedPorts returns what each service publishes, in the order the
// file writes them, in the short syntax (`"6379:6379"`,
// `127.0.0.1:6379:6379`, `"8000-8005:80"`, `6379/udp`) and the long one
// (`target:`, `published:`, `host_ip:`, `protocol:`); ports merged in
// with `<<:` count. An entry paxx cannot read is left out.
func (f *File) PublishedPorts() []Published {
	var out []Published
	for _, s := range f.Services() {
		_, ports, _ := get(f.body(s.Name), "ports")
		if ports == nil || ports.Kind != yaml.SequenceNode {
			continue
		}
		for _, item := range ports.Content {
			if p, ok := readPort(resolve(item)); ok {
				p.Service, p.Path = s.Name, f.path
				out = append(out, p)
			}
		}
	}
	return out
}

// Path returns the path the file was parsed as, for messages.
func (f *File) Path() string { return f.path }

// readPort reads one ports entry.
func readPort(n *yaml.Node) (Published, bool) {
	if n == nil {
		return Published{}, false
	}
	switch n.Kind {
	case yaml.ScalarNode:
		if isNull(n) {
			return Published{}, false
		}
		p, ok := parseShortPort(n.Value)
		p.Line = n.Line
		return p, ok
	case yaml.MappingNode:
		p := Published{Protocol: "tcp", Line: n.Line}
		field := func(key string) string {
			if _, v, _ := get(n, key); v != nil && v.Kind == yaml.ScalarNode && !isNull(v) {
				return v.Value
			}
			return ""
		}
		p.Target = field("target")
		if p.Target == "" {
			return Published{}, false
		}
		if proto := field("protocol"); proto != "" {
			p.Protocol = strings.ToLower(proto)
		}
		ip, _ := withDefaults(field("host_ip"))
		p.HostIP = strings.Trim(ip, "[]")
		if pub, known := withDefaults(field("published")); known && pub != "" {
			var ok bool
			if p.Port, p.End, ok = portRange(pub); !ok {
				return Published{}, false
			}
		}
		return p, true
	}
	return Published{}, false
}

// parseShortPort reads the short syntax, [[IP:]HOST:]CONTAINER[/PROTOCOL],
// where HOST and CONTAINER are ports or ranges and an IPv6 address is in
// brackets.
func parseShortPort(spec string) (Published, bool) {
	spec, known := withDefaults(strings.TrimSpace(spec))
	p := Published{Protocol: "tcp"}
	if i := strings.LastIndexByte(spec, '/'); i >= 0 {
		p.Protocol, spec = strings.ToLower(spec[i+1:]), spec[:i]
	}
	var host string
	if strings.HasPrefix(spec, "[") {
		end := strings.Index(spec, "]:")
		if end < 0 {
			return Published{}, false
		}
		p.HostIP, spec = spec[1:end], spec[end+2:]
		var ok bool
		if host, p.Target, ok = strings.Cut(spec, ":"); !ok {
			return Published{}, false
		}
	} else {
		parts := strings.Split(spec, ":")
		switch n := len(parts); {
		case n == 1:
			p.Target = parts[0]
		case n == 2:
			host, p.Target = parts[0], parts[1]
		default:
			p.HostIP, host, p.Target = strings.Join(parts[:n-2], ":"), parts[n-2], parts[n-1]
		}
	}
	if _, _, ok := portRange(p.Target); !ok {
		return Published{}, false
	}
	if host == "" || !known {
		// Compose picks the port; or a variable without a default
		// names it, which paxx cannot know.
		return p, true
	}
	var ok bool
	p.Port, p.End, ok = portRange(host)
	return p, ok
}

// portRange reads a port (`6379`) or a range (`8000-8005`).
func portRange(s string) (first, last int, ok bool) {
	a, b, isRange := strings.Cut(strings.TrimSpace(s), "-")
	first, err := strconv.Atoi(a)
	if err != nil || first < 0 || first > 65535 {
		return 0, 0, false
	}
	last = first
	if isRange {
		if last, err = strconv.Atoi(b); err != nil || last < first || last > 65535 {
			return 0, 0, false
		}
	}
	return first, last, true
}

// Collides reports whether p and q cannot both be published: the same
// protocol, host port ranges that overlap, and addresses that overlap (one
// binds every interface, or both bind the same one). An entry whose host
// port Compose picks collides with nothing.
func (p Published) Collides(q Published) bool {
	if p.Port == 0 || q.Port == 0 || p.protocol() != q.protocol() {
		return false
	}
	if a, b := anyAddress(p.HostIP), anyAddress(q.HostIP); !a && !b && p.HostIP != q.HostIP {
		return false
	}
	return p.Port <= q.end() && q.Port <= p.end()
}

// protocol is p's protocol, tcp when unset.
func (p Published) protocol() string {
	if p.Protocol == "" {
		return "tcp"
	}
	return p.Protocol
}

// end is p's last host port.
func (p Published) end() int {
	return max(p.End, p.Port)
}

// anyAddress reports whether a host IP binds every interface.
func anyAddress(ip string) bool {
	switch strings.Trim(ip, "[]") {
	case "", "0.0.0.0", "::":
		return true
	}
	return false
}
