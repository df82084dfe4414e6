// Package harden keeps a process that holds a password out of core dumps.
//
// [Process] is called first thing by every process that holds a secret:
// the UI processes (`grendel ui WINDOW`: the generator, the shares window,
// the clipboard keeper, the check window) and the commands that read,
// make or show a password (`grendel check`, `grendel gen`, `grendel share
// …`). A crash of such a process must not leave the password in a core
// file.
//
// # Linux
//
// The process becomes non-dumpable (prctl PR_SET_DUMPABLE 0) and its core
// file size limit is set to 0, soft and hard (RLIMIT_CORE), so that
// neither the process nor anything it starts can raise it again. Being
// non-dumpable has two more effects, both wanted: processes of the same
// user without CAP_SYS_PTRACE can no longer ptrace it or read its memory,
// environment and open files through /proc/PID (those files then belong
// to root). What the kernel still does: with fs.suid_dumpable = 2 an
// administrator may have a non-dumpable process dumped, readable by root
// alone, or piped to a core_pattern helper; root can always read the
// memory of a running process. The flag is reset by execve, so a program
// this process starts must harden itself.
//
// # Other Unix systems (macOS, the BSDs)
//
// RLIMIT_CORE is set to 0, soft and hard. Nothing more: the process can
// still be debugged by its user (on macOS, as far as the system's own
// rules allow).
//
// # Windows
//
// Nothing is done. Windows writes no core file; a crash dump is made by
// Windows Error Reporting only where an administrator configured
// LocalDumps, a machine setting, and a process of the same user can read
// this one's memory either way.
//
// # Other systems
//
// [Process] returns an error wrapping [errors.ErrUnsupported] that names
// the system.
package harden

// Process keeps the running process, and on Linux and the other Unix
// systems the programs it starts, out of core dumps, as far as this system
// allows (see the package doc). It returns what could not be done; the
// process may go on, but should say so.
func Process() error {
	return process()
}
