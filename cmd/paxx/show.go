package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/paxx-dev/paxx/components"
	"github.com/paxx-dev/paxx/python"
)

// newShowCmd describes one component of the catalogue, as text or JSON.
func newShowCmd(e *env) *cobra.Command {
	var asJSON bool
	var dir string
	cmd := &cobra.Command{
		Use:   "show NAME",
		Short: "Show what a component would change: its settings, variables, service and files",
		Long: `Show describes one component from paxx's catalogue (with the project's and
the user's own components), without changing any project: the settings fields it adds, the environment variables that set
them, the compose service it runs and how the app is wired to it, the
dependencies and the files it generates.`,
		Example: `  paxx infra show redis
  paxx infra show redis --json`,
		Args:              argsWanted(1, 1, "one component name"),
		ValidArgsFunction: completeOneComponent,
		RunE: func(cmd *cobra.Command, args []string) error {
			cat, err := catalogFor(dir)
			if err != nil {
				return err
			}
			c, err := cat.Lookup(args[0])
			if err != nil {
				return err
			}
			doc := newShowDoc(c)
			if asJSON {
				return e.writeJSON(doc)
			}
			e.printShow(doc)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, jsonUsage)
	cmd.Flags().StringVarP(&dir, "dir", "C", ".", "the project whose own components (.paxx/components) are shown too")
	completeDirFlag(cmd)
	return cmd
}

// showDoc is the JSON document of `paxx infra show`.
type showDoc struct {
	FormatVersion string         `json:"format_version"`
	Name          string         `json:"name"`
	Summary       string         `json:"summary"`
	Requires      []string       `json:"requires"`
	Section       string         `json:"section"`
	Settings      []showField    `json:"settings"`
	Variables     []showVariable `json:"variables"`
	Service       *showService   `json:"service"` // null when the component runs none
	Dependencies  []string       `json:"dependencies"`
	Files         []string       `json:"files"`
}

// showField is a settings field; Default is Python source.
type showField struct {
	Name    string `json:"name"`
	Type    string `json:"type"`
	Default string `json:"default"`
}

// showVariable is the environment variable that sets a field, with the
// value .env.example gets and, when the component runs a service, the one
// the app service gets in compose.
type showVariable struct {
	Name       string `json:"name"`
	Field      string `json:"field"`
	EnvExample string `json:"env_example"`
	Compose    string `json:"compose,omitempty"`
}

// showService is the compose service and the app's wiring to it.
type showService struct {
	Name      string   `json:"name"`
	Image     string   `json:"image"`
	Body      string   `json:"body"`
	Volumes   []string `json:"volumes"`
	DependsOn string   `json:"depends_on_condition"`
	Reuses    []string `json:"reuses_images"`
}

func newShowDoc(c *components.Component) showDoc {
	doc := showDoc{
		FormatVersion: formatVersion, Name: c.Name, Summary: c.Summary,
		Requires: append([]string{}, c.Requires...), Section: c.Section,
		Settings: []showField{}, Variables: []showVariable{},
		Dependencies: append([]string{}, c.Dependencies...), Files: []string{},
	}
	compose := map[string]string{}
	if s := c.Service; s != nil {
		cond := "service_started"
		if s.Healthy {
			cond = "service_healthy"
		}
		doc.Service = &showService{
			Name: s.Name, Image: s.Image, Body: s.Body, DependsOn: cond,
			Volumes: append([]string{}, s.Volumes...), Reuses: append([]string{}, s.Images...),
		}
		for _, a := range s.AppEnv {
			compose[a.Field] = strings.ReplaceAll(a.Value, "{{service}}", s.Name)
		}
	}
	for _, f := range c.Fields {
		doc.Settings = append(doc.Settings, showField{Name: f.Name, Type: f.Type, Default: pythonSource(f.Default)})
		doc.Variables = append(doc.Variables, showVariable{
			// A class with no env_prefix, not case sensitive: the variable
			// a project gets unless its settings class says otherwise.
			Name:  python.Class{}.EnvName(f.Name),
			Field: f.Name, EnvExample: envText(f.Default), Compose: compose[f.Name],
		})
	}
	for _, m := range c.Modules {
		doc.Files = append(doc.Files, "core/"+m.Name)
	}
	return doc
}

// printShow prints the document for people, one section per kind of
// change, in the order add makes them.
func (e *env) printShow(d showDoc) {
	w := e.stdout
	fmt.Fprintf(w, "%s: %s\n", e.paint(bold, d.Name), d.Summary)
	if len(d.Requires) > 0 {
		fmt.Fprintf(w, "requires: %s\n", strings.Join(d.Requires, ", "))
	}
	if len(d.Settings) > 0 {
		e.heading(fmt.Sprintf("Settings fields (in the settings class, under # %s)", d.Section))
		for _, f := range d.Settings {
			fmt.Fprintf(w, "  %s: %s = %s\n", f.Name, f.Type, f.Default)
		}
	}
	if len(d.Variables) > 0 {
		e.heading("Environment variables (after the settings class's env_prefix, if any)")
		for _, v := range d.Variables {
			fmt.Fprintf(w, "  %s=%s  in .env.example\n", v.Name, v.EnvExample)
			if v.Compose != "" {
				fmt.Fprintf(w, "  %s=%s  in the app service's environment in compose\n", v.Name, v.Compose)
			}
		}
	}
	if s := d.Service; s != nil {
		e.heading("Compose service " + s.Name)
		for _, l := range strings.Split(strings.TrimRight(s.Body, "\n"), "\n") {
			fmt.Fprintln(w, "  "+l)
		}
		if len(s.Volumes) > 0 {
			fmt.Fprintf(w, "  named volumes: %s\n", strings.Join(s.Volumes, ", "))
		}
		fmt.Fprintf(w, "  the app service depends on %s (condition: %s)\n", s.Name, s.DependsOn)
		if len(s.Reuses) > 0 {
			fmt.Fprintf(w, "  reused instead: a service already running one of\n    %s\n", strings.Join(s.Reuses, ", "))
		}
	}
	if len(d.Dependencies) > 0 {
		e.heading("Dependencies (pyproject.toml, or requirements.txt without one)")
		for _, dep := range d.Dependencies {
			fmt.Fprintln(w, "  "+dep)
		}
	}
	if len(d.Files) > 0 {
		e.heading("Files generated (in the core package beside the settings module)")
		for _, f := range d.Files {
			fmt.Fprintln(w, "  "+f)
		}
	}
}

func (e *env) heading(s string) {
	fmt.Fprintln(e.stdout, "\n"+e.paint(bold, s))
}

// pythonSource renders a catalogue default as the Python source paxx
// writes for it (with double quotes; the project's own quote style is
// followed when the field is added).
func pythonSource(v any) string {
	switch v := v.(type) {
	case nil:
		return "None"
	case python.Expr:
		return string(v)
	case string:
		return strconv.Quote(v)
	case bool:
		if v {
			return "True"
		}
		return "False"
	default:
		return fmt.Sprint(v)
	}
}

// envText renders a catalogue default as a .env value.
func envText(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case python.Expr:
		return string(v)
	default:
		return fmt.Sprint(v)
	}
}
