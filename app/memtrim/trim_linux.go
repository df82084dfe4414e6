// Package memtrim lets a long-running process of Grendel's (the resident
// agent, the supervisor) give back, once it has settled after its start,
// the memory it will not use again. It does something on Linux only.
package memtrim

import (
	"bufio"
	"bytes"
	"os"
	"runtime/debug"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// AfterStart lets go of what a process's start left resident and the
// process at rest never uses again: the free pages of the heap, and the
// pages of its own executable that the packages' inits read once (every
// process of the one binary runs every package's init; for the agent that
// is most of its resident set, for the supervisor more still). Those pages
// stay in the page cache and come back on use. Only read-only mappings of the executable without a private page
// are dropped: never data, nor the relocated RELRO page, nor a page a
// debugger wrote a breakpoint into.
func AfterStart() {
	debug.FreeOSMemory()
	exe, err := os.Readlink("/proc/self/exe")
	if err != nil {
		return
	}
	smaps, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		return
	}
	var lo, hi uint64
	clean := false
	drop := func() {
		if clean && hi > lo {
			// The kernel caches an executable in large folios (up to 2 MB)
			// and maps a whole folio on one touch, so a few timers' worth
			// of code at rest would bring most of it back. MADV_RANDOM makes
			// later faults read single pages; MADV_PAGEOUT evicts the large
			// folios that only this process maps (a page another process
			// maps too is left alone), MADV_DONTNEED unmaps what is left.
			for _, advice := range []int{unix.MADV_NOHUGEPAGE, unix.MADV_RANDOM, unix.MADV_PAGEOUT, unix.MADV_DONTNEED} {
				_, _, _ = unix.Syscall(unix.SYS_MADVISE, uintptr(lo), uintptr(hi-lo), uintptr(advice))
			}
		}
		clean = false
	}
	sc := bufio.NewScanner(bytes.NewReader(smaps))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		switch {
		case len(f) >= 6 && strings.Contains(f[0], "-"): // a mapping's first line
			drop()
			a, b, _ := strings.Cut(f[0], "-")
			lo, _ = strconv.ParseUint(a, 16, 64)
			hi, _ = strconv.ParseUint(b, 16, 64)
			clean = f[5] == exe && !strings.Contains(f[1], "w")
		case len(f) >= 2 && f[0] == "Anonymous:" && f[1] != "0": // a private copy of a page
			clean = false
		}
	}
	drop()
}
