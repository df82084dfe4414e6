//go:build integration

package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"

	"grendel/app/vault"
	"grendel/app/vault/keyringtest"
	"grendel/internal/syncbuf"
)

// TestIntegrationShares runs the share commands of the real binary against
// the session's real Secret Service (gnome-keyring): create, list, show,
// rotate, copy, delete, purge. secret-tool, an independent client, finds
// the item Grendel wrote and reads the same password. Afterwards no file
// under the sandbox holds any password.
func TestIntegrationShares(t *testing.T) {
	requireProgram(t, "secret-tool")
	s := newSandbox(t)
	var passwords []string
	lookup := func(id string) string {
		out, _ := exec.Command("secret-tool", "lookup", "service", "grendel", "username", id).Output()
		return string(out)
	}

	out, errOut, code := s.run(s.env, "share", "new", "--label", "Klantenlijst Q4.xlsx", "--recipient", "Jan de Vries", "--channel", "sms", "--print")
	if code != 0 {
		t.Fatalf("share new = %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("share new --print printed %d lines, want ID and password", len(lines))
	}
	id, pw := lines[0], lines[1]
	passwords = append(passwords, pw)
	t.Cleanup(func() { _ = exec.Command("secret-tool", "clear", "service", "grendel", "username", id).Run() })
	if got := lookup(id); got != pw {
		t.Fatalf("secret-tool reads %d characters for %s, want the password Grendel printed", len(got), id)
	}
	if n := len(strings.Split(pw, "-")); n != 5 {
		t.Errorf("the default share password has %d words, want share.words = 5", n)
	}

	// A second share without --print: the ID alone.
	out, _, code = s.run(s.env, "share", "new", "--label", "Offerte.pdf")
	id2 := strings.TrimSpace(out)
	if code != 0 || strings.Contains(id2, "\n") {
		t.Fatalf("share new without --print = %d %q, want the ID alone", code, out)
	}
	passwords = append(passwords, lookup(id2))
	t.Cleanup(func() { _ = exec.Command("secret-tool", "clear", "service", "grendel", "username", id2).Run() })

	out, _, code = s.run(s.env, "share", "list", "--json")
	var listed []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("share list --json line %q: %v", l, err)
		}
		listed = append(listed, m)
	}
	byID := map[string]map[string]any{}
	for _, m := range listed {
		byID[m["id"].(string)] = m
	}
	if code != 0 || len(listed) != 2 || byID[id]["label"] != "Klantenlijst Q4.xlsx" || byID[id]["channel"] != "sms" || byID[id2]["label"] != "Offerte.pdf" {
		t.Errorf("share list --json = %d %v", code, listed)
	}
	if strings.Contains(out, pw) {
		t.Error("share list --json holds a password")
	}

	out, _, code = s.run(s.env, "share", "show", id, "--print")
	if last := lastLine(out); code != 0 || last != pw {
		t.Errorf("share show --print = %d, last line %d characters; want the password", code, len(last))
	}

	out, _, code = s.run(s.env, "share", "rotate", id)
	newPW := lookup(id)
	passwords = append(passwords, newPW)
	if code != 0 || newPW == pw || newPW == "" {
		t.Errorf("share rotate = %d; secret-tool sees a new password: %v", code, newPW != pw && newPW != "")
	}
	if out, _, _ := s.run(s.env, "share", "show", id, "--print"); lastLine(out) != newPW {
		t.Error("share show after rotate does not print what secret-tool reads")
	}

	// --copy: the helper UI process keeps serving the clipboard.
	if requireXclip(t) {
		_, errOut, code = s.run(s.env, "share", "show", id, "--copy")
		time.Sleep(500 * time.Millisecond)
		if got := xclipOut(t); code != 0 || got != newPW {
			t.Errorf("share show --copy = %d (%s); the clipboard holds %d characters, want the password", code, errOut, len(got))
		}
		_ = exec.Command("pkill", "-f", "grendel ui clipboard").Run()

		// With share.clipboard_clear at 5 s the helper clears it, then exits.
		fast := filepath.Join(s.config, "fast.json")
		if err := os.WriteFile(fast, []byte(`{"share": {"clipboard_clear": "5s"}}`), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, errOut, code := s.run(s.env, "--policy", fast, "share", "show", id, "--copy"); code != 0 {
			t.Fatalf("share show --copy = %d: %s", code, errOut)
		}
		copied := time.Now()
		if got := xclipOut(t); got != newPW {
			t.Errorf("the clipboard holds %d characters after --copy, want the password", len(got))
		}
		waitUntil(t, 15*time.Second, "the clipboard to be cleared", func() bool { return xclipOut(t) == "" })
		if took := time.Since(copied); took < 4*time.Second {
			t.Errorf("cleared after %v, before share.clipboard_clear", took)
		}
	}

	if _, errOut, code := s.run(s.env, "share", "delete", id); code != 0 {
		t.Errorf("share delete = %d: %s", code, errOut)
	}
	if got := lookup(id); got != "" {
		t.Error("secret-tool still finds the deleted share's password")
	}
	if _, _, code := s.run(s.env, "share", "show", id); code != 4 {
		t.Errorf("share show of a deleted share = %d, want 4", code)
	}
	if out, _, code := s.run(s.env, "share", "purge"); code != 0 || !strings.Contains(out, "0 expired") {
		t.Errorf("share purge = %d %q", code, out)
	}

	s.noPasswordInFiles(passwords...)
}

