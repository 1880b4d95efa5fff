package components

import (
	_ "embed"
)

//go:embed templates/postgis/geo.py.tmpl
var geoTemplate string

// postgis moves the project's Postgres service to PostGIS.
func postgis() *Component {
	return &Component{
		Name:    "postgis",
		Summary: "PostGIS on the existing Postgres service (core/geo.py)",
		Retag: &Retag{
			Images:    []string{"postgres"},
			Target:    "postgis/postgis",
			Refuse:    []string{"bitnami/postgresql"},
			Migration: "import geoalchemy2",
		},
		Dependencies: []string{"geoalchemy2>=0.15"},
		Modules:      []Module{{Name: "geo.py", Template: geoTemplate, Exports: []string{"point", "within_distance"}}},
	}
}
