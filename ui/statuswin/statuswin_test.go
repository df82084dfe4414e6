package statuswin

import (
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"grendel/app/agent"
	"grendel/internal/testdir"
	"grendel/policy"
	"grendel/ui/i18n"
	"grendel/ui/internal/uitest"
)

func report(t *testing.T, managed string) policy.Report {
	t.Helper()
	p := policy.Paths{}
	if managed != "" {
		dir := testdir.New(t)
		p.Managed = dir
		writeFile(t, dir+"/10.json", managed)
	}
	return policy.Load(p).Report()
}

// withIdle gives l an idle source, as a running agent on X11 has.
func withIdle(l *agent.LockStatus) *agent.LockStatus {
	l.IdleSource, l.State = "x11", agent.StateActive
	return l
}

func TestViewShowsState(t *testing.T) {
	test.NewTempApp(t)
	tests := []struct {
		name  string
		state State
		want  []string
		avoid []string
	}{
		{
			name: "running, locks with i3lock",
			state: State{Running: true, Status: agent.Status{Version: "1.0", PID: 42, Started: time.Now(), Tray: true, Display: ":0", Policy: report(t, `{"lock": {"idle_timeout": "3m"}}`),
				Lock: withIdle(&agent.LockStatus{Methods: []string{"gnome-screensaver", "i3lock"}, Readiness: &agent.Readiness{Verdict: agent.VerdictLocks, Method: "i3lock",
					Methods: []agent.MethodReadiness{{Method: "gnome-screensaver", State: agent.MethodMissing, Code: agent.AttemptNotOnBus}, {Method: "i3lock", State: agent.MethodReady}}}})}},
			want: []string{"Grendel protects this workstation: after 3 minutes without input it locks the screen with i3lock.", "shown", ":0",
				"Lock after", "3 minutes (your organisation's maximum)", "Warning before locking", "30 seconds (default)", "Refresh", "Close",
				"gnome-screensaver: not available on this desktop (its service is not on the session bus)\ni3lock: ready"},
			avoid: []string{"Problems with policy files", "covered", "lock.idle_timeout", "3m", "Start Grendel"},
		},
		{
			name: "running, nothing can lock",
			state: State{Running: true, Status: agent.Status{Version: "1.0", Policy: report(t, `{"lock": {"idle_timeout": "5m"}}`),
				Lock: withIdle(&agent.LockStatus{Methods: []string{"xscreensaver-command"}, Readiness: &agent.Readiness{Verdict: agent.VerdictNone,
					Methods: []agent.MethodReadiness{{Method: "xscreensaver-command", State: agent.MethodMissing, Code: agent.AttemptNotInstalled}}}})}},
			want:  []string{"No screen locker found: after 5 minutes without input the screen will only be covered, not locked.", "xscreensaver-command: not installed"},
			avoid: []string{"protects"},
		},
		{
			name:  "failed closed",
			state: State{Running: true, Status: agent.Status{Version: "1.0", Policy: report(t, `{"lock": {"idle_timeout": "soon"}}`)}},
			want: []string{"A managed policy file is invalid: its keys run on strict built-in defaults until IT fixes it.",
				"Problems with policy files", "Tray icon\nnot shown\n", "none"},
			avoid: []string{"protects", "()"},
		},
		{
			name: "idle lock",
			state: State{Running: true, Status: agent.Status{Policy: report(t, ""), Lock: &agent.LockStatus{
				RunnerStatus: agent.RunnerStatus{State: agent.StateActive, IdleSource: "x11", Idle: 12 * time.Second,
					LastLock: &agent.LockRecord{At: time.Now(), Verified: true, Method: "command", VerifiedBy: "x11-grab"}},
				Methods: []string{"command", "xscreensaver"},
			}}},
			want:  []string{"x11: last input just now", "command, xscreensaver", "active", ": command, verified by x11-grab"},
			avoid: []string{"0s", "12s"},
		},
		{
			name: "policy not up to date",
			state: State{Running: true, Status: agent.Status{Version: "1.0", Policy: report(t, `{"lock": {"idle_timeout": "3m"}}`),
				PolicyStale: func() *time.Time { t := time.Date(2026, 12, 4, 9, 30, 0, 0, time.Local); return &t }()}},
			want:  []string{"The policy files changed at 09:30:00, but reading them has not finished"},
			avoid: []string{"Grendel protects this workstation"},
		},
		{
			name: "covered, not locked",
			state: State{Running: true, Status: agent.Status{Policy: report(t, ""), Lock: &agent.LockStatus{
				RunnerStatus: agent.RunnerStatus{State: agent.StatePrivacy, IdleSource: "x11",
					LastLock: &agent.LockRecord{At: time.Now(), Privacy: true, Outcome: agent.OutcomeCovered}},
			}}},
			want:  []string{"screen covered, not locked (no system lock worked)", ": screen covered, not locked (no lock method could be verified)"},
			avoid: []string{"verified by"},
		},
		{
			name:  "agent not running",
			state: State{Status: agent.Status{Version: "1.0", Policy: report(t, "")}},
			want: []string{"The Grendel agent is not running: this workstation is not locked automatically. Start Grendel to protect it.", "not running",
				"5 minutes (default)", "Start Grendel"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := New(Actions{Refresh: func() {}, Close: func() {}, Start: func() error { return nil }})
			v.Update(tc.state)
			w := test.NewWindow(v.Content())
			defer w.Close()
			w.Resize(fyne.NewSize(880, 640))
			all := strings.Join(uitest.Texts(v.Content()), "\n")
			for _, s := range tc.want {
				if !strings.Contains(all, s) {
					t.Errorf("view lacks %q; it shows:\n%s", s, all)
				}
			}
			for _, s := range tc.avoid {
				if strings.Contains(all, s) {
					t.Errorf("view shows %q, want not", s)
				}
			}
		})
	}
}

