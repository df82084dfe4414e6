package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"grendel/ui/exit"
)

// needKeyring skips without a session bus (scripts/with-session.sh starts
// one with an unlocked gnome-keyring), or fails under CI=true.
func needKeyring(t *testing.T) {
	t.Helper()
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("no session bus: run under scripts/with-session.sh")
		}
		t.Skip("no session bus: run under scripts/with-session.sh")
	}
}

// TestFileEncryptFlow: file encrypt of a CSV file with the real keychain
// prints the checks, the output, the share ID and with --print the
// password; the share holds that password; file verify passes with the
// share and fails (exit 10) with a wrong password on standard input; a
// second run refuses to overwrite (exit 7); a recipient outside
// share.partners under share.partners_only is refused (exit 11) with no
// output and no share.
func TestFileEncryptFlow(t *testing.T) {
	isolate(t)
	needKeyring(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "klanten.csv")
	if err := os.WriteFile(in, []byte("nr;postcode\n000123;1234 AB\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := run(t, processes{}, "file", "encrypt", in, "--recipient", "info@mailhuis.nl", "--channel", "sms", "--print")
	if code != exit.OK {
		t.Fatalf("file encrypt = %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 3 {
		t.Fatalf("file encrypt printed %q", out)
	}
	path, id, pw := lines[len(lines)-3], lines[len(lines)-2], lines[len(lines)-1]
	if path != filepath.Join(dir, "klanten-protected.xlsx") || strings.Count(out, "✓") != 5 {
		t.Errorf("file encrypt printed %q", out)
	}
	show, _, code := run(t, processes{}, "share", "show", id, "--print")
	if code != exit.OK || !strings.HasSuffix(strings.TrimSpace(show), pw) || !strings.Contains(show, "klanten-protected.xlsx") {
		t.Errorf("share show = %d %q", code, show)
	}
	if out, errOut, code := run(t, processes{}, "file", "verify", path, "--share", id); code != exit.OK || strings.Count(out, "✓") != 4 {
		t.Errorf("file verify --share = %d %q %s", code, out, errOut)
	}
	var o, e bytes.Buffer
	if code := execute([]string{"file", "verify", path}, "9.9.9", processes{}, strings.NewReader("wrong\n"), &o, &e); code != exit.NotVerified {
		t.Errorf("file verify with a wrong password = %d %q", code, o.String())
	}
	if _, _, code := run(t, processes{}, "file", "encrypt", in); code != exit.OutputExists {
		t.Errorf("second file encrypt = %d, want %d", code, exit.OutputExists)
	}
	// --json holds the checks and the e-mail text, never the password
	// without --print.
	out, _, code = run(t, processes{}, "file", "encrypt", in, "-o", filepath.Join(dir, "j.xlsx"), "--json")
	var j encryptJSON
	if err := json.Unmarshal([]byte(out), &j); code != exit.OK || err != nil || len(j.Checks) != 5 || j.Password != "" || !strings.Contains(j.Email, "j.xlsx") {
		t.Errorf("--json = %d %q", code, out)
	}

	cfg := filepath.Join(os.Getenv("XDG_CONFIG_HOME"), "grendel", "settings.json")
	if err := os.MkdirAll(filepath.Dir(cfg), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cfg, []byte(`{"share": {"partners": ["mailhuis.nl"], "partners_only": true}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	before, _, _ := run(t, processes{}, "share", "list", "--json")
	other := filepath.Join(dir, "other.txt")
	os.WriteFile(other, []byte("x"), 0o600)
	if _, errOut, code := run(t, processes{}, "file", "encrypt", other, "--recipient", "a@example.com"); code != exit.NotPartner {
		t.Errorf("file encrypt for a non-partner = %d %s, want %d", code, errOut, exit.NotPartner)
	}
	if _, err := os.Stat(filepath.Join(dir, "other-protected.zip")); err == nil {
		t.Error("a refused file encrypt left an output")
	}
	if after, _, _ := run(t, processes{}, "share", "list", "--json"); after != before {
		t.Error("a refused file encrypt made a share")
	}
	if _, _, code := run(t, processes{}, "file", "encrypt", other, "--recipient", "Post <p@x.mailhuis.nl>"); code != exit.OK {
		t.Errorf("file encrypt for a partner = %d", code)
	}
	if z7, err := exec.LookPath("7zz"); err == nil {
		_ = z7
	}
}
