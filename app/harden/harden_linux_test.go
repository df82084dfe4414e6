package harden

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// childEnv makes the test binary, started again by TestProcess, the
// process that hardens itself.
const childEnv = "GRENDEL_HARDEN_TEST_CHILD"

// TestMain is the child's body when childEnv is set: it reports what the
// kernel says of it before and after Process, one line each.
func TestMain(m *testing.M) {
	if os.Getenv(childEnv) != "1" {
		os.Exit(m.Run())
	}
	report := func(when string) {
		dumpable, err := unix.PrctlRetInt(unix.PR_GET_DUMPABLE, 0, 0, 0, 0)
		var core unix.Rlimit
		if err == nil {
			err = unix.Getrlimit(unix.RLIMIT_CORE, &core)
		}
		fmt.Printf("%s dumpable=%d core=%d/%d err=%v\n", when, dumpable, core.Cur, core.Max, err)
	}
	// Start from the most core file the hard limit allows.
	var lim unix.Rlimit
	if err := unix.Getrlimit(unix.RLIMIT_CORE, &lim); err == nil {
		lim.Cur = lim.Max
		_ = unix.Setrlimit(unix.RLIMIT_CORE, &lim)
	}
	report("before")
	if err := Process(); err != nil {
		fmt.Println("Process:", err)
		os.Exit(1)
	}
	report("after")
	os.Exit(0)
}

// Process, run in a child of its own (it cannot be undone): the kernel
// says the child is no longer dumpable and may write no core file.
func TestProcess(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"=1")
	var lim unix.Rlimit
	if err := unix.Getrlimit(unix.RLIMIT_CORE, &lim); err != nil {
		t.Fatal(err)
	}
	if lim.Max == 0 {
		t.Skip("the core file size's hard limit is 0 already: nothing to see change")
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	want := fmt.Sprintf("before dumpable=1 core=%d/%d err=<nil>\nafter dumpable=0 core=0/0 err=<nil>\n", lim.Max, lim.Max)
	if got := string(out); got != want {
		t.Errorf("child reports\n%s\nwant\n%s", strings.TrimSpace(got), strings.TrimSpace(want))
	}
}
