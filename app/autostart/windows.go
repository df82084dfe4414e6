package autostart

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// taskName is the scheduled task a Grendel installer would make.
const taskName = `\Grendel`

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

// taskAnswer reads what `schtasks /Query /TN \Grendel /FO CSV /NH` gave:
// its output, the error of its run and that of the context that bounds it.
// It returns the task's name when the output names Grendel's task, "" when
// schtasks ended with 1 (its code for a task it does not know), and an
// error for every other end: a schtasks that could not start, was killed
// or failed otherwise says nothing about the task.
func taskAnswer(out []byte, runErr, ctxErr error) (string, error) {
	if ctxErr != nil {
		return "", fmt.Errorf("schtasks gave no answer: %w", ctxErr)
	}
	var exit interface{ ExitCode() int }
	switch {
	case runErr == nil && strings.Contains(string(out), "Grendel"):
		return taskName, nil
	case runErr == nil:
		return "", nil
	case errors.As(runErr, &exit) && exit.ExitCode() == 1:
		return "", nil
	default:
		return "", fmt.Errorf("schtasks: %w", runErr)
	}
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

// approvedData returns the StartupApproved data that switches a Run value
// on or off for the user, as Task Manager and Settings write it: twelve
// bytes, the first 2 (on) or 3 (off), then, when off, the time of the
// switch as a Windows FILETIME (100 ns since 1601, little-endian).
func approvedData(on bool, now time.Time) []byte {
	data := make([]byte, 12)
	if on {
		data[0] = 2
		return data
	}
	data[0] = 3
	// 11644473600 s lie between 1601-01-01 and 1970-01-01.
	ft := uint64(now.UnixNano()/100) + 116444736000000000
	binary.LittleEndian.PutUint64(data[4:], ft)
	return data
}

// switchPlan says what [Switch] does with the Run values found: the value
// names whose StartupApproved data in HKCU it writes. With no Run value
// there is nothing a user can switch (a scheduled task is the
// administrator's): ErrUnsupported.
func switchPlan(values []RunValue) ([]string, error) {
	var names []string
	for _, v := range values {
		if !slices.Contains(names, v.Name) {
			names = append(names, v.Name)
		}
	}
	if len(names) == 0 {
		return nil, ErrUnsupported
	}
	return names, nil
}
