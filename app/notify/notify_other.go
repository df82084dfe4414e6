//go:build !linux && !windows && !darwin

package notify

// Send returns ErrUnsupported: on this system the agent only logs.
func Send(title, body string) (uint32, error) { return 0, ErrUnsupported }