func TestButtons(t *testing.T) {
	test.NewTempApp(t)
	refreshed, closed := 0, 0
	v := New(Actions{Refresh: func() { refreshed++ }, Close: func() { closed++ }})
	v.Update(State{Status: agent.Status{Policy: report(t, "")}})
	w := test.NewWindow(v.Content())
	defer w.Close()
	for _, b := range buttons(v.Content()) {
		test.Tap(b)
	}
	if refreshed != 1 || closed != 1 {
		t.Errorf("after tapping every button: refreshed %d, closed %d; want 1, 1", refreshed, closed)
	}
}

// TestUpdateReplacesContent checks that a second update (a policy reload)
// replaces the problems and the policy rather than adding to them.
func TestUpdateReplacesContent(t *testing.T) {
	test.NewTempApp(t)
	v := New(Actions{})
	openDetails(v)
	bad := State{Running: true, Status: agent.Status{Policy: report(t, `{"lock": {"idle_timeout": "soon"}}`)}}
	good := State{Running: true, Status: agent.Status{Policy: report(t, `{"lock": {"idle_timeout": "2m"}}`)}}
	v.Update(bad)
	v.Update(good)
	v.Update(good)
	all := strings.Join(uitest.Texts(v.Content()), "\n")
	if strings.Contains(all, "Problems with policy files") || strings.Count(all, "lock.idle_timeout") != 1 {
		t.Errorf("after reloads the view shows:\n%s", all)
	}
}

