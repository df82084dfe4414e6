package cli

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// hardenChildArgs, when set, makes TestHardenChild run these arguments
// (split on spaces) in the process that TestHardenedCommands started.
const hardenChildArgs = "GRENDEL_CLI_HARDEN_CHILD"

// TestHardenChild is the child of TestHardenedCommands: it runs one
// command and says whether the process is dumpable after it.
func TestHardenChild(t *testing.T) {
	args := os.Getenv(hardenChildArgs)
	if args == "" {
		t.Skip("run by TestHardenedCommands")
	}
	execute(strings.Fields(args), "9.9.9", processes{}, strings.NewReader(""), io.Discard, io.Discard)
	dumpable, err := unix.PrctlRetInt(unix.PR_GET_DUMPABLE, 0, 0, 0, 0)
	fmt.Printf("dumpable=%d err=%v\n", dumpable, err)
}

// The commands that hold passwords keep their process out of core dumps
// before anything else, however they end; the others leave it alone.
func TestHardenedCommands(t *testing.T) {
	base := t.TempDir()
	for _, tc := range []struct {
		args     string
		hardened bool
	}{
		{"check", true},
		{"gen --count 1", true},
		{"gen --words 0", true},
		{"share list", true},
		{"share show abcdefghjk", true},
		{"share rotate abcdefghjk", true},
		{"version", false},
		{"policy show", false},
	} {
		t.Run(tc.args, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestHardenChild$", "-test.v")
			cmd.Env = append(os.Environ(), hardenChildArgs+"="+tc.args,
				"XDG_CONFIG_HOME="+filepath.Join(base, "cfg"), "XDG_RUNTIME_DIR="+base,
				"DBUS_SESSION_BUS_ADDRESS=unix:path="+filepath.Join(base, "no-bus"))
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("child: %v\n%s", err, out)
			}
			want := map[bool]string{true: "dumpable=0 err=<nil>", false: "dumpable=1 err=<nil>"}[tc.hardened]
			if !strings.Contains(string(out), want+"\n") {
				t.Errorf("grendel %s: child says\n%s\nwant %q", tc.args, out, want)
			}
		})
	}
}
