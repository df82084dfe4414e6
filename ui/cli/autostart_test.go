package cli

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"grendel/app/autostart"
	"grendel/internal/testdir"
	"grendel/ui/exit"
)

// TestStartupLanguages: `grendel status` says how the agent was started,
// whether Grendel starts at login and what the system's own lock does,
// in each language.
func TestStartupLanguages(t *testing.T) {
	want := map[string][]string{
		"en": {"Started: by its systemd user service, which starts it again if it stops\n",
			"Starts at login: no: you switched it off (\"grendel autostart on\" switches it on again)\n",
			"The system's own screen lock: too late: GNOME locks only after 15 minutes 30 seconds without input; for when Grendel is not running, IT should set it to 10 minutes or less\n"},
		"nl": {"Gestart: door de systemd-gebruikersservice, die het opnieuw start als het stopt\n",
			"Start bij inloggen: nee: je hebt het uitgezet (\"grendel autostart on\" zet het weer aan)\n",
			"Eigen schermvergrendeling van het systeem: te laat: GNOME vergrendelt pas na 15 minuten 30 seconden zonder invoer; voor als Grendel niet draait, moet IT dit op 10 minuten of minder zetten\n"},
		"de": {"Gestartet: vom systemd-Benutzerdienst, der es neu startet, wenn es beendet wird\n",
			"Start bei der Anmeldung: nein: Sie haben ihn ausgeschaltet („grendel autostart on“ schaltet ihn wieder ein)\n",
			"Eigene Bildschirmsperre des Systems: zu spät: GNOME sperrt erst nach 15 Minuten 30 Sekunden ohne Eingabe; für den Fall, dass Grendel nicht läuft, sollte die IT höchstens 10 Minuten einstellen\n"},
	}
	for l, lines := range want {
		out, errOut, code := runIn(t, append([]string{envStatus + "=1"}, locales[l]...), "")
		for _, w := range lines {
			if !strings.Contains(out, w) {
				t.Errorf("%s: status lacks %q (exit %d):\n%s%s", l, w, code, out, errOut)
			}
		}
	}
}

