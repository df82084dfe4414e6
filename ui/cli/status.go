package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"
	"github.com/spf13/cobra"

	"grendel/app/agent"
	"grendel/app/autostart"
	"grendel/app/compliance"
	"grendel/app/ipc"
	"grendel/app/oslock"
	"grendel/policy"
	"grendel/ui/exit"
	"grendel/ui/i18n"
)

func newStatusCmd(opts *Options, stdout io.Writer) *cobra.Command {
	var out statusOutput
	cmd := &cobra.Command{
		Use:   "status",
		Short: helpText("cli.status.short", "Show whether the agent runs, and with which policy"),
		Args:  noArgs,
		RunE: func(*cobra.Command, []string) error {
			if err := out.check(); err != nil {
				return err
			}
			if out.from != "" {
				doc, err := compliance.ReadFile(out.from)
				if err != nil {
					return &exitError{code: exit.Failure, msg: lang.X("cli.status.bad_file", "cannot read {{.File}} as a Grendel status file: {{.Error}}",
						map[string]string{"File": out.from, "Error": err.Error()})}
				}
				return out.write(stdout, doc)
			}
			st, err := agent.FetchStatus(context.Background())
			if errors.Is(err, ipc.ErrNoAgent) {
				noAgent := &exitError{code: exit.NoAgent, msg: lang.X("cli.status.no_agent", "the Grendel agent is not running; start it with \"grendel\"")}
				if out.machine() {
					// Scripts still get a document: running false, and the
					// policy as this process reads it.
					doc := compliance.NotRunning(opts.Version, opts.Snapshot().Report(),
						compliance.Surroundings{Autostart: autostart.Read, OSLock: oslock.Read}, time.Now())
					if err := out.write(stdout, doc); err != nil {
						return err
					}
				}
				return noAgent
			}
			if err != nil {
				return &exitError{code: exit.Failure, msg: agentError(err)}
			}
			if out.machine() {
				return out.write(stdout, compliance.FromAgent(st, time.Now()))
			}
			writeStatus(stdout, st)
			return nil
		},
	}
	cmd.Flags().BoolVar(&out.json, "json", false, helpText("cli.flag.json", "print JSON for scripts"))
	cmd.Flags().StringVar(&out.format, "format", "text", helpText("cli.status.flag_format", "`FORMAT` of the output: text, json (the document grendel.status/1) or intune (flat, for Intune's custom compliance)"))
	cmd.Flags().StringVar(&out.field, "field", "", helpText("cli.status.flag_field", "print only the value of the field `NAME` of the intune format (for Jamf extension attributes)"))
	cmd.Flags().StringVar(&out.from, "from", "", helpText("cli.status.flag_from", "read the status `FILE` an agent wrote instead of asking this session's agent (for a script that runs as root or SYSTEM)"))
	return cmd
}

// statusOutput is what `grendel status` prints: text for people, or the
// status document for scripts, whole or flat or one field.
type statusOutput struct {
	json   bool
	format string
	field  string
	from   string
}

// check refuses flags that do not go together and names that do not exist.
func (o *statusOutput) check() error {
	switch {
	case o.json && o.format != "text" && o.format != "json":
		return usageErr(lang.X("cli.status.json_format", "--json and --format {{.Format}} cannot go together", map[string]string{"Format": o.format}))
	case o.json:
		o.format = "json"
	}
	if o.format != "text" && o.format != "json" && o.format != "intune" {
		return usageErr(lang.X("cli.status.bad_format", "unknown format {{.Format}}; use text, json or intune", map[string]string{"Format": o.format}))
	}
	if o.field != "" {
		if o.format != "text" {
			return usageErr(lang.X("cli.status.field_format", "--field prints one value and goes with no other format"))
		}
		if _, ok := (compliance.Document{}).Field(o.field, time.Time{}); !ok {
			return usageErr(lang.X("cli.status.bad_field", "unknown field {{.Field}}; the fields are: {{.Fields}}",
				map[string]string{"Field": o.field, "Fields": strings.Join(compliance.FieldNames(), ", ")}))
		}
	}
	if o.from != "" && !o.machine() {
		return usageErr(lang.X("cli.status.from_text", "--from goes with --json, --format intune or --field"))
	}
	return nil
}

// machine reports whether the output is for scripts.
func (o *statusOutput) machine() bool { return o.format != "text" || o.field != "" }

// write prints doc as asked: the document, its flat form on one line, or
// one field's bare value.
func (o *statusOutput) write(w io.Writer, doc compliance.Document) error {
	now := time.Now()
	switch {
	case o.field != "":
		v, _ := doc.Field(o.field, now)
		_, err := fmt.Fprintln(w, v)
		return err
	case o.format == "intune":
		return json.NewEncoder(w).Encode(doc.Flat(now))
	}
	return writeJSON(w, doc)
}

