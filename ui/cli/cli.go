// Package cli is Grendel's command line: it parses arguments with cobra,
// runs the commands that serve scripts and IT (version, status, policy …),
// and starts the two long-running processes: the resident agent
// ([grendel/ui/resident]) with no command, a UI process
// ([grendel/ui/uiproc]) with `ui WINDOW`. Only main imports it.
//
// CLI commands never start a GUI driver and work without a display. All
// output goes through Fyne's lang package, in the user's language. The
// exit codes, stable for scripts, are in [grendel/ui/exit].
package cli

import (
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"grendel/app/agent"
	"grendel/app/audit"
	"grendel/internal/procargs"
	"grendel/policy"
	"grendel/ui/exit"
	"grendel/ui/i18n"
	"grendel/ui/resident"
	"grendel/ui/supervisor"
	"grendel/ui/uiproc"
)

// processes are the two long-running processes, and the check whether
// the run's input and output are a terminal: [Run] uses the real ones,
// tests their stand-ins.
type processes struct {
	// Agent runs the resident agent and returns its exit code.
	Agent func(agent.Options) int
	// UI runs a UI process showing a window and returns its exit code.
	UI func(agent.Window, agent.Options) int
	// Supervise runs `grendel supervise` and returns its exit code; nil
	// does nothing.
	Supervise func(agent.Options) int
	// Terminal reports whether stdin, stdout or stderr is a terminal;
	// nil means [isTerminal].
	Terminal func(any) bool
	// Autostart reads and switches the user's autostart; the zero value
	// uses the real ones (app/autostart).
	Autostart autostartSystem
}

// Options are a run's global flags ([agent.Options]) and the policy they
// name, which the run loads once ([Options.Snapshot]).
type Options struct {
	agent.Options
	snap  *policy.Snapshot
	audit *audit.Log // see recorder
}

// Snapshot returns the policy of these options, loaded on the first call:
// one CLI run reads the policy files once.
func (o *Options) Snapshot() *policy.Snapshot {
	if o.snap == nil {
		o.snap = policy.Load(o.Paths())
	}
	return o.snap
}

// exitError carries an exit code and a message already translated.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

func usageErr(msg string) error { return &exitError{code: exit.Usage, msg: msg} }

// Run parses args (without the program name), runs the command, the
// resident agent or a UI process, and returns its exit code. Commands read
// stdin (grendel check); output goes to stdout and stderr.
func Run(args []string, version string, stdin io.Reader, stdout, stderr io.Writer) int {
	return execute(args, version, processes{Agent: resident.Run, UI: uiproc.Run, Supervise: supervisor.Run}, stdin, stdout, stderr)
}

func execute(args []string, version string, modes processes, stdin io.Reader, stdout, stderr io.Writer) int {
	// Explorer starts Grendel too (a double-click, the Run key, the Startup
	// folder): cobra's mousetrap would print "This is a command line tool"
	// and exit 1 there, before the agent or a window starts.
	cobra.MousetrapHelpText = ""
	opts := Options{Options: agent.Options{Version: version}}
	code := exit.OK
	root := newRoot(&opts, modes, &code, stdin, stdout)
	// What the user typed after the command's words (a label, a
	// recipient, a file, a policy's path) stays out of the command line
	// that others see: ps, and journald, which copies it into every audit
	// entry of this process as _CMDLINE.
	procargs.Show(commandWords(root, args)...)
	if len(args) > 0 && strings.HasPrefix(args[0], cobra.ShellCompRequestCmd) {
		// Completions show the commands' and flags' help texts.
		root.InitDefaultHelpCmd()
		translateHelp(root)
	}
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.Execute()
	if err == nil {
		return code
	}
	var ee *exitError
	if !errors.As(err, &ee) {
		// cobra's own errors (unknown flag, bad flag value) are usage errors.
		ee = &exitError{code: exit.Usage, msg: err.Error()}
	}
	if ee.msg != "" {
		fmt.Fprintf(stderr, "grendel: %s\n", ee.msg)
	}
	if ee.code == exit.Usage {
		fmt.Fprintf(stderr, "grendel: %s\n", lang.X("cli.hint.help", "run \"grendel --help\" for usage"))
	}
	return ee.code
}