// strictPolicy writes a --policy file that does not allow quitting.
func strictPolicy(t *testing.T) string {
	t.Helper()
	p := filepath.Join(testdir.New(t), "strict.json")
	if err := os.WriteFile(p, []byte(`{"app": {"allow_quit": false}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestAutostartRefusedLanguages: where policy does not allow quitting,
// `grendel autostart off` refuses in the user's language, names the key,
// exits 1 and writes nothing.
func TestAutostartRefusedLanguages(t *testing.T) {
	strict := strictPolicy(t)
	want := map[string]string{
		"en": "grendel: autostart stays on: your organisation's policy does not allow quitting Grendel (app.allow_quit is false)\n",
		"nl": "grendel: automatisch starten blijft aan: het beleid van je organisatie staat niet toe dat je Grendel afsluit (app.allow_quit is false)\n",
		"de": "grendel: der Autostart bleibt eingeschaltet: die Richtlinie Ihrer Organisation erlaubt nicht, Grendel zu beenden (app.allow_quit ist false)\n",
	}
	for l, w := range want {
		home := testdir.New(t)
		env := append([]string{"XDG_CONFIG_HOME=" + filepath.Join(home, ".config"), "HOME=" + home}, locales[l]...)
		out, errOut, code := runIn(t, env, "", "--policy", strict, "autostart", "off")
		if code != exit.Failure || errOut != w || out != "" {
			t.Errorf("%s: autostart off = exit %d, stdout %q, stderr %q; want exit 1 and %q", l, code, out, errOut, w)
		}
		if _, err := os.Stat(filepath.Join(home, ".config", "autostart", "grendel.desktop")); !os.IsNotExist(err) {
			t.Errorf("%s: a refused autostart off wrote the user's entry (%v)", l, err)
		}
	}
}

func TestAutostartCommand(t *testing.T) {
	isolate(t)
	state := autostart.Status{InPlace: true, Methods: []autostart.Method{{Kind: autostart.KindSystemd, State: autostart.On}, {Kind: autostart.KindXDG, State: autostart.On}}}
	var switched []bool
	var fail error
	sys := autostartSystem{
		Read: func() autostart.Status { return state },
		Switch: func(on bool) error {
			if fail != nil {
				return fail
			}
			switched = append(switched, on)
			if on {
				state = autostart.Status{InPlace: true, Methods: []autostart.Method{{Kind: autostart.KindXDG, State: autostart.On}}}
			} else {
				state = autostart.Status{Methods: []autostart.Method{{Kind: autostart.KindXDG, State: autostart.OffByUser}}}
			}
			return nil
		},
	}
	modes := processes{Autostart: sys}
	for _, tc := range []struct {
		args     []string
		code     int
		out, err string
		switched []bool
	}{
		{[]string{"autostart"}, exit.OK, "Starts at login: yes (systemd user service, autostart entry)\n", "", nil},
		{[]string{"autostart", "off"}, exit.OK, "Autostart is switched off for you: Grendel no longer starts at your login. A running Grendel keeps running until you quit it.\n" +
			"Starts at login: no: you switched it off (\"grendel autostart on\" switches it on again)\n", "", []bool{false}},
		{[]string{"autostart", "on"}, exit.OK, "Autostart is switched on again for you: Grendel starts at your next login.\nStarts at login: yes (autostart entry)\n", "", []bool{false, true}},
		// Switching on is allowed under any policy: it never makes the
		// workstation less safe.
		{[]string{"--policy", strictPolicy(t), "autostart", "on"}, exit.OK, "Autostart is switched on again", "", []bool{false, true, true}},
		{[]string{"--policy", strictPolicy(t), "autostart", "off"}, exit.Failure, "", "(app.allow_quit is false)", []bool{false, true, true}},
		{[]string{"autostart", "maybe"}, exit.Usage, "", "unknown choice \"maybe\"; use on or off", []bool{false, true, true}},
		{[]string{"autostart", "on", "off"}, exit.Usage, "", "name at most one choice", []bool{false, true, true}},
	} {
		out, errOut, code := run(t, modes, tc.args...)
		if code != tc.code || !strings.HasPrefix(out, tc.out) || !strings.Contains(errOut, tc.err) || !slices.Equal(switched, tc.switched) {
			t.Errorf("grendel %q = exit %d, stdout %q, stderr %q, switched %v; want exit %d, %q, %q, %v", tc.args, code, out, errOut, switched, tc.code, tc.out, tc.err, tc.switched)
		}
	}
	// On where nothing is installed: nothing starts Grendel, and it says so.
	sys.Switch = func(bool) error { state = autostart.Status{}; return nil }
	out, _, code := run(t, processes{Autostart: sys}, "autostart", "on")
	if want := "Nothing of yours switches autostart off any more, but Grendel still does not start at your login:\nStarts at login: no: Grendel was not installed with an autostart\n"; code != exit.OK || out != want {
		t.Errorf("autostart on without an autostart: exit %d, %q; want %q", code, out, want)
	}
	sys.Switch = func(bool) error { return fail }
	modes = processes{Autostart: sys}
	fail = autostart.ErrUnsupported
	if _, errOut, code := run(t, modes, "autostart", "off"); code != exit.Failure || !strings.Contains(errOut, "Grendel cannot switch its autostart on this system; your IT department can") {
		t.Errorf("unsupported: exit %d, %q", code, errOut)
	}
	fail = errors.New("permission denied")
	if _, errOut, code := run(t, modes, "autostart", "off"); code != exit.Failure || !strings.Contains(errOut, "cannot switch autostart: permission denied") {
		t.Errorf("failure: exit %d, %q", code, errOut)
	}
}
