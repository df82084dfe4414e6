package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"time"

	"fyne.io/fyne/v2/lang"
	"github.com/spf13/cobra"

	"grendel/app/audit"
	"grendel/policy"
	"grendel/ui/exit"
	"grendel/ui/i18n"
)

// recorder returns the audit trail of this run (role cli), opened on
// first use: one per process, so that its entries are numbered in order.
// A sink that fails is reported once on stderr.
func (o *Options) recorder(stderr io.Writer) audit.Recorder {
	if o.audit == nil {
		o.audit = audit.Open(audit.RoleCLI, func(sink string, err error) {
			fmt.Fprintf(stderr, "grendel: %s\n", i18n.AuditFailure(sink, err))
		})
	}
	return o.audit
}

// parseSince reads --since: a duration back from now ("24h", "7d", as
// policy files write them), a date ("2026-12-01", from its start in the
// local time zone) or a time (RFC 3339). "" is the beginning.
func parseSince(s string, now time.Time) (time.Time, bool) {
	if s == "" {
		return time.Time{}, true
	}
	if d, err := policy.ParseDuration(s); err == nil {
		return now.Add(-d), true
	}
	if t, err := time.ParseInLocation(time.DateOnly, s, time.Local); err == nil {
		return t, true
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, true
	}
	return time.Time{}, false
}

// unreadable is the error of an audit trail that cannot be read.
func unreadable(err error) error {
	return &exitError{code: exit.Failure, msg: lang.X("cli.audit.unreadable", "cannot read the audit trail: {{.Error}}", map[string]string{"Error": i18n.OSError(err)})}
}

func newAuditCmd(opts *Options, stdout io.Writer) *cobra.Command {
	var since string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "audit",
		Short: helpText("cli.audit.short", "Show what Grendel enforced on this computer: the local audit trail"),
		Long: helpText("cli.audit.long", "Grendel records what it enforced — idle warnings, locks and whether they were verified, presentation mode, "+
			"the policy applied or refused, the agent's starts and stops, share passwords created, rotated, deleted or expired, files encrypted — "+
			"without personal data: no password, file name, recipient or label. This command shows the record, oldest first."),
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			from, ok := parseSince(since, time.Now())
			if !ok {
				return usageErr(lang.X("cli.audit.bad_since", "--since takes a duration such as 24h or 7d, or a date such as 2026-12-01, not {{.Value}}",
					map[string]string{"Value": quote(since)}))
			}
			dir, err := audit.Dir()
			if err != nil {
				return unreadable(err)
			}
			n := 0
			problems, err := audit.Read(dir, from, func(e audit.Entry) {
				n++
				if asJSON {
					b, _ := json.Marshal(e)
					fmt.Fprintf(stdout, "%s\n", b)
					return
				}
				fmt.Fprintf(stdout, "%s  %s\n", i18n.DateTimeSeconds(e.Time.Local()), i18n.AuditEntry(e))
			})
			for _, p := range problems {
				fmt.Fprintf(cmd.ErrOrStderr(), "grendel: %s\n", i18n.AuditProblem(p))
			}
			if err != nil {
				return unreadable(err)
			}
			if n == 0 && !asJSON {
				fmt.Fprintln(stdout, lang.X("cli.audit.empty", "no entries"))
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&since, "since", "", helpText("cli.audit.flag.since", "only entries since `WHEN`: a duration back from now (24h, 7d) or a date (2026-12-01)"))
	cmd.Flags().BoolVar(&asJSON, "json", false, helpText("cli.audit.flag.json", "one JSON object per line, as the file holds them"))
	return cmd
}
