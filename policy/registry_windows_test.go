package policy

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"golang.org/x/sys/windows/registry"
)

// testRegistryKey creates a policy key of its own under
// HKCU\Software\GrendelTest for one test and deletes it afterwards.
func testRegistryKey(t *testing.T) (path string, k registry.Key) {
	t.Helper()
	parent := fmt.Sprintf(`Software\GrendelTest\%d-%d`, os.Getpid(), time.Now().UnixNano())
	path = parent + `\Grendel`
	k, _, err := registry.CreateKey(registry.CURRENT_USER, path, registry.ALL_ACCESS)
	if err != nil {
		t.Fatalf("CreateKey(HKCU\\%s): %v", path, err)
	}
	t.Cleanup(func() {
		k.Close()
		for _, sub := range []string{path + `\PasswordBannedWords`, path + `\Recommended`, path, parent, `Software\GrendelTest`} {
			registry.DeleteKey(registry.CURRENT_USER, sub) // the last fails while other tests' keys remain
		}
	})
	return path, k
}

// TestWindowsRegistryStore writes values with the real registry as Group
// Policy would, under HKCU, and reads them back through the store.
func TestWindowsRegistryStore(t *testing.T) {
	path, k := testRegistryKey(t)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(k.SetDWordValue("LockIdleTimeoutSeconds", 120))
	must(k.SetDWordValue("AppAllowQuit", 0))
	must(k.SetStringValue("ShareGenerator", "random"))
	must(k.SetStringsValue("SharePartners", []string{"mailhuis.nl", "Drukkerij Jansen"}))
	must(k.SetStringsValue("LockCommand", []string{"lock.exe"}))
	must(k.SetStringValue("ShareWords", "6"))
	list, _, err := registry.CreateKey(k, "PasswordBannedWords", registry.ALL_ACCESS)
	must(err)
	must(list.SetStringValue("2", "welkom"))
	must(list.SetStringValue("1", "acme"))
	list.Close()
	rec, _, err := registry.CreateKey(k, "Recommended", registry.ALL_ACCESS)
	must(err)
	must(rec.SetDWordValue("PasswordMinLength", 16))
	rec.Close()

	r := LoadStores(newWindowsRegistry(path, false)).Report()
	origin := `HKCU\` + path
	want := map[Key][2]string{
		LockIdleTimeout:     {"2m", origin},
		AppAllowQuit:        {"false", origin},
		ShareGenerator:      {"random", origin},
		SharePartners:       {`["mailhuis.nl","Drukkerij Jansen"]`, origin},
		PasswordBannedWords: {`["acme","welkom"]`, origin},
		PasswordMinLength:   {"16", origin + `\Recommended`},
		LockCommand:         {"[]", ""},
		ShareWords:          {"5", origin}, // the strict default, caused there
	}
	for _, kr := range r.Keys {
		if w, ok := want[kr.Key]; ok && (kr.Display != w[0] || kr.File != w[1]) {
			t.Errorf("%s = %s from %q, want %s from %q", kr.Key, kr.Display, kr.File, w[0], w[1])
		}
	}
	codes := map[string]Code{}
	for _, p := range r.Problems {
		codes[p.Key] = p.Code
	}
	if codes["lock.command"] != CodeMachineOnly || codes["share.words"] != CodeRegistryType {
		t.Errorf("problems %v, want lock.command machine_only and share.words registry_type", r.Problems)
	}
}

// TestWindowsRegistryRecheck: with nothing changed, Notify still calls
// changed at each re-read (the backstop for writes that raise no
// notification, such as Intune's), and ends with its context.
func TestWindowsRegistryRecheck(t *testing.T) {
	path, _ := testRegistryKey(t)
	s := newWindowsRegistry(path, false)
	s.recheck = 100 * time.Millisecond
	ctx, cancel := context.WithCancel(context.Background())
	changed := make(chan struct{}, 100)
	done := make(chan error, 1)
	go func() { done <- s.Notify(ctx, func() { changed <- struct{}{} }) }()
	for i := range 3 {
		select {
		case <-changed:
		case <-time.After(10 * time.Second):
			t.Fatalf("re-read %d did not come within 10s (every 100ms asked)", i+1)
		}
	}
	stopNotify(t, cancel, done)
}

// stopNotify cancels a Notify and checks that it returns the context's
// error soon.
func stopNotify(t *testing.T, cancel context.CancelFunc, done <-chan error) {
	t.Helper()
	cancel()
	select {
	case err := <-done:
		if err != context.Canceled {
			t.Errorf("Notify returned %v, want context.Canceled", err)
		}
	case <-time.After(5 * time.Second):
		t.Errorf("Notify did not return after its context was done")
	}
}

// TestWindowsRegistryNotify: a change under the policy key, and the
// creation of a policy key that did not exist, are reported.
func TestWindowsRegistryNotify(t *testing.T) {
	path, k := testRegistryKey(t)
	for _, watched := range []string{path, path + `\Recommended`} {
		s := newWindowsRegistry(watched, false)
		s.recheck = time.Hour
		ctx, cancel := context.WithCancel(context.Background())
		changed := make(chan struct{}, 10)
		done := make(chan error, 1)
		go func() { done <- s.Notify(ctx, func() { changed <- struct{}{} }) }()
		time.Sleep(500 * time.Millisecond) // let it ask for notifications
		if watched == path {
			if err := k.SetDWordValue("ShareWords", 7); err != nil {
				t.Fatal(err)
			}
		} else {
			rec, _, err := registry.CreateKey(k, "Recommended", registry.ALL_ACCESS)
			if err != nil {
				t.Fatal(err)
			}
			rec.Close()
		}
		select {
		case <-changed:
		case <-time.After(10 * time.Second):
			t.Errorf("Notify on %s: no change reported within 10s", watched)
		}
		stopNotify(t, cancel, done)
	}
}
