package alembic

import (
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/paxx-dev/paxx/filetx"
)

// TemplateName is the file name of Alembic's migration template.
const TemplateName = "script.py.mako"

// TemplateDirs returns the directories, as slash paths relative to the
// Python project, where its migration template may be, in the order to
// try them: the script_location that alembic.ini (ini; nil when there is
// none) gives, then the usual places. A location that is absolute or
// climbs out of the project is left out: paxx edits files of the project
// only.
func TemplateDirs(ini *Ini) ([]string, error) {
	var dirs []string
	if ini != nil {
		loc, ok, err := ini.ScriptLocation()
		if err != nil {
			return nil, err
		}
		if ok {
			dirs = append(dirs, path.Clean(filepath.ToSlash(loc)))
		}
	}
	// Where projects keep their Alembic environment when no alembic.ini
	// says where.
	dirs = append(dirs, "db/migrations", "migrations", "alembic", "app/db/migrations", "app/migrations", "app/alembic")
	kept := dirs[:0]
	for _, d := range dirs {
		if !strings.HasPrefix(d, "..") && !path.IsAbs(d) {
			kept = append(kept, d)
		}
	}
	return kept, nil
}

// FindTemplate returns the slash path, relative to root, of the migration
// template of the Python project in the directory dir under root (a slash
// path, "." for root itself): the first of TemplateDirs that holds a
// script.py.mako. alembic.ini is read with filetx.ReadFile, so that an
// ini file that is a symbolic link out of the project, a directory or too
// large is refused as any file paxx reads; an ini file that Alembic could
// not read is an error too (see ParseIni and Ini.Get). ok is false when
// no template is found.
func FindTemplate(root, dir string) (rel string, ok bool, err error) {
	read, err := filetx.ReadFile(root, path.Join(dir, "alembic.ini"))
	if err != nil {
		return "", false, err
	}
	var ini *Ini
	if read.Old != nil {
		if ini, err = ParseIni(read.Path, read.Old); err != nil {
			return "", false, err
		}
	}
	dirs, err := TemplateDirs(ini)
	if err != nil {
		return "", false, err
	}
	for _, d := range dirs {
		rel := path.Join(dir, d, TemplateName)
		if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(rel))); err == nil {
			return rel, true, nil
		}
	}
	return "", false, nil
}
