package cli

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"grendel/app/harden"
	"grendel/ui/i18n"
)

// hardenProcess keeps this process out of core dumps ([harden.Process]) and
// says on stderr what could not be done. Every command that holds a
// password calls it before it reads, makes or shows one: check, gen and
// share (the UI processes do the same in [grendel/ui/uiproc]).
func hardenProcess(stderr io.Writer) {
	if err := harden.Process(); err != nil {
		fmt.Fprintf(stderr, "grendel: %s\n", i18n.HardenFailed(err))
	}
}

// hardened returns run, preceded by [hardenProcess].
func hardened(run func(*cobra.Command, []string) error) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		hardenProcess(cmd.ErrOrStderr())
		return run(cmd, args)
	}
}
