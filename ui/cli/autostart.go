package cli

import (
	"errors"
	"fmt"
	"io"

	"fyne.io/fyne/v2/lang"
	"github.com/spf13/cobra"

	"grendel/app/autostart"
	"grendel/policy"
	"grendel/ui/exit"
	"grendel/ui/i18n"
)

// autostartSystem reads and switches this user's autostart; the zero value
// uses [autostart.Read] and [autostart.Switch], tests their stand-ins.
type autostartSystem struct {
	Read   func() autostart.Status
	Switch func(on bool) error
}

func (s autostartSystem) read() autostart.Status {
	if s.Read == nil {
		return autostart.Read()
	}
	return s.Read()
}

func (s autostartSystem) switchTo(on bool) error {
	if s.Switch == nil {
		return autostart.Switch(on)
	}
	return s.Switch(on)
}

// newAutostartCmd is `grendel autostart [on|off]`. It works without the
// agent: switching off changes the next login, not the running agent.
// Switching off needs app.allow_quit, as quitting does; switching on is
// always allowed, as it never makes the workstation less safe.
func newAutostartCmd(opts *Options, sys autostartSystem, stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "autostart [on|off]",
		Short: helpText("startup.cmd.short", "Show whether Grendel starts at your login, or switch that on or off for you"),
		Args: func(_ *cobra.Command, args []string) error {
			switch {
			case len(args) == 0:
			case len(args) == 1 && (args[0] == "on" || args[0] == "off"):
			case len(args) == 1:
				return usageErr(lang.X("startup.cmd.bad_arg", "unknown choice {{.Arg}}; use on or off", map[string]string{"Arg": quote(args[0])}))
			default:
				return usageErr(lang.X("startup.cmd.args", "name at most one choice: on or off"))
			}
			return nil
		},
		RunE: func(_ *cobra.Command, args []string) error {
			if len(args) == 1 {
				on := args[0] == "on"
				if !on && !opts.Snapshot().Settings.App.AllowQuit {
					return &exitError{code: exit.Failure, msg: lang.X("startup.cmd.refused",
						"autostart stays on: your organisation's policy does not allow quitting Grendel ({{.Key}} is false)",
						map[string]string{"Key": string(policy.AppAllowQuit)})}
				}
				if err := sys.switchTo(on); err != nil {
					if errors.Is(err, autostart.ErrUnsupported) {
						return &exitError{code: exit.Failure, msg: lang.X("startup.cmd.unsupported", "Grendel cannot switch its autostart on this system; your IT department can")}
					}
					return &exitError{code: exit.Failure, msg: lang.X("startup.cmd.failed", "cannot switch autostart: {{.Error}}", map[string]string{"Error": err.Error()})}
				}
				st := sys.read()
				switch {
				case on && st.InPlace:
					fmt.Fprintln(stdout, lang.X("startup.cmd.switched_on", "Autostart is switched on again for you: Grendel starts at your next login."))
				case on:
					// Nothing of the user's holds it back, but nothing
					// starts it either: the line below says why.
					fmt.Fprintln(stdout, lang.X("startup.cmd.on_not_in_place", "Nothing of yours switches autostart off any more, but Grendel still does not start at your login:"))
				default:
					fmt.Fprintln(stdout, lang.X("startup.cmd.switched_off", "Autostart is switched off for you: Grendel no longer starts at your login. A running Grendel keeps running until you quit it."))
				}
				fmt.Fprintln(stdout, i18n.AutostartLabel()+": "+i18n.Autostart(&st))
				return nil
			}
			st := sys.read()
			fmt.Fprintln(stdout, i18n.AutostartLabel()+": "+i18n.Autostart(&st))
			return nil
		},
	}
}
