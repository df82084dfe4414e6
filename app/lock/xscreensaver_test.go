package lock

import (
	"strings"
	"testing"
)

// saverTimeCases feed both TestParseSaverTime and FuzzParseSaverTime.
var saverTimeCases = []struct {
	name string
	in   string
	want saverState // 0: an error
}{
	{"6.x locked", "XScreenSaver 6.06: screen locked since Sun Nov 22 09:12:13 2026\n", saverLocked},
	{"6.x blanked", "XScreenSaver 6.06: screen blanked since Sun Nov 22 09:12:13 2026\n", saverBlanked},
	{"6.x non-blanked", "XScreenSaver 6.06: screen non-blanked since Sun Nov 22 09:12:13 2026\n", saverNonBlanked},
	{"5.x with a hack", "XScreenSaver 5.40: screen locked since Tue Dec  4 11:38:46 2018 (hack #212)\n", saverLocked},
	{"5.x with hacks", "XScreenSaver 5.45: screen blanked since Tue Dec  4 11:38:46 2018 (hacks: #1, #7)\n", saverBlanked},
	{"leading blank line", "\n  XScreenSaver 6.06: screen locked since Sun Nov 22 09:12:13 2026", saverLocked},
	{"CRLF", "XScreenSaver 6.06: screen non-blanked since Sun Nov 22 09:12:13 2026\r\n", saverNonBlanked},

	{"empty", "", 0},
	{"blank", "\n \n", 0},
	{"no daemon", "xscreensaver-command: no screensaver is running on display :90\n", 0},
	{"bad status", "XScreenSaver 6.06\n", 0},
	{"unknown state", "XScreenSaver 6.06: screen frozen since Sun Nov 22 09:12:13 2026\n", 0},
	{"no since", "XScreenSaver 6.06: screen locked\n", 0},
	{"not xscreensaver", "Foo 1.0: screen locked since Sun Nov 22 09:12:13 2026\n", 0},
	{"locked only on a later line", "XScreenSaver 6.06: screen non-blanked since x\nXScreenSaver 6.06: screen locked since x\n", saverNonBlanked},
	{"unlocked spelled oddly", "XScreenSaver 6.06: screen Locked since x", 0},
	// Cases found by fuzzing go here.
}

func TestParseSaverTime(t *testing.T) {
	for _, tc := range saverTimeCases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseSaverTime(tc.in)
			if tc.want == 0 {
				if err == nil {
					t.Errorf("parseSaverTime(%q) = %v, want an error", tc.in, got)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Errorf("parseSaverTime(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
			}
		})
	}
}

// FuzzParseSaverTime checks that the parser never panics, and that it
// says "locked" only for a first line that really says so.
func FuzzParseSaverTime(f *testing.F) {
	for _, tc := range saverTimeCases {
		f.Add(tc.in)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got, err := parseSaverTime(in)
		if err != nil {
			if got != 0 {
				t.Errorf("parseSaverTime(%q) = %v with error %v, want 0", in, got, err)
			}
			return
		}
		if got < saverNonBlanked || got > saverLocked {
			t.Fatalf("parseSaverTime(%q) = %d, not a known state", in, got)
		}
		first := ""
		for l := range strings.Lines(in) {
			if l = strings.TrimSpace(l); l != "" {
				first = l
				break
			}
		}
		if got == saverLocked && !strings.Contains(first, ": screen locked since ") {
			t.Errorf("parseSaverTime(%q) = locked, but its first line %q does not say so", in, first)
		}
		if !strings.HasPrefix(first, "XScreenSaver") {
			t.Errorf("parseSaverTime(%q) = %v for a line not from XScreenSaver", in, got)
		}
	})
}
