package cli

import (
	"fmt"
	"io"

	"fyne.io/fyne/v2/lang"
	"github.com/spf13/cobra"

	"grendel/app/harden"
)

// Harden keeps this process out of core dumps ([harden.Process]) and says
// on stderr what could not be done. Every process that holds a password
// calls it before it reads, makes or shows one: the UI processes and the
// commands check, gen and share.
func Harden(stderr io.Writer) {
	if err := harden.Process(); err != nil {
		fmt.Fprintf(stderr, "grendel: %s\n", lang.X("cli.harden_failed", "this process could not be kept out of core dumps, which may then hold its passwords: {{.Error}}",
			map[string]string{"Error": err.Error()}))
	}
}

// hardened returns run, preceded by [Harden].
func hardened(run func(*cobra.Command, []string) error) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		Harden(cmd.ErrOrStderr())
		return run(cmd, args)
	}
}
