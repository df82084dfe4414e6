package agent

import (
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"

	"grendel/app/autostart"
	"grendel/app/oslock"
)

func TestStatusStartup(t *testing.T) {
	now := time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC)
	reads := 0
	a := New(Config{
		Now:       func() time.Time { return now },
		StartedBy: StartedBySystemd,
		Autostart: func() autostart.Status {
			reads++
			return autostart.Status{InPlace: true, Methods: []autostart.Method{{Kind: autostart.KindSystemd, State: autostart.On}}}
		},
		OSLock: func() oslock.Setting {
			return oslock.Setting{Desktop: "GNOME", Known: true, Enabled: true, After: 15 * time.Minute}
		},
	})
	st := a.Status()
	if st.StartedBy != StartedBySystemd || st.Autostart == nil || !st.Autostart.InPlace {
		t.Fatalf("Status() = started by %q, autostart %+v", st.StartedBy, st.Autostart)
	}
	// The default policy locks after 5 minutes: 15 is later than 5 + 5.
	if st.OSLock == nil || st.OSLock.Verdict != oslock.TooLate || st.OSLock.Limit != 10*time.Minute {
		t.Errorf("OSLock = %+v, want too-late with limit 10m", st.OSLock)
	}
	data, err := json.Marshal(st)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"started_by":"systemd"`, `"autostart":{"in_place":true`, `"os_lock":{"desktop":"GNOME"`, `"verdict":"too-late"`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("JSON lacks %s: %s", want, data)
		}
	}
	// Read again only after SurroundingsTTL.
	a.Status()
	now = now.Add(SurroundingsTTL - time.Second)
	a.Status()
	if reads != 1 {
		t.Errorf("read %d times within the TTL, want 1", reads)
	}
	now = now.Add(2 * time.Second)
	a.Status()
	if reads != 2 {
		t.Errorf("read %d times after the TTL, want 2", reads)
	}
}

func TestStatusWithoutReaders(t *testing.T) {
	st := New(Config{StartedBy: StartedByHand}).Status()
	if st.StartedBy != StartedByHand || st.Autostart != nil || st.OSLock != nil {
		t.Errorf("Status() = %q, %+v, %+v; want manual and nothing read", st.StartedBy, st.Autostart, st.OSLock)
	}
}

// TestStatusDoesNotWaitForAHangingReader: an autostart reader that does not
// end (schtasks under Wine did not) holds a status for surroundingsWait at
// most, which then says nothing of autostart; once the reader ends, the
// status has its reading.
func TestStatusDoesNotWaitForAHangingReader(t *testing.T) {
	release := make(chan struct{})
	reads := 0
	var mu sync.Mutex
	a := New(Config{Version: "1", Autostart: func() autostart.Status {
		mu.Lock()
		reads++
		mu.Unlock()
		<-release
		return autostart.Status{InPlace: true}
	}})
	if st := a.Status(); st.Autostart != nil {
		t.Errorf("status during a hanging reading says autostart %+v, want nothing", st.Autostart)
	}
	if st := a.Status(); st.Autostart != nil {
		t.Errorf("second status during a hanging reading says autostart %+v, want nothing", st.Autostart)
	}
	close(release)
	waitFor(t, func() bool { st := a.Status(); return st.Autostart != nil && st.Autostart.InPlace }, "the reading in the status")
	mu.Lock()
	defer mu.Unlock()
	if reads != 1 {
		t.Errorf("the reader ran %d times, want once (one reading at a time, then kept for SurroundingsTTL)", reads)
	}
}
