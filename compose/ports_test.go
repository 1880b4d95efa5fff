package compose

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseShortPort(t *testing.T) {
	tests := []struct {
		spec string
		want Published
		ok   bool
	}{
		{"6379:6379", Published{Port: 6379, End: 6379, Target: "6379", Protocol: "tcp"}, true},
		{"127.0.0.1:6379:6379", Published{HostIP: "127.0.0.1", Port: 6379, End: 6379, Target: "6379", Protocol: "tcp"}, true},
		{"8000-8005:80", Published{Port: 8000, End: 8005, Target: "80", Protocol: "tcp"}, true},
		{"6379", Published{Target: "6379", Protocol: "tcp"}, true},
		{"127.0.0.1::6379", Published{HostIP: "127.0.0.1", Target: "6379", Protocol: "tcp"}, true},
		{"${REDIS_PORT:-6379}:6379", Published{Port: 6379, End: 6379, Target: "6379", Protocol: "tcp"}, true},
		{"${REDIS_PORT-6390}:6379", Published{Port: 6390, End: 6390, Target: "6379", Protocol: "tcp"}, true},
		{"${REDIS_PORT}:6379", Published{Target: "6379", Protocol: "tcp"}, true},
		{"$REDIS_PORT:6379", Published{Target: "6379", Protocol: "tcp"}, true},
		{"53:53/udp", Published{Port: 53, End: 53, Target: "53", Protocol: "udp"}, true},
		{"[::1]:6379:6379", Published{HostIP: "::1", Port: 6379, End: 6379, Target: "6379", Protocol: "tcp"}, true},
		{"::1:6379:6379", Published{HostIP: "::1", Port: 6379, End: 6379, Target: "6379", Protocol: "tcp"}, true},
		{"8000-8005:8000-8005", Published{Port: 8000, End: 8005, Target: "8000-8005", Protocol: "tcp"}, true},
		{"x:6379", Published{}, false},
		{"6379:http", Published{}, false},
		{"9000-8000:80", Published{}, false},
		{"70000:80", Published{}, false},
	}
	for _, tt := range tests {
		got, ok := parseShortPort(tt.spec)
		if ok != tt.ok {
			t.Errorf("parseShortPort(%q) ok = %v, want %v", tt.spec, ok, tt.ok)
			continue
		}
		if ok && got != tt.want {
			t.Errorf("parseShortPort(%q) = %+v, want %+v", tt.spec, got, tt.want)
		}
	}
}

func TestWithDefaults(t *testing.T) {
	tests := []struct {
		in, out string
		known   bool
	}{
		{"plain", "plain", true},
		{"${A:-1}:${B-2}", "1:2", true},
		{"$$HOME", "$HOME", true},
		{"${A}", "", false},
		{"${A:?must be set}", "", false},
		{"${A:+alt}x", "x", true},
		{"a$B-c", "a-c", false},
		{"cost $5", "cost $5", true},
		{"${unclosed", "${unclosed", false},
	}
	for _, tt := range tests {
		out, known := withDefaults(tt.in)
		if out != tt.out || known != tt.known {
			t.Errorf("withDefaults(%q) = %q, %v; want %q, %v", tt.in, out, known, tt.out, tt.known)
		}
	}
}

const portsSrc = "x-ports: &dev-ports\r\n" +
	"    ports:\r\n" +
	"        - \"9000:9000\"   # merged\r\n" +
	"services:\r\n" +
	"    # the cache\r\n" +
	"    redis:\r\n" +
	"        image: redis:7\r\n" +
	"        ports: [\"6379:6379\", '127.0.0.1:6380:6379'] # flow\r\n" +
	"    api:\r\n" +
	"        build: .\r\n" +
	"        ports:\r\n" +
	"            - target: 8000\r\n" +
	"              published: \"8000\"\r\n" +
	"              host_ip: 127.0.0.1\r\n" +
	"            - target: 53\r\n" +
	"              published: 5353\r\n" +
	"              protocol: udp\r\n" +
	"            - target: 9229\r\n" +
	"            - 8001-8003:8001-8003\r\n" +
	"            - ${DEBUG_PORT:-5678}:5678\r\n" +
	"    minio:\r\n" +
	"        <<: *dev-ports\r\n" +
	"        image: minio/minio\r\n"

