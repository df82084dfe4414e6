package lock

import (
	"fmt"
	"strings"
)

// saverState is what `xscreensaver-command -time` says of the screen.
type saverState int

const (
	saverNonBlanked saverState = iota + 1
	saverBlanked
	saverLocked
)

// String returns the word xscreensaver uses for the state.
func (s saverState) String() string {
	switch s {
	case saverNonBlanked:
		return "non-blanked"
	case saverBlanked:
		return "blanked"
	case saverLocked:
		return "locked"
	}
	return fmt.Sprintf("saverState(%d)", int(s))
}

// parseSaverTime reads the output of `xscreensaver-command -time`, whose
// first non-blank line is, in versions 5 and 6:
//
//	XScreenSaver 6.06: screen locked since Sun Nov 22 09:12:13 2026
//	XScreenSaver 6.06: screen blanked since Sun Nov 22 09:12:13 2026 (hack #12)
//	XScreenSaver 5.40: screen non-blanked since Tue Dec  4 11:15:28 2018
//
// Anything else is an error: a state it cannot read is never taken for
// "locked".
func parseSaverTime(out string) (saverState, error) {
	var line string
	for l := range strings.Lines(out) {
		if l = strings.TrimSpace(l); l != "" {
			line = l
			break
		}
	}
	if line == "" {
		return 0, fmt.Errorf("xscreensaver-command -time printed nothing")
	}
	head, rest, ok := strings.Cut(line, ": screen ")
	if !ok || !strings.HasPrefix(head, "XScreenSaver") {
		return 0, fmt.Errorf("unexpected xscreensaver-command -time output %q", quoteShort(line))
	}
	word, _, ok := strings.Cut(rest, " since ")
	if !ok {
		return 0, fmt.Errorf("unexpected xscreensaver-command -time output %q", quoteShort(line))
	}
	for _, s := range []saverState{saverNonBlanked, saverBlanked, saverLocked} {
		if word == s.String() {
			return s, nil
		}
	}
	return 0, fmt.Errorf("unknown screen state %q in xscreensaver-command -time output", quoteShort(word))
}

// quoteShort cuts s to a length fit for an error message.
func quoteShort(s string) string {
	const n = 80
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "") + "…"
}
