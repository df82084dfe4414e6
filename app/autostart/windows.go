package autostart

import "strings"

// RunValue is one value under a Run key that starts Grendel.
type RunValue struct {
	// Key is the key's name, with its hive: HKLM\…\Run or HKCU\…\Run.
	Key  string
	Name string
	// Approved is Explorer's StartupApproved data for the value (the
	// Task Manager's and Settings' switch), nil when there is none. Its
	// first byte is even when the value is on, odd when switched off.
	Approved []byte
	// ApprovedByUser is true when Approved is from HKCU.
	ApprovedByUser bool
}

// startsGrendel reports whether the command line of a Run value starts
// Grendel: grendel.exe or grendelw.exe.
func startsGrendel(command string) bool {
	c := strings.ToLower(command)
	return strings.Contains(c, "grendel.exe") || strings.Contains(c, "grendelw.exe")
}

// windowsStatus makes the status of the Run values and, when task is not
// "", the scheduled task of that name.
func windowsStatus(values []RunValue, task string) Status {
	var methods []Method
	for _, v := range values {
		state := On
		if len(v.Approved) > 0 && v.Approved[0]&1 == 1 {
			state = Off
			if v.ApprovedByUser {
				state = OffByUser
			}
		}
		methods = append(methods, Method{Kind: KindRunKey, State: state, Path: v.Key + `\` + v.Name})
	}
	if task != "" {
		methods = append(methods, Method{Kind: KindTask, State: On, Path: task})
	}
	return status(methods)
}