func TestPublishedPorts(t *testing.T) {
	f, err := Parse("compose.yml", []byte(portsSrc))
	if err != nil {
		t.Fatal(err)
	}
	p := func(svc, ip string, port, end int, target, proto string, line int) Published {
		return Published{Service: svc, HostIP: ip, Port: port, End: end, Target: target, Protocol: proto, Path: "compose.yml", Line: line}
	}
	want := []Published{
		p("redis", "", 6379, 6379, "6379", "tcp", 8),
		p("redis", "127.0.0.1", 6380, 6380, "6379", "tcp", 8),
		p("api", "127.0.0.1", 8000, 8000, "8000", "tcp", 12),
		p("api", "", 5353, 5353, "53", "udp", 15),
		p("api", "", 0, 0, "9229", "tcp", 18),
		p("api", "", 8001, 8003, "8001-8003", "tcp", 19),
		p("api", "", 5678, 5678, "5678", "tcp", 20),
		p("minio", "", 9000, 9000, "9000", "tcp", 3),
	}
	if d := cmp.Diff(want, f.PublishedPorts()); d != "" {
		t.Errorf("PublishedPorts (-want +got):\n%s", d)
	}
}

func TestCollides(t *testing.T) {
	at := func(ip string, port, end int, proto string) Published {
		return Published{HostIP: ip, Port: port, End: end, Protocol: proto}
	}
	tests := []struct {
		a, b Published
		want bool
	}{
		{at("", 6379, 6379, "tcp"), at("", 6379, 6379, ""), true},
		{at("", 6379, 6379, "tcp"), at("127.0.0.1", 6379, 6379, "tcp"), true},
		{at("0.0.0.0", 6379, 6379, "tcp"), at("127.0.0.1", 6379, 6379, "tcp"), true},
		{at("127.0.0.1", 6379, 6379, "tcp"), at("127.0.0.1", 6379, 6379, "tcp"), true},
		{at("127.0.0.1", 6379, 6379, "tcp"), at("192.168.1.2", 6379, 6379, "tcp"), false},
		{at("", 6379, 6379, "tcp"), at("", 6379, 6379, "udp"), false},
		{at("", 6379, 6379, "tcp"), at("", 6380, 6380, "tcp"), false},
		{at("", 8000, 8005, "tcp"), at("", 8005, 8005, "tcp"), true},
		{at("", 8000, 8005, "tcp"), at("", 8006, 8010, "tcp"), false},
		{at("", 0, 0, "tcp"), at("", 0, 0, "tcp"), false},
	}
	for _, tt := range tests {
		if got := tt.a.Collides(tt.b); got != tt.want {
			t.Errorf("%+v.Collides(%+v) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
		if got := tt.b.Collides(tt.a); got != tt.want {
			t.Errorf("%+v.Collides(%+v) = %v, want %v (not symmetric)", tt.b, tt.a, got, tt.want)
		}
	}
}

// parseAll parses compose files given as path, text, path, text...
func parseAll(t *testing.T, pairs ...string) []*File {
	t.Helper()
	var out []*File
	for i := 0; i+1 < len(pairs); i += 2 {
		f, err := Parse(pairs[i], []byte(pairs[i+1]))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, f)
	}
	return out
}

func TestHostPorts(t *testing.T) {
	base := `services:
  app:
    build: .
  jaeger:
    image: jaegertracing/all-in-one
    ports:
      - "16686:16686"
`
	override := `services:
  app:
    ports:
      - "4317:4317"
      - "6379-6381:7000-7002"
`
	h := HostPortsOf(parseAll(t, "compose.yml", base, "compose.override.yml", override))
	if h.PortsFile() != 0 || h.OverrideOnly() {
		t.Errorf("base publishes ports: PortsFile %d, OverrideOnly %v", h.PortsFile(), h.OverrideOnly())
	}
	for _, tt := range []struct {
		want   Published
		except string
		free   int
	}{
		{Published{Port: 4317}, "", 4318},
		{Published{Port: 4317}, "app", 4317},
		{Published{Port: 6379}, "", 6382},
		{Published{HostIP: Loopback, Port: 6379}, "", 6382},
		{Published{Port: 6378, End: 6379}, "", 6382},
		{Published{Port: 16686, Protocol: "udp"}, "", 16686},
		{Published{Port: 65535}, "", 65535},
		{Published{Target: "6379"}, "", 0},
	} {
		if got := h.Free(tt.want, tt.except); got != tt.free {
			t.Errorf("Free(%+v, %q) = %d, want %d", tt.want, tt.except, got, tt.free)
		}
	}
	if q, ok := h.Taken(Published{Port: 4317}, "jaeger"); !ok || q.Service != "app" || q.Path != "compose.override.yml" || q.Line != 4 {
		t.Errorf("Taken(4317) = %+v, %v; want app's entry at compose.override.yml:4", q, ok)
	}

	onlyOverride := HostPortsOf(parseAll(t, "compose.yml", "services:\n  app:\n    build: .\n", "compose.override.yml", override))
	if onlyOverride.PortsFile() != 1 || !onlyOverride.OverrideOnly() {
		t.Errorf("override-only ports: PortsFile %d, OverrideOnly %v; want 1, true", onlyOverride.PortsFile(), onlyOverride.OverrideOnly())
	}
	none := HostPortsOf(parseAll(t, "compose.yml", "services:\n  app:\n    build: .\n"))
	if none.PortsFile() != 0 || none.OverrideOnly() {
		t.Errorf("no ports: PortsFile %d, OverrideOnly %v; want 0, false", none.PortsFile(), none.OverrideOnly())
	}
}

func TestLocalPorts(t *testing.T) {
	h := HostPortsOf(parseAll(t, "compose.yml", `services:
  cache:
    image: valkey/valkey
    ports: ["6379:6379"]
  redis:
    image: redis
    ports: ["6390:6379"]
  dns:
    ports:
      - 127.0.0.1:53:53/udp
`))
	tests := []struct {
		name, body, want string
	}{
		{"moves and binds", "image: redis\nports:\n  - \"6379:6379\"\n", "image: redis\nports:\n  - \"127.0.0.1:6380:6379\"\n"},
		{"own entries are no obstacle", "image: redis\nports:\n  - \"6390:6379\"\n", "image: redis\nports:\n  - \"127.0.0.1:6390:6379\"\n"},
		{"single quotes kept", "ports:\n  - '6379:6379'\n", "ports:\n  - '127.0.0.1:6380:6379'\n"},
		{"plain gets quoted", "ports:\n  - 8080:80\n", "ports:\n  - \"127.0.0.1:8080:80\"\n"},
		{"flow", "ports: [\"6379:6379\", \"6379:6380\"]\n", "ports: [\"127.0.0.1:6380:6379\", \"127.0.0.1:6381:6380\"]\n"},
		{"address kept", "ports:\n  - \"0.0.0.0:6379:6379\"\n", "ports:\n  - \"0.0.0.0:6380:6379\"\n"},
		{"ephemeral", "ports:\n  - \"6379\"\n", "ports:\n  - \"127.0.0.1::6379\"\n"},
		{"protocol", "ports:\n  - \"53:53/udp\"\n", "ports:\n  - \"127.0.0.1:54:53/udp\"\n"},
		{"range", "ports:\n  - \"6378-6379:6378-6379\"\n", "ports:\n  - \"127.0.0.1:6380-6381:6378-6379\"\n"},
		{"variables left", "ports:\n  - \"${P:-6379}:6379\"\n", "ports:\n  - \"${P:-6379}:6379\"\n"},
		{"long syntax left", "ports:\n  - target: 6379\n    published: 6379\n", "ports:\n  - target: 6379\n    published: 6379\n"},
		{"no ports", "image: redis\n", "image: redis\n"},
		{"ipv6", "ports:\n  - \"[::1]:6379:6379\"\n", "ports:\n  - \"[::1]:6380:6379\"\n"},
	}
	for _, tt := range tests {
		got, err := h.LocalPorts("redis", tt.body)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if got != tt.want {
			t.Errorf("%s: LocalPorts =\n%s\nwant\n%s", tt.name, got, tt.want)
		}
	}
	if _, err := h.LocalPorts("redis", "ports:\n  - \"x:1\"\n"); err == nil || !strings.Contains(err.Error(), "cannot read the port") {
		t.Errorf("an unreadable port: err %v", err)
	}
}

func TestSplitPorts(t *testing.T) {
	tests := []struct {
		name, body, rest, ports string
	}{
		{"middle", redisBody, "image: redis:7-alpine\nvolumes:\n  - redis_data:/data\nhealthcheck:\n  test: [\"CMD\", \"redis-cli\", \"ping\"]\n  interval: 5s\n  timeout: 3s\n  retries: 5\n", "ports:\n  - \"6379:6379\"\n"},
		{"last without newline", "image: x\nports: [\"1:1\"]", "image: x\n", "ports: [\"1:1\"]\n"},
		{"commented item", "image: x\nports:\n  # the UI\n  - \"1:1\"\nenvironment: {}\n", "image: x\nenvironment: {}\n", "ports:\n  # the UI\n  - \"1:1\"\n"},
		{"none", "image: x\n", "image: x\n", ""},
	}
	for _, tt := range tests {
		rest, ports, err := SplitPorts(tt.body)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if rest != tt.rest || ports != tt.ports {
			t.Errorf("%s: SplitPorts =\n%q\n%q\nwant\n%q\n%q", tt.name, rest, ports, tt.rest, tt.ports)
		}
	}
	if _, _, err := SplitPorts("image: [unclosed\n"); err == nil {
		t.Error("SplitPorts of bad YAML: no error")
	}
}
