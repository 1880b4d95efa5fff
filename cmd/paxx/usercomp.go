package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/paxx-dev/paxx/components"
)

// newLintCmd validates component folders without touching any project.
func newLintCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "lint PATH...",
		Short: "Check component folders: their component.toml and templates",
		Long: `Lint loads each component folder as add would: component.toml against the
format (docs/components.md), every template parsed and run against sample
values. Every fault is reported as path:line:col.

Exit status: 0 every folder is a valid component, 2 otherwise.`,
		Example: `  paxx infra lint .paxx/components/rabbitmq`,
		Args:    argsWanted(1, -1, "one or more component folders"),
		RunE: func(cmd *cobra.Command, args []string) error {
			for _, dir := range args {
				c, err := components.LoadDir(dir)
				if err != nil {
					return err
				}
				fmt.Fprintf(e.stdout, "%s: component %s is valid\n", dir, c.Name)
			}
			return nil
		},
	}
	return cmd
}

// newNewCmd scaffolds a component of the project's own.
func newNewCmd(e *env) *cobra.Command {
	var dir string
	cmd := &cobra.Command{
		Use:   "new NAME",
		Short: "Create a component of the project's own in .paxx/components/NAME",
		Long: `New writes a working component into the project's .paxx/components/NAME:
a compose service with a healthcheck, one settings field, one dependency and
one generated module. add, check and remove accept it as it is; edit it into
the component you need, and check it with paxx infra lint.`,
		Example: `  paxx infra new search
  paxx infra add search`,
		Args: argsWanted(1, 1, "the new component's name"),
		RunE: func(cmd *cobra.Command, args []string) error {
			folder, files, err := components.New(dir, args[0])
			if err != nil {
				return err
			}
			for _, f := range files {
				fmt.Fprintf(e.stdout, "created %s\n", f)
			}
			fmt.Fprintf(e.stdout, "\nNext: edit %s, then run paxx infra add %s\n", folder, args[0])
			return nil
		},
	}
	cmd.Flags().StringVarP(&dir, "dir", "C", ".", "run as if paxx was started in `DIR` (the project root)")
	completeDirFlag(cmd)
	return cmd
}

// catalogFor returns the catalogue that paxx started in dir sees.
func catalogFor(dir string) (*components.Catalog, error) {
	return components.CatalogFor(dir, components.UserDir(os.Getenv))
}

// warnDrafts tells, on stderr, which component folders the catalogue left
// out because they do not load, each with its faults: list and check go
// on without them, so that one half-written component does not block the
// rest (a pre-commit hook, say). A command that names such a component
// gets its faults as its error instead.
func (e *env) warnDrafts(cat *components.Catalog) {
	for _, b := range cat.Broken() {
		fmt.Fprintf(e.stderr, "paxx: warning: left out component folder %s, which does not load:\n", b.Dir)
		for _, line := range strings.Split(strings.TrimRight(b.Error(), "\n"), "\n") {
			fmt.Fprintln(e.stderr, "  "+line)
		}
	}
}