// commandWords returns the words of the command that args run, without
// the program: "share", "new" for `share new --label …`, none for the
// agent. The ui command adds its window once its arguments are parsed.
func commandWords(root *cobra.Command, args []string) []string {
	c, _, err := root.Find(args)
	if err != nil {
		return nil
	}
	return strings.Fields(c.CommandPath())[1:]
}

func newRoot(opts *Options, modes processes, code *int, stdin io.Reader, stdout io.Writer) *cobra.Command {
	showVersion := false
	root := &cobra.Command{
		Use:   "grendel",
		Short: helpText("cli.root.short", "Grendel keeps your workstation and your passwords safe"),
		Long: helpText("cli.root.long", "Grendel locks the workstation when it is left idle, checks and generates passwords, "+
			"and keeps share passwords in the system keychain, as IT's policy says.\n\n"+
			"Without a command it starts the resident agent, which lives in the system tray."),
		SilenceErrors: true,
		SilenceUsage:  true,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usageErr(lang.X("cli.error.unknown_command", "unknown command {{.Command}}", map[string]string{"Command": quote(args[0])}))
			}
			return nil
		},
		RunE: func(*cobra.Command, []string) error {
			if showVersion {
				fmt.Fprintln(stdout, versionLine(opts.Version))
				return nil
			}
			*code = modes.Agent(opts.Options)
			return nil
		},
	}
	root.CompletionOptions.DisableDefaultCmd = true
	root.Flags().BoolVarP(&showVersion, "version", "v", false, helpText("cli.flag.version", "print Grendel's version, as the version command does"))
	root.PersistentFlags().StringArrayVar(&opts.Policy, "policy", nil,
		helpText("cli.flag.policy", "also apply the policy `FILE`; it can only make settings stricter (may be repeated)"))
	// A --policy file that cannot be used makes every command run on
	// strict defaults for its keys: say so, instead of running silently.
	// The policy commands report it themselves, the agent in its log.
	root.PersistentPreRun = func(cmd *cobra.Command, _ []string) {
		if len(opts.Policy) == 0 || cmd == cmd.Root() {
			return
		}
		for c := cmd; c != nil; c = c.Parent() {
			if c.Name() == "policy" || c.Name() == "ui" {
				return
			}
		}
		for _, p := range opts.Snapshot().Problems {
			if slices.Contains(opts.Policy, p.File) {
				fmt.Fprintf(cmd.ErrOrStderr(), "grendel: %s\n", i18n.Problem(p))
			}
		}
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
		return usageErr(flagError(err))
	})

	root.AddCommand(
		&cobra.Command{
			Use:   "version",
			Short: helpText("cli.version.short", "Print Grendel's version"),
			Args:  noArgs,
			Run: func(*cobra.Command, []string) {
				fmt.Fprintln(stdout, versionLine(opts.Version))
			},
		},
		&cobra.Command{
			Use:   "ui " + strings.Join(userWindows(), "|"),
			Short: helpText("cli.ui.short", "Show one of Grendel's windows (the agent does this for you)"),
			Args: func(_ *cobra.Command, args []string) error {
				if len(args) != 1 {
					return usageErr(lang.X("cli.error.ui_args", "name one window: {{.Windows}}", map[string]string{"Windows": strings.Join(userWindows(), ", ")}))
				}
				if _, ok := agent.ParseWindow(args[0]); ok {
					return nil
				}
				return usageErr(lang.X("cli.error.unknown_window", "unknown window {{.Window}}; use one of {{.Windows}}",
					map[string]string{"Window": quote(args[0]), "Windows": strings.Join(userWindows(), ", ")}))
			},
			RunE: func(_ *cobra.Command, args []string) error {
				w, _ := agent.ParseWindow(args[0])
				// The window stays in the command line others see: the
				// integration tests find a window's process by it.
				procargs.Show("ui", string(w))
				*code = modes.UI(w, opts.Options)
				return nil
			},
		},
		&cobra.Command{
			// Not in the help: the XDG autostart entry (and Windows' Run
			// key) start it, not the user.
			Use:    "supervise",
			Short:  helpText("supervise.short", "Run the agent and start it again when it stops unexpectedly"),
			Hidden: true,
			Args:   noArgs,
			RunE: func(*cobra.Command, []string) error {
				if modes.Supervise != nil {
					*code = modes.Supervise(opts.Options)
				}
				return nil
			},
		},
		newStatusCmd(opts, stdout),
		newAutostartCmd(opts, modes.Autostart, stdout),
		newPolicyCmd(opts, stdout),
		newLockCmd(opts, stdout),
		newCheckCmd(opts, stdin, stdout, modes.terminal()),
		newGenCmd(opts, stdout),
		newShareCmd(opts, stdout),
		newFileCmd(opts, stdout),
		newAuditCmd(opts, stdout),
	)
	localizeHelp(root)
	return root
}

