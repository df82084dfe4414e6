package agent

import (
	"os"

	"grendel/policy"
)

// Options are the global command-line options, as every process of the
// binary (the agent, a UI process, a CLI command) is given them; the agent
// passes them on to the UI processes it starts ([Options.UICommand]).
type Options struct {
	// Policy lists the files given with --policy: more layers that can only
	// tighten the policy.
	Policy []string
	// Version is the program's version.
	Version string
}

// Paths returns the policy paths for these options: the platform's
// defaults plus the --policy files.
func (o Options) Paths() policy.Paths {
	p := policy.DefaultPaths()
	p.Extra = o.Policy
	return p
}

// AgentCommand returns the command line that starts the resident agent,
// as `grendel` with no command does: this program and the same --policy
// files. The status window's Start button runs it.
func (o Options) AgentCommand() []string {
	exe, err := os.Executable()
	if err != nil {
		exe = os.Args[0]
	}
	argv := []string{exe}
	for _, p := range o.Policy {
		argv = append(argv, "--policy", p)
	}
	return argv
}

// UICommand returns the command line of the UI process that shows w: this
// program, the same --policy files, "ui", the window. It is the only place
// that builds one.
func (o Options) UICommand(w Window) []string {
	return append(o.AgentCommand(), "ui", string(w))
}
