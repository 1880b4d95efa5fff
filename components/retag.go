package components

import (
	"errors"
	"fmt"
	"strings"
	"unicode"

	"github.com/paxx-dev/paxx/alembic"
	"github.com/paxx-dev/paxx/compose"
	"github.com/paxx-dev/paxx/rewrite"
)

// retag moves the services running one of the component's images to its
// target image, the same major version, and adds its import to the
// migration template.
func (e *engine) retag(c *Component) error {
	r := c.Retag
	if r == nil {
		return nil
	}
	rel := e.p.compose
	refuse := func(line int, format string, args ...any) *rewrite.Error {
		return rewrite.Errorf(rewrite.ErrRefused, rel, line, 0, format, args...)
	}
	if rel == "" {
		return refuse(0, "%s needs a Postgres service, and the project has no compose file", c.Name).
			WithHint("add a db service running postgres:16 to docker-compose.yml, then run paxx again")
	}
	cf, err := e.p.parseCompose()
	if err != nil {
		return err
	}
	if bad := cf.ServicesByImage(r.Refuse...); len(bad) > 0 {
		return refuse(bad[0].Line, "service %s runs %s, whose settings %s does not read", bad[0].Name, bad[0].Image, r.Target).
			WithHint("switch the service to the official postgres image (POSTGRES_USER, ...) first, or use a PostGIS build of %s", bad[0].Image)
	}
	services := cf.ServicesByImage(append([]string{r.Target}, r.Images...)...)
	if len(services) == 0 && e.found == Drift {
		e.add(c, Drift, rel, 0, fmt.Sprintf("a service running %s", strings.Join(r.Images, " or ")))
		return nil
	}
	if len(services) == 0 {
		return refuse(0, "%s needs a Postgres service: no service runs %s", c.Name, strings.Join(r.Images, " or ")).
			WithHint("add a db service running postgres:16, then run paxx again")
	}
	for _, s := range services {
		if err := e.retagService(c, s); err != nil {
			return err
		}
	}
	return e.migration(c)
}

// retagService moves one service to the target image.
func (e *engine) retagService(c *Component, s compose.Service) error {
	r, rel := c.Retag, e.p.compose
	if strings.ContainsFunc(s.Image, unicode.IsSpace) {
		// An image reference holds no blank: docker would refuse this
		// one. (A service name with one is recorded quoted: imageItem.)
		return rewrite.Errorf(rewrite.ErrRefused, rel, s.Line, 0,
			"service %q runs %q: an image with a blank in it is not one docker accepts", s.Name, s.Image).
			WithHint("fix the service's image, then run paxx again")
	}
	major, ok := majorVersion(s.Image)
	if !ok {
		return rewrite.Errorf(rewrite.ErrRefused, rel, s.Line, 0,
			"service %s runs %s: paxx cannot tell its Postgres major version", s.Name, s.Image).
			WithHint("pin the image to a major version (postgres:16), which its data directory is tied to, then run paxx again")
	}
	want := r.target(major)
	if repo, _, _ := strings.Cut(s.Image, ":"); strings.HasSuffix(repo, r.Target) {
		if s.Image != want {
			e.note(c, rel, s.Line, "service %s runs %s (paxx's default: %s)", s.Name, s.Image, want)
		}
		return nil
	}
	f, err := e.p.file(rel)
	if err != nil {
		return err
	}
	cf, err := e.p.parseCompose()
	if err != nil {
		return err
	}
	g, actions, err := cf.SetImage(s.Name, want)
	if err != nil {
		return err
	}
	if e.found == Drift {
		for _, a := range actions {
			e.findings = append(e.findings, Finding{Component: c.Name, Kind: Drift, Path: rel, Line: a.Line,
				Message: fmt.Sprintf("service %s runs %s, not PostGIS (%s)", s.Name, s.Image, want)})
		}
		return nil
	}
	f.New = g.Bytes()
	e.p.composeMemoOf(e.p.compose).put(g)
	for _, a := range actions {
		e.findings = append(e.findings, Finding{Component: c.Name, Kind: Added, Path: rel, Line: a.Line,
			Message: fmt.Sprintf("changed service %s from %s to %s", s.Name, s.Image, want)})
	}
	if len(actions) > 0 {
		if e.p.pyproj == "" {
			e.note(c, rel, s.Line, "no pyproject.toml to record that service %s ran %s: remove cannot set it back", s.Name, s.Image)
		}
		e.replaced = append(e.replaced, imageItem(s.Name, s.Image))
	}
	return nil
}

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

// migration adds the component's import to Alembic's script.py.mako, the
// template new migrations are written from, beside `import sqlalchemy as
// sa` (see alembic.File.EnsureImport); a template without that line is
// left to the person, with a note.
func (e *engine) migration(c *Component) error {
	line := c.Retag.Migration
	if line == "" {
		return nil
	}
	rel, ok, err := e.p.migrationTemplate()
	if err != nil || !ok {
		return err
	}
	err = e.edit(c, rel, func(src []byte) ([]byte, []rewrite.Action, error) {
		f, err := alembic.Parse(rel, src)
		if err != nil {
			return nil, nil, err
		}
		g, actions, err := f.EnsureImport(line)
		if err != nil {
			return nil, nil, err
		}
		return g.Bytes(), actions, nil
	})
	if errors.Is(err, alembic.ErrNoAnchor) {
		e.note(c, rel, 0, "no `%s` line: add `%s` to the template yourself", alembic.Anchor, line)
		return nil
	}
	return err
}

// migrationTemplate finds Alembic's script.py.mako in the Python project
// (see alembic.FindTemplate).
func (p *tree) migrationTemplate() (string, bool, error) {
	return alembic.FindTemplate(p.root, p.layout.Python)
}
