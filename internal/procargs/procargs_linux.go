package procargs

import (
	"bytes"
	"os"
	"unsafe"
)

// commandLine returns the memory that /proc/self/cmdline reads: the
// arguments the kernel put on the stack, one after the other, each ended
// by a NUL, which Go's os.Args refers to without a copy. It returns nil
// unless args are exactly that memory and it reads as /proc/self/cmdline.
func commandLine(args []string) []byte {
	if len(args) == 0 || len(args[0]) == 0 {
		return nil
	}
	start := unsafe.StringData(args[0])
	n := 0
	for _, a := range args {
		// An empty argument is its NUL alone, wherever its string points.
		if len(a) > 0 && unsafe.StringData(a) != (*byte)(unsafe.Add(unsafe.Pointer(start), n)) {
			return nil
		}
		n += len(a) + 1
	}
	want, err := os.ReadFile("/proc/self/cmdline")
	if err != nil {
		return nil
	}
	area := unsafe.Slice(start, n)
	if !bytes.Equal(area, want) {
		return nil
	}
	return area
}

// rewrite writes program and words into area, each ended by a NUL, and
// fills the rest with NULs: /proc/self/cmdline then reads as those
// arguments and NULs after them, which ps and journald leave out.
func rewrite(area []byte, program string, words []string) {
	n := copy(area, program)
	area[n] = 0
	n++
	for _, w := range words {
		if n+len(w)+1 > len(area) {
			break
		}
		n += copy(area[n:], w)
		area[n] = 0
		n++
	}
	clear(area[n:])
}
