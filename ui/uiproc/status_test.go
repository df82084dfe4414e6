package uiproc

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"grendel/app/agent"
	"grendel/app/ipc"
)

// TestStatusButtons: the status window's buttons open a window through
// the agent, as the tray does; without an agent they start `grendel ui
// WINDOW` themselves; Start Grendel starts `grendel` with the same
// --policy files, detached; a window that cannot be opened says why.
func TestStatusButtons(t *testing.T) {
	opts := agent.Options{Policy: []string{"/etc/extra.json"}}
	for _, tc := range []struct {
		name      string
		running   bool
		launchErr error
		asked     []ipc.Request
		launched  [][]string
		failed    string
	}{
		{name: "agent running", running: true, asked: []ipc.Request{agent.ShowRequest(agent.WindowCheck)}},
		{name: "no agent", asked: []ipc.Request{agent.ShowRequest(agent.WindowCheck)}, launched: [][]string{opts.UICommand(agent.WindowCheck)}},
		{name: "no agent, cannot start", launchErr: errors.New("exec format error"), asked: []ipc.Request{agent.ShowRequest(agent.WindowCheck)},
			launched: [][]string{opts.UICommand(agent.WindowCheck)}, failed: "The window could not be opened: exec format error"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var asked []ipc.Request
			var launched [][]string
			p := &proc{opts: opts,
				ask: func(_ context.Context, req ipc.Request) (ipc.Response, error) {
					asked = append(asked, req)
					if !tc.running {
						return ipc.Response{}, ipc.ErrNoAgent
					}
					return ipc.Success(nil), nil
				},
				launch: func(argv []string) error { launched = append(launched, argv); return tc.launchErr },
			}
			var failed string
			done := make(chan struct{})
			a := p.statusActions(func() {}, func() {}, func(s string) { failed = s })
			// The button opens off the UI goroutine; openElsewhere is what
			// it runs there.
			go func() { defer close(done); p.openElsewhere(agent.WindowCheck, func(s string) { failed = s }) }()
			select {
			case <-done:
			case <-time.After(5 * time.Second):
				t.Fatal("opening a window did not end")
			}
			if !slices.Equal(reqs(asked), reqs(tc.asked)) || !slices.EqualFunc(launched, tc.launched, slices.Equal[[]string]) || failed != tc.failed {
				t.Errorf("asked %v, launched %q, failed %q; want %v, %q, %q", asked, launched, failed, tc.asked, tc.launched, tc.failed)
			}
			if a.Open == nil || a.Refresh == nil || a.Close == nil {
				t.Error("the status window misses an action")
			}

			launched = nil
			if err := a.Start(); !errors.Is(err, tc.launchErr) {
				t.Errorf("Start() = %v, want %v", err, tc.launchErr)
			}
			want := []string{opts.AgentCommand()[0], "--policy", "/etc/extra.json"}
			if len(launched) != 1 || !slices.Equal(launched[0], want) {
				t.Errorf("Start launched %q, want %q", launched, want)
			}
		})
	}
}

func reqs(rs []ipc.Request) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = string(r.Op) + " " + r.Window
	}
	return out
}

// TestStartDetached: the starter runs a program and does not wait for it.
func TestStartDetached(t *testing.T) {
	start := time.Now()
	if err := startDetached([]string{"sleep", "2"}); err != nil {
		t.Skipf("no sleep here: %v", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("startDetached waited %v for the program", d)
	}
	if err := startDetached([]string{"/no/such/program"}); err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("startDetached of a missing program = %v", err)
	}
}
