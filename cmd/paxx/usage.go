package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
)

// usageError is a command line paxx cannot run as given: what is wrong,
// and the command whose --help says how to use it. Its text ends with
// "Run 'paxx ... --help' for usage." as cobra's own errors do; under
// --json the message and that hint are apart.
type usageError struct {
	msg     string
	command string // the command path, such as "paxx infra add"
}

func (e *usageError) Error() string {
	return e.msg + "\n" + e.hint()
}

// hint is what to do about a usage error: read the command's help.
func (e *usageError) hint() string {
	return fmt.Sprintf("Run '%s --help' for usage.", e.command)
}

// argsWanted is a command's check of its arguments, in place of cobra's
// MinimumNArgs and ExactArgs, whose "requires at least 1 arg(s), only
// received 0" says neither what is wanted nor how: it names what the
// command takes (what, such as "one or more component names") and gives
// the first line of the command's examples. max < 0 is no limit.
func argsWanted(min, max int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) >= min && (max < 0 || len(args) <= max) {
			return nil
		}
		msg := fmt.Sprintf("missing argument: %s takes %s", cmd.CommandPath(), what)
		if len(args) > 0 {
			msg = fmt.Sprintf("too many arguments (%s): %s takes %s", strings.Join(args, " "), cmd.CommandPath(), what)
		}
		if ex := firstExample(cmd); ex != "" {
			msg += ", such as: " + ex
		}
		return &usageError{msg: msg, command: cmd.CommandPath()}
	}
}

// firstExample returns the first line of a command's examples, without
// its indentation and comment.
func firstExample(cmd *cobra.Command) string {
	line, _, _ := strings.Cut(strings.TrimSpace(cmd.Example), "\n")
	line, _, _ = strings.Cut(line, "  #")
	return strings.TrimSpace(line)
}
