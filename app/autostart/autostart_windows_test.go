package autostart

import (
	"testing"

	"golang.org/x/sys/windows/registry"
)

// TestSwitchRegistry switches a Run value of the current user off and on
// in the real registry (Windows, or Wine) and reads it back.
func TestSwitchRegistry(t *testing.T) {
	const name = "GrendelAutostartTest"
	run, _, err := registry.CreateKey(registry.CURRENT_USER, runKey, registry.SET_VALUE)
	if err != nil {
		t.Fatal(err)
	}
	defer run.Close()
	if err := run.SetStringValue(name, `"C:\Program Files\Grendel\grendelw.exe" supervise`); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = run.DeleteValue(name)
		if k, err := registry.OpenKey(registry.CURRENT_USER, approvedKey, registry.SET_VALUE); err == nil {
			_ = k.DeleteValue(name)
			k.Close()
		}
	})
	state := func() State {
		t.Helper()
		for _, m := range Read().Methods {
			if m.Path == `HKCU\`+runKey+`\`+name {
				return m.State
			}
		}
		t.Fatalf("Read does not list the test's Run value: %+v", Read())
		return ""
	}
	if got := state(); got != On {
		t.Fatalf("before: %s, want on", got)
	}
	if err := Switch(false); err != nil {
		t.Fatal(err)
	}
	if got := state(); got != OffByUser {
		t.Fatalf("after Switch(false): %s, want off-by-user", got)
	}
	if err := Switch(true); err != nil {
		t.Fatal(err)
	}
	if got := state(); got != On {
		t.Fatalf("after Switch(true): %s, want on", got)
	}
}
