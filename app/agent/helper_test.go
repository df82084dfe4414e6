package agent

import (
	"errors"
	"fmt"
	"os"
	"testing"
	"time"
)

// TestMain lets the test binary stand in for the UI process the Launcher
// starts, on every platform (no sh or sleep on Windows):
//
//	agent.test helper sleep DURATION
//	agent.test helper append FILE TEXT DURATION   (a line, then sleep)
func TestMain(m *testing.M) {
	if len(os.Args) > 2 && os.Args[1] == "helper" {
		os.Exit(helper(os.Args[2:]))
	}
	os.Exit(m.Run())
}

func helper(args []string) int {
	sleep := func(s string) int {
		d, err := time.ParseDuration(s)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 2
		}
		time.Sleep(d)
		return 0
	}
	switch {
	case args[0] == "sleep" && len(args) == 2:
		return sleep(args[1])
	case args[0] == "append" && len(args) == 4:
		f, err := os.OpenFile(args[1], os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
		if err == nil {
			_, err = fmt.Fprintln(f, args[2])
			err = errors.Join(err, f.Close())
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		return sleep(args[3])
	}
	fmt.Fprintf(os.Stderr, "helper: unknown %q\n", args)
	return 2
}

// helperCommand is the command line of the test binary as a helper.
func helperCommand(t *testing.T, args ...string) []string {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	return append([]string{exe, "helper"}, args...)
}
