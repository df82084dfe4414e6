package resident

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"grendel/app/notify"
	"grendel/app/sleep"
	"grendel/app/vault"
	"grendel/ui/internal/uitest"
	"grendel/ui/tray"
)

// envLang makes TestLanguages the child that checks one language.
const envLang = "GRENDEL_RESIDENT_TEST_LANG"

// TestLanguages renders the agent's lines that carry a time, a count or
// a problem of the system in English, Dutch and German, each in a child
// process: dates and times in the user's locale, one share in the
// singular, and the lock-before-sleep and notification problems in the
// user's words, without the core's English error.
func TestLanguages(t *testing.T) {
	type texts struct {
		due, presenting, purgedOne, purgedTwo, noSleep, sleepFailed, noNotification, noBus string
	}
	want := map[string]texts{
		"en": {"The password of Offerte.pdf expires on 11/12/2026 at 15:04. Retire it, or extend it, in Grendel's Share passwords window.",
			"presentation mode: auto-lock paused until 09:30",
			"1 expired share password deleted: a.xlsx", "2 expired share passwords deleted: a.xlsx, b.pdf",
			"Grendel cannot lock before sleep here: the system does not announce sleep (there is no logind on the system bus); lock the screen yourself before the computer sleeps",
			"Grendel cannot lock before sleep: logind, which announces sleep, did not answer as expected; lock the screen yourself before the computer sleeps",
			"no desktop notification: no notification service answered on the session bus",
			"there is no D-Bus session bus, which the tray icon needs"},
		"nl": {"Het wachtwoord voor Offerte.pdf verloopt op 11-12-2026 om 15:04. Trek het in of verleng het in het venster Deelwachtwoorden van Grendel.",
			"presentatiemodus: automatisch vergrendelen gepauzeerd tot 09:30",
			"1 verlopen deelwachtwoord verwijderd: a.xlsx", "2 verlopen deelwachtwoorden verwijderd: a.xlsx, b.pdf",
			"Grendel kan hier niet vergrendelen vóór de slaapstand: het systeem kondigt de slaapstand niet aan (er is geen logind op de systeembus); vergrendel het scherm zelf voordat de computer in slaapstand gaat",
			"Grendel kan niet vergrendelen vóór de slaapstand: logind, dat de slaapstand aankondigt, reageerde niet zoals verwacht; vergrendel het scherm zelf voordat de computer in slaapstand gaat",
			"geen bureaubladmelding: er reageerde geen meldingendienst op de sessiebus",
			"er is geen D-Bus-sessiebus, en die heeft het pictogram nodig"},
		"de": {"Das Passwort von Offerte.pdf läuft am 11.12.2026 um 15:04 ab. Ziehen Sie es zurück oder verlängern Sie es im Fenster „Datei-Passwörter“ von Grendel.",
			"Präsentationsmodus: automatische Sperre pausiert bis 09:30",
			"1 abgelaufenes Datei-Passwort gelöscht: a.xlsx", "2 abgelaufene Datei-Passwörter gelöscht: a.xlsx, b.pdf",
			"Grendel kann hier nicht vor dem Ruhezustand sperren: das System kündigt den Ruhezustand nicht an (kein logind auf dem Systembus); sperren Sie den Bildschirm selbst, bevor der Computer in den Ruhezustand geht",
			"Grendel kann nicht vor dem Ruhezustand sperren: logind, das den Ruhezustand ankündigt, hat nicht wie erwartet geantwortet; sperren Sie den Bildschirm selbst, bevor der Computer in den Ruhezustand geht",
			"keine Desktop-Benachrichtigung: auf dem Sitzungsbus hat kein Benachrichtigungsdienst geantwortet",
			"es gibt keinen D-Bus-Sitzungsbus, den das Symbol braucht"},
	}
	l := uitest.Languages(t, "TestLanguages", envLang)
	if l == "" {
		return
	}
	w := want[l]
	a, b := vault.Share{Label: "a.xlsx"}, vault.Share{Label: "b.pdf"}
	noBus := fmt.Errorf("org.freedesktop.login1 is not on the system bus: %w", sleep.ErrUnsupported)
	_, body := due(vault.Share{Label: "Offerte.pdf", Expires: time.Date(2026, 12, 11, 15, 4, 0, 0, time.Local)})
	for _, tc := range []struct{ what, got, want string }{
		{"due", body, w.due},
		{"presenting", presenting(time.Date(2026, 12, 11, 9, 30, 0, 0, time.Local)), w.presenting},
		{"purged one", purged([]vault.Share{a}), w.purgedOne},
		{"purged two", purged([]vault.Share{a, b}), w.purgedTwo},
		{"no sleep watch", sleepProblem(noBus), w.noSleep},
		{"sleep watch failed", sleepProblem(fmt.Errorf("subscribing to PrepareForSleep: %w", sleep.ErrDisconnected)), w.sleepFailed},
		{"no notification", notifyProblem(errors.New("notify: org.freedesktop.DBus.Error.ServiceUnknown")), w.noNotification},
		{"no session bus", trayProblem(fmt.Errorf("tray: %w: cannot connect to \"unix:path=/run/user/1000/bus\" (from org.freedesktop): refused", tray.ErrNoSessionBus)), w.noBus},
	} {
		if tc.got != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", tc.what, tc.got, tc.want)
		}
		if strings.Contains(tc.got, "org.freedesktop") || strings.Contains(tc.got, "PrepareForSleep") {
			t.Errorf("%s: %q shows the core's error", tc.what, tc.got)
		}
	}
	if notifyProblem(fmt.Errorf("x: %w", notify.ErrUnsupported)) == w.noNotification {
		t.Error("a system without notifications is told that no service answered")
	}
}
