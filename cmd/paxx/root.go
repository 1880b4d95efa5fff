package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"
)

// Exit codes, as DESIGN.md fixes them.
const (
	exitOK    = 0
	exitDrift = 1
	exitError = 2
)

// errDrift is returned by check when it found drift: not a failure to run,
// but exit code 1.
var errDrift = errors.New("drift found")

// env is what every command writes to and how.
type env struct {
	stdout, stderr io.Writer
	color          bool
}

// run executes the command line args and returns the process exit code.
func run(args []string, stdout, stderr io.Writer) int {
	// What goes to stdout is buffered, a diff being hundreds of lines, and
	// flushed before an error is printed, so that the two keep their order.
	out := bufio.NewWriter(stdout)
	e := &env{stdout: out, stderr: stderr, color: useColor(stdout, os.Getenv)}
	root := newRootCmd(e)
	root.SetArgs(args)
	root.SetOut(out)
	root.SetErr(stderr)
	err := root.Execute()
	if err != nil && !errors.Is(err, errDrift) && wantsJSON(args) {
		// A script that asked for JSON gets its failure as JSON too,
		// on stdout where it reads the document.
		_ = e.writeJSON(newErrorDoc(err))
	}
	if ferr := out.Flush(); ferr != nil && err == nil {
		err = fmt.Errorf("writing output: %w", ferr)
	}
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errDrift):
		return exitDrift
	default:
		fmt.Fprintln(stderr, "paxx: "+strings.TrimSpace(err.Error()))
		return exitError
	}
}

// newRootCmd builds the whole command tree. The tree is also what the CLI
// reference in docs/cli is generated from.
func newRootCmd(e *env) *cobra.Command {
	root := &cobra.Command{
		Use:   "paxx",
		Short: "Add infrastructure to an existing FastAPI project, keeping its files as you wrote them",
		Long: `paxx adds infrastructure (Redis first) to an existing FastAPI project:
a typed settings field, a compose service wired to the app, the dependency,
the .env.example line and a ready module. It edits each file with its real
parser and changes nothing else, and reports drift with "paxx infra check".

Exit status: 0 success, 1 "paxx infra check" found drift, 2 trouble.
Colour is used only on a terminal, and never when NO_COLOR is set.`,
		Example: `  paxx infra list
  paxx infra show redis
  paxx infra add redis --dry-run
  paxx infra check`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	// paxx has its own completion command, with examples and component
	// names; cobra's hidden __complete command stays.
	root.CompletionOptions.DisableDefaultCmd = true
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &usageError{msg: err.Error(), command: c.CommandPath()}
	})
	root.AddCommand(newInfraCmd(e), newExtCmd(e), newCompletionCmd(e), newVersionCmd(e))
	return root
}

// useColor reports whether paxx colours what it writes to w: only when w is
// a terminal, NO_COLOR is unset or empty (https://no-color.org) and TERM is
// not "dumb". getenv is os.Getenv outside tests.
func useColor(w io.Writer, getenv func(string) string) bool {
	if getenv("NO_COLOR") != "" || getenv("TERM") == "dumb" {
		return false
	}
	f, ok := w.(*os.File)
	// A character device need not be a terminal (/dev/null is one): ask
	// the terminal driver.
	return ok && term.IsTerminal(int(f.Fd()))
}

// unknownSubcommand is the RunE of a command below the root that only
// groups others: with no argument it shows its help; with one it fails on
// the unknown subcommand with cobra's "did you mean" suggestions, where
// cobra itself would print the help and exit 0. (cobra does this for the
// root command itself.)
func unknownSubcommand(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return cmd.Help()
	}
	msg := fmt.Sprintf("unknown command %q for %q", args[0], cmd.CommandPath())
	if cmd.SuggestionsMinimumDistance <= 0 {
		cmd.SuggestionsMinimumDistance = 2 // cobra's own default
	}
	if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
		msg += fmt.Sprintf("; did you mean %q?", s[0])
	}
	return &usageError{msg: msg, command: cmd.CommandPath()}
}
