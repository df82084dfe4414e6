//go:build (linux || freebsd || openbsd || netbsd) && !android

package tray

import (
	"os"
	"testing"
	"time"
)

// TestRenderInWords: the menu and the tooltip give durations in words in
// each language — "Presentation mode (45 minutes)", "locking in 27
// seconds" — never "45m" or "27 s". Each language runs in a child process
// (lang reads the locale once, at start).
func TestRenderInWords(t *testing.T) {
	want := map[string]struct{ present, presentEnd, presenting, countdown, hour string }{
		"en": {"Presentation mode (45 minutes)", "End presentation mode (23 minutes left)",
			"Grendel: presentation mode, auto-lock paused (23 minutes left)", "Grendel: locking in 27 seconds", "Presentation mode (1 hour 30 minutes)"},
		"nl": {"Presentatiemodus (45 minuten)", "Presentatiemodus beëindigen (nog 23 minuten)",
			"Grendel: presentatiemodus, automatisch vergrendelen gepauzeerd (nog 23 minuten)", "Grendel: vergrendelen over 27 seconden", "Presentatiemodus (1 uur 30 minuten)"},
		"de": {"Präsentationsmodus (45 Minuten)", "Präsentationsmodus beenden (noch 23 Minuten)",
			"Grendel: Präsentationsmodus, automatisches Sperren pausiert (noch 23 Minuten)", "Grendel: Sperre in 27 Sekunden", "Präsentationsmodus (1 Stunde 30 Minuten)"},
	}
	switch os.Getenv(envChild) {
	case "":
		for _, l := range locales {
			t.Run(l.lang, func(t *testing.T) { runChild(t, "TestRenderInWords", false, envChild+"=words", envLang+"="+l.lang) })
		}
		return
	case "words":
	default:
		t.Skip("runs as a child of TestRenderInWords")
	}
	w := want[currentLocale().lang]
	f := func() {}
	check := func(what, got, want string) {
		t.Helper()
		if got != want {
			t.Errorf("%s = %q, want %q", what, got, want)
		}
	}
	v := render(Menu{OnPresent: f, PresentMax: 45 * time.Minute})
	check("present item", v.items[itemPresent].label, w.present)
	v = render(Menu{OnPresent: f, PresentMax: 90 * time.Minute})
	check("present item", v.items[itemPresent].label, w.hour)
	v = render(Menu{OnPresent: f, PresentMax: time.Hour, PresentLeft: 22*time.Minute + 10*time.Second})
	check("end item", v.items[itemPresent].label, w.presentEnd)
	check("tooltip while presenting", v.tooltip, w.presenting)
	v = render(Menu{Countdown: 26500 * time.Millisecond})
	check("countdown tooltip", v.tooltip, w.countdown)
}
