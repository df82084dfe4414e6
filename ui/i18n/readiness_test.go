package i18n

import (
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"grendel/app/agent"
)

// lockStatus is a lock status whose last look found verdict with method,
// with an idle source unless noIdle.
func lockStatus(verdict agent.Verdict, method string, noIdle bool) *agent.LockStatus {
	l := &agent.LockStatus{Readiness: &agent.Readiness{Verdict: verdict, Method: method}}
	if !noIdle {
		l.IdleSource = "x11"
	}
	return l
}

// TestProtection: what the status says happens when the workstation is
// left idle; "protects" only when something can lock.
func TestProtection(t *testing.T) {
	tests := []struct {
		name  string
		l     *agent.LockStatus
		want  string
		avoid []string
	}{
		{"i3lock", lockStatus(agent.VerdictLocks, "i3lock", false),
			"Grendel protects this workstation: after 5 minutes without input it locks the screen with i3lock.", nil},
		{"GNOME", lockStatus(agent.VerdictLocks, "gnome-screensaver", false),
			"Grendel protects this workstation: after 5 minutes without input it locks the screen with GNOME's screen lock.", nil},
		{"IT's command", lockStatus(agent.VerdictLocks, "lock.command:xlock", false), "with xlock.", nil},
		{"no idle source", lockStatus(agent.VerdictLocks, "xscreensaver-command", true),
			"Grendel can lock this workstation with xscreensaver when you ask (Lock now), but not by itself", []string{"protects"}},
		{"macOS", lockStatus(agent.VerdictMaybe, "osascript", false),
			"After 5 minutes without input Grendel tries to lock the screen with the lock of macOS, but it cannot check beforehand that this works. If it does not, the screen will only be covered, not locked.",
			[]string{"protects"}},
		{"maybe, no idle source", lockStatus(agent.VerdictMaybe, "osascript", true), "so it does not lock it by itself", []string{"protects"}},
		{"nothing", lockStatus(agent.VerdictNone, "", false),
			"No screen locker found: after 5 minutes without input the screen will only be covered, not locked. " + lockHint(runtime.GOOS), []string{"protects"}},
		{"nothing, no idle source", lockStatus(agent.VerdictNone, "", true),
			"it neither locks nor covers the screen by itself", []string{"protects", "after 5 minutes"}},
		{"not looked yet", func() *agent.LockStatus { l := &agent.LockStatus{}; l.IdleSource = "x11"; return l }(), "Grendel is checking which screen locker this workstation has.", []string{"protects"}},
		{"no lock status", nil, "checking", []string{"protects"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Protection(tc.l, 5*time.Minute)
			if !strings.Contains(got, tc.want) {
				t.Errorf("Protection = %q, want it to hold %q", got, tc.want)
			}
			for _, a := range tc.avoid {
				if strings.Contains(got, a) {
					t.Errorf("Protection = %q, want it without %q", got, a)
				}
			}
		})
	}
	if title, body := NoLockNotice(90 * time.Second); title != "Grendel cannot lock this workstation" ||
		!strings.HasPrefix(body, "No screen locker found: after 1 minute 30 seconds without input") {
		t.Errorf("NoLockNotice = %q, %q", title, body)
	}
}

func TestReadinessLines(t *testing.T) {
	r := &agent.Readiness{Methods: []agent.MethodReadiness{
		{Method: "gnome-screensaver", State: agent.MethodMissing, Code: agent.AttemptNotOnBus, Error: "org.gnome.ScreenSaver is not on the session bus"},
		{Method: "loginctl", State: agent.MethodMissing, Code: agent.AttemptNotRunning, Error: "loginctl: xss-lock…: not running"},
		{Method: "freedesktop-screensaver", State: agent.MethodUnknown, Code: agent.AttemptCannotTell, Error: "…"},
		{Method: "i3lock", State: agent.MethodReady},
	}}
	want := strings.Join([]string{
		"  gnome-screensaver: not available on this desktop (its service is not on the session bus)",
		"  loginctl: installed, but the screensaver or locker it needs is not running",
		"  freedesktop-screensaver: cannot be checked before it is tried",
		"  i3lock: ready",
	}, "\n")
	if got := ReadinessLines(r, "  "); got != want {
		t.Errorf("ReadinessLines =\n%s\nwant\n%s", got, want)
	}
	if got := ReadinessLines(nil, ""); got != "" {
		t.Errorf("ReadinessLines(nil) = %q", got)
	}
}

// envReadyLang makes TestProtectionLanguages the child that checks one
// language.
const envReadyLang = "GRENDEL_I18N_READY_LANG"

// TestProtectionLanguages: the Dutch and German sentences, with the
// duration in words and the locker's name in its place.
func TestProtectionLanguages(t *testing.T) {
	want := map[string][]string{
		"nl": {
			"Grendel beschermt deze werkplek: na 5 minuten zonder activiteit wordt het scherm vergrendeld met de schermvergrendeling van GNOME.",
			"Geen schermvergrendeling gevonden: na 1 minuut zonder activiteit wordt het scherm alleen afgeschermd, niet vergrendeld.",
		},
		"de": {
			"Grendel schützt diesen Arbeitsplatz: Nach 5 Minuten ohne Eingabe sperrt Grendel den Bildschirm mit der Bildschirmsperre von GNOME.",
			"Keine Bildschirmsperre gefunden: Nach 1 Minute ohne Eingabe wird der Bildschirm nur verdeckt, nicht gesperrt.",
		},
	}
	if l := os.Getenv(envReadyLang); l != "" {
		if err := Load(); err != nil {
			t.Fatal(err)
		}
		if got := Protection(lockStatus(agent.VerdictLocks, "gnome-screensaver", false), 5*time.Minute); got != want[l][0] {
			t.Errorf("%s: Protection = %q, want %q", l, got, want[l][0])
		}
		if got := Protection(lockStatus(agent.VerdictNone, "", false), time.Minute); !strings.HasPrefix(got, want[l][1]) {
			t.Errorf("%s: Protection = %q, want it to start %q", l, got, want[l][1])
		}
		return
	}
	for l := range want {
		t.Run(l, func(t *testing.T) { inLanguage(t, "TestProtectionLanguages", envReadyLang, l) })
	}
}