func buttons(o fyne.CanvasObject) []*widget.Button {
	var out []*widget.Button
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Button:
			out = append(out, w)
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// rendered returns the text of every label that the window's canvas
// really draws, through the widgets' renderers.
func rendered(w fyne.Window) []string {
	var out []string
	for _, o := range test.LaidOutObjects(w.Canvas().Content()) {
		if l, ok := o.(*widget.Label); ok && l.Visible() {
			out = append(out, l.Text)
		}
	}
	return out
}

// A second update redraws every row it changed: the state, the idle time
// and the policy's values (a Form drew stale widgets in the first rows it
// was given anew).
func TestUpdateRedraws(t *testing.T) {
	test.NewTempApp(t)
	v := New(Actions{})
	openDetails(v)
	w := test.NewWindow(v.Content())
	defer w.Close()
	w.Resize(fyne.NewSize(640, 1400))
	state := func(s agent.State, idle time.Duration, managed string) State {
		return State{Running: true, Status: agent.Status{Policy: report(t, managed),
			Lock: &agent.LockStatus{RunnerStatus: agent.RunnerStatus{State: s, IdleSource: "x11", Idle: idle}, Methods: []string{"i3lock"}}}}
	}
	v.Update(state(agent.StateActive, 3*time.Second, `{"lock": {"idle_timeout": "2m"}}`))
	first := strings.Join(rendered(w), "\n")
	v.Update(state(agent.StateWarning, 95*time.Second, `{"lock": {"idle_timeout": "3m"}}`))
	second := strings.Join(rendered(w), "\n")
	for _, want := range []string{"x11: last input 1 minute ago", "3m", "3 minutes (your organisation's maximum)"} {
		if !strings.Contains(second, want) {
			t.Errorf("after the second update the window does not draw %q:\n%s", want, second)
		}
	}
	if strings.Contains(second, "x11: last input just now") || strings.Contains(second, "\n2m\n") || strings.Contains(second, "2 minutes") {
		t.Errorf("after the second update the window still draws the first one's rows:\n%s", second)
	}
	if first == second {
		t.Error("the second update drew nothing new")
	}
}

// TestScreenshot draws the window of a running agent that locks with
// i3lock, and of one that finds nothing to lock with, into
// $GRENDEL_SHOTS/statuswin-locks-LANG.png and statuswin-none-LANG.png,
// in the language of LANG, for a person to look at.
func TestScreenshot(t *testing.T) {
	if err := i18n.Load(); err != nil {
		t.Fatal(err)
	}
	test.NewTempApp(t)
	missing := []agent.MethodReadiness{
		{Method: "freedesktop-screensaver", State: agent.MethodMissing, Code: agent.AttemptNotOnBus},
		{Method: "gnome-screensaver", State: agent.MethodMissing, Code: agent.AttemptNotOnBus},
		{Method: "loginctl", State: agent.MethodMissing, Code: agent.AttemptNotRunning},
		{Method: "xdg-screensaver", State: agent.MethodMissing, Code: agent.AttemptNotInstalled},
		{Method: "xscreensaver-command", State: agent.MethodMissing, Code: agent.AttemptNotInstalled},
	}
	for _, tc := range []struct {
		name string
		r    *agent.Readiness
	}{
		{"locks", &agent.Readiness{Verdict: agent.VerdictLocks, Method: "i3lock", Methods: append(slices.Clone(missing), agent.MethodReadiness{Method: "i3lock", State: agent.MethodReady})}},
		{"none", &agent.Readiness{Verdict: agent.VerdictNone, Methods: missing}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var methods []string
			for _, m := range tc.r.Methods {
				methods = append(methods, m.Method)
			}
			v := New(Actions{Refresh: func() {}, Close: func() {}, Open: func(agent.Window) {}, Start: func() error { return nil }})
			v.Update(State{Running: true, Status: agent.Status{Version: "1.0", PID: 4242, Started: time.Now().Add(-time.Hour), Tray: true, Display: ":0",
				Policy: report(t, ""), Lock: withIdle(&agent.LockStatus{Methods: methods, Readiness: tc.r})}})
			w := test.NewWindow(v.Content())
			defer w.Close()
			w.Resize(fyne.NewSize(880, 640))
			uitest.Shot(t, w, "statuswin-"+tc.name, i18n.Language())
			if tc.name == "locks" {
				openDetails(v)
				uitest.Walk(v.Content(), func(o fyne.CanvasObject) bool {
					if s, ok := o.(*container.Scroll); ok {
						s.ScrollToBottom()
						return false
					}
					return true
				})
				uitest.Shot(t, w, "statuswin-details", i18n.Language())
			}
		})
	}
	t.Run("stopped", func(t *testing.T) {
		v := New(Actions{Refresh: func() {}, Close: func() {}, Open: func(agent.Window) {}, Start: func() error { return nil }})
		v.Update(State{Status: agent.Status{Version: "1.0", Policy: report(t, `{"lock": {"idle_timeout": "10m", "snooze_max": "30m"}}`)}})
		w := test.NewWindow(v.Content())
		defer w.Close()
		w.Resize(fyne.NewSize(880, 640))
		uitest.Shot(t, w, "statuswin-stopped", i18n.Language())
	})
}
