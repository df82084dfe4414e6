package policy_test

import (
	"fmt"

	"grendel/policy"
)

// The managed preferences a configuration profile leaves on a Mac, read
// as Grendel reads them: flat names, durations in seconds, the profile's
// own Payload keys ignored, a misspelt name reported with the name it was
// meant to be.
func ExampleParsePlist() {
	values, problems := policy.ParsePlist([]byte(`<?xml version="1.0" encoding="UTF-8"?>
<plist version="1.0"><dict>
	<key>LockIdleTimeoutSeconds</key><integer>180</integer>
	<key>PasswordBannedWords</key><array><string>acme</string></array>
	<key>PayloadUUID</key><string>604CA0F2-4485-4468-9D69-AD3305F3F213</string>
	<key>ShareWord</key><integer>6</integer>
</dict></plist>`))
	fmt.Println(values[policy.LockIdleTimeout], values[policy.PasswordBannedWords])
	for _, p := range problems {
		fmt.Println(p.Key+":", p.Message())
	}
	// Output:
	// 3m0s [acme]
	// ShareWord: unknown key (did you mean ShareWords?)
}
