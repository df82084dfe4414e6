package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"fyne.io/fyne/v2/lang"
	"github.com/spf13/cobra"

	"grendel/app/agent"
	"grendel/app/ipc"
	"grendel/ui/i18n"
)

// AskAgent sends one request to the running agent, with a short timeout.
func AskAgent(op ipc.Op, window string) (ipc.Response, error) {
	addr, err := ipc.DefaultAddress()
	if err != nil {
		return ipc.Response{}, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return ipc.Call(ctx, addr, ipc.Request{Op: op, Window: window})
}

// AgentStatus asks the running agent for its status.
func AgentStatus() (agent.Status, error) {
	var st agent.Status
	resp, err := AskAgent(ipc.OpStatus, "")
	if err != nil {
		return st, err
	}
	if !resp.OK {
		return st, errors.New(resp.Error)
	}
	err = json.Unmarshal(resp.Data, &st)
	return st, err
}

func newStatusCmd(opts *Options, stdout io.Writer) *cobra.Command {
	asJSON := false
	cmd := &cobra.Command{
		Use:   "status",
		Short: lang.X("cli.status.short", "Show whether the agent runs, and with which policy"),
		Args:  noArgs,
		RunE: func(*cobra.Command, []string) error {
			st, err := AgentStatus()
			if errors.Is(err, ipc.ErrNoAgent) {
				return &exitError{code: ExitNoAgent, msg: lang.X("cli.status.no_agent", "the Grendel agent is not running; start it with 'grendel'")}
			}
			if err != nil {
				return &exitError{code: ExitFailure, msg: lang.X("cli.error.agent", "cannot ask the agent: {{.Error}}", map[string]string{"Error": err.Error()})}
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
	if st.Policy.FailedClosed {
		fmt.Fprintln(w, lang.X("cli.status.failed_closed", "Policy: a managed file is invalid; strict built-in defaults apply to its keys"))
	} else {
		fmt.Fprintln(w, lang.X("cli.status.policy_ok", "Policy: in force; files read: {{.Count}}", map[string]int{"Count": len(st.Policy.Read)}))
	}
	for _, p := range st.Policy.Problems {
		fmt.Fprintln(w, "  "+i18n.Problem(p))
	}
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
