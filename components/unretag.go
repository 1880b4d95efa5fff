package components

import (
	"slices"

	"github.com/paxx-dev/paxx/alembic"
	"github.com/paxx-dev/paxx/compose"
	"github.com/paxx-dev/paxx/rewrite"
)

// unretag undoes c's Retag: the migration template's line goes, and each
// service whose image [tool.paxx] replaced records gets that image back,
// in the scalar's own quoting (compose.File.SetImage), provided it still runs
// what add made of it. Without a record of the old image, the image is
// left as it is and a note says so: paxx does not guess which image and
// tag a service ran before.
func (r *remover) unretag(c *Component) error {
	rt := c.Retag
	if rt == nil {
		return nil
	}
	if err := r.unmigration(c); err != nil {
		return err
	}
	rel := r.p.compose
	if rel == "" {
		return nil
	}
	var items []string
	if r.record != nil {
		items = r.record.replaced(c.Name)
	}
	if len(items) == 0 {
		cf, err := r.p.parseCompose()
		if err != nil {
			return err
		}
		for _, s := range cf.ServicesByImage(rt.Target) {
			r.note(c, rel, s.Line, "service %s runs %s, and no [tool.paxx] replaced entry says what it ran before %s: kept (set the image back by hand)", s.Name, s.Image, c.Name)
		}
		return nil
	}
	for _, item := range slices.Backward(items) {
		if err := r.restoreImage(c, item); err != nil {
			return err
		}
	}
	return nil
}

// restoreImage sets a service back to the image a [tool.paxx] replaced
// item records, when the service still runs the image add gave it.
func (r *remover) restoreImage(c *Component, item string) error {
	rel := r.p.compose
	service, image, ok := parseImageItem(item)
	if !ok {
		r.note(c, r.p.pyproj, 0, "cannot read [tool.paxx] replaced entry %q: left as it is", c.Name+": "+item)
		return nil
	}
	cf, err := r.p.parseCompose()
	if err != nil {
		return err
	}
	s, ok := cf.Service(service)
	if !ok {
		r.note(c, rel, 0, "service %s, which ran %s before %s, is gone: nothing to set back", service, image, c.Name)
		return nil
	}
	major, _ := majorVersion(image)
	if want := c.Retag.target(major); s.Image != want {
		r.note(c, rel, s.Line, "service %s runs %s, not %s as %s left it: kept (it ran %s before)", service, s.Image, want, c.Name, image)
		return nil
	}
	return r.editAs(c, rel, "restored", r.p.composeOp(rel, func(f *compose.File) (*compose.File, []rewrite.Action, error) {
		return f.SetImage(service, image)
	}))
}

// unmigration removes the line c's Retag added to the migration template,
// unless it was there before (adopted): the exact inverse of its addition
// when the template was not edited around it, else the line alone (see
// alembic.File.RemoveImport).
func (r *remover) unmigration(c *Component) error {
	line := c.Retag.Migration
	if line == "" || !r.mine("migration "+line) {
		return nil
	}
	rel, ok, err := r.p.migrationTemplate()
	if err != nil || !ok {
		return err
	}
	return r.edit(c, rel, func(src []byte) ([]byte, []rewrite.Action, error) {
		f, err := alembic.Parse(rel, src)
		if err != nil {
			return nil, nil, err
		}
		g, actions, err := f.RemoveImport(line)
		if err != nil {
			return nil, nil, err
		}
		return g.Bytes(), actions, nil
	})
}

// unreplace removes c's [tool.paxx] replaced entries.
func (r *remover) unreplace(c *Component) error {
	rel := r.p.pyproj
	for _, item := range slices.Backward(r.record.replaced(c.Name)) {
		if err := r.edit(c, rel, func(src []byte) ([]byte, []rewrite.Action, error) {
			return removeRecordEntry(rel, src, keyReplaced, ownedEntry(c.Name, item))
		}); err != nil {
			return err
		}
	}
	return nil
}
