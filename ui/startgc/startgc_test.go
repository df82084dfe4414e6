package startgc

import (
	"os"
	"os/exec"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"time"
)

// childEnv names, in the child process, the GOGC the test expects at start.
const childEnv = "GRENDEL_STARTGC_CHILD_WANT"

// gcPercent returns the current GOGC.
func gcPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

// TestGOGC runs the test binary again, since this package acts in its
// init: without GOGC in the environment, GOGC is 400 at start and back at
// 100 once [Settle] has passed after [Done]; with GOGC=50, it stays 50.
func TestGOGC(t *testing.T) {
	for _, tc := range []struct{ env, want string }{
		{"", "400,100"},
		{"GOGC=50", "50,50"},
	} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestChild$", "-test.count=1", "-test.v")
		for _, kv := range os.Environ() {
			if !strings.HasPrefix(kv, "GOGC=") {
				cmd.Env = append(cmd.Env, kv)
			}
		}
		if tc.env != "" {
			cmd.Env = append(cmd.Env, tc.env)
		}
		cmd.Env = append(cmd.Env, childEnv+"="+tc.want)
		out, err := cmd.CombinedOutput()
		if err != nil || !strings.Contains(string(out), "--- PASS: TestChild") {
			t.Errorf("child with %q: %v\n%s", tc.env, err, out)
		}
	}
}

// TestChild runs only as TestGOGC's child.
func TestChild(t *testing.T) {
	want, ok := os.LookupEnv(childEnv)
	if !ok {
		t.Skip("runs as the child of TestGOGC")
	}
	start, after, _ := strings.Cut(want, ",")
	if got := gcPercent(); strconv.Itoa(got) != start {
		t.Errorf("GOGC at start = %d, want %s", got, start)
	}
	Done()
	Done()
	time.Sleep(Settle + 200*time.Millisecond)
	if got := gcPercent(); strconv.Itoa(got) != after {
		t.Errorf("GOGC after Done and Settle = %d, want %s", got, after)
	}
}
