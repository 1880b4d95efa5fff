package components

import (
	"fmt"
	"slices"
	"strings"

	"github.com/paxx-dev/paxx/compose"
)

// binding is what a component is in one project: the compose services it
// runs or uses, and the settings fields' attributes and environment keys
// as this project spells them. It is worked out once per command, from
// the project as read and the record, before any step runs; the plan,
// the generated modules, the next steps and the record's adoptions all
// read it, so that add, check and remove name the same things.
type binding struct {
	// service is the compose service the component's [service] stands
	// for in the project: paxx's own (named as the catalogue names it, or
	// renamed when the project uses that name for something else), or
	// the project's own that runs one of its images (reused). "" for a
	// component without a service, or a project without compose files.
	service string
	// reused is set when service is the project's own, there before paxx:
	// it is used as it is, never added or removed.
	reused bool
	// reusedLine is the line of a reused service, for notes.
	reusedLine int
	// worker is the name of the component's worker service, "" without
	// one; userWorker is set when the project has its own service of that
	// name that runs the worker's command, which paxx uses as it is.
	worker     string
	userWorker bool
	// renamed are, in the words of the record, the services paxx named
	// otherwise than the catalogue does ("service worker as tasks-worker").
	renamed []string
	// replaced are, in the words of the record, the images the component
	// changes, each with the image the service ran ("image db
	// postgres:16-alpine"): what remove sets back. For an installed
	// component, the record's.
	replaced []string
	// installed is set when the record lists the component, as the
	// command read it; adopted are then what the record says it found in
	// place when it was added ("field redis_url"): the user's.
	installed bool
	adopted   []string
}

// mine reports whether item is paxx's: the one definition of ownership,
// by which remove undoes a step. What the component found in place when
// it was added ([tool.paxx] adopted) is the user's.
func (b *binding) mine(item string) bool {
	return !slices.Contains(b.adopted, item)
}

// bind returns c's binding in the project, working it out the first time.
func (e *engine) bind(c *Component) (*binding, error) {
	if b, ok := e.bindings[c.Name]; ok {
		return b, nil
	}
	b := &binding{installed: e.installed(c)}
	if b.installed {
		rec, err := e.p.readRecord()
		if err != nil {
			return nil, err
		}
		b.replaced, b.adopted = rec.replaced(c.Name), rec.adopted(c.Name)
	}
	if e.p.compose != "" {
		renames, err := e.recordedRenames(c)
		if err != nil {
			return nil, err
		}
		if err := e.bindService(c, b, renames); err != nil {
			return nil, err
		}
		if err := e.bindWorker(c, b, renames); err != nil {
			return nil, err
		}
	} else if c.Service != nil {
		b.service = c.Service.Name
	}
	if e.bindings == nil {
		e.bindings = map[string]*binding{}
	}
	e.bindings[c.Name] = b
	return b, nil
}

// fieldNames are what a settings field of the catalogue (redis_url) is in
// the project: its attribute as the settings class spells it (REDIS_URL in
// an UPPER_CASE class) and its environment variable (with env_prefix).
type fieldNames struct{ attr, env string }

// field returns the names of the catalogue's field name in the project,
// worked out once per command from the settings class as first read: the
// plan, the templates, the adoptions and the worker all name a field so.
func (e *engine) field(name string) (fieldNames, error) {
	if n, ok := e.fields[name]; ok {
		return n, nil
	}
	cls, _, err := e.p.settingsClass()
	if err != nil {
		return fieldNames{}, err
	}
	attr := cls.FieldName(name)
	if f, ok := cls.HasField(name); ok {
		attr = f.Name
	}
	n := fieldNames{attr: attr, env: cls.EnvName(attr)}
	if e.fields == nil {
		e.fields = map[string]fieldNames{}
	}
	e.fields[name] = n
	return n, nil
}

// envKey is the environment variable of the catalogue's field name in the
// project; "" when the settings cannot be read, an error the plan reports
// where it reads them.
func (e *engine) envKey(name string) string {
	n, _ := e.field(name)
	return n.env
}

// recordedRenames returns the names the record says paxx gave c's
// services, by the catalogue's name.
func (e *engine) recordedRenames(c *Component) (map[string]string, error) {
	rec, err := e.p.readRecord()
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, item := range rec.owned(keyRenamed, c.Name) {
		if from, to, ok := parseRenameItem(item); ok {
			out[from] = to
		}
	}
	return out, nil
}

