//go:build unix

package uiproc

import "syscall"

// detached puts a started process in a session of its own, away from this
// process's terminal and its signals.
func detached() *syscall.SysProcAttr { return &syscall.SysProcAttr{Setsid: true} }
