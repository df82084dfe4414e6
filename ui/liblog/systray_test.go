//go:build linux

package liblog

import (
	"bytes"
	"context"
	"io"
	"log"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"grendel/ui/tray"
)

// envTrayChild makes TestSystrayWithoutPanel the child that runs the tray.
const envTrayChild = "GRENDEL_LIBLOG_TRAY_CHILD"

// TestSystrayWithoutPanel runs the real tray on a private session bus
// where no panel takes tray icons, as on GNOME without the AppIndicator
// extension: systray logs "failed to register", and nothing of it reaches
// the user. The tray runs in a child process under dbus-run-session
// (systray runs once per process).
func TestSystrayWithoutPanel(t *testing.T) {
	if os.Getenv(envTrayChild) == "" {
		runner, err := exec.LookPath("dbus-run-session")
		if err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("dbus-run-session is needed (Debian package dbus-daemon): %v", err)
			}
			t.Skipf("no dbus-run-session: %v", err)
		}
		cmd := exec.Command(runner, "--", os.Args[0], "-test.run=^TestSystrayWithoutPanel$", "-test.count=1", "-test.v")
		cmd.Env = append(os.Environ(), envTrayChild+"=1")
		out, err := cmd.CombinedOutput()
		if err != nil || !bytes.Contains(out, []byte("--- PASS: TestSystrayWithoutPanel")) {
			t.Fatalf("child: %v\n%s", err, out)
		}
		return
	}
	var raw said
	var s said
	restore := Install(s.say)
	defer restore()
	// What systray logs, as it logs it, beside what the user is told.
	log.SetOutput(io.MultiWriter(&raw, log.Writer()))

	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	errc := make(chan error, 1)
	go func() { errc <- tray.Run(ctx, tray.Menu{}, nil) }()
	for !strings.Contains(raw.text(), "failed to register") && ctx.Err() == nil {
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	if err := <-errc; err != nil {
		t.Fatalf("tray.Run: %v", err)
	}
	if !strings.Contains(raw.text(), "systray error: failed to register") {
		t.Fatalf("systray did not log its failure to register; it logged %q", raw.text())
	}
	if got := s.take(); len(got) != 0 {
		t.Errorf("the user was told %q, want nothing (the agent says in its own words that no panel shows the icon)", got)
	}
}
