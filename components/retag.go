package components

import (
	"strings"

	"github.com/paxx-dev/paxx/alembic"
)

// target is the image that Retag moves a service of Postgres major
// version major to: "postgis/postgis:16-3.4".
func (r *Retag) target(major string) string {
	return r.Target + ":" + strings.ReplaceAll(r.Tag, "{{major}}", major)
}

// majorVersion returns the major version in an image's tag: "16" for
// postgres:16-alpine, postgres:16.2 and postgis/postgis:16-3.4. No tag,
// latest and other names have none.
func majorVersion(image string) (string, bool) {
	ref, _, _ := strings.Cut(image, "@")
	i := strings.LastIndexByte(ref, ':')
	if i < 0 || strings.Contains(ref[i:], "/") {
		return "", false
	}
	tag := ref[i+1:]
	n := 0
	for n < len(tag) && tag[n] >= '0' && tag[n] <= '9' {
		n++
	}
	if n == 0 || n < len(tag) && tag[n] != '.' && tag[n] != '-' {
		return "", false
	}
	return tag[:n], true
}

// migrationTemplate finds Alembic's script.py.mako in the Python project
// (see alembic.FindTemplate).
func (p *tree) migrationTemplate() (string, bool, error) {
	return alembic.FindTemplate(p.root, p.layout.Python)
}