func writeStatus(w io.Writer, st agent.Status) {
	fmt.Fprintln(w, lang.X("cli.status.running", "Grendel {{.Version}}: the agent runs (process {{.PID}}) since {{.Since}}",
		map[string]any{"Version": st.Version, "PID": st.PID, "Since": i18n.DateTime(st.Started.Local())}))
	if st.Lock != nil {
		// What happens when the workstation is left idle comes first:
		// locked, and with what, or only covered.
		idle, _ := st.Policy.Duration(policy.LockIdleTimeout)
		fmt.Fprintln(w, i18n.Protection(st.Lock, idle))
	}
	writeStartup(w, st)
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
			map[string]string{"Since": i18n.ClockSeconds(st.PolicyStale.Local())}))
	case st.Policy.FailedClosed:
		fmt.Fprintln(w, lang.X("cli.status.failed_closed", "Policy: some managed policy is invalid; strict built-in defaults apply to its keys"))
	case timedOut(st.Policy):
		fmt.Fprintln(w, lang.X("cli.status.policy_partial", "Policy: in force without a file that did not answer when read (below); files read: {{.Count}}", map[string]int{"Count": len(st.Policy.Read)}))
	default:
		fmt.Fprintln(w, lang.X("cli.status.policy_ok", "Policy: in force; files read: {{.Count}}", map[string]int{"Count": len(st.Policy.Read)}))
	}
	for _, p := range st.Policy.Problems {
		fmt.Fprintln(w, "  "+i18n.Problem(p))
	}
	// The same on every machine that enforces the same values.
	fmt.Fprintln(w, lang.X("cli.status.fingerprint", "Policy fingerprint: {{.Fingerprint}}", map[string]string{"Fingerprint": st.Policy.Fingerprint()}))
	if st.Lock != nil {
		writeLock(w, st)
	}
}

// writeStartup prints how the agent was started, whether Grendel starts
// at login, and the desktop's own lock (an older agent reports none).
func writeStartup(w io.Writer, st agent.Status) {
	if st.StartedBy != "" {
		fmt.Fprintln(w, i18n.StartedByLabel()+": "+i18n.StartedBy(st.StartedBy))
	}
	if st.Autostart != nil {
		fmt.Fprintln(w, i18n.AutostartLabel()+": "+i18n.Autostart(st.Autostart))
	}
	if st.OSLock != nil {
		fmt.Fprintln(w, i18n.OSLockLabel()+": "+i18n.OSLock(st.OSLock))
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
	timeout := keyReport(st, policy.LockIdleTimeout)
	fmt.Fprintln(w, lang.X("cli.status.timeout", "Locks after: {{.Timeout}} without input ({{.Source}}), warning {{.Warning}} before",
		map[string]string{"Timeout": policyDuration(st, policy.LockIdleTimeout), "Source": i18n.Source(timeout), "Warning": policyDuration(st, policy.LockWarning)}))
	switch {
	case l.IdleSource == "":
		fmt.Fprintln(w, lang.X("cli.status.no_idle", "Idle watch: none works here, so Grendel cannot lock on idle"))
	case l.IdleError != "":
		// The error is English, from the OS: --json has it for support.
		fmt.Fprintln(w, lang.X("cli.status.idle_error", "Idle watch: {{.Source}}, not answering at the moment", map[string]string{"Source": l.IdleSource}))
	default:
		fmt.Fprintln(w, lang.X("cli.status.idle", "Idle watch: {{.Source}}, idle for {{.Idle}}", map[string]string{"Source": l.IdleSource, "Idle": i18n.Duration(l.Idle.Truncate(time.Second))}))
	}
	// Why each source passed over failed is in English, from the OS
	// and the desktop's services: --json has it for support.
	for _, a := range l.IdleSources {
		if a.Error != "" {
			fmt.Fprintln(w, "  "+lang.X("cli.status.idle_passed", "{{.Source}}: does not work here", map[string]string{"Source": a.Method}))
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
	at := i18n.DateTimeSeconds(r.At.Local())
	fmt.Fprintln(w, lang.X("cli.status.last_lock", "Last lock: {{.At}}: {{.Outcome}}", map[string]string{"At": at, "Outcome": i18n.LockOutcome(r)}))
	if tried := i18n.LockAttempts(r, "  "); tried != "" {
		fmt.Fprintln(w, tried)
	}
}

// policyDuration writes the duration of key in the agent's policy in
// words: "5 minutes".
func policyDuration(st agent.Status, key policy.Key) string {
	if d, ok := st.Policy.Duration(key); ok {
		return i18n.Duration(d)
	}
	return keyReport(st, key).Display
}

// agentError says in the user's language why the agent could not be
// asked, and where it was asked: the errors of the channel are English.
func agentError(err error) string {
	addr, _ := ipc.DefaultAddress()
	data := map[string]string{"Address": addr, "Time": i18n.Duration(agent.AskTimeout)}
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.Is(err, ipc.ErrNoChannel):
		return lang.X("cli.error.agent_no_channel", "the Grendel agent runs, but does not answer on {{.Address}}; quit it and start it again", data)
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, os.ErrDeadlineExceeded):
		return lang.X("cli.error.agent_timeout", "the Grendel agent did not answer on {{.Address}} within {{.Time}}", data)
	case errors.Is(err, ipc.ErrRequestFailed), errors.As(err, &syntax), errors.As(err, &typ), strings.Contains(err.Error(), "bad response"), strings.Contains(err.Error(), "without a response"):
		return lang.X("cli.error.agent_answer", "the Grendel agent on {{.Address}} gave an answer this command cannot read; is it another version of Grendel? Quit it and start it again", data)
	}
	data["Error"] = err.Error()
	return lang.X("cli.error.agent", "cannot ask the Grendel agent on {{.Address}}: {{.Error}}", data)
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
