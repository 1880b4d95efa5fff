package main

import (
	"strings"

	"github.com/spf13/cobra"
)

// extNames maps paxx's extension names to the catalogue's: `paxx ext add
// arq` is `paxx infra add tasks`. Names not listed are the same in both.
func extName(name string) string {
	if strings.EqualFold(name, "arq") {
		return "tasks"
	}
	return name
}

// newExtCmd is `paxx ext`, the infra commands under paxx's extension
// names, for people who know them.
func newExtCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "ext",
		Short: "The infra commands, under paxx's extension names (arq, websocket, postgis)",
		Long: `paxx ext add|check|list is paxx infra add|check|list, accepting paxx's
extension names: arq is the tasks component, websocket and postgis keep
their names.`,
		Example: `  paxx ext add arq
  paxx ext add websocket postgis`,
		Args: cobra.ArbitraryArgs,
		RunE: unknownSubcommand,
	}
	for _, sub := range []*cobra.Command{newAddCmd(e), newCheckCmd(e)} {
		run := sub.RunE
		sub.RunE = func(c *cobra.Command, args []string) error {
			names := make([]string, len(args))
			for i, a := range args {
				names[i] = extName(a)
			}
			return run(c, names)
		}
		sub.Example = strings.ReplaceAll(sub.Example, "paxx infra", "paxx ext")
		cmd.AddCommand(sub)
	}
	cmd.AddCommand(newListCmd(e))
	return cmd
}
