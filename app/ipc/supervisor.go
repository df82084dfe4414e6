package ipc

import "errors"

// ErrSupervisorRunning is wrapped by the error [LockSupervisor] returns
// when another supervisor of the same user holds the lock.
var ErrSupervisorRunning = errors.New("supervisor already running")

// LockSupervisor takes the supervisor's single-instance lock that goes
// with the agent's address addr, so that one user runs at most one
// `grendel supervise`. On Unix it is an exclusive flock on
// supervisor.lock beside the agent's agent.lock, in the same private
// directory, made and checked by the same rules as [Listen]'s; on Windows
// a named mutex in the user's session named after the pipe. The kernel
// drops the lock when its holder dies; release drops it earlier. When
// another supervisor holds it, the error wraps [ErrSupervisorRunning].
func LockSupervisor(addr string) (release func() error, err error) {
	return lockSupervisor(addr)
}

// AgentRunning reports whether an agent holds the single-instance lock of
// addr (on Windows: whether its named mutex exists). It takes no lock that
// an agent starting at the same moment could find held.
func AgentRunning(addr string) bool {
	return agentRunning(addr)
}
