package cli

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"
	"github.com/spf13/cobra"

	"grendel/app/agent"
	"grendel/policy"
)

// lockTimeout bounds `grendel lock`: every method of the chain with its
// verification.
const lockTimeout = 60 * time.Second

func newLockCmd(opts *Options, stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "lock",
		Short: lang.X("cli.lock.short", "Lock the session now; exit 0 only when the lock is verified"),
		Args:  noArgs,
		RunE: func(*cobra.Command, []string) error {
			snap := policy.Load(opts.Paths())
			ctx, cancel := context.WithTimeout(context.Background(), lockTimeout)
			defer cancel()
			rec := agent.PlatformLock(snap.Settings.Lock.Command).Lock(ctx)
			if rec.Verified {
				fmt.Fprintln(stdout, lang.X("cli.lock.ok", "locked by {{.Method}}, verified by {{.VerifiedBy}} after {{.Took}}",
					map[string]string{"Method": rec.Method, "VerifiedBy": rec.VerifiedBy, "Took": rec.Took.Round(time.Millisecond).String()}))
				return nil
			}
			var tried []string
			for _, a := range rec.Attempts {
				tried = append(tried, fmt.Sprintf("  %s: %s", a.Method, a.Error))
			}
			return &exitError{code: ExitFailure, msg: lang.X("cli.lock.failed", "the session could not be locked; no method was verified. Tried:\n{{.Tried}}",
				map[string]string{"Tried": strings.Join(tried, "\n")})}
		},
	}
}
