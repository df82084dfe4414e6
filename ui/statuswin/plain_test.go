package statuswin

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"grendel/app/agent"
	"grendel/internal/testdir"
	"grendel/policy"
	"grendel/ui/i18n"
	"grendel/ui/internal/uitest"
)

// openDetails opens the Details expander of v.
func openDetails(v *View) {
	uitest.Walk(v.Content(), func(o fyne.CanvasObject) bool {
		if a, ok := o.(*widget.Accordion); ok {
			a.Open(0)
			return false
		}
		return true
	})
}

// texts returns every visible text of v, in order, one a line.
func texts(v *View) string { return strings.Join(uitest.Texts(v.Content()), "\n") }

// button returns v's button that reads text, nil if it has none or it is
// hidden.
func button(v *View, text string) *widget.Button {
	var found *widget.Button
	uitest.Walk(v.Content(), func(o fyne.CanvasObject) bool {
		if !o.Visible() {
			return false
		}
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			found = b
		}
		return found == nil
	})
	return found
}

// reportOf loads a policy from a managed file and a user settings file
// ("" for none).
func reportOf(t *testing.T, managed, user string) policy.Report {
	t.Helper()
	dir := testdir.New(t)
	p := policy.Paths{Managed: filepath.Join(dir, "managed"), User: filepath.Join(dir, "settings.json")}
	if managed != "" {
		if err := os.MkdirAll(p.Managed, 0o700); err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(p.Managed, "10.json"), managed)
	}
	if user != "" {
		writeFile(t, p.User, user)
	}
	return policy.Load(p).Report()
}

// TestRulesInWords: the main settings read in words, each with who set
// it; the raw keys stay behind Details, closed until opened.
func TestRulesInWords(t *testing.T) {
	test.NewTempApp(t)
	for _, tc := range []struct {
		name, managed, user string
		want                []string
	}{
		{name: "defaults", want: []string{"Lock after\n5 minutes (default)", "Warning before locking\n30 seconds (default)",
			"Lock before sleep\nYes (default)", "Presentation mode\nOff (default)"}},
		{name: "managed", managed: `{"lock": {"idle_timeout": "5m", "warning": "20s", "snooze_max": "30m", "on_sleep": true}}`,
			want: []string{"5 minutes (your organisation's maximum)", "20 seconds (set by your organisation)",
				"Yes (set by your organisation)", "30 minutes (your organisation's maximum)"}},
		{name: "the user's own", managed: `{"lock": {"idle_timeout": "10m"}}`, user: `{"lock": {"idle_timeout": "2m", "warning": "0s"}}`,
			want: []string{"2 minutes (your own setting)", "No warning (your own setting)"}},
		{name: "presentation mode forbidden", managed: `{"lock": {"snooze_max": "0"}}`,
			want: []string{"Off (set by your organisation)"}},
		{name: "failed closed", managed: `{"lock": {"idle_timeout": "soon"}}`,
			want: []string{"5 minutes (strict default: a policy file of your organisation is invalid)"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := New(Actions{})
			v.Update(State{Running: true, Status: agent.Status{Policy: reportOf(t, tc.managed, tc.user)}})
			all := texts(v)
			for _, s := range tc.want {
				if !strings.Contains(all, s) {
					t.Errorf("view lacks %q; it shows:\n%s", s, all)
				}
			}
			if strings.Contains(all, "Effective policy") || strings.Contains(all, "\nlock.warning\n") {
				t.Errorf("the raw keys show with Details closed:\n%s", all)
			}
			openDetails(v)
			if all := texts(v); !strings.Contains(all, "Effective policy") || !strings.Contains(all, "\nlock.warning\n") {
				t.Errorf("opened Details lack the raw keys:\n%s", all)
			}
		})
	}
}

