package agent

import "os"

// SupervisedEnv is the environment variable `grendel supervise` sets to
// "1" for the agent it starts, so that the agent knows it is supervised.
const SupervisedEnv = "GRENDEL_SUPERVISED"

// QuitMarkEnv names the file that `grendel supervise` gives the agent it
// starts: the agent creates it when the user quits as policy allows,
// just before it exits 0. An exit 0 without it is no quit but a kill
// (on Windows, TerminateProcess can end a process with any exit code,
// and Wine's taskkill /F gives 0), and the supervisor starts the agent
// again.
const QuitMarkEnv = "GRENDEL_QUIT_MARK"

// MarkQuit creates the supervisor's quit mark, if the agent has one (see
// [QuitMarkEnv]).
func MarkQuit() error {
	path := os.Getenv(QuitMarkEnv)
	if path == "" {
		return nil
	}
	return os.WriteFile(path, nil, 0o600)
}

// Starter names what started the agent, for `grendel status`.
type Starter string

// The starters [StartedBy] tells apart.
const (
	// StartedBySystemd: a systemd unit (systemd sets INVOCATION_ID for
	// the processes of a unit).
	StartedBySystemd Starter = "systemd"
	// StartedBySupervisor: `grendel supervise`, as the XDG autostart
	// entry starts it on desktops without systemd user sessions.
	StartedBySupervisor Starter = "supervisor"
	// StartedByHand: neither; a user, a script or a desktop's own
	// autostart without a supervisor.
	StartedByHand Starter = "manual"
)

// StartedBy tells how this process was started, from its environment.
// Grendel's own supervisor wins over systemd: an agent it started under a
// systemd unit is restarted by it, not by systemd.
func StartedBy() Starter { return startedBy(os.Getenv) }

func startedBy(getenv func(string) string) Starter {
	switch {
	case getenv(SupervisedEnv) == "1":
		return StartedBySupervisor
	case getenv("INVOCATION_ID") != "":
		return StartedBySystemd
	}
	return StartedByHand
}

// Supervised reports whether `grendel supervise` started this process.
func Supervised() bool { return StartedBy() == StartedBySupervisor }
