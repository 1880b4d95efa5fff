package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

// newCompletionCmd prints the shell completion script for bash, zsh or
// fish. The scripts call back into paxx (its hidden __complete command), so
// component names and flag values complete from the running binary.
func newCompletionCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "completion bash|zsh|fish",
		Short: "Print the shell completion script for bash, zsh or fish",
		Long: `Print the script that makes your shell complete paxx's commands, flags and
component names. Load it in the current shell, or install it where your shell
finds completions at start-up:

  bash  needs the bash-completion package;
        paxx completion bash > ~/.local/share/bash-completion/completions/paxx
  zsh   with compinit enabled;
        paxx completion zsh > "${fpath[1]}/_paxx"
  fish  paxx completion fish > ~/.config/fish/completions/paxx.fish`,
		Example: `  source <(paxx completion bash)
  paxx completion zsh > "${fpath[1]}/_paxx"
  paxx completion fish | source`,
		ValidArgs:             []string{"bash", "zsh", "fish"},
		Args:                  cobra.MatchAll(cobra.ExactArgs(1), cobra.OnlyValidArgs),
		DisableFlagsInUseLine: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			root := cmd.Root()
			switch args[0] {
			case "bash":
				return root.GenBashCompletionV2(e.stdout, true)
			case "zsh":
				return root.GenZshCompletion(e.stdout)
			case "fish":
				return root.GenFishCompletion(e.stdout, true)
			}
			return fmt.Errorf("unsupported shell %q", args[0])
		},
	}
}
