package procargs

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// envChild makes the test binary the child of TestShow.
const envChild = "GRENDEL_PROCARGS_TEST_CHILD"

// typed are a child's arguments after the test flags, as a user may type
// them (an empty one among them).
var typed = []string{"share", "new", "--label", "Offerte Jansen", "--recipient", "", "klanten.csv"}

// TestShow: a process that took its arguments and showed "share new"
// reads as its program, "share" and "new" in /proc/PID/cmdline and in
// ps, and its copies of the arguments are whole.
func TestShow(t *testing.T) {
	if os.Getenv(envChild) == "1" {
		args := Take()
		if area == nil {
			t.Fatal("the command line was not found in memory")
		}
		Show("share", "new")
		if want := append([]string{"-test.run=^TestShow$", "--"}, typed...); !slices.Equal(args, want) || !slices.Equal(os.Args[1:], want) {
			t.Errorf("after Show: Take gave %q, os.Args %q; want %q", args, os.Args[1:], want)
		}
		// The parent reads /proc and ps while the child waits.
		os.Stdout.WriteString("shown\n")
		os.Stdin.Read(make([]byte, 1))
		return
	}
	cmd := exec.Command(os.Args[0], append([]string{"-test.run=^TestShow$", "--"}, typed...)...)
	cmd.Env = append(os.Environ(), envChild+"=1")
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	first := make([]byte, len("shown\n"))
	if n, _ := stdout.Read(first); string(first[:n]) != "shown\n" {
		t.Fatalf("the child said %q", first[:n])
	}
	pid := cmd.Process.Pid
	raw, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/cmdline")
	if err != nil {
		t.Fatal(err)
	}
	if want := os.Args[0] + "\x00share\x00new\x00"; !strings.HasPrefix(string(raw), want) || strings.Trim(string(raw)[len(want):], "\x00") != "" {
		t.Errorf("/proc/PID/cmdline = %q, want %q and NULs", raw, want)
	}
	ps, err := exec.Command("ps", "-o", "args=", "-p", strconv.Itoa(pid)).Output()
	if err != nil || strings.TrimRight(string(ps), "\n") != os.Args[0]+" share new" {
		t.Errorf("ps shows %q (%v), want %q", ps, err, os.Args[0]+" share new")
	}
	stdin.Close()
	rest, _ := io.ReadAll(stdout)
	if err := cmd.Wait(); err != nil || !bytes.Equal(rest, []byte("PASS\n")) {
		t.Errorf("child: %v\n%s%s", err, rest, stderr.Bytes())
	}
}
