package alembic_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/paxx-dev/paxx/alembic"
	"github.com/paxx-dev/paxx/rewrite"
)

// FuzzParseIni reads arbitrary alembic.ini text: ParseIni and Get never
// panic, and what they refuse is an ErrSyntax *rewrite.Error at a line
// and column of the file.
func FuzzParseIni(f *testing.F) {
	for _, src := range []string{
		"[alembic]\nscript_location = %(here)s/migrations\nsqlalchemy.url = driver://user:pass@localhost/dbname\n",
		"# A generic configuration\n[DEFAULT]\nroot = %(here)s/app\n[alembic]\nscript_location = %(root)s/m\n  continued\n\n  more\n",
		"[alembic]\r\nscript_location: a%%b\r\n[loggers]\r\nkeys = root\r\n",
		rewrite.BOM + "[alembic]\rscript_location = m\r",
		"script_location = m\n",
		"[alembic]\na = %(b)s\nb = %(a)s\nscript_location = %(a)s\n",
	} {
		f.Add([]byte(src))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		ini, err := alembic.ParseIni("alembic.ini", src)
		if err == nil {
			if !bytes.Equal(ini.Bytes(), src) {
				t.Fatalf("Bytes() is not the input")
			}
			_, _, err = ini.ScriptLocation()
		}
		if err == nil {
			return
		}
		var re *rewrite.Error
		if !errors.As(err, &re) || !errors.Is(err, rewrite.ErrSyntax) {
			t.Fatalf("error %v is not an ErrSyntax *rewrite.Error", err)
		}
		// Python's universal newlines: \r\n, \r and \n each end a line.
		lf := bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
		lines := 1 + bytes.Count(lf, []byte("\n")) + bytes.Count(lf, []byte("\r"))
		if re.Path != "alembic.ini" || re.Line < 1 || re.Line > lines || re.Col < 1 {
			t.Fatalf("error %v is not at a place in the file's %d lines", err, lines)
		}
	})
}

// FuzzAddRemoveImport adds the postgis import to an arbitrary template
// and, when that added it, removes it: the result is the template byte for
// byte, and the add was insert-only and the removal delete-only.
func FuzzAddRemoveImport(f *testing.F) {
	for _, src := range []string{
		"import sqlalchemy as sa\n",
		"from alembic import op\nimport sqlalchemy as sa\n${imports if imports else \"\"}\n",
		"import sqlalchemy as sa",
		"import sqlalchemy as sa\r\nimport sqlmodel\r\n",
		"import sqlalchemy as sa\nimport geoalchemy2\n",
		"",
	} {
		f.Add([]byte(src))
	}
	const line = "import geoalchemy2"
	f.Fuzz(func(t *testing.T, src []byte) {
		tf, err := alembic.Parse("script.py.mako", src)
		if err != nil {
			return
		}
		added, actions, err := tf.AddImport(line)
		if err != nil || len(actions) == 0 {
			return
		}
		if !rewrite.IsInsertOnly(src, added.Bytes()) || !added.HasImport(line) {
			t.Fatalf("AddImport: not insert-only or without the line:\n%q\n%q", src, added.Bytes())
		}
		back, removed, err := added.RemoveImport(line)
		if err != nil || len(removed) != 1 {
			t.Fatalf("RemoveImport after AddImport: %v, %d actions", err, len(removed))
		}
		if !bytes.Equal(back.Bytes(), src) {
			t.Fatalf("add then remove changed the template\ninput:\n%q\nadded:\n%q\nremoved:\n%q", src, added.Bytes(), back.Bytes())
		}
	})
}