func TestIdleText(t *testing.T) {
	test.NewTempApp(t)
	for _, tc := range []struct {
		idle time.Duration
		want string
	}{
		{0, "x11: last input just now"},
		{500 * time.Millisecond, "x11: last input just now"},
		{59 * time.Second, "x11: last input just now"},
		{95 * time.Second, "x11: last input 1 minute ago"},
		{12 * time.Minute, "x11: last input 12 minutes ago"},
		{time.Hour + 90*time.Second, "x11: last input 1 hour 1 minute ago"},
	} {
		if got := idleText("x11", tc.idle); got != tc.want {
			t.Errorf("idleText(%v) = %q, want %q", tc.idle, got, tc.want)
		}
	}
}

// TestDatesInLocale: the agent's start, the last lock and a stale policy
// are written in the user's locale through ui/i18n.
func TestDatesInLocale(t *testing.T) {
	test.NewTempApp(t)
	at := time.Date(2026, 12, 11, 9, 5, 7, 0, time.Local)
	v := New(Actions{})
	v.Update(State{Running: true, Status: agent.Status{PID: 7, Started: at, PolicyStale: &at, Policy: reportOf(t, "", ""),
		Lock: &agent.LockStatus{RunnerStatus: agent.RunnerStatus{State: agent.StateActive, IdleSource: "x11",
			LastLock: &agent.LockRecord{At: at, Verified: true, Method: "i3lock", VerifiedBy: "x11-grab"}}}}})
	all := texts(v)
	for _, want := range []string{
		"running since " + i18n.DateTime(at) + " (process 7)",
		i18n.DateTimeSeconds(at) + ": i3lock, verified by x11-grab",
		"changed at " + i18n.ClockSeconds(at) + ",",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("view lacks %q; it shows:\n%s", want, all)
		}
	}
	if strings.Contains(all, "2026-12-11") {
		t.Errorf("view writes an ISO date:\n%s", all)
	}
}

// TestWindowButtons: the buttons open Grendel's other windows.
func TestWindowButtons(t *testing.T) {
	test.NewTempApp(t)
	var opened []agent.Window
	v := New(Actions{Open: func(w agent.Window) { opened = append(opened, w) }})
	v.Update(State{Running: true, Status: agent.Status{Policy: reportOf(t, "", "")}})
	w := test.NewWindow(v.Content())
	defer w.Close()
	for _, text := range []string{"Check a password", "Generate a password", "Share passwords", "Settings"} {
		b := button(v, text)
		if b == nil {
			t.Fatalf("no button %q", text)
		}
		test.Tap(b)
	}
	want := []agent.Window{agent.WindowCheck, agent.WindowGenerate, agent.WindowShares, agent.WindowSettings}
	if strings.Join(names(opened), " ") != strings.Join(names(want), " ") {
		t.Errorf("the buttons opened %v, want %v", opened, want)
	}
}

func names(ws []agent.Window) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = string(w)
	}
	return out
}

// TestStartButton: Start Grendel shows while the agent is not running;
// it starts the agent and asks again, and stays disabled while the agent
// starts; a failure says why; once the agent answers the button goes.
func TestStartButton(t *testing.T) {
	test.NewTempApp(t)
	starts, refreshes := 0, 0
	var fail error
	now := time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC)
	v := New(Actions{Refresh: func() { refreshes++ }, Start: func() error { starts++; return fail }})
	v.now = func() time.Time { return now }
	w := test.NewWindow(v.Content())
	defer w.Close()
	stopped := State{Status: agent.Status{Policy: reportOf(t, "", "")}}
	v.Update(stopped)
	start := button(v, "Start Grendel")
	if start == nil || start.Disabled() {
		t.Fatal("no enabled Start Grendel while the agent is not running")
	}

	fail = errors.New("no such file")
	test.Tap(start)
	if all := texts(v); !strings.Contains(all, "Grendel could not be started: no such file") || start.Disabled() {
		t.Errorf("after a failed start: disabled %v, the view shows:\n%s", start.Disabled(), all)
	}

	fail = nil
	test.Tap(start)
	if starts != 2 || refreshes != 1 || !start.Disabled() {
		t.Errorf("after a start: %d starts, %d refreshes, disabled %v; want 2, 1, true", starts, refreshes, start.Disabled())
	}
	if all := texts(v); !strings.Contains(all, "Starting Grendel…") || strings.Contains(all, "could not be started") {
		t.Errorf("after a start the view shows:\n%s", all)
	}
	now = now.Add(2 * time.Second)
	v.Update(stopped) // not answering yet
	if !start.Disabled() || !strings.Contains(texts(v), "Starting Grendel…") {
		t.Errorf("two seconds after the start, Start is enabled again or the note is gone:\n%s", texts(v))
	}
	now = now.Add(startWait)
	v.Update(stopped) // it never came
	if start.Disabled() || strings.Contains(texts(v), "Starting Grendel…") {
		t.Errorf("long after a start that never answered, Start is still disabled:\n%s", texts(v))
	}
	v.Update(State{Running: true, Status: agent.Status{Policy: reportOf(t, "", "")}})
	if button(v, "Start Grendel") != nil {
		t.Error("Start Grendel shows while the agent runs")
	}
}