// bindService decides which service c's [service] is in the project: the
// one the record names; else one of the project's that runs one of its
// images (by name first); else paxx's own, under its catalogue name
// unless the project has a service of that name running something else.
func (e *engine) bindService(c *Component, b *binding, renames map[string]string) error {
	s := c.Service
	if s == nil {
		return nil
	}
	if to, ok := renames[s.Name]; ok {
		b.service = to
		return nil
	}
	if b.installed {
		// The service add used: its own, or the project's that the record
		// says it adopted, by name or by image.
		b.service = s.Name
		if _, _, ok, err := e.p.findService(s.Name); err != nil {
			return err
		} else if !ok {
			reuse, err := e.p.servicesByImage(s.Images...)
			if err != nil {
				return err
			}
			if len(reuse) > 0 {
				b.service = reuse[0].Name
			}
		}
		b.reused = !b.mine("service " + b.service)
		return nil
	}
	if existing, _, ok, err := e.p.findService(s.Name); err != nil {
		return err
	} else if ok && (existing.Image == "" || imageIsOneOf(existing.Image, append([]string{imageRepository(s.Image)}, s.Images...))) {
		// The project's own service of that name: built (an image paxx
		// cannot read), or running what the component runs.
		b.service, b.reused, b.reusedLine = s.Name, true, existing.Line
		return nil
	} else if ok {
		name, err := e.freeName(c, s.Name)
		if err != nil {
			return err
		}
		b.service = name
		b.renamed = append(b.renamed, renameItem(s.Name, name))
		return nil
	}
	reuse, err := e.p.servicesByImage(s.Images...)
	if err != nil {
		return err
	}
	if len(reuse) > 0 {
		b.service, b.reused, b.reusedLine = reuse[0].Name, true, reuse[0].Line
		return nil
	}
	b.service = s.Name
	return nil
}

// bindWorker decides the name of c's worker: the one the record names;
// else the catalogue's, when the project has no such service or its
// service of that name runs the worker's command (the user's own, used
// as it is); else another name, as for a service.
func (e *engine) bindWorker(c *Component, b *binding, renames map[string]string) error {
	w := c.Worker
	if w == nil {
		return nil
	}
	if to, ok := renames[w.Name]; ok {
		b.worker = to
		return nil
	}
	spec, ok, err := e.p.serviceSpec(w.Name)
	if err != nil || !ok {
		b.worker = w.Name
		return err
	}
	if b.installed {
		b.worker, b.userWorker = w.Name, !b.mine("service "+w.Name)
		return nil
	}
	if runsCommand(spec, strings.ReplaceAll(w.Command, "{{core}}", e.p.coreMod)) {
		b.worker, b.userWorker = w.Name, true
		return nil
	}
	name, err := e.freeName(c, w.Name)
	if err != nil {
		return err
	}
	b.worker = name
	b.renamed = append(b.renamed, renameItem(w.Name, name))
	return nil
}

// runsCommand reports whether the service runs command: its command
// holds command's words in order (behind a runner such as `poetry run`,
// or inside `sh -c`).
func runsCommand(s compose.Spec, command string) bool {
	want := strings.Fields(command)
	got := strings.Join(s.Command, " ")
	return len(want) > 0 && strings.Contains(" "+got+" ", " "+strings.Join(want, " ")+" ")
}

// freeName returns a name for a service of c that the project does not
// use: COMPONENT-NAME ("tasks-worker"), else with a number after it.
func (e *engine) freeName(c *Component, name string) (string, error) {
	base := c.Name + "-" + name
	if c.Name == name {
		base = name + "-paxx"
	}
	for i := 1; ; i++ {
		candidate := base
		if i > 1 {
			candidate = fmt.Sprintf("%s-%d", base, i)
		}
		if _, _, ok, err := e.p.findService(candidate); err != nil {
			return "", err
		} else if !ok {
			return candidate, nil
		}
	}
}

// installed reports whether the record lists c as installed.
func (e *engine) installed(c *Component) bool {
	rec, err := e.p.readRecord()
	return err == nil && slices.Contains(rec.installed(), c.Name)
}

// imageRepository is the repository of an image reference: the reference
// without its tag or digest ("redis" for "redis:7-alpine").
func imageRepository(ref string) string {
	ref, _, _ = strings.Cut(ref, "@")
	if i := strings.LastIndexByte(ref, ':'); i > strings.LastIndexByte(ref, '/') {
		ref = ref[:i]
	}
	return ref
}

// imageIsOneOf reports whether image runs one of the repositories names.
func imageIsOneOf(image string, names []string) bool {
	return slices.ContainsFunc(names, func(n string) bool { return compose.ImageIs(image, n) })
}

// recordRenamed writes to the record the services that c's binding names
// otherwise than the catalogue, as c's changes.
func (e *engine) recordRenamed(c *Component) error {
	b, err := e.bind(c)
	if err != nil {
		return err
	}
	for _, item := range b.renamed {
		if err := e.record(c, recordEdit{keyRenamed, ownedEntry(c.Name, item)}); err != nil {
			return err
		}
	}
	return nil
}

// renameItem is the record's item for a service paxx named to rather
// than from, as the catalogue names it: "service worker as tasks-worker".
func renameItem(from, to string) string { return "service " + from + " as " + to }

// parseRenameItem reads an item written by renameItem.
func parseRenameItem(item string) (from, to string, ok bool) {
	rest, ok := strings.CutPrefix(item, "service ")
	if !ok {
		return "", "", false
	}
	from, to, ok = strings.Cut(rest, " as ")
	return from, to, ok && from != "" && to != ""
}
