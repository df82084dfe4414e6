package uiproc

import "syscall"

// detached starts a process in a process group of its own, without this
// process's console, so that a Ctrl-C there does not reach it.
func detached() *syscall.SysProcAttr {
	const detachedProcess = 0x00000008 // DETACHED_PROCESS
	return &syscall.SysProcAttr{CreationFlags: syscall.CREATE_NEW_PROCESS_GROUP | detachedProcess}
}
