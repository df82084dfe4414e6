// Package procargs keeps what a user typed on Grendel's command line out
// of the command line that others see: on Linux /proc/PID/cmdline, which
// ps shows to every local user and which journald copies into every entry
// a process sends as _CMDLINE — into each of Grendel's audit entries in
// the journal, then (`grendel share new --label "Offerte Jansen"`,
// `grendel file encrypt klanten.csv`, `grendel --policy FILE`).
//
// [Take], first thing in main, copies the arguments; once the command is
// known, [Show] makes the command line read as the program and the
// command's own words alone ("grendel share new").
package procargs

import (
	"os"
	"slices"
	"strings"
)

// Take returns the program's arguments (os.Args[1:]) and sets os.Args,
// both as copies: after it no Go string refers to the memory that holds
// the command line, and [Show] may rewrite it. Call it first in main,
// before anything keeps a part of os.Args.
func Take() []string {
	orig := os.Args
	args := make([]string, len(orig))
	for i, a := range orig {
		args[i] = strings.Clone(a)
	}
	os.Args = args
	area = commandLine(orig)
	taken = slices.Clone(args)
	return args[1:]
}

// Show makes the command line read as the program followed by words, the
// command's own (the rest is left out), where the system shows it: Linux,
// after [Take]. Elsewhere, or when words are all the arguments there are,
// it does nothing.
func Show(words ...string) {
	if area == nil || slices.Equal(words, taken[1:]) {
		return
	}
	rewrite(area, taken[0], words)
}

// taken are the arguments as [Take] found them; area is the memory of
// the command line that [Show] rewrites, nil where it cannot.
var (
	taken []string
	area  []byte
)
