package components

import (
	_ "embed"

	"github.com/paxx-dev/paxx/python"
)

//go:embed templates/websocket/ws.py.tmpl
var wsTemplate string

// websocket is a WebSocket connection manager with rooms.
func websocket() *Component {
	return &Component{
		Name:    "websocket",
		Summary: "WebSocket connection manager with rooms and Redis fan-out (core/ws.py)",
		Section: "WebSocket",
		Fields: []python.NewField{
			{Name: "ws_redis_url", Type: "str | None", Default: nil},
			{Name: "ws_heartbeat_interval", Type: "int", Default: 30},
		},
		Modules: []Module{{Name: "ws.py", Template: wsTemplate, Exports: []string{"manager"}}},
	}
}
