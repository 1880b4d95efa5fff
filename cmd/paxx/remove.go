package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/paxx-dev/paxx/components"
)

// newRemoveCmd is `paxx infra remove`, the inverse of add.
func newRemoveCmd(e *env) *cobra.Command {
	var pf projectFlags
	var dryRun, force bool
	cmd := &cobra.Command{
		Use:   "remove NAME...",
		Short: "Remove components from the project",
		Long: `Remove components from the project: undo what add did, with the same care.
The settings fields (with their section comment), the compose service, its
named volume when no other service mounts it, the app wiring, the
dependencies, the .env.example lines, the generated modules when unmodified,
and the [tool.paxx] record. What a component found in place when it was
added (the [tool.paxx] adopted list) is yours and stays. All files are
written together or none. Removing a component that another installed
component requires is refused unless both are removed. A component that add
installed only because a removed one required it (the [tool.paxx] automatic
list) is removed too, once no installed component that stays requires it.`,
		Example: `  paxx infra remove redis
  paxx infra remove redis --dry-run
  paxx infra remove tasks redis --force`,
		Args:              argsWanted(1, -1, "one or more names of installed components"),
		ValidArgsFunction: completeComponents,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts := pf.options()
			opts.Force = force
			res, err := components.Remove(opts, args)
			if err != nil {
				return err
			}
			if !dryRun {
				if err := commitResult(res); err != nil {
					return err
				}
			}
			return e.printRemove(res, dryRun, pf.json)
		},
	}
	pf.register(cmd)
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "print the unified diff of every change and write nothing")
	cmd.Flags().BoolVar(&force, "force", false, "delete generated modules even when they were modified")
	return cmd
}

// printRemove prints what remove did or would do: the diff under
// --dry-run, then one line per removal and note, grouped by component.
func (e *env) printRemove(res *components.Result, dryRun, asJSON bool) error {
	if asJSON {
		doc := newResultDoc("remove", res)
		doc.DryRun = dryRun
		for i, c := range res.Changes {
			if c.Deleted() {
				doc.Files[i].Status = "deleted"
			}
		}
		if dryRun {
			doc.Diff = diffOf(res)
		}
		return e.writeJSON(doc)
	}
	if dryRun {
		e.printDiff(diffOf(res))
	}
	removed := 0
	for _, name := range res.Components {
		fmt.Fprintln(e.stdout, name)
		for _, f := range res.Findings {
			switch {
			case f.Component != name:
			case f.Kind == components.Removed:
				removed++
				if !dryRun {
					fmt.Fprintln(e.stdout, e.paint(red, "  - ")+f.String())
				}
			default:
				fmt.Fprintln(e.stdout, e.paint(yellow, "  note: ")+f.String())
			}
		}
	}
	switch {
	case len(res.Changes) == 0:
		fmt.Fprintln(e.stdout, "nothing to remove; nothing written")
	case dryRun:
		fmt.Fprintf(e.stdout, "%d removal(s) in %d file(s) (dry run: nothing written)\n", removed, len(res.Changes))
	default:
		fmt.Fprintf(e.stdout, "%d removal(s) in %d file(s): written\n", removed, len(res.Changes))
	}
	return nil
}
