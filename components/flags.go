package components

import (
	"path/filepath"
	"slices"
	"strings"

	"github.com/paxx-dev/paxx/filetx"
	"github.com/paxx-dev/paxx/project"
	"github.com/paxx-dev/paxx/pyproject"
)

// How paxx remembers what the user decided with flags.
//
// `paxx infra add` given --compose-file, --app-service or --settings
// writes each flag, with its value, to the record's flags list:
//
//	[tool.paxx]
//	infra = ["redis"]
//	flags = ["--compose-file docker/cpu/docker-compose.yml", "--app-service fastapi-app"]
//
// A path is written relative to the record's own directory (the Python
// project's), with / separators, so that the committed record means the
// same on every machine and from every directory. Every later command
// (add, check, remove, list) takes the recorded flags as if they were
// given again; a flag given on the command line wins for that run. The
// list goes with the last component that remove takes away.

// The flags that the record keeps.
const (
	flagComposeFile = "--compose-file"
	flagAppService  = "--app-service"
	flagSettings    = "--settings"
)

// flagEntry is the record's entry of flag with value.
func flagEntry(flag, value string) string { return flag + " " + value }

// givenFlags returns the record's entries of the flags in opts, as add
// records them: paths relative to pyDir, the Python project's directory,
// resolved from dir, the directory paxx was started in.
func givenFlags(opts Options, dir, pyDir string) []string {
	rel := func(p string) string {
		if !filepath.IsAbs(p) {
			p = filepath.Join(dir, filepath.FromSlash(p))
		}
		if r, err := filepath.Rel(pyDir, p); err == nil {
			return filepath.ToSlash(r)
		}
		return filepath.ToSlash(p)
	}
	var out []string
	for _, f := range opts.ComposeFiles {
		out = append(out, flagEntry(flagComposeFile, rel(f)))
	}
	if opts.AppService != "" {
		out = append(out, flagEntry(flagAppService, opts.AppService))
	}
	if opts.Settings != "" {
		file, class := splitSettings(opts.Settings)
		out = append(out, flagEntry(flagSettings, rel(file)+class))
	}
	return out
}

// splitSettings splits a --settings choice, "PATH" or "PATH:Class", into
// the path and the ":Class" suffix ("" without one).
func splitSettings(choice string) (file, class string) {
	if i := strings.LastIndexByte(choice, ':'); i > 0 && !strings.ContainsAny(choice[i+1:], `/\.`) {
		return choice[:i], choice[i:]
	}
	return choice, ""
}

// withRecordedFlags returns opts with the flags that the record of the
// project paxx works on keeps and opts does not set: the choices add was
// given, made again. Paths are made absolute from the record's directory.
func withRecordedFlags(opts Options) (Options, error) {
	l, err := project.Find(project.Options{Dir: opts.Root, PythonOnly: true})
	if err != nil {
		return opts, nil // Find proper reports it, with the options given
	}
	rel := recordPath(l)
	c, err := filetx.ReadText(l.Base, rel)
	if err != nil || !c.Existed {
		return opts, displayErr(l, err, ".")
	}
	f, err := pyproject.Parse(l.Display(rel), c.Old)
	if err != nil {
		return opts, err
	}
	pyDir := l.Abs(l.Python)
	abs := func(p string) string { return filepath.Join(pyDir, filepath.FromSlash(p)) }
	var files []string
	for _, entry := range recordOf(f).entries(keyFlags) {
		flag, value, _ := strings.Cut(entry, " ")
		switch flag {
		case flagComposeFile:
			files = append(files, abs(value))
		case flagAppService:
			if opts.AppService == "" {
				opts.AppService = value
			}
		case flagSettings:
			if opts.Settings == "" {
				file, class := splitSettings(value)
				opts.Settings = abs(file) + class
			}
		}
	}
	if len(opts.ComposeFiles) == 0 && len(files) > 0 {
		opts.ComposeFiles = files
		opts.composeFrom = "[tool.paxx] flags in " + l.Display(rel)
	}
	return opts, nil
}

// recordFlags writes the flags add was given to the record, as c's
// changes; a flag the record holds with another value stays as recorded,
// with a note.
func (e *engine) recordFlags(c *Component) error {
	rec, err := e.p.readRecord()
	if err != nil {
		return err
	}
	have := rec.entries(keyFlags)
	for _, entry := range e.p.flags {
		flag, _, _ := strings.Cut(entry, " ")
		if slices.Contains(have, entry) {
			continue
		}
		if recorded := flagValues(have, flag); len(recorded) > 0 {
			e.note(c, e.p.recordRel, 0, "the record says %s; this run used %s, and the record keeps what it says", strings.Join(recorded, ", "), entry)
			continue
		}
		if err := e.record(c, recordEdit{keyFlags, entry}); err != nil {
			return err
		}
	}
	return nil
}

// flagValues returns the entries of flag in entries.
func flagValues(entries []string, flag string) []string {
	var out []string
	for _, h := range entries {
		if strings.HasPrefix(h, flag+" ") {
			out = append(out, h)
		}
	}
	return out
}
