package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"
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
	e := &env{stdout: stdout, stderr: stderr, color: useColor(stdout)}
	root := newRootCmd(e)
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.Execute()
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

func newRootCmd(e *env) *cobra.Command {
	root := &cobra.Command{
		Use:   "paxx",
		Short: "Add infrastructure to an existing FastAPI project, keeping its files as you wrote them",
		Long: `paxx adds infrastructure (Redis first) to an existing FastAPI project:
a typed settings field, a compose service wired to the app, the dependency,
the .env.example line and a ready module. It edits each file with its real
parser and changes nothing else, and reports drift with "paxx infra check".`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.CompletionOptions.HiddenDefaultCmd = true
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return fmt.Errorf("%w\nRun '%s --help' for usage.", err, c.CommandPath())
	})
	root.AddCommand(newInfraCmd(e), newVersionCmd(e))
	return root
}

// useColor reports whether w is a terminal and NO_COLOR is unset.
func useColor(w io.Writer) bool {
	if _, ok := os.LookupEnv("NO_COLOR"); ok {
		return false
	}
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
