package vault

import (
	"errors"
	"testing"
	"time"

	"grendel/internal/testdir"
)

func TestJanitor(t *testing.T) {
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	kc := &MapKeychain{}
	open, v, a := janitorVault(t, kc, clock)
	now = now.Add(12 * time.Hour)
	b, err := v.Create(Request{Label: "b.pdf"})
	if err != nil {
		t.Fatal(err)
	}

	var purged []string
	var due []string
	j := &Janitor{Open: open, Now: clock,
		Purged: func(ss []Share) {
			for _, s := range ss {
				purged = append(purged, s.ID)
			}
		},
		Due: func(s Share) { due = append(due, s.ID) }}

	j.Sweep() // a expires in 36 h, b in 48 h: nothing yet
	if len(purged)+len(due) != 0 {
		t.Fatalf("first sweep: purged %v, due %v", purged, due)
	}
	now = now.Add(13 * time.Hour) // a in 23 h
	j.Sweep()
	j.Sweep() // reminded once only
	if len(due) != 1 || due[0] != a.ID {
		t.Fatalf("due %v, want a once", due)
	}
	now = now.Add(24 * time.Hour) // a expired, b in 11 h
	j.Sweep()
	if len(purged) != 1 || purged[0] != a.ID || len(due) != 2 || due[1] != b.ID {
		t.Fatalf("purged %v, due %v", purged, due)
	}
	if _, err := kc.Get(Service, a.ID); err == nil {
		t.Error("the expired share's password is still in the keychain")
	}
	// Extended: reminded again before its new expiry.
	if _, err := v.Extend(b.ID); err != nil {
		t.Fatal(err)
	}
	now = now.Add(30 * time.Hour)
	j.Sweep()
	if len(due) != 3 || due[2] != b.ID {
		t.Errorf("after extending: due %v, want b again", due)
	}

	var failed error
	bad := &Janitor{Open: func() (*Vault, error) { return nil, errors.New("keychain locked") }, Failed: func(err error) { failed = err }}
	bad.Sweep()
	if failed == nil {
		t.Error("a failing open was not reported")
	}
}

// A locked keychain is not asked to unlock for the hourly purge: the
// expired share waits, Failed says why, and the first sweep after the
// unlock deletes it.
func TestJanitorWaitsForLockedKeychain(t *testing.T) {
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	kc := &lockedKeychain{MapKeychain: &MapKeychain{}}
	open, _, a := janitorVault(t, kc, clock)
	var purged []string
	var failed []error
	j := &Janitor{Open: open, Now: clock,
		Purged: func(ss []Share) {
			for _, s := range ss {
				purged = append(purged, s.ID)
			}
		},
		Failed: func(err error) { failed = append(failed, err) }}

	kc.locked = true
	j.Sweep() // nothing expired: nothing to wait for
	if len(failed) != 0 {
		t.Errorf("a sweep with nothing expired failed: %v", failed)
	}
	now = now.Add(49 * time.Hour)
	j.Sweep()
	if len(purged) != 0 || kc.reads != 0 {
		t.Errorf("locked: purged %v with %d keychain calls, want none", purged, kc.reads)
	}
	if len(failed) != 1 || !errors.Is(failed[0], ErrKeychainLocked) {
		t.Errorf("locked: Failed got %v, want one ErrKeychainLocked", failed)
	}
	kc.locked = false
	j.Sweep()
	if len(purged) != 1 || purged[0] != a.ID {
		t.Errorf("unlocked: purged %v, want %s", purged, a.ID)
	}
}

// janitorVault returns how a janitor opens a vault on kc in a new
// directory (share.max_age 48 h), the vault opened once, and its first
// share, "a.xlsx".
func janitorVault(t *testing.T, kc Keychain, clock func() time.Time) (func() (*Vault, error), *Vault, Share) {
	t.Helper()
	dir := testdir.New(t)
	open := func() (*Vault, error) {
		v, _, err := Open(Config{Dir: dir, Keychain: kc, MaxAge: 48 * time.Hour, Now: clock})
		return v, err
	}
	v, err := open()
	if err != nil {
		t.Fatal(err)
	}
	a, err := v.Create(Request{Label: "a.xlsx"})
	if err != nil {
		t.Fatal(err)
	}
	return open, v, a
}
