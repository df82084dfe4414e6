package autostart

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"testing"
	"time"
)

func TestApprovedData(t *testing.T) {
	on := approvedData(true, time.Now())
	if !bytes.Equal(on, []byte{2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}) {
		t.Errorf("on: % x", on)
	}
	// 2026-12-04 12:00:00 UTC as a FILETIME, worked out apart:
	// (1796385600 + 11644473600) s × 10⁷.
	off := approvedData(false, time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC))
	want := []byte{3, 0, 0, 0}
	ft := uint64(1796385600+11644473600) * 10_000_000
	for i := range 8 {
		want = append(want, byte(ft>>(8*i)))
	}
	if !bytes.Equal(off, want) {
		t.Errorf("off: % x, want % x", off, want)
	}
	// What Read makes of it: odd first byte is off, even is on.
	for _, tc := range []struct {
		data []byte
		want State
	}{{on, On}, {off, OffByUser}} {
		st := windowsStatus([]RunValue{{Key: `HKLM\` + `Run`, Name: "Grendel", Approved: tc.data, ApprovedByUser: true}}, "")
		if got := st.Methods[0].State; got != tc.want {
			t.Errorf("% x read as %s, want %s", tc.data, got, tc.want)
		}
	}
}

func TestSwitchPlan(t *testing.T) {
	names, err := switchPlan([]RunValue{{Key: "HKLM", Name: "Grendel"}, {Key: "HKCU", Name: "Grendel"}, {Key: "HKCU", Name: "Grendel (old)"}})
	if err != nil || len(names) != 2 || names[0] != "Grendel" || names[1] != "Grendel (old)" {
		t.Errorf("plan %q, %v", names, err)
	}
	if _, err := switchPlan(nil); !errors.Is(err, ErrUnsupported) {
		t.Errorf("no Run value: %v, want ErrUnsupported", err)
	}
}

// exitCode stands for the *exec.ExitError of a schtasks that ended with
// a code.
type exitCode int

func (e exitCode) Error() string { return fmt.Sprintf("exit status %d", int(e)) }
func (e exitCode) ExitCode() int { return int(e) }

func TestTaskAnswer(t *testing.T) {
	found := []byte("\"\\Grendel\",\"N/A\",\"Ready\"\r\n")
	for _, tc := range []struct {
		name    string
		out     []byte
		runErr  error
		ctxErr  error
		want    string
		wantErr bool
	}{
		{"the task", found, nil, nil, taskName, false},
		{"another answer", []byte("\"\\Other\",\"N/A\",\"Ready\"\r\n"), nil, nil, "", false},
		{"unknown task (exit 1)", nil, exitCode(1), nil, "", false},
		{"other exit code", nil, exitCode(-2147467259), nil, "", true},
		{"not started", nil, errors.New(`exec: "schtasks.exe": file does not exist`), nil, "", true},
		{"killed after the timeout", nil, exitCode(1), context.DeadlineExceeded, "", true},
		{"output but killed", found, nil, context.DeadlineExceeded, "", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := taskAnswer(tc.out, fmt.Errorf("wrapped: %w", tc.runErr), tc.ctxErr)
			if tc.runErr == nil {
				got, err = taskAnswer(tc.out, nil, tc.ctxErr)
			}
			if got != tc.want || (err != nil) != tc.wantErr {
				t.Errorf("taskAnswer = %q, %v; want %q, error %v", got, err, tc.want, tc.wantErr)
			}
		})
	}
}