// noPasswordInFiles fails the test if any file under the sandbox holds one
// of passwords.
func (s *sandbox) noPasswordInFiles(passwords ...string) {
	s.t.Helper()
	filepath.WalkDir(filepath.Dir(s.config), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		b, _ := os.ReadFile(p)
		for _, pw := range passwords {
			if pw != "" && strings.Contains(string(b), pw) {
				s.t.Errorf("%s holds a password", p)
			}
		}
		return nil
	})
}

// TestIntegrationSharesWithoutSecretService: with no session bus there is
// no keychain: the commands fail at once with the clear message and exit 5,
// and nothing is written.
func TestIntegrationSharesWithoutSecretService(t *testing.T) {
	s := newSandbox(t)
	env := s.with("DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR="+t.TempDir())
	start := time.Now()
	_, errOut, code := s.run(env, "share", "new", "--label", "Klantenlijst.xlsx")
	if code != 5 || !strings.Contains(errOut, "system keychain is not available") || !strings.Contains(errOut, "gnome-keyring") {
		t.Errorf("share new without a Secret Service = %d %q, want 5 and what to install", code, errOut)
	}
	if took := time.Since(start); took > 20*time.Second {
		t.Errorf("it took %v to give up", took)
	}
	// Nothing is written: no index, no journal; at most the empty lock file.
	filepath.WalkDir(s.config, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		if info, _ := d.Info(); info != nil && info.Size() > 0 {
			b, _ := os.ReadFile(p)
			t.Errorf("%s was written although the keychain is unavailable: %q", p, b)
		}
		return nil
	})
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return lines[len(lines)-1]
}

func requireXclip(t *testing.T) bool {
	t.Helper()
	requireProgram(t, "xclip")
	return true
}

// notifyServer is a notification daemon of the test's own on the real
// session bus.
type notifyServer struct{ got chan string }

func (n *notifyServer) Notify(app string, replaces uint32, icon, summary, body string, actions []string, hints map[string]dbus.Variant, expire int32) (uint32, *dbus.Error) {
	n.got <- summary + "|" + body
	return 7, nil
}

// ownNotifications makes a notifyServer the session's notification
// daemon until the test ends.
func ownNotifications(t *testing.T) *notifyServer {
	t.Helper()
	conn, err := dbus.ConnectSessionBus()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	srv := &notifyServer{got: make(chan string, 8)}
	if err := conn.Export(srv, "/org/freedesktop/Notifications", "org.freedesktop.Notifications"); err != nil {
		t.Fatal(err)
	}
	if reply, err := conn.RequestName("org.freedesktop.Notifications", dbus.NameFlagDoNotQueue); err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("cannot own org.freedesktop.Notifications: %v %v", reply, err)
	}
	t.Cleanup(func() { _, _ = conn.ReleaseName("org.freedesktop.Notifications") })
	return srv
}

