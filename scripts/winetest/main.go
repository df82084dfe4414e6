// Winetest runs the Windows build of Go tests under Wine, in a private
// prefix that it makes and removes:
//
//	go run ./scripts/winetest [go test flags] PACKAGES
//
// It makes the prefix with scripts/internal/wineprefix (wineboot and the
// ProcessPrng shim DLL, built with mingw), runs
//
//	GOOS=windows GOARCH=amd64 go test -exec wine [flags] PACKAGES
//
// in it (with -timeout 10m unless the flags set one: a test that hangs
// under Wine must not hang CI), then ends the prefix's wineserver and
// removes the prefix. The exit status is go test's.
//
// WINETEST_PREFIX=DIR keeps the prefix in DIR instead (made if empty), so
// that a second run saves wineboot's 20 to 40 seconds.
//
// go test runs each test binary through winetest itself (-exec
// "winetest -wrap wine"): Wine gives every process a test starts, and the
// services those start, the Unix standard output of the first, so a
// process that outlives its test binary (Wine's Task Scheduler, started by
// the agent's first schtasks) would hold go test's pipe, and go test would
// fail the package with "Test I/O incomplete" a minute after it passed.
// The wrapper hands wine a pipe of its own and stops reading it
// [wrapGrace] after wine exits.
//
// With -cgo as the first argument the tests are built as make cross
// builds grendel.exe (CGO_ENABLED=1, CC=x86_64-w64-mingw32-gcc,
// -trimpath), so that the packages that link Fyne build, and build from
// the same cache entries as grendel.exe; without it, CGO_ENABLED=0.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"grendel/scripts/internal/wineprefix"
)

func main() {
	os.Exit(run(os.Args[1:]))
}

// wrapGrace is how long the wrapper reads a test's output after wine has
// exited: what the test binary wrote is there at once.
const wrapGrace = 5 * time.Second

// onlyWriter hides its Writer's *os.File, so that os/exec copies through a
// pipe of its own instead of passing the file on.
type onlyWriter struct{ io.Writer }

// wrap runs the command args (wine and the test binary), with its output
// copied to ours until it exits and at most wrapGrace longer, and returns
// its exit code.
func wrap(args []string) int {
	if len(args) == 0 {
		fmt.Fprintln(os.Stderr, "winetest -wrap: no command")
		return 2
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdin = os.Stdin
	cmd.Stdout, cmd.Stderr = onlyWriter{os.Stdout}, onlyWriter{os.Stderr}
	cmd.WaitDelay = wrapGrace
	err := cmd.Run()
	if errors.Is(err, exec.ErrWaitDelay) {
		fmt.Fprintf(os.Stderr, "winetest: processes the test started still held its output %s after it ended; no longer read\n", wrapGrace)
		err = nil
	}
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		return ee.ExitCode()
	case err != nil:
		fmt.Fprintf(os.Stderr, "winetest -wrap: %v\n", err)
		return 1
	}
	return cmd.ProcessState.ExitCode()
}

func run(args []string) int {
	if len(args) > 0 && args[0] == "-wrap" {
		return wrap(args[1:])
	}
	start := time.Now()
	cgo := len(args) > 0 && args[0] == "-cgo"
	if cgo {
		args = args[1:]
	}
	logf := func(format string, a ...any) { fmt.Fprintf(os.Stderr, "winetest: "+format+"\n", a...) }
	dir, keep := os.Getenv("WINETEST_PREFIX"), true
	if dir == "" {
		var err error
		if dir, err = os.MkdirTemp("", "grendel-wine-"); err != nil {
			logf("%v", err)
			return 1
		}
		keep = false
	}
	var p *wineprefix.Prefix
	var err error
	if _, statErr := os.Stat(filepath.Join(dir, "system.reg")); keep && statErr == nil {
		p, err = wineprefix.Open(dir, wineprefix.Options{Logf: logf})
		if err == nil {
			err = p.StartServer()
		}
		if err == nil {
			// Wine's services now, with their output not go test's.
			_, err = p.Run(time.Minute, "wineboot")
		}
	} else {
		p, err = wineprefix.New(dir, wineprefix.Options{Logf: logf})
	}
	if err != nil {
		logf("%v", err)
		if !keep {
			os.RemoveAll(dir)
		}
		return 1
	}
	logf("prefix %s ready after %s", dir, time.Since(start).Round(100*time.Millisecond))
	defer func() {
		p.Close()
		if !keep {
			os.RemoveAll(dir)
		}
		logf("done in %s", time.Since(start).Round(100*time.Millisecond))
	}()

	self, err := os.Executable()
	if err != nil || strings.ContainsAny(self, " \t'\"") {
		logf("cannot run the tests through winetest itself (%q, %v)", self, err)
		return 1
	}
	testArgs := []string{"test", "-exec", self + " -wrap wine"}
	if !slices.ContainsFunc(args, func(a string) bool {
		return a == "-timeout" || a == "--timeout" || strings.HasPrefix(a, "-timeout=") || strings.HasPrefix(a, "--timeout=")
	}) {
		testArgs = append(testArgs, "-timeout", "10m")
	}
	if cgo {
		testArgs = append(testArgs, "-trimpath")
	}
	testArgs = append(testArgs, args...)
	goCmd := os.Getenv("GO")
	if goCmd == "" {
		goCmd = "go"
	}
	cmd := exec.Command(goCmd, testArgs...)
	// Without CI: under CI=true a test that misses an independent tool
	// (7zz, qpdf, Python's csv…) fails instead of skipping, and those are
	// Linux programs that a Windows test binary cannot run; the Linux run
	// of the same tests is where CI insists on them.
	env := slices.DeleteFunc(slices.Clone(p.Env), func(e string) bool { return strings.HasPrefix(e, "CI=") })
	build := []string{"GOOS=windows", "GOARCH=amd64", "CGO_ENABLED=0"}
	if cgo {
		build = []string{"GOOS=windows", "GOARCH=amd64", "CGO_ENABLED=1", "CC=x86_64-w64-mingw32-gcc"}
	}
	cmd.Env = slices.Concat(env, build)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = nil, os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			return ee.ExitCode()
		}
		logf("%v", err)
		return 1
	}
	return 0
}
