package lock

import (
	"strings"
	"testing"
)

// plist wraps the body of a root dict in an ioreg -a plist.
func plist(body string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
` + body + `
</dict>
</plist>
`
}

// consoleUser is an IOConsoleUsers entry for uid, with extra keys.
func consoleUser(uid, extra string) string {
	return `<dict>
		<key>kCGSSessionUserIDKey</key>
		<integer>` + uid + `</integer>
		<key>kCGSSessionUserNameKey</key>
		<string>marketer</string>
		<key>kCGSSessionOnConsoleKey</key>
		<true/>
		<key>kSCSecuritySessionID</key>
		<integer>100016</integer>
		<key>kCGSSessionLoginwindowSafeLogin</key>
		<false/>
		` + extra + `
	</dict>`
}

// ioregCases feed both TestConsoleLocked and FuzzConsoleLocked; the uid is
// 501.
var ioregCases = []struct {
	name    string
	in      string
	want    bool
	wantErr bool
}{
	{"unlocked, both sources", plist(`<key>IOConsoleLocked</key><false/>
		<key>IOConsoleUsers</key><array>` + consoleUser("501", "") + `</array>
		<key>IOKitBuildVersion</key><string>Darwin Kernel Version 25.0.0</string>`), false, false},
	{"locked by IOConsoleLocked", plist(`<key>IOConsoleLocked</key><true/>
		<key>IOConsoleUsers</key><array>` + consoleUser("501", "") + `</array>`), true, false},
	{"locked by CGSSessionScreenIsLocked", plist(`<key>IOConsoleUsers</key><array>` +
		consoleUser("501", `<key>CGSSessionScreenIsLocked</key><true/>`) + `</array>`), true, false},
	{"unlocked, no IOConsoleLocked (older macOS)", plist(`<key>IOConsoleUsers</key><array>` +
		consoleUser("501", "") + `</array>`), false, false},
	{"another user's lock is not ours", plist(`<key>IOConsoleUsers</key><array>` +
		consoleUser("502", `<key>CGSSessionScreenIsLocked</key><true/>`) + consoleUser("501", "") + `</array>`), false, false},
	{"CGSSessionScreenIsLocked false", plist(`<key>IOConsoleUsers</key><array>` +
		consoleUser("501", `<key>CGSSessionScreenIsLocked</key><false/>`) + `</array>`), false, false},
	{"hex integer and a real", plist(`<key>IOConsoleUsers</key><array>` +
		consoleUser("0x1f5", `<key>CGSSessionScreenIsLocked</key><true/><key>r</key><real>1.5</real><key>d</key><data>AAE=</data><key>t</key><date>2026-11-22T09:12:13Z</date>`) + `</array>`), true, false},
	{"comments and empty array", plist(`<!-- c --><key>IOConsoleLocked</key><false/><key>IOConsoleUsers</key><array/>`), false, false},

	{"no lock information", plist(`<key>IOConsoleUsers</key><array>` + consoleUser("502", "") + `</array>`), false, true},
	{"empty root dict", plist(``), false, true},
	{"empty input", ``, false, true},
	{"not xml", `+-o Root  <class IORegistryEntry>`, false, true},
	{"root is an array", `<plist><array><true/></array></plist>`, false, true},
	{"no plist element", `<dict><key>IOConsoleLocked</key><true/></dict>`, false, true},
	{"key without value", plist(`<key>IOConsoleLocked</key>`), false, true},
	{"value without key", plist(`<true/>`), false, true},
	{"bad integer", plist(`<key>IOConsoleUsers</key><array>` + consoleUser("five", "") + `</array>`), false, true},
	{"unknown element", plist(`<key>IOConsoleLocked</key><yes/>`), false, true},
	{"stray text", plist(`hello<key>IOConsoleLocked</key><true/>`), false, true},
	{"unclosed", `<plist><dict><key>IOConsoleLocked</key><true/>`, false, true},
	{"IOConsoleLocked not a boolean", plist(`<key>IOConsoleLocked</key><string>Yes</string>`), false, true},
	{"too deep", `<plist>` + strings.Repeat("<array>", maxPlistDepth+2) + strings.Repeat("</array>", maxPlistDepth+2) + `</plist>`, false, true},
	// Cases found by fuzzing go here.
}

func TestConsoleLocked(t *testing.T) {
	for _, tc := range ioregCases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := consoleLocked([]byte(tc.in), 501)
			if tc.wantErr {
				if err == nil {
					t.Errorf("consoleLocked() = %v, want an error", got)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Errorf("consoleLocked() = %v, %v; want %v", got, err, tc.want)
			}
		})
	}
}

// FuzzConsoleLocked checks that the parser never panics and never says
// "locked" for input that does not name one of the lock keys.
func FuzzConsoleLocked(f *testing.F) {
	for _, tc := range ioregCases {
		f.Add([]byte(tc.in))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		locked, err := consoleLocked(in, 501)
		if err != nil && locked {
			t.Errorf("consoleLocked() = true with error %v", err)
		}
		if locked && !strings.Contains(string(in), "IOConsoleLocked") && !strings.Contains(string(in), "CGSSessionScreenIsLocked") {
			t.Errorf("consoleLocked(%q) = true without a lock key", in)
		}
	})
}
