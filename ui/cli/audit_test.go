package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"grendel/app/audit"
	"grendel/app/audit/audittest"
	"grendel/internal/testdir"
	"grendel/ui/exit"
)

// auditDir returns the audit trail's directory of an isolated run.
func auditDir(t *testing.T) string {
	t.Helper()
	return filepath.Join(os.Getenv("XDG_STATE_HOME"), "grendel")
}

// writeAudit records events at the given times in the isolated run's
// audit trail.
func writeAudit(t *testing.T, at []time.Time, events ...audit.Event) {
	t.Helper()
	i := 0
	l := audit.New(audit.Config{Role: audit.RoleAgent, Sinks: []audit.Sink{&audit.FileSink{Dir: auditDir(t)}},
		Now: func() time.Time { i++; return at[i-1] }})
	for _, e := range events {
		l.Record(e)
	}
}

// TestAuditCommand: grendel audit shows the entries oldest first in the
// user's language, with --since a duration or a date, and --json the
// entries as the file holds them; a damaged line is reported in the
// user's language and the rest still shown; a bad --since is a usage
// error.
func TestAuditCommand(t *testing.T) {
	isolate(t)
	if out, _, code := run(t, processes{}, "audit"); code != exit.OK || out != "no entries\n" {
		t.Errorf("audit with no trail = %d %q", code, out)
	}
	now := time.Now().UTC().Truncate(time.Second)
	old := now.Add(-72 * time.Hour)
	writeAudit(t, []time.Time{old, now.Add(-time.Hour), now.Add(-time.Hour), now.Add(-time.Minute)},
		audit.ShareCreated{Share: "abcdefgh23"},
		audit.WarningShown{LockIn: 30 * time.Second},
		audit.LockVerified{Reason: "idle", Method: "loginctl", VerifiedBy: "logind", Latency: 1200 * time.Millisecond},
		audit.PresentationEnded{Lasted: 20 * time.Minute, EndedBy: "user"})
	f, _ := os.OpenFile(filepath.Join(auditDir(t), audit.FileName), os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString("{\"schema\":\"grendel.audit/1\",\"ti\x00\n") // a damaged line, then a good one
	f.Close()
	writeAudit(t, []time.Time{now}, audit.AgentStopped{Reason: "quit"})

	want := map[string][]string{
		"en": {"share password abcdefgh23 created", "idle warning shown: the lock follows in 30 seconds without input",
			"locked (idle) by the session's screen locker (through loginctl), verified by logind after 1.2 seconds",
			"presentation mode ended by the user after 20 minutes", "agent stopped: the user quit Grendel (exit code 0)",
			"grendel: audit.jsonl line 5: not an entry of Grendel's audit trail (damaged?); skipped"},
		"nl": {"deelwachtwoord abcdefgh23 aangemaakt", "waarschuwing bij inactiviteit getoond: zonder invoer volgt de vergrendeling over 30 seconden",
			"presentatiemodus beëindigd door de gebruiker na 20 minuten", "agent gestopt: de gebruiker heeft Grendel afgesloten (afsluitcode 0)",
			"grendel: audit.jsonl regel 5: geen vermelding van het auditlogboek van Grendel (beschadigd?); overgeslagen"},
		"de": {"Datei-Passwort abcdefgh23 erstellt", "Warnung vor der Sperre angezeigt: Ohne Eingabe folgt die Sperre in 30 Sekunden",
			"Präsentationsmodus nach 20 Minuten vom Benutzer beendet", "Agent beendet: Der Benutzer hat Grendel beendet (Exit-Code 0)",
			"grendel: audit.jsonl Zeile 5: kein Eintrag des Prüfprotokolls von Grendel (beschädigt?); übersprungen"},
	}
	for l, lines := range want {
		out, errOut, code := runIn(t, append([]string{"TZ=UTC"}, locales[l]...), "", "audit")
		if code != exit.OK {
			t.Errorf("%s: audit = %d: %s", l, code, errOut)
		}
		for _, w := range lines {
			if !strings.Contains(out+errOut, w) {
				t.Errorf("%s: audit lacks %q:\n%s%s", l, w, out, errOut)
			}
		}
		if n := strings.Count(out, "\n"); n != 5 {
			t.Errorf("%s: %d lines, want 5:\n%s", l, n, out)
		}
	}
	// Oldest first, the times in the user's locale.
	out, _, _ := runIn(t, append([]string{"TZ=UTC"}, locales["de"]...), "", "audit")
	if first := strings.SplitN(out, "\n", 2)[0]; !strings.HasPrefix(first, old.Format("02.01.2006 15:04:05")) {
		t.Errorf("first line %q, want it to start with %s", first, old.Format("02.01.2006 15:04:05"))
	}

	for _, tc := range []struct {
		since string
		n     int
	}{{"24h", 4}, {"7d", 5}, {"2m", 2}, {"30s", 1}, {old.Add(24 * time.Hour).Format(time.DateOnly), 4}, {now.Add(-30 * time.Second).Format(time.RFC3339), 1}} {
		out, errOut, code := run(t, processes{}, "audit", "--since", tc.since, "--json")
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if code != exit.OK || len(lines) != tc.n || !strings.Contains(errOut, "line 5") {
			t.Errorf("audit --since %s --json = %d, %d lines, want %d: %s %s", tc.since, code, len(lines), tc.n, out, errOut)
		}
		for _, line := range lines {
			var e map[string]any
			if err := json.Unmarshal([]byte(line), &e); err != nil || e["schema"] != audit.Schema || e["event"] == "" {
				t.Errorf("--json line %q: %v", line, err)
			}
		}
	}
	// --json is the file's lines, byte for byte, without the damaged one.
	out, _, _ = run(t, processes{}, "audit", "--json")
	raw, _ := os.ReadFile(filepath.Join(auditDir(t), audit.FileName))
	var kept []string
	for _, line := range strings.SplitAfter(string(raw), "\n") {
		if strings.Contains(line, `"seq"`) {
			kept = append(kept, line)
		}
	}
	if out != strings.Join(kept, "") {
		t.Errorf("--json = %q, want the file's entries %q", out, strings.Join(kept, ""))
	}

	for _, bad := range []string{"yesterday", "24 h", "-1h", "2026-13-01"} {
		if _, errOut, code := run(t, processes{}, "audit", "--since", bad); code != exit.Usage || !strings.Contains(errOut, "--since takes a duration") {
			t.Errorf("audit --since %q = %d %q, want a usage error", bad, code, errOut)
		}
	}
}

// TestAuditHoldsNoSecrets runs the flows that handle passwords, labels,
// recipients and file names — share new (generated and --print), share
// rotate, share delete, file encrypt — with the real keychain, and then
// finds none of them in the audit trail, neither as they are nor in
// base64 or hex; the trail holds each operation, by share ID.
func TestAuditHoldsNoSecrets(t *testing.T) {
	isolate(t)
	needKeyring(t)
	const label, recipient = "Klantenlijst Jansen Q3", "Jan de Vries <jan.devries@mailhuis.nl>"
	out, errOut, code := run(t, processes{}, "share", "new", "--label", label, "--recipient", recipient, "--channel", "sms", "--print")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != exit.OK || len(lines) != 2 {
		t.Fatalf("share new = %d %q %s", code, out, errOut)
	}
	id, first := lines[0], lines[1]
	if _, errOut, code := run(t, processes{}, "share", "rotate", id); code != exit.OK {
		t.Fatalf("share rotate = %d %s", code, errOut)
	}
	show, _, _ := run(t, processes{}, "share", "show", id, "--print")
	second := strings.TrimSpace(show[strings.LastIndex(strings.TrimSpace(show), "\n")+1:])
	if second == "" || second == first {
		t.Fatalf("share show --print = %q", show)
	}

	dir := filepath.Join(testdir.New(t), "Jansen BV")
	os.Mkdir(dir, 0o700)
	in := filepath.Join(dir, "klanten-jansen.csv")
	os.WriteFile(in, []byte("naam;iban\nJan de Vries;NL91ABNA0417164300\n"), 0o600)
	out, errOut, code = run(t, processes{}, "file", "encrypt", in, "--recipient", "piet@mailhuis.nl", "--print")
	lines = strings.Split(strings.TrimSpace(out), "\n")
	if code != exit.OK || len(lines) < 3 {
		t.Fatalf("file encrypt = %d %q %s", code, out, errOut)
	}
	output, fileShare, filePassword := lines[len(lines)-3], lines[len(lines)-2], lines[len(lines)-1]
	if _, errOut, code := run(t, processes{}, "share", "delete", id); code != exit.OK {
		t.Fatalf("share delete = %d %s", code, errOut)
	}

	entries, err := audittest.Entries(auditDir(t))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		s, _ := e.Word("share")
		got = append(got, string(e.Event)+" "+s)
	}
	wantEvents := []string{"share.created " + id, "share.rotated " + id, "share.created " + fileShare, "file.encrypted " + fileShare, "share.deleted " + id}
	if strings.Join(got, ",") != strings.Join(wantEvents, ",") {
		t.Errorf("audit trail %q, want %q", got, wantEvents)
	}
	for _, e := range entries {
		if e.Role != audit.RoleCLI {
			t.Errorf("entry %+v: role %s, want cli", e, e.Role)
		}
	}
	leaks, err := audittest.Leaks(auditDir(t), label, "Klantenlijst", "Jansen", recipient, "jan.devries@mailhuis.nl", "Jan de Vries",
		"piet@mailhuis.nl", first, second, filePassword, in, dir, output, "klanten-jansen", "NL91ABNA0417164300", os.Getenv("HOME"))
	if err != nil || leaks != nil {
		t.Errorf("the audit trail holds %q (%v)", leaks, err)
	}
	// The readable form says the same, by ID alone.
	out, _, _ = run(t, processes{}, "audit")
	if !strings.Contains(out, "share password "+id+" created") || strings.Contains(out, "Jansen") {
		t.Errorf("grendel audit = %q", out)
	}
	// And Python's json reads every line.
	if py, err := exec.LookPath("/usr/bin/python3"); err == nil {
		cmd := exec.Command(py, "-c", "import json,sys\nfor l in open(sys.argv[1]): json.loads(l)", filepath.Join(auditDir(t), audit.FileName))
		if b, err := cmd.CombinedOutput(); err != nil || !bytes.Equal(b, nil) {
			t.Errorf("python3: %v %s", err, b)
		}
	}
}
