package statuswin

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"grendel/app/agent"
	"grendel/app/autostart"
	"grendel/app/oslock"
	"grendel/ui/internal/uitest"
)

// TestStartupRows: the window says how the agent was started, whether
// Grendel starts at login, and the system's own lock, each in a row of
// its own; "—" for each while the agent is not running.
func TestStartupRows(t *testing.T) {
	test.NewTempApp(t)
	for _, tc := range []struct {
		name  string
		state State
		want  []string
	}{
		{"systemd, autostart, GNOME locks in time", State{Running: true, Status: agent.Status{Policy: report(t, ""),
			StartedBy: agent.StartedBySystemd,
			Autostart: &autostart.Status{InPlace: true, Methods: []autostart.Method{{Kind: autostart.KindSystemd, State: autostart.On}, {Kind: autostart.KindXDG, State: autostart.On}}},
			OSLock:    &oslock.Status{Setting: oslock.Setting{Desktop: "GNOME", Known: true, Enabled: true, After: 5 * time.Minute}, Verdict: oslock.Backstop, Limit: 10 * time.Minute}}},
			[]string{"Started\nby its systemd user service, which starts it again if it stops",
				"Starts at login\nyes (systemd user service, autostart entry)",
				"The system's own screen lock\non: GNOME locks after 5 minutes without input, no later than Grendel's 5 minutes plus 5 minutes"}},
		{"supervisor, switched off, KDE too late", State{Running: true, Status: agent.Status{Policy: report(t, ""),
			StartedBy: agent.StartedBySupervisor,
			Autostart: &autostart.Status{Methods: []autostart.Method{{Kind: autostart.KindXDG, State: autostart.OffByUser}}},
			OSLock:    &oslock.Status{Setting: oslock.Setting{Desktop: "KDE", Known: true, Enabled: true, After: 30 * time.Minute}, Verdict: oslock.TooLate, Limit: 10 * time.Minute}}},
			[]string{"by Grendel's own supervisor (from the autostart entry)",
				"Starts at login\nno: you switched it off (\"grendel autostart on\" switches it on again)",
				"too late: KDE Plasma locks only after 30 minutes without input; for when Grendel is not running, IT should set it to 10 minutes or less"}},
		{"by hand, nothing installed, no lock", State{Running: true, Status: agent.Status{Policy: report(t, ""),
			StartedBy: agent.StartedByHand, Autostart: &autostart.Status{},
			OSLock: &oslock.Status{Setting: oslock.Setting{Desktop: "GNOME", Known: true}, Verdict: oslock.NoBackstop, Limit: 10 * time.Minute}}},
			[]string{"by hand or by a script: nothing starts it again if it stops",
				"no: Grendel was not installed with an autostart",
				"off: GNOME does not lock by itself, so nothing locks this workstation while Grendel is not running"}},
		{"unknown desktop", State{Running: true, Status: agent.Status{Policy: report(t, ""), StartedBy: agent.StartedByHand,
			Autostart: &autostart.Status{Methods: []autostart.Method{{Kind: autostart.KindXDG, State: autostart.OtherDesktop}}},
			OSLock:    &oslock.Status{Setting: oslock.Setting{Desktop: "XFCE"}, Verdict: oslock.Unknown, Limit: 10 * time.Minute}}},
			[]string{"no (autostart entry: not for this desktop)", "unknown: Grendel cannot read the lock settings of this desktop"}},
		{"not running", State{Status: agent.Status{Policy: report(t, "")}},
			[]string{"Started\n—\n", "Starts at login\n—\n", "The system's own screen lock\n—\n"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := New(Actions{Refresh: func() {}, Close: func() {}})
			v.Update(tc.state)
			w := test.NewWindow(v.Content())
			defer w.Close()
			w.Resize(fyne.NewSize(880, 640))
			all := strings.Join(uitest.Texts(v.Content()), "\n") + "\n"
			for _, s := range tc.want {
				if !strings.Contains(all, s) {
					t.Errorf("view lacks %q; it shows:\n%s", s, all)
				}
			}
		})
	}
}
