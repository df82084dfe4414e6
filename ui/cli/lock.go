package cli

import (
	"context"
	"fmt"
	"io"
	"time"

	"fyne.io/fyne/v2/lang"
	"github.com/spf13/cobra"

	"grendel/app/agent"
	"grendel/ui/exit"
	"grendel/ui/i18n"
)

// lockTimeout bounds `grendel lock`: every method of the chain with its
// verification.
const lockTimeout = 60 * time.Second

func newLockCmd(opts *Options, stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "lock",
		Short: helpText("cli.lock.short", "Lock the session now; exit 0 only when the lock is verified"),
		Args:  noArgs,
		RunE: func(*cobra.Command, []string) error {
			snap := opts.Snapshot()
			ctx, cancel := context.WithTimeout(context.Background(), lockTimeout)
			defer cancel()
			rec := agent.PlatformLock(snap.Settings.Lock.Command).Lock(ctx)
			if rec.Verified {
				fmt.Fprintln(stdout, i18n.LockOutcome(rec))
				return nil
			}
			return &exitError{code: exit.Failure, msg: i18n.LockOutcome(rec) + "\n" + lang.X("cli.lock.tried", "Tried:") + "\n" + i18n.LockAttempts(rec, "  ")}
		},
	}
}
