package vault

// Tests against the real Secret Service, through go-keyring, checked with
// an independent client (secret-tool from libsecret). Run them in a
// throwaway session with an unlocked gnome-keyring:
//
//	scripts/with-session.sh go test -count=1 ./app/vault/
//
// Without a session bus they skip, except under CI=true, where they fail.

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

	"grendel/app/secret"
	"grendel/app/vault/keyringtest"
	"grendel/internal/testdir"
)

// needSession skips the test without a session bus and secret-tool, or
// fails it under CI=true.
func needSession(t *testing.T) {
	t.Helper()
	missing := ""
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		missing = "no session bus (DBUS_SESSION_BUS_ADDRESS is not set)"
	} else if _, err := exec.LookPath("secret-tool"); err != nil {
		missing = "secret-tool not found (install libsecret-tools)"
	}
	if missing == "" {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s, and CI=true: run the tests under scripts/with-session.sh", missing)
	}
	t.Skipf("%s; run under scripts/with-session.sh to test the real keychain", missing)
}

// testService returns a keychain service of this test run's own and
// removes its items when the test ends.
func testService(t *testing.T) string {
	t.Helper()
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		t.Fatal(err)
	}
	service := "grendel-test-" + hex.EncodeToString(b[:])
	t.Cleanup(func() {
		if err := keyring.DeleteAll(service); err != nil {
			t.Errorf("cleaning up %s: %v", service, err)
		}
	})
	return service
}

// lookup returns what secret-tool finds for service and account, and
// whether it found anything.
func lookup(t *testing.T, service, account string) (string, bool) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd := exec.Command("secret-tool", "lookup", "service", service, "username", account)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit) && exit.ExitCode() == 1 && stdout.Len() == 0:
		return "", false
	case err != nil:
		t.Fatalf("secret-tool lookup: %v: %s", err, stderr.Bytes())
	}
	// secret-tool adds a newline only on a terminal; none of our
	// passwords ends in one.
	return strings.TrimSuffix(stdout.String(), "\n"), true
}

func openSystem(t *testing.T, dir, service string) (*Vault, []Problem) {
	t.Helper()
	v, problems, err := Open(Config{Dir: dir, Keychain: System{Timeout: 30 * time.Second}, Service: service, MaxAge: 7 * 24 * time.Hour})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return v, problems
}

func TestSystemKeychain(t *testing.T) {
	needSession(t)
	service := testService(t)
	dir := testdir.New(t)
	v, problems := openSystem(t, dir, service)
	if len(problems) > 0 {
		t.Errorf("Open of a new vault found %v", problems)
	}

	tests := []Request{
		{Label: "report.pdf", Channel: ChannelPhone, Settings: Settings{Language: "nl"}},
		{Label: "vertrag.zip", Channel: ChannelSMS, Settings: Settings{Kind: KindRandom, Length: 32, Language: "de"}},
		{Label: "typed", Secret: secret.New("Grüße, 'quoted' \"and\" spaced – ünïcödé 🔑")},
	}
	for _, req := range tests {
		t.Run(req.Label, func(t *testing.T) {
			s, err := v.Create(req)
			if err != nil {
				t.Fatalf("Create: %v", err)
			}
			revealed, err := v.Reveal(s.ID)
			if err != nil {
				t.Fatalf("Reveal: %v", err)
			}
			got, ok := lookup(t, service, s.ID)
			if !ok || got != revealed.Reveal() {
				t.Fatalf("secret-tool lookup found %v, a password other than Reveal's", ok)
			}
			if !req.Secret.IsZero() && got != req.Secret.Reveal() {
				t.Errorf("secret-tool lookup found another password than the typed one")
			}

			if _, err := v.Rotate(s.ID); err != nil {
				t.Fatalf("Rotate: %v", err)
			}
			rotated, err := v.Reveal(s.ID)
			if err != nil {
				t.Fatalf("Reveal after Rotate: %v", err)
			}
			got, ok = lookup(t, service, s.ID)
			if !ok || got != rotated.Reveal() || got == revealed.Reveal() {
				t.Fatalf("after Rotate, secret-tool lookup found %v: the old password, or not Reveal's", ok)
			}

			if err := v.Delete(s.ID); err != nil {
				t.Fatalf("Delete: %v", err)
			}
			if _, ok := lookup(t, service, s.ID); ok {
				t.Errorf("secret-tool lookup finds the password after Delete")
			}
			if _, err := (System{}).Get(service, s.ID); !errors.Is(err, ErrNotFound) {
				t.Errorf("System.Get after Delete = %v, want ErrNotFound", err)
			}
		})
	}

	// The index never holds a password.
	s, err := v.Create(Request{Label: "kept", Secret: secret.New("never-in-the-index-42")})
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, IndexFile))
	if err != nil || bytes.Contains(data, []byte("never-in-the-index-42")) {
		t.Errorf("index %v, or it holds the password", err)
	}

	// A password removed behind the vault's back makes the share broken.
	if out, err := exec.Command("secret-tool", "clear", "service", service, "username", s.ID).CombinedOutput(); err != nil {
		t.Fatalf("secret-tool clear: %v: %s", err, out)
	}
	if _, problems := openSystem(t, dir, service); len(problems) != 1 || problems[0].Code != CodeBroken || problems[0].ID != s.ID {
		t.Errorf("Open after secret-tool clear found %v, want %s broken", problems, s.ID)
	}
}

