package components

import (
	_ "embed"

	"github.com/paxx-dev/paxx/python"
)

//go:embed templates/email/email.py.tmpl
var emailTemplate string

// email is outgoing e-mail over SMTP, with Mailpit catching it in compose.
func email() *Component {
	return &Component{
		Name:    "email",
		Summary: "Outgoing e-mail over SMTP, Mailpit in compose (core/email.py)",
		Section: "Email",
		Fields: []python.NewField{
			{Name: "smtp_host", Type: "str", Default: "localhost"},
			{Name: "smtp_port", Type: "int", Default: 1025},
			{Name: "smtp_username", Type: "str | None", Default: nil},
			{Name: "smtp_password", Type: "SecretStr | None", Default: nil},
			{Name: "smtp_use_tls", Type: "bool", Default: false},
			{Name: "email_from", Type: "str", Default: "noreply@example.com"},
		},
		Service: &Service{
			Name:  "mailpit",
			Image: "axllent/mailpit:v1.21",
			Body: `image: axllent/mailpit:v1.21
ports:
  - "1025:1025"
  - "8025:8025"
healthcheck:
  test: ["CMD", "/mailpit", "readyz"]
  interval: 5s
  timeout: 3s
  retries: 5
`,
			Images:  []string{"axllent/mailpit", "mailhog/mailhog"},
			AppEnv:  []AppEnv{{Field: "smtp_host", Value: "{{service}}"}},
			Healthy: true,
		},
		Dependencies: []string{"aiosmtplib>=3.0"},
		Modules:      []Module{{Name: "email.py", Template: emailTemplate, Exports: []string{"send_email"}}},
	}
}
