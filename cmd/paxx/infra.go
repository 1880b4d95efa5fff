package main

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/paxx-dev/paxx/components"
	"github.com/paxx-dev/paxx/filetx"
	"github.com/paxx-dev/paxx/rewrite"
)

// jsonUsage describes --json: one document, its error document on
// failure.
const jsonUsage = "print one JSON document on stdout (on failure, the error document of schema/v1/error.json)"

// projectFlags are the flags every project command takes.
type projectFlags struct {
	dir          string
	settings     string
	composeFiles []string
	appService   string
	json         bool
}

// options returns the components options the flags describe; the
// environment gives COMPOSE_FILE as Docker Compose reads it.
func (f *projectFlags) options() components.Options {
	return components.Options{Root: f.dir, Settings: f.settings, ComposeFiles: f.composeFiles, AppService: f.appService, Getenv: os.Getenv, UserDir: components.UserDir(os.Getenv)}
}

func (f *projectFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringVarP(&f.dir, "dir", "C", ".", "run as if paxx was started in `DIR` (the project root)")
	cmd.Flags().StringVar(&f.settings, "settings", "", "the settings class to edit, as `PATH[:Class]`, when paxx cannot tell")
	cmd.Flags().StringArrayVar(&f.composeFiles, "compose-file", nil, "a compose `FILE` of the project, as docker compose -f takes it (repeatable; default: found as Compose finds it)")
	cmd.Flags().StringVar(&f.appService, "app-service", "", "the compose service that runs the app, as `NAME`, when paxx cannot tell")
	cmd.Flags().BoolVar(&f.json, "json", false, jsonUsage)
	completeDirFlag(cmd)
	_ = cmd.MarkFlagFilename("compose-file", "yml", "yaml")
	// PATH[:Class] names a Python file; completing the file is the most a
	// shell can do for it.
	_ = cmd.MarkFlagFilename("settings", "py")
}

// completeDirFlag makes the shell complete -C/--dir with directories. The
// flag is registered just before, so marking it cannot fail.
func completeDirFlag(cmd *cobra.Command) {
	_ = cmd.MarkFlagDirname("dir")
}

func newInfraCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "infra",
		Short: "Add infrastructure to the project and check it for drift",
		Long: `The infra commands list the components paxx knows, show what one would
change, add them to a project, and check a project for drift from them.`,
		Example: `  paxx infra list
  paxx infra show redis
  paxx infra add redis
  paxx infra check`,
		Args: cobra.ArbitraryArgs,
		RunE: unknownSubcommand,
	}
	cmd.AddCommand(newListCmd(e), newShowCmd(e), newAddCmd(e), newCheckCmd(e), newRemoveCmd(e), newNewCmd(e), newLintCmd(e))
	return cmd
}