// TestIntegrationShareReminder: with share.max_age of an hour a new share
// expires within a day, so the agent's first sweep reminds the user with a
// desktop notification naming the share.
func TestIntegrationShareReminder(t *testing.T) {
	s := newSandbox(t)
	pol := filepath.Join(s.config, "short.json")
	if err := os.WriteFile(pol, []byte(`{"share": {"max_age": "1h"}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := s.run(s.env, "--policy", pol, "share", "new", "--label", "Adressen.csv")
	if code != 0 {
		t.Fatalf("share new = %d: %s", code, errOut)
	}
	id := strings.TrimSpace(out)
	t.Cleanup(func() { _ = exec.Command("secret-tool", "clear", "service", "grendel", "username", id).Run() })

	srv := ownNotifications(t)
	a := s.startAgent(s.env, "--policy", pol)
	select {
	case n := <-srv.got:
		if !strings.Contains(n, "Adressen.csv") || !strings.Contains(n, "expires soon") {
			t.Errorf("notification %q, want the share's label", n)
		}
	case <-time.After(15 * time.Second):
		t.Fatalf("no reminder within 15 s; the agent said:\n%s", a.stderr)
	}
	if err := a.stop(t); err != nil {
		t.Errorf("agent exit: %v", err)
	}
}

// TestIntegrationSharesLockedKeychain: with the session's login keyring
// locked, listing shares brings up no prompt and leaves it locked. An
// operation that needs the password says that the keychain is locked and
// waits on the real unlock prompt (gcr-prompter): dismissed, the command
// fails with exit code 5 and says to unlock; answered with the keyring's
// password, typed as a user would, it prints the password.
func TestIntegrationSharesLockedKeychain(t *testing.T) {
	requireProgram(t, "xdotool")
	keyringPW, err := keyringtest.Password()
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	s := newSandbox(t)
	id, pw := s.newShare("Klantenlijst.xlsx")
	var out, errOut string
	var code int

	if err := keyringtest.Lock(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = exec.Command("xdotool", "key", "Escape").Run() // a prompt left over
		if locked, _ := keyringtest.Locked(); locked {
			if err := keyringtest.Unlock(); err != nil {
				t.Errorf("unlocking the keyring after the test: %v", err)
			}
		}
	})
	prompts := func() []string {
		out, _ := exec.Command("xdotool", "search", "--onlyvisible", "--class", "gcr-prompter").Output()
		return strings.Fields(string(out))
	}

	// Listing needs no password: no prompt, and the share is whole.
	out, errOut, code = s.run(s.env, "share", "list")
	if code != 0 || !strings.Contains(out, id) || strings.Contains(out, "broken") {
		t.Errorf("share list on a locked keychain = %d, %q: %s", code, out, errOut)
	}
	if p := prompts(); len(p) != 0 {
		t.Errorf("share list brought up an unlock prompt (%v)", p)
	}
	if locked, _ := keyringtest.Locked(); !locked {
		t.Fatal("share list unlocked the keyring")
	}

	// show --print waits on the prompt; answer is what the user does in
	// its window. A prompt that was not ready for the keys (still
	// mapping, not yet focused) is answered again, up to three times.
	show := func(answer func(win string)) (string, string, int) {
		t.Helper()
		cmd := exec.Command(bin, "share", "show", id, "--print")
		cmd.Env = s.env
		var stdout, stderr syncbuf.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		ended := func() bool {
			select {
			case <-done:
				return true
			default:
				return false
			}
		}
		for try := 1; ; try++ {
			var wins []string
			waitUntil(t, 20*time.Second, "the unlock prompt", func() bool { wins = prompts(); return len(wins) > 0 || ended() })
			if ended() { // the last answer took, slowly
				return stdout.String(), stderr.String(), cmd.ProcessState.ExitCode()
			}
			time.Sleep(300 * time.Millisecond) // the prompt takes the keyboard as it maps
			_ = exec.Command("xdotool", "windowfocus", "--sync", wins[0]).Run()
			answer(wins[0])
			select {
			case <-done:
				return stdout.String(), stderr.String(), cmd.ProcessState.ExitCode()
			case <-time.After(5 * time.Second):
			}
			if try == 3 {
				_ = cmd.Process.Kill()
				t.Fatalf("share show did not end after the prompt was answered %d times; it said: %s", try, stderr.String())
			}
			t.Logf("the prompt did not take answer %d; again", try)
		}
	}

	out, errOut, code = show(func(string) { _ = exec.Command("xdotool", "key", "Escape").Run() })
	if code != 5 || strings.Contains(out, pw) {
		t.Errorf("share show with the prompt dismissed = %d, %q; want 5 and no password", code, out)
	}
	for _, want := range []string{"keychain is locked: unlock it in the window that asks for your password", "the system keychain is locked: unlock it ("} {
		if !strings.Contains(errOut, want) {
			t.Errorf("share show with the prompt dismissed said %q, want it to contain %q", errOut, want)
		}
	}
	if strings.Contains(errOut, pw) || strings.Contains(errOut, keyringPW) {
		t.Error("an error message holds a password")
	}

	out, errOut, code = show(func(string) {
		_ = exec.Command("xdotool", "key", "ctrl+a", "BackSpace").Run() // what an earlier try left
		_ = exec.Command("xdotool", "type", "--delay", "20", keyringPW).Run()
		_ = exec.Command("xdotool", "key", "Return").Run()
	})
	if code != 0 || lastLine(out) != pw {
		t.Errorf("share show after unlocking in the prompt = %d, last line %q; want 0 and the password: %s", code, lastLine(out), errOut)
	}
	if locked, _ := keyringtest.Locked(); locked {
		t.Error("the keyring is still locked after the prompt was answered")
	}
	s.noPasswordInFiles(pw, keyringPW)
}

// TestIntegrationShareAdoptedAfterIndexLoss: with the share index and the
// journal gone (a config directory wiped, a restore from an old backup),
// the next command finds the share's password in the real keychain by its
// attributes, says so, and the share is back, with the same password.
func TestIntegrationShareAdoptedAfterIndexLoss(t *testing.T) {
	requireProgram(t, "secret-tool")
	s := newSandbox(t)
	id, pw := s.newShare("Adressen.csv")
	var out, errOut string
	var code int
	dir := filepath.Join(s.config, "grendel")
	for _, name := range []string{vault.IndexFile, vault.JournalFile} {
		if err := os.Remove(filepath.Join(dir, name)); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}

	out, errOut, code = s.run(s.env, "share", "list")
	if code != 0 || !strings.Contains(out, id) {
		t.Fatalf("share list after losing the index = %d, %q: %s", code, out, errOut)
	}
	if want := "share password " + id + " was found in the keychain without its details and was recovered"; !strings.Contains(errOut, want) {
		t.Errorf("share list said %q, want it to say %q", errOut, want)
	}
	if out, errOut, code := s.run(s.env, "share", "show", id, "--print"); code != 0 || lastLine(out) != pw {
		t.Errorf("share show of the recovered share = %d, last line %q, want the old password: %s", code, lastLine(out), errOut)
	}
	s.noPasswordInFiles(pw)
}

// newShare runs `grendel share new --label label --print` and returns the
// new share's ID and password.
func (s *sandbox) newShare(label string) (id, pw string) {
	s.t.Helper()
	out, errOut, code := s.run(s.env, "share", "new", "--label", label, "--print")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) != 2 {
		s.t.Fatalf("share new = %d, %d lines; want 0 and two lines: %s", code, len(lines), errOut)
	}
	return lines[0], lines[1]
}
