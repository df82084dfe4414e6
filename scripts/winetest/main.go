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
// With -cgo as the first argument the tests are built as make cross
// builds grendel.exe (CGO_ENABLED=1, CC=x86_64-w64-mingw32-gcc,
// -trimpath), so that the packages that link Fyne build, and build from
// the same cache entries as grendel.exe; without it, CGO_ENABLED=0.
package main

import (
	"fmt"
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

func run(args []string) int {
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

	testArgs := []string{"test", "-exec", "wine"}
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
