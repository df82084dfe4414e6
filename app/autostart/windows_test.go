package autostart

import (
	"bytes"
	"errors"
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
