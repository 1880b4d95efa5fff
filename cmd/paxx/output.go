package main

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/paxx-dev/paxx/components"
)

// formatVersion is the version of the JSON documents paxx prints: the
// minor number grows with additions, the major with breaking changes.
const formatVersion = "1.2"

// ANSI colours, used only on a terminal.
const (
	red    = "\x1b[31m"
	green  = "\x1b[32m"
	yellow = "\x1b[33m"
	cyan   = "\x1b[36m"
	bold   = "\x1b[1m"
	reset  = "\x1b[0m"
)

func (e *env) paint(color, s string) string {
	if !e.color {
		return s
	}
	return color + s + reset
}

func (e *env) writeJSON(v any) error {
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	// Diffs and requirements are full of < > &: keep them readable.
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// listDoc is the JSON document of `paxx infra list`.
type listDoc struct {
	FormatVersion string          `json:"format_version"`
	Components    []listComponent `json:"components"`
}

type listComponent struct {
	Name      string   `json:"name"`
	Summary   string   `json:"summary"`
	Requires  []string `json:"requires"`
	Installed bool     `json:"installed"`
	// Automatic is true for an installed component that paxx added only
	// because another one requires it ([tool.paxx] automatic).
	Automatic bool `json:"automatic"`
}

// printList prints the catalogue, marking the components the project
// records as installed, and among them those installed automatically.
func (e *env) printList(all []*components.Component, installed, automatic []string, asJSON bool) error {
	doc := listDoc{FormatVersion: formatVersion, Components: []listComponent{}}
	anyAutomatic := false
	for _, c := range all {
		in := slices.Contains(installed, c.Name)
		auto := in && slices.Contains(automatic, c.Name)
		anyAutomatic = anyAutomatic || auto
		doc.Components = append(doc.Components, listComponent{
			Name: c.Name, Summary: c.Summary, Requires: append([]string{}, c.Requires...),
			Installed: in, Automatic: auto,
		})
	}
	if asJSON {
		return e.writeJSON(doc)
	}
	for _, c := range doc.Components {
		mark := " "
		if c.Installed {
			mark = e.paint(green, "*")
		}
		line := fmt.Sprintf("%s %-10s %s", mark, c.Name, c.Summary)
		if len(c.Requires) > 0 {
			line += " (requires " + strings.Join(c.Requires, ", ") + ")"
		}
		if c.Automatic {
			line += " " + e.paint(yellow, "[automatic]")
		}
		fmt.Fprintln(e.stdout, line)
	}
	if len(installed) > 0 {
		fmt.Fprintln(e.stdout, "\n* installed")
	}
	if anyAutomatic {
		fmt.Fprintln(e.stdout, "[automatic] installed only because another installed component requires it; removed with the last of them")
	}
	return nil
}

// resultDoc is the JSON document of `paxx infra add` and `paxx infra check`.
type resultDoc struct {
	FormatVersion string               `json:"format_version"`
	Command       string               `json:"command"`
	DryRun        bool                 `json:"dry_run,omitempty"`
	Components    []string             `json:"components"`
	Inferred      bool                 `json:"inferred,omitempty"`
	Drift         bool                 `json:"drift"`
	Findings      []components.Finding `json:"findings"`
	Files         []fileDoc            `json:"files,omitempty"`
	Diff          string               `json:"diff,omitempty"`
	NextSteps     []string             `json:"next_steps,omitempty"`
}

type fileDoc struct {
	Path   string `json:"path"`
	Status string `json:"status"` // "created" or "modified"
}

func newResultDoc(command string, res *components.Result) resultDoc {
	doc := resultDoc{
		FormatVersion: formatVersion, Command: command,
		Components: append([]string{}, res.Components...), Inferred: res.Inferred,
		Drift: res.Has(components.Drift), Findings: append([]components.Finding{}, res.Findings...),
	}
	for _, c := range res.Changes {
		status := "modified"
		if !c.Existed {
			status = "created"
		}
		doc.Files = append(doc.Files, fileDoc{Path: res.DisplayPath(c.Path), Status: status})
	}
	return doc
}

func (e *env) printAdd(res *components.Result, dryRun, asJSON bool) error {
	if asJSON {
		doc := newResultDoc("add", res)
		doc.DryRun = dryRun
		doc.NextSteps = res.NextSteps
		if dryRun {
			doc.Diff = diffOf(res)
		}
		return e.writeJSON(doc)
	}
	if dryRun {
		e.printDiff(diffOf(res))
		e.printFindings(res, true)
		if len(res.Changes) == 0 {
			fmt.Fprintln(e.stdout, res.Summary()+"; nothing would change")
		} else {
			fmt.Fprintln(e.stdout, res.Summary()+" (dry run: nothing written)")
		}
		return nil
	}
	e.printFindings(res, false)
	if len(res.Changes) == 0 {
		fmt.Fprintln(e.stdout, res.Summary()+"; nothing written")
	} else {
		fmt.Fprintln(e.stdout, res.Summary()+": written")
	}
	e.printNextSteps(res.NextSteps)
	return nil
}

// printNextSteps prints what the user must do after add, one step a line.
func (e *env) printNextSteps(steps []string) {
	if len(steps) == 0 {
		return
	}
	fmt.Fprintln(e.stdout, "\n"+e.paint(bold, "next steps"))
	for _, s := range steps {
		fmt.Fprintln(e.stdout, "  "+s)
	}
}

func (e *env) printCheck(res *components.Result, asJSON bool) error {
	if asJSON {
		return e.writeJSON(newResultDoc("check", res))
	}
	if res.Inferred {
		fmt.Fprintln(e.stdout, "no [tool.paxx] record in pyproject.toml: checking the components found in the project")
	}
	e.printFindings(res, false)
	fmt.Fprintln(e.stdout, res.Summary())
	return nil
}

// printFindings prints the findings grouped by component, in the spirit of
// terraform plan. notesOnly leaves out what a diff already shows.
func (e *env) printFindings(res *components.Result, notesOnly bool) {
	for _, name := range res.Components {
		var lines []string
		for _, f := range res.Findings {
			if f.Component != name || (notesOnly && f.Kind != components.Note) {
				continue
			}
			switch f.Kind {
			case components.Added:
				lines = append(lines, e.paint(green, "  + ")+f.String())
			case components.Drift:
				lines = append(lines, e.paint(red, "  ! ")+f.String())
			default:
				lines = append(lines, e.paint(yellow, "  note: ")+f.String())
			}
		}
		if len(lines) == 0 {
			continue
		}
		fmt.Fprintln(e.stdout, e.paint(bold, name))
		for _, l := range lines {
			fmt.Fprintln(e.stdout, l)
		}
	}
}

// printDiff prints a unified diff, coloured on a terminal.
func (e *env) printDiff(diff string) {
	if !e.color {
		fmt.Fprint(e.stdout, diff)
		return
	}
	for _, l := range strings.SplitAfter(diff, "\n") {
		switch {
		case strings.HasPrefix(l, "+++"), strings.HasPrefix(l, "---"):
			l = bold + strings.TrimSuffix(l, "\n") + reset + "\n"
		case strings.HasPrefix(l, "+"):
			l = green + strings.TrimSuffix(l, "\n") + reset + "\n"
		case strings.HasPrefix(l, "-"):
			l = red + strings.TrimSuffix(l, "\n") + reset + "\n"
		case strings.HasPrefix(l, "@@"):
			l = cyan + strings.TrimSuffix(l, "\n") + reset + "\n"
		}
		fmt.Fprint(e.stdout, l)
	}
}
