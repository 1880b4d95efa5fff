package components

import (
	_ "embed"

	"github.com/paxx-dev/paxx/python"
)

var (
	//go:embed templates/metrics/metrics.py.tmpl
	metricsTemplate string
	//go:embed templates/metrics/tracing.py.tmpl
	tracingTemplate string
)

// metrics is Prometheus metrics and OpenTelemetry tracing, Jaeger in compose.
func metrics() *Component {
	return &Component{
		Name:    "metrics",
		Summary: "Prometheus metrics and OpenTelemetry tracing, Jaeger in compose (core/metrics.py, core/tracing.py)",
		Section: "Observability",
		Fields: []python.NewField{
			{Name: "metrics_enabled", Type: "bool", Default: true},
			{Name: "otel_service_name", Type: "str", Default: projectName},
			{Name: "otel_exporter_otlp_endpoint", Type: "str", Default: "http://localhost:4317"},
		},
		Service: &Service{
			Name:  "jaeger",
			Image: "jaegertracing/all-in-one:1.62.0",
			Body: `image: jaegertracing/all-in-one:1.62.0
environment:
  COLLECTOR_OTLP_ENABLED: "true"
ports:
  - "16686:16686"
  - "4317:4317"
healthcheck:
  test: ["CMD", "wget", "-q", "--spider", "http://localhost:14269/"]
  interval: 5s
  timeout: 3s
  retries: 5
`,
			Images:  []string{"jaegertracing/all-in-one", "jaegertracing/jaeger"},
			AppEnv:  []AppEnv{{Field: "otel_exporter_otlp_endpoint", Value: "http://{{service}}:4317"}},
			Healthy: true,
		},
		Dependencies: []string{
			"opentelemetry-api>=1.20",
			"opentelemetry-sdk>=1.20",
			"opentelemetry-instrumentation-fastapi>=0.41b0",
			"opentelemetry-exporter-otlp>=1.20",
			"prometheus-client>=0.19",
		},
		Modules: []Module{
			{Name: "metrics.py", Template: metricsTemplate, Exports: []string{"setup_metrics"}},
			{Name: "tracing.py", Template: tracingTemplate, Exports: []string{"init_tracing", "shutdown_tracing"}},
		},
	}
}
