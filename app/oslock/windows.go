package oslock

import (
	"strconv"
	"strings"
	"time"
)

// WindowsValues are the registry values Windows locks by: the machine
// inactivity limit and the screensaver's values, the policy's
// (HKCU\Software\Policies\Microsoft\Windows\Control Panel\Desktop) and the
// user's (HKCU\Control Panel\Desktop).
type WindowsValues struct {
	// InactivityTimeoutSecs is HKLM\SOFTWARE\Microsoft\Windows\
	// CurrentVersion\Policies\System's value, 0 when not set.
	InactivityTimeoutSecs uint64
	// Policy and User hold ScreenSaveActive, ScreenSaverIsSecure and
	// ScreenSaveTimeOut as strings, as the registry has them.
	Policy, User map[string]string
}

// Windows weighs the values: the machine inactivity limit locks by
// itself; a screensaver locks when it is active and secure, each value
// from the policy where it sets one. The shorter of the two counts.
func Windows(v WindowsValues) Setting {
	s := Setting{Desktop: "Windows", Known: true}
	var sources []string
	if v.InactivityTimeoutSecs > 0 {
		s.Enabled = true
		s.After = time.Duration(v.InactivityTimeoutSecs) * time.Second
		sources = append(sources, "InactivityTimeoutSecs")
	}
	get := func(name string) string {
		if x, ok := v.Policy[name]; ok {
			return strings.TrimSpace(x)
		}
		return strings.TrimSpace(v.User[name])
	}
	if get("ScreenSaveActive") == "1" && get("ScreenSaverIsSecure") == "1" {
		if secs, err := strconv.ParseUint(get("ScreenSaveTimeOut"), 10, 32); err == nil && secs > 0 {
			d := time.Duration(secs) * time.Second
			if !s.Enabled || d < s.After {
				s.After = d
			}
			s.Enabled = true
			sources = append(sources, "ScreenSaveTimeOut")
		}
	}
	s.Source = strings.Join(sources, ", ")
	return s
}