func TestSystemKeychainAdoption(t *testing.T) {
	needSession(t)
	service := testService(t)
	dir := testdir.New(t)
	v, _ := openSystem(t, dir, service)
	v.afterKeychainWrite = func() error { return errKilled }
	if _, err := v.Create(Request{Label: "lost", Secret: secret.New("survives-the-crash")}); !errors.Is(err, errKilled) {
		t.Fatalf("Create = %v, want the simulated kill", err)
	}
	v, problems := openSystem(t, dir, service)
	if len(problems) != 1 || problems[0].Code != CodeAdopted {
		t.Fatalf("Open found %v, want one share adopted", problems)
	}
	id := problems[0].ID
	if got, ok := lookup(t, service, id); !ok || got != "survives-the-crash" {
		t.Errorf("secret-tool lookup of the adopted share found %v, not the password", ok)
	}
	if r, err := v.Reveal(id); err != nil || r.Reveal() != "survives-the-crash" {
		t.Errorf("Reveal(adopted) = %v, not the password", err)
	}
}

// TestSystemKeychainUnavailable runs itself in a child process whose
// session bus address leads nowhere: every call must fail with
// ErrKeychainUnavailable, and the index stay untouched. It needs no
// session.
func TestSystemKeychainUnavailable(t *testing.T) {
	if os.Getenv("GRENDEL_VAULT_CHILD") == "unavailable" {
		dir := testdir.New(t)
		v, problems, err := Open(Config{Dir: dir, Keychain: System{Timeout: 10 * time.Second}, Service: "grendel-test-unavailable", MaxAge: time.Hour})
		if err != nil || len(problems) > 0 {
			t.Fatalf("Open = %v, %v", problems, err)
		}
		_, err = v.Create(Request{Label: "x", Secret: secret.New("no-bus-password")})
		if !errors.Is(err, ErrKeychainUnavailable) || strings.Contains(err.Error(), "no-bus-password") {
			t.Fatalf("Create without a bus = %v, want ErrKeychainUnavailable", err)
		}
		if _, err := os.Stat(filepath.Join(dir, IndexFile)); !errors.Is(err, os.ErrNotExist) {
			t.Fatalf("Create without a bus wrote the index (%v)", err)
		}
		if _, err := (System{}).Get("grendel-test-unavailable", "aaaaaaaaaa"); !errors.Is(err, ErrKeychainUnavailable) {
			t.Fatalf("Get without a bus = %v, want ErrKeychainUnavailable", err)
		}
		t.Logf("error: %v", err)
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestSystemKeychainUnavailable$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(),
		"GRENDEL_VAULT_CHILD=unavailable",
		"DBUS_SESSION_BUS_ADDRESS=unix:path="+filepath.Join(testdir.New(t), "no-bus"),
	)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	t.Logf("child:\n%s", out)
}

