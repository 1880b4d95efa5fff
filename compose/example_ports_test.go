package compose_test

import (
	"fmt"
	"log"

	"github.com/paxx-dev/paxx/compose"
)

// Add a Redis to a project that keeps its host ports in the override file
// and already publishes 6379 there: the service goes into the base file
// without ports, and its ports, bound to 127.0.0.1 on a free host port,
// into the override file under the same name.
func ExampleHostPorts_LocalPorts() {
	base, err := compose.Parse("compose.yml", []byte("services:\n  app:\n    build: .\n"))
	if err != nil {
		log.Fatal(err)
	}
	override, err := compose.Parse("compose.override.yml", []byte("services:\n  app:\n    ports:\n      - \"8000:8000\"\n  cache:\n    image: valkey/valkey\n    ports: [\"6379:6379\"]\n"))
	if err != nil {
		log.Fatal(err)
	}
	ports := compose.HostPortsOf([]*compose.File{base, override})
	body, err := ports.LocalPorts("redis", "image: redis:7-alpine\nports:\n  - \"6379:6379\"\n")
	if err != nil {
		log.Fatal(err)
	}
	rest, published, err := compose.SplitPorts(body)
	if err != nil {
		log.Fatal(err)
	}
	files := []*compose.File{base, override}
	if i := ports.PortsFile(); i > 0 {
		if files[0], _, err = base.AddService("redis", rest); err != nil {
			log.Fatal(err)
		}
		if files[i], _, err = files[i].AddService("redis", published); err != nil {
			log.Fatal(err)
		}
	}
	for _, f := range files {
		fmt.Printf("# %s\n%s", f.Path(), f.Bytes())
	}
	// Output:
	// # compose.yml
	// services:
	//   app:
	//     build: .
	//
	//   redis:
	//     image: redis:7-alpine
	// # compose.override.yml
	// services:
	//   app:
	//     ports:
	//       - "8000:8000"
	//   cache:
	//     image: valkey/valkey
	//     ports: ["6379:6379"]
	//   redis:
	//     ports:
	//       - "127.0.0.1:6380:6379"
}
