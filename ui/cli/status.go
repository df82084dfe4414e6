package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"fyne.io/fyne/v2/lang"
	"github.com/spf13/cobra"

	"grendel/app/agent"
	"grendel/app/ipc"
	"grendel/policy"
	"grendel/ui/exit"
	"grendel/ui/i18n"
)

func newStatusCmd(opts *Options, stdout io.Writer) *cobra.Command {
	asJSON := false
	cmd := &cobra.Command{
		Use:   "status",
		Short: lang.X("cli.status.short", "Show whether the agent runs, and with which policy"),
		Args:  noArgs,
		RunE: func(*cobra.Command, []string) error {
			st, err := agent.FetchStatus(context.Background())
			if errors.Is(err, ipc.ErrNoAgent) {
				return &exitError{code: exit.NoAgent, msg: lang.X("cli.status.no_agent", "the Grendel agent is not running; start it with \"grendel\"")}
			}
			if err != nil {
				return &exitError{code: exit.Failure, msg: lang.X("cli.error.agent", "cannot ask the agent: {{.Error}}", map[string]string{"Error": err.Error()})}
			}
			if asJSON {
				return writeJSON(stdout, st)
			}
			writeStatus(stdout, st)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, lang.X("cli.flag.json", "print JSON for scripts"))
	return cmd
}

func writeStatus(w io.Writer, st agent.Status) {
	fmt.Fprintln(w, lang.X("cli.status.running", "Grendel {{.Version}}: the agent runs (process {{.PID}}) since {{.Since}}",
		map[string]any{"Version": st.Version, "PID": st.PID, "Since": st.Started.Local().Format("2006-01-02 15:04")}))
	if st.Lock != nil {
		// What happens when the workstation is left idle comes first:
		// locked, and with what, or only covered.
		idle, _ := st.Policy.Duration(policy.LockIdleTimeout)
		fmt.Fprintln(w, i18n.Protection(st.Lock, idle))
	}
	if st.Tray {
		fmt.Fprintln(w, lang.X("cli.status.tray_on", "Tray icon: shown"))
	} else {
		fmt.Fprintln(w, lang.X("cli.status.tray_off", "Tray icon: not shown ({{.Reason}})", map[string]string{"Reason": st.TrayProblem}))
	}
	display := st.Display
	if display == "" {
		display = lang.X("cli.status.no_display", "none")
	}
	fmt.Fprintln(w, lang.X("cli.status.display", "Display: {{.Display}}", map[string]string{"Display": display}))
	switch {
	case st.PolicyStale != nil:
		fmt.Fprintln(w, lang.X("cli.status.policy_stale", "Policy: not up to date: the policy files changed at {{.Since}} and reading them has not finished; the values below are from before",
			map[string]string{"Since": st.PolicyStale.Local().Format("15:04:05")}))
	case st.Policy.FailedClosed:
		fmt.Fprintln(w, lang.X("cli.status.failed_closed", "Policy: a managed file is invalid; strict built-in defaults apply to its keys"))
	case timedOut(st.Policy):
		fmt.Fprintln(w, lang.X("cli.status.policy_partial", "Policy: in force without a file that did not answer when read (below); files read: {{.Count}}", map[string]int{"Count": len(st.Policy.Read)}))
	default:
		fmt.Fprintln(w, lang.X("cli.status.policy_ok", "Policy: in force; files read: {{.Count}}", map[string]int{"Count": len(st.Policy.Read)}))
	}
	for _, p := range st.Policy.Problems {
		fmt.Fprintln(w, "  "+i18n.Problem(p))
	}
	if st.Lock != nil {
		writeLock(w, st)
	}
}

// timedOut reports whether a policy file was left out because reading it
// did not finish.
func timedOut(r policy.Report) bool {
	for _, p := range r.Problems {
		if p.Code == policy.CodeReadTimeout {
			return true
		}
	}
	return false
}

// writeLock prints the idle watch and the lock chain.
func writeLock(w io.Writer, st agent.Status) {
	l := st.Lock
	timeout, warning := keyReport(st, policy.LockIdleTimeout), keyReport(st, policy.LockWarning)
	fmt.Fprintln(w, lang.X("cli.status.timeout", "Locks after: {{.Timeout}} without input ({{.Source}}), warning {{.Warning}}",
		map[string]string{"Timeout": timeout.Display, "Source": i18n.Source(timeout), "Warning": warning.Display}))
	switch {
	case l.IdleSource == "":
		fmt.Fprintln(w, lang.X("cli.status.no_idle", "Idle watch: none works here, so Grendel cannot lock on idle"))
	case l.IdleError != "":
		fmt.Fprintln(w, lang.X("cli.status.idle_error", "Idle watch: {{.Source}}, failing: {{.Error}}", map[string]string{"Source": l.IdleSource, "Error": l.IdleError}))
	default:
		fmt.Fprintln(w, lang.X("cli.status.idle", "Idle watch: {{.Source}}, idle for {{.Idle}}", map[string]string{"Source": l.IdleSource, "Idle": i18n.Idle(l.Idle)}))
	}
	for _, a := range l.IdleSources {
		if a.Error != "" {
			fmt.Fprintf(w, "  %s: %s\n", a.Method, a.Error)
		}
	}
	fmt.Fprintln(w, lang.X("cli.status.state", "State: {{.State}}", map[string]string{"State": i18n.State(l.State)}))
	fmt.Fprintln(w, lang.X("cli.status.methods", "Lock chain: {{.Methods}}", map[string]string{"Methods": strings.Join(l.Methods, ", ")}))
	if lines := i18n.ReadinessLines(l.Readiness, "  "); lines != "" {
		fmt.Fprintln(w, lines)
	}
	if last := l.LastLock; last != nil {
		writeLockRecord(w, *last)
	}
}

// writeLockRecord prints one lock outcome with every failed attempt.
func writeLockRecord(w io.Writer, r agent.LockRecord) {
	at := r.At.Local().Format("2006-01-02 15:04:05")
	fmt.Fprintln(w, lang.X("cli.status.last_lock", "Last lock: {{.At}}: {{.Outcome}}", map[string]string{"At": at, "Outcome": i18n.LockOutcome(r)}))
	if tried := i18n.LockAttempts(r, "  "); tried != "" {
		fmt.Fprintln(w, tried)
	}
}

func keyReport(st agent.Status, key policy.Key) policy.KeyReport {
	for _, k := range st.Policy.Keys {
		if k.Key == key {
			return k
		}
	}
	return policy.KeyReport{Key: key}
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
