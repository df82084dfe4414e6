package resident

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"grendel/app/agent"
	"grendel/app/audit"
	"grendel/app/audit/audittest"
	"grendel/internal/syncbuf"
	"grendel/ui/exit"
)

// TestAgentWithoutBusOrDisplay runs the resident agent where there is no
// D-Bus session bus and no display: it must say so, answer on its socket,
// refuse a second instance, and stop cleanly when its context ends (as on
// SIGTERM).
func TestAgentWithoutBusOrDisplay(t *testing.T) {
	base, err := os.MkdirTemp("", "gres")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(base)
	run := filepath.Join(base, "run")
	os.Mkdir(run, 0o700)
	t.Setenv("XDG_RUNTIME_DIR", run)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(base, "cfg"))
	t.Setenv("XDG_STATE_HOME", filepath.Join(base, "state")) // the status file and the audit trail
	// Windows: %AppData%, %LOCALAPPDATA% (status file, audit trail) and
	// the managed and recommended policies under %ProgramData%.
	t.Setenv("AppData", filepath.Join(base, "cfg"))
	t.Setenv("LOCALAPPDATA", filepath.Join(base, "state"))
	t.Setenv("ProgramData", filepath.Join(base, "programdata"))
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "")
	t.Setenv("DISPLAY", "")
	t.Setenv("WAYLAND_DISPLAY", "")

	var log syncbuf.Buffer
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	go func() { done <- runAgent(ctx, &log) }()

	// Until it answers, and has tried the tray: the tray's outcome comes
	// in its own time (on Windows, once systray has looked for the
	// taskbar).
	var st agent.Status
	err = errors.New("no answer yet")
	for deadline := time.Now().Add(10 * time.Second); (err != nil || st.TrayProblem == "") && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond)
		st, err = agent.FetchStatus(context.Background())
	}
	if err != nil {
		t.Fatalf("agent never answered: %v\n%s", err, log.String())
	}
	if st.Tray || st.TrayProblem == "" || st.Display != "" || st.Version != "test" {
		t.Errorf("status = %+v", st)
	}

	// A second agent does not start; it asks the first to show its status,
	// which cannot be done without a display.
	var log2 syncbuf.Buffer
	if code := runAgent(context.Background(), &log2); code != exit.Failure || !strings.Contains(log2.String(), "already running") {
		t.Errorf("second agent = %d, said %q", code, log2.String())
	}

	cancel()
	select {
	case code := <-done:
		if code != exit.OK {
			t.Errorf("exit code %d, want 0", code)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("agent did not stop")
	}
	for _, want := range []string{"no display", "no tray icon"} {
		if !strings.Contains(log.String(), want) {
			t.Errorf("agent did not say %q:\n%s", want, log.String())
		}
	}
	if _, err := os.Stat(filepath.Join(run, "grendel", "agent.sock")); !os.IsNotExist(err) {
		t.Errorf("socket left behind: %v", err)
	}
	// The audit trail: the start (not the second agent's), the policy,
	// the stop by a signal.
	entries, err := audittest.Entries(filepath.Join(base, "state", "grendel"))
	var names []audit.Name
	for _, e := range entries {
		names = append(names, e.Event)
	}
	if want := []audit.Name{audit.NameAgentStarted, audit.NamePolicyApplied, audit.NameAgentStopped}; err != nil || !slices.Equal(names, want) {
		t.Errorf("audit trail %v (%v), want %v", names, err, want)
	} else if r, _ := entries[2].Word("reason"); r != "signal" {
		t.Errorf("agent stopped: reason %q, want signal", r)
	}
}

func runAgent(ctx context.Context, log *syncbuf.Buffer) int {
	return run(ctx, agent.Options{Version: "test"}, testPlatform, log, nil)
}

// testPlatform has no display, a UI process that cannot start (no test
// may start the test binary as one), and a user who is never idle.
var testPlatform = platform{
	display:   func() string { return "" },
	uiCommand: func(w agent.Window) []string { return []string{"grendel-test-no-ui-process", string(w)} },
	idle: func(context.Context) (agent.IdleSource, []agent.AttemptRecord) {
		return neverIdle{}, []agent.AttemptRecord{{Method: "never-idle"}}
	},
}

// neverIdle is an idle source whose user has just touched the keyboard.
type neverIdle struct{}

func (neverIdle) Name() string { return "never-idle" }

func (neverIdle) Idle(context.Context) (time.Duration, error) { return 0, nil }
