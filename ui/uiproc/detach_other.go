//go:build !unix && !windows

package uiproc

import "syscall"

// detached has nothing to add on this OS.
func detached() *syscall.SysProcAttr { return nil }