// terminal returns p.Terminal, or [isTerminal] if that is nil.
func (p processes) terminal() func(any) bool {
	if p.Terminal == nil {
		return isTerminal
	}
	return p.Terminal
}

// quote puts s between the quotes of the user's language ("…" in English
// and Dutch, „…“ in German), its control characters escaped as Go does.
func quote(s string) string {
	q := strconv.Quote(s)
	return lang.X("cli.quote", "\"{{.Text}}\"", map[string]string{"Text": q[1 : len(q)-1]})
}

// versionLine is what `grendel version` and `grendel --version` print.
func versionLine(version string) string {
	return fmt.Sprintf("Grendel %s (%s, %s/%s)", version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}

// internalWindows are the windows Grendel opens itself: the countdown and
// the privacy screen (the agent, on idle), the clipboard helper (`share
// show --copy`) and the quit confirmation (the tray's Quit). `grendel ui`
// opens them when asked, as the agent does, but its help and messages
// name only the others.
var internalWindows = []agent.Window{agent.WindowWarning, agent.WindowPrivacy, agent.WindowClipboard, agent.WindowQuit}

// userWindows returns the names of the windows a user opens.
func userWindows() []string {
	var names []string
	for _, w := range agent.Windows {
		if !slices.Contains(internalWindows, w) {
			names = append(names, string(w))
		}
	}
	return names
}

// flagError says in the user's language what is wrong with a flag: pflag's
// own messages are English and, for a bad value, end in Go's parse error.
func flagError(err error) string {
	var (
		notExist *pflag.NotExistError
		noValue  *pflag.ValueRequiredError
		badValue *pflag.InvalidValueError
		syntax   *pflag.InvalidSyntaxError
	)
	switch {
	case errors.As(err, &notExist):
		name := "--" + notExist.GetSpecifiedName()
		if short := notExist.GetSpecifiedShortnames(); short != "" {
			name = "-" + short
		}
		return lang.X("cli.error.unknown_flag", "unknown flag: {{.Flag}}", map[string]string{"Flag": name})
	case errors.As(err, &noValue):
		return lang.X("cli.error.flag_value", "{{.Flag}} needs a value", map[string]string{"Flag": "--" + noValue.GetFlag().Name})
	case errors.As(err, &badValue):
		data := map[string]string{"Flag": "--" + badValue.GetFlag().Name, "Value": quote(badValue.GetValue())}
		switch badValue.GetFlag().Value.Type() {
		case "int", "int64", "uint", "uint64":
			return lang.X("cli.error.flag_int", "{{.Flag}} wants a whole number, not {{.Value}}", data)
		case "bool":
			return lang.X("cli.error.flag_bool", "{{.Flag}} wants true or false, not {{.Value}}", data)
		}
		return lang.X("cli.error.flag_invalid", "{{.Value}} is not a valid value for {{.Flag}}", data)
	case errors.As(err, &syntax):
		return lang.X("cli.error.flag_syntax", "bad flag syntax: {{.Flag}}", map[string]string{"Flag": syntax.GetSpecifiedFlag()})
	}
	return err.Error()
}

// groupArgs is the Args of a command that only groups others, such as
// "share": an argument there is a command it does not have.
func groupArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageErr(lang.X("cli.error.unknown_command", "unknown command {{.Command}}",
			map[string]string{"Command": quote(cmd.CommandPath() + " " + args[0])}))
	}
	return nil
}

// groupHelp is the RunE of a command that only groups others: it shows its
// help, and the missing command is a usage error.
func groupHelp(cmd *cobra.Command, _ []string) error {
	_ = cmd.Help()
	return usageErr("")
}

func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageErr(lang.X("cli.error.no_args", "{{.Command}} takes no arguments", map[string]string{"Command": cmd.CommandPath()}))
	}
	return nil
}