func newListCmd(e *env) *cobra.Command {
	var dir string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the components paxx can add; installed ones are marked",
		Long: `List the components paxx can add: the built-ins, your own and the
project's (.paxx/components), installed ones marked. A component folder that
does not load is left out with a warning on stderr.`,
		Example: `  paxx infra list
  paxx infra list -C path/to/project --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			installed, automatic, err := components.Recorded(dir)
			if err != nil {
				return err
			}
			cat, err := catalogFor(dir)
			if err != nil {
				return err
			}
			e.warnDrafts(cat)
			return e.printList(cat.Components(), installed, automatic, asJSON)
		},
	}
	cmd.Flags().StringVarP(&dir, "dir", "C", ".", "the project whose installed components are marked")
	cmd.Flags().BoolVar(&asJSON, "json", false, jsonUsage)
	completeDirFlag(cmd)
	return cmd
}

func newAddCmd(e *env) *cobra.Command {
	var pf projectFlags
	var dryRun, force bool
	cmd := &cobra.Command{
		Use:   "add NAME|PATH...",
		Short: "Add components to the project",
		Long: `Add components to the project: settings fields, compose service and app
wiring, dependencies, .env.example lines and generated modules. Every file is
edited in place with its own style; all files are written together or none.
Each argument is a component's name, or the path of a component's folder
(with a / in it, such as ./vendor/rabbitmq), which add records in
[tool.paxx] sources. Adding a component that is already there changes
nothing. A component that comes in only because another requires it is
recorded as automatic ([tool.paxx] automatic) and removed with the last
component that requires it; naming it in add makes it yours.`,
		Example: `  paxx infra add redis
  paxx infra add redis --dry-run
  paxx infra add redis -C path/to/project --settings app/config.py:AppSettings`,
		Args:              argsWanted(1, -1, "one or more component names or folders"),
		ValidArgsFunction: completeComponents,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts := pf.options()
			opts.Force = force
			res, err := components.Add(opts, args)
			if err != nil {
				return err
			}
			if !dryRun {
				if err := commitResult(res); err != nil {
					return err
				}
			}
			return e.printAdd(res, dryRun, pf.json)
		},
	}
	pf.register(cmd)
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "print the unified diff of every change and write nothing")
	cmd.Flags().BoolVar(&force, "force", false, "overwrite generated modules that were modified")
	return cmd
}

func newCheckCmd(e *env) *cobra.Command {
	var pf projectFlags
	cmd := &cobra.Command{
		Use:   "check [NAME...]",
		Short: "Report drift between the project and its installed components",
		Long: `Check runs the plans of the installed components (those recorded in
pyproject.toml's [tool.paxx] table, or the named ones) without writing. Every
edit a plan would still make is drift, one finding a line as path:line.
Values that differ from a component's defaults are notes and do not fail.
A component folder (the project's .paxx/components, or your own) that does
not load is left out with a warning on stderr, unless it is installed or
named: then it is the failure.

Exit status: 0 no drift, 1 drift, 2 trouble.`,
		Example: `  paxx infra check
  paxx infra check redis --json
  paxx infra check -C backend    # a project in a subdirectory`,
		ValidArgsFunction: completeComponents,
		RunE: func(cmd *cobra.Command, args []string) error {
			res, err := components.Check(pf.options(), args)
			if err != nil {
				return err
			}
			// Check left out the component folders that do not load
			// and that the project does not record: say so.
			if cat, err := catalogFor(pf.dir); err == nil {
				e.warnDrafts(cat)
			}
			if err := e.printCheck(res, pf.json); err != nil {
				return err
			}
			if res.Has(components.Drift) {
				return errDrift
			}
			return nil
		},
	}
	pf.register(cmd)
	return cmd
}

// commitResult writes a result's changes, all or none, in the directory that
// holds them.
func commitResult(res *components.Result) error {
	if len(res.Changes) == 0 {
		return nil
	}
	err := filetx.Commit(res.Root, res.Changes, filetx.CommitOptions{})
	var re *rewrite.Error
	if errors.As(err, &re) && re.Path != "" {
		re.Path = res.DisplayPath(re.Path) // named from where paxx runs
	}
	return err
}

// diffOf renders a result's changes as a unified diff, each file named as
// the user sees it.
func diffOf(res *components.Result) string {
	shown := make([]*filetx.Change, len(res.Changes))
	for i, c := range res.Changes {
		cc := *c
		cc.Path = res.DisplayPath(c.Path)
		shown[i] = &cc
	}
	return filetx.Diff(shown)
}

// completeComponents completes component names, each with its summary as
// the description zsh and fish show, leaving out the names already given.
// A catalogue that does not load (a bad project component) completes the
// built-ins.
func completeComponents(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	// The catalogue paxx run there would see: the project's (.paxx) and
	// the user's components as well as the built-ins.
	all := components.Catalogue()
	dir := "."
	if f := cmd.Flags().Lookup("dir"); f != nil {
		dir = f.Value.String()
	}
	if cat, err := catalogFor(dir); err == nil {
		all = cat.Components()
	}
	var names []string
	for _, c := range all {
		if strings.HasPrefix(c.Name, strings.ToLower(toComplete)) && !slices.Contains(args, c.Name) {
			names = append(names, fmt.Sprintf("%s\t%s", c.Name, c.Summary))
		}
	}
	return names, cobra.ShellCompDirectiveNoFileComp
}

// completeOneComponent completes the single component name of a command
// that takes one.
func completeOneComponent(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	return completeComponents(cmd, args, toComplete)
}
