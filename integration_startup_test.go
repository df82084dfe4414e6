//go:build integration

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"grendel/app/agent"
	"grendel/app/autostart"
)

// TestIntegrationStartup: the real agent says how it was started, reads
// the XDG autostart entry and the desktop's own lock; `grendel autostart
// off` is refused under a policy that does not allow quitting, and
// otherwise hides the entry for the user until `grendel autostart on`.
func TestIntegrationStartup(t *testing.T) {
	if os.Getenv("DISPLAY") == "" || os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		t.Fatal("run through scripts/with-session.sh: DISPLAY and DBUS_SESSION_BUS_ADDRESS are needed")
	}
	s := newSandbox(t)
	xdg := filepath.Join(filepath.Dir(s.root), "xdg")
	entry := filepath.Join(xdg, "autostart", "grendel.desktop")
	if err := os.MkdirAll(filepath.Dir(entry), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(entry, []byte("[Desktop Entry]\nType=Application\nName=Grendel\nExec="+bin+"\nTryExec="+bin+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	env := s.with("XDG_CONFIG_DIRS="+xdg, "XDG_CURRENT_DESKTOP=GNOME", "HOME="+filepath.Dir(s.root), "INVOCATION_ID=4f1c2b", agent.SupervisedEnv)
	a := s.startAgent(env)
	st, _ := s.status(env, 10*time.Second, func(agent.Status) bool { return true })
	if st.StartedBy != agent.StartedBySystemd {
		t.Errorf("started_by = %q, want systemd (INVOCATION_ID is set)", st.StartedBy)
	}
	if st.Autostart == nil || !st.Autostart.InPlace || !hasMethod(*st.Autostart, autostart.KindXDG, autostart.On) {
		t.Errorf("autostart = %+v, want the XDG entry on", st.Autostart)
	}
	if st.OSLock == nil || st.OSLock.Desktop != "GNOME" || st.OSLock.Verdict == "" || st.OSLock.Limit != 10*time.Minute {
		t.Errorf("os_lock = %+v, want GNOME's, weighed against 5 minutes plus 5", st.OSLock)
	}
	out, _, _ := s.run(env, "status")
	// "yes (systemd user service, autostart entry)" while a package test
	// has the unit installed on this machine.
	for _, want := range []string{"Started: by its systemd user service", "Starts at login: yes (", "autostart entry)", "The system's own screen lock: "} {
		if !strings.Contains(out, want) {
			t.Errorf("status lacks %q:\n%s", want, out)
		}
	}
	if err := a.stop(t); err != nil {
		t.Logf("agent exit: %v", err)
	}

	user := filepath.Join(s.config, "autostart", "grendel.desktop")
	s.write("managed/10.json", `{"app": {"allow_quit": false}}`)
	_, errOut, code := s.run(env, "autostart", "off")
	if code != 1 || !strings.Contains(errOut, "app.allow_quit") {
		t.Errorf("autostart off under allow_quit false = %d %q, want 1 naming app.allow_quit", code, errOut)
	}
	if _, err := os.Stat(user); !os.IsNotExist(err) {
		t.Errorf("refused autostart off wrote %s (%v)", user, err)
	}
	os.Remove(filepath.Join(s.root, "managed", "10.json"))
	out, errOut, code = s.run(env, "autostart", "off")
	if code != 0 || !strings.Contains(out, "Starts at login: no: you switched it off") {
		t.Errorf("autostart off = %d %q %q", code, out, errOut)
	}
	if data, err := os.ReadFile(user); err != nil || !strings.Contains(string(data), "Hidden=true") {
		t.Errorf("user entry %s = %q, %v; want Hidden=true", user, data, err)
	}
	out, errOut, code = s.run(env, "autostart", "on")
	if code != 0 || !strings.Contains(out, "Starts at login: yes (") || !strings.Contains(out, "autostart entry)") {
		t.Errorf("autostart on = %d %q %q", code, out, errOut)
	}
	if _, err := os.Stat(user); !os.IsNotExist(err) {
		t.Errorf("autostart on left %s (%v)", user, err)
	}
}

func hasMethod(st autostart.Status, k autostart.Kind, s autostart.State) bool {
	for _, m := range st.Methods {
		if m.Kind == k && m.State == s {
			return true
		}
	}
	return false
}