// envLang makes TestLanguages the child that renders one language.
const envLang = "GRENDEL_STATUSWIN_TEST_LANG"

// TestLanguages renders the window in English, Dutch and German, each in a
// child process whose LANG picks the language, and checks what it says:
// the readiness line, the settings in words, the idle time, a date in the
// locale, the buttons, Details.
func TestLanguages(t *testing.T) {
	want := map[string][]string{
		"en": {"Grendel protects this workstation: after 5 minutes without input it locks the screen with i3lock.",
			"Lock after\n5 minutes (your organisation's maximum)", "Warning before locking\n30 seconds (default)",
			"x11: last input just now", "running since 11/12/2026 09:05 (process 7)",
			"Check a password", "Generate a password", "Share passwords", "Settings", "Details", "Refresh", "Close"},
		"nl": {"Grendel beschermt deze werkplek: na 5 minuten zonder activiteit wordt het scherm vergrendeld met i3lock.",
			"Vergrendelen na\n5 minuten (maximum van je organisatie)", "Waarschuwing vooraf\n30 seconden (standaard)",
			"x11: laatste invoer zojuist", "draait sinds 11-12-2026 09:05 (proces 7)",
			"Wachtwoord controleren", "Wachtwoord maken", "Deelwachtwoorden", "Instellingen", "Details", "Vernieuwen", "Sluiten"},
		"de": {"Grendel schützt diesen Arbeitsplatz: Nach 5 Minuten ohne Eingabe sperrt Grendel den Bildschirm mit i3lock.",
			"Sperren nach\n5 Minuten (Höchstwert Ihrer Organisation)", "Vorwarnung\n30 Sekunden (Standard)",
			"x11: letzte Eingabe gerade eben", "läuft seit 11.12.2026 09:05 (Prozess 7)",
			"Passwort prüfen", "Passwort erzeugen", "Datei-Passwörter", "Einstellungen", "Details", "Aktualisieren", "Schließen"},
	}
	l := uitest.Languages(t, "TestLanguages", envLang)
	if l == "" {
		return
	}
	test.NewTempApp(t)
	v := New(Actions{Refresh: func() {}, Close: func() {}, Open: func(agent.Window) {}, Start: func() error { return nil }})
	v.Update(State{Running: true, Status: agent.Status{Version: "1.0", PID: 7, Started: time.Date(2026, 12, 11, 9, 5, 0, 0, time.Local), Tray: true,
		Policy: reportOf(t, `{"lock": {"idle_timeout": "5m"}}`, ""),
		Lock: withIdle(&agent.LockStatus{Methods: []string{"i3lock"}, Readiness: &agent.Readiness{Verdict: agent.VerdictLocks, Method: "i3lock",
			Methods: []agent.MethodReadiness{{Method: "i3lock", State: agent.MethodReady}}}})}})
	all := texts(v)
	for _, s := range want[l] {
		if !strings.Contains(all, s) {
			t.Errorf("%s: view lacks %q; it shows:\n%s", l, s, all)
		}
	}
}