// lockKeyring locks the session's login collection for the rest of the
// test, and unlocks it again (without a prompt) when the test ends.
func lockKeyring(t *testing.T) {
	t.Helper()
	if _, err := keyringtest.Password(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	if err := keyringtest.Lock(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := keyringtest.Unlock(); err != nil {
			t.Errorf("unlocking the keyring after the test: %v", err)
		}
	})
}

// The system keychain looks at a locked Secret Service without asking to
// unlock it: Has finds an item by its attributes and Locked says so, and a
// vault opens and lists on it, finding its shares whole.
func TestSystemProbeLockedKeyring(t *testing.T) {
	needSession(t)
	service := testService(t)
	kc := System{Timeout: 10 * time.Second}
	if err := kc.Set(service, "present1", "pw-present"); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(testdir.New(t), "grendel")
	v, _, err := Open(Config{Dir: dir, Keychain: kc, Service: service, MaxAge: maxAge})
	if err != nil {
		t.Fatal(err)
	}
	share, err := v.Create(Request{Label: "report.xlsx"})
	if err != nil {
		t.Fatal(err)
	}
	if locked, err := kc.Locked(); err != nil || locked {
		t.Fatalf("Locked before locking = %v, %v", locked, err)
	}

	lockKeyring(t)
	if locked, err := kc.Locked(); err != nil || !locked {
		t.Errorf("Locked = %v, %v, want true", locked, err)
	}
	for _, account := range []string{"present1", share.ID} {
		if got, err := kc.Has(service, account); err != nil || !got {
			t.Errorf("Has(%s) on the locked keyring = %v, %v, want true", account, got, err)
		}
	}
	// Nothing found in a locked collection is no answer: some Secret
	// Services (KeePassXC) show no items at all while locked.
	if got, err := kc.Has(service, "absent1"); got || !errors.Is(err, ErrKeychainLocked) {
		t.Errorf("Has(absent) on the locked keyring = %v, %v, want ErrKeychainLocked", got, err)
	}
	accounts, err := kc.ListAccounts(service)
	slices.Sort(accounts)
	want := []string{share.ID, "present1"}
	slices.Sort(want)
	if err != nil || !slices.Equal(accounts, want) {
		t.Errorf("ListAccounts on the locked keyring = %v, %v, want %v", accounts, err, want)
	}
	if locked, _ := keyringtest.Locked(); !locked {
		t.Fatal("looking unlocked the keyring")
	}
	v, problems, err := Open(Config{Dir: dir, Keychain: kc, Service: service, MaxAge: maxAge})
	if err != nil || len(problems) != 0 {
		t.Fatalf("Open on the locked keyring = %v, problems %v", err, problems)
	}
	if shares, err := v.List(); err != nil || len(shares) != 1 || shares[0].Broken {
		t.Errorf("List on the locked keyring = %+v, %v, want the one whole share", shares, err)
	}
	if !v.KeychainLocked() {
		t.Error("KeychainLocked = false on the locked keyring")
	}
	if locked, _ := keyringtest.Locked(); !locked {
		t.Error("opening the vault unlocked the keyring (it must not prompt)")
	}

	// With the index and the journal gone, the listing finds the share's
	// password again, and the vault adopts it.
	if err := os.Remove(filepath.Join(dir, IndexFile)); err != nil {
		t.Fatal(err)
	}
	v, problems, err = Open(Config{Dir: dir, Keychain: kc, Service: service, MaxAge: maxAge})
	if err != nil || len(problems) != 1 || problems[0].Code != CodeAdopted || problems[0].ID != share.ID {
		t.Fatalf("Open without an index = %v, problems %v, want %s adopted", err, problems, share.ID)
	}
	if s, err := v.Get(share.ID); err != nil || !s.Recovered {
		t.Errorf("adopted share = %+v, %v", s, err)
	}
}
