package autostart

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"golang.org/x/sys/windows/registry"
)

const (
	runKey      = `SOFTWARE\Microsoft\Windows\CurrentVersion\Run`
	approvedKey = `SOFTWARE\Microsoft\Windows\CurrentVersion\Explorer\StartupApproved\Run`
)

// Read tells whether Grendel starts at this user's login: a Run value in
// HKLM or HKCU whose command is grendel.exe or grendelw.exe (with
// Explorer's switch for it), or the scheduled task \Grendel.
func Read() Status {
	values, err := grendelRunValues()
	task, taskErr := scheduledTask()
	st := windowsStatus(values, task)
	if err := errors.Join(err, taskErr); err != nil {
		st.Error = err.Error()
	}
	return st
}

// grendelRunValues lists the Run values of HKLM and HKCU that start
// Grendel, and what could not be read.
func grendelRunValues() ([]RunValue, error) {
	var values []RunValue
	var errs []error
	for _, hive := range []struct {
		root registry.Key
		name string
	}{{registry.LOCAL_MACHINE, "HKLM"}, {registry.CURRENT_USER, "HKCU"}} {
		vs, err := runValues(hive.root, hive.name)
		if err != nil {
			errs = append(errs, err)
		}
		values = append(values, vs...)
	}
	return values, errors.Join(errs...)
}

// runValues lists the Run values of one hive that start Grendel.
func runValues(root registry.Key, hive string) ([]RunValue, error) {
	k, err := registry.OpenKey(root, runKey, registry.QUERY_VALUE)
	if errors.Is(err, registry.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer k.Close()
	names, err := k.ReadValueNames(0)
	if err != nil {
		return nil, err
	}
	var out []RunValue
	for _, n := range names {
		cmd, _, err := k.GetStringValue(n)
		if err != nil || !startsGrendel(cmd) {
			continue
		}
		v := RunValue{Key: hive + `\` + runKey, Name: n}
		// The user's switch is in HKCU, for HKLM's values too; an
		// administrator's in HKLM.
		if data, ok := approved(registry.CURRENT_USER, n); ok {
			v.Approved, v.ApprovedByUser = data, true
		} else if data, ok := approved(registry.LOCAL_MACHINE, n); ok {
			v.Approved = data
		}
		out = append(out, v)
	}
	return out, nil
}

// approved reads Explorer's StartupApproved data for the Run value name.
func approved(root registry.Key, name string) ([]byte, bool) {
	k, err := registry.OpenKey(root, approvedKey, registry.QUERY_VALUE)
	if err != nil {
		return nil, false
	}
	defer k.Close()
	data, _, err := k.GetBinaryValue(name)
	return data, err == nil
}

// schtasksTimeout bounds one schtasks query; it answers in a fraction of
// a second, its first call on a machine in a few seconds.
const schtasksTimeout = 10 * time.Second

// scheduledTask returns the task's name when schtasks (from System32)
// knows it, "" when it answers that it does not, and an error when it
// gives no answer: it cannot be started, is killed after
// [schtasksTimeout], or ends with another code than schtasks' 1 (which it
// gives for an unknown task).
func scheduledTask() (string, error) {
	sys := os.Getenv("SystemRoot")
	if sys == "" {
		sys = `C:\Windows`
	}
	// A schtasks that never ends (seen under Wine) is killed: the agent
	// reads autostart in the background, and a reading that never ends
	// would leave its status without one for good.
	ctx, cancel := context.WithTimeout(context.Background(), schtasksTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, filepath.Join(sys, "System32", "schtasks.exe"), "/Query", "/TN", taskName, "/FO", "CSV", "/NH")
	// Output waits until every holder of schtasks' output pipe closed it.
	// Under Wine the Task Scheduler service that schtasks' first call
	// starts inherits the pipe and outlives it, so "grendel status" hung
	// for good; after schtasks exits, its output is all there.
	cmd.WaitDelay = 2 * time.Second
	out, err := cmd.Output()
	if errors.Is(err, exec.ErrWaitDelay) {
		err = nil
	}
	return taskAnswer(out, err, ctx.Err())
}

// Switch switches autostart off or on for this user the way Task Manager
// and Settings do: Explorer's StartupApproved data in HKCU for each Run
// value that starts Grendel (the installer's value in HKLM stays as it
// is, and other users are not touched). It returns [ErrUnsupported] when
// no Run value starts Grendel: a scheduled task is the administrator's.
func Switch(on bool) error {
	values, err := grendelRunValues()
	if err != nil {
		return err
	}
	names, err := switchPlan(values)
	if err != nil {
		return err
	}
	k, _, err := registry.CreateKey(registry.CURRENT_USER, approvedKey, registry.SET_VALUE)
	if err != nil {
		return err
	}
	defer k.Close()
	data := approvedData(on, time.Now())
	for _, n := range names {
		if err := k.SetBinaryValue(n, data); err != nil {
			return err
		}
	}
	return nil
}
