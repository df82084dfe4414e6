package quitwin

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"grendel/app/agent"
	"grendel/app/ipc"
	"grendel/ui/i18n"
	"grendel/ui/internal/uitest"
)

// answer runs, on the test's goroutine, what the view hands to the UI
// goroutine once the agent has answered.
func answer(t *testing.T, ui <-chan func()) {
	t.Helper()
	select {
	case f := <-ui:
		f()
	case <-time.After(5 * time.Second):
		t.Fatal("no answer from the agent within 5 s")
	}
}

func TestQuitWindow(t *testing.T) {
	test.NewTempApp(t)
	tests := []struct {
		name      string
		err       error // the agent's answer
		closed    bool
		says      string
		tryAgain  bool
		keepLabel string
	}{
		{"confirmed", nil, true, "", false, ""},
		{"forbidden by policy", fmt.Errorf("%s", agent.ErrQuitForbidden), false, "Your organisation does not allow quitting Grendel.", false, "Close"},
		{"no agent", fmt.Errorf("connect: %w", ipc.ErrNoAgent), false, "Grendel is not running: automatic locking is off already.", false, "Close"},
		{"another failure", errors.New("timeout"), false, "Grendel did not quit: timeout", true, "Close"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var asked atomic.Int32
			closed := 0
			v := New(func() error { asked.Add(1); return tc.err }, func() { closed++ })
			ui := make(chan func(), 1)
			v.do = func(f func()) { ui <- f }
			w := test.NewWindow(v.Content())
			defer w.Close()
			texts := uitest.Texts(v.Content())
			for _, want := range []string{"Quit Grendel?", "Automatic locking stops", "Quit Grendel", "Keep running"} {
				if !slices.ContainsFunc(texts, func(s string) bool { return strings.Contains(s, want) }) {
					t.Errorf("the window lacks %q: %q", want, texts)
				}
			}
			if asked.Load() != 0 {
				t.Fatal("the window asked the agent to quit before the user confirmed")
			}
			test.Tap(v.confirm)
			if !v.confirm.Disabled() || !v.keep.Disabled() {
				t.Error("the buttons work while the agent is asked")
			}
			answer(t, ui)
			if asked.Load() != 1 || (closed == 1) != tc.closed {
				t.Errorf("asked %d, closed %d; want 1 and closed=%v", asked.Load(), closed, tc.closed)
			}
			if tc.says != "" && v.status.Text != tc.says {
				t.Errorf("the window says %q, want %q", v.status.Text, tc.says)
			}
			if !tc.closed && (v.confirm.Disabled() == tc.tryAgain || v.keep.Disabled() || v.keep.Text != tc.keepLabel) {
				t.Errorf("buttons after %q: quit disabled %v, keep %q disabled %v", tc.says, v.confirm.Disabled(), v.keep.Text, v.keep.Disabled())
			}
		})
	}
}

// TestKeepRunning: the other button closes the window and asks nothing.
func TestKeepRunning(t *testing.T) {
	test.NewTempApp(t)
	asked, closed := 0, 0
	v := New(func() error { asked++; return nil }, func() { closed++ })
	w := test.NewWindow(v.Content())
	defer w.Close()
	test.Tap(v.keep)
	if asked != 0 || closed != 1 {
		t.Errorf("Keep running: asked %d, closed %d; want 0 and 1", asked, closed)
	}
}

// TestScreenshot draws the window into $GRENDEL_SHOTS/quitwin-LANG.png,
// in the language of LANG, for a person to look at.
func TestScreenshot(t *testing.T) {
	if err := i18n.Load(); err != nil {
		t.Fatal(err)
	}
	test.NewTempApp(t)
	v := New(func() error { return nil }, func() {})
	w := test.NewWindow(v.Content())
	defer w.Close()
	w.Resize(fyne.NewSize(520, 200))
	uitest.Shot(t, w, "quitwin", i18n.Language())
}
