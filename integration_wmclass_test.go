//go:build integration

package main

import (
	"os/exec"
	"strings"
	"testing"
	"time"
)

// TestIntegrationWindowClass: two windows of two UI processes carry the
// same WM_CLASS, the app id, so a taskbar groups them under one icon; a
// real Escape key closes each (the check window's with its entry focused)
// and its process ends.
func TestIntegrationWindowClass(t *testing.T) {
	s := newSandbox(t)
	const want = `WM_CLASS(STRING) = "nl.grendel.app", "nl.grendel.app"`
	for _, tc := range []struct{ window, title string }{
		{"check", "Grendel — check a password"},
		{"generate", "Grendel — generate a password"},
	} {
		cmd := exec.Command(bin, "ui", tc.window)
		cmd.Env = s.with("LANG=en_US.UTF-8")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		win := waitWindow(t, tc.title, 20*time.Second)
		out, err := exec.Command("xprop", "-id", win, "WM_CLASS").Output()
		if got := strings.TrimSpace(string(out)); err != nil || got != want {
			t.Errorf("%s: xprop WM_CLASS = %q, %v; want %q", tc.window, got, err, want)
		}
		// The outcome is what counts: the window closes and its process
		// ends well. xdotool's own exit status is not: it may look at the
		// window again after the key closed it and fail on that, and under
		// load the first press may come before the window has the focus,
		// so the press is repeated until the process ends.
		press := func() {
			_ = exec.Command("xdotool", "windowfocus", "--sync", win).Run()
			_ = exec.Command("xdotool", "key", "--window", win, "Escape").Run()
		}
		time.Sleep(500 * time.Millisecond) // let it take the focus
		press()
		tick := time.NewTicker(time.Second)
		deadline := time.After(15 * time.Second)
	wait:
		for {
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("%s: the process ended with %v after Escape, want success", tc.window, err)
				}
				break wait
			case <-tick.C:
				press()
			case <-deadline:
				cmd.Process.Kill()
				<-done
				t.Errorf("%s: Escape did not close the window", tc.window)
				break wait
			}
		}
		tick.Stop()
	}
}
