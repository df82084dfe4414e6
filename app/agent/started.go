package agent

import "os"

// SupervisedEnv is the environment variable `grendel supervise` sets to
// "1" for the agent it starts, so that the agent knows it is supervised.
const SupervisedEnv = "GRENDEL_SUPERVISED"

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
