// Package wineprefix makes a private Wine prefix in which Go's Windows
// programs run: the test runner (scripts/winetest) and the MSI test
// (scripts/package) both use it, so what Wine needs is said once.
//
// # What Go's programs need from Wine
//
// Go ≥ 1.22 programs load ProcessPrng from bcryptprimitives.dll, which
// Debian 12's Wine 8.0 lacks. [New] builds, with mingw, a tiny DLL that
// exports ProcessPrng and forwards it to SystemFunction036 (advapi32's
// RtlGenRandom), and puts it into the prefix's system32. Nothing is
// downloaded.
//
// The prefix runs with WINEDEBUG=-all (Wine's FIXME lines are not the
// program's output), without Mono and Gecko (WINEDLLOVERRIDES), and
// without a display unless the caller keeps one.
package wineprefix

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// Tools are the programs a prefix needs on PATH (Debian: wine, wine64,
// gcc-mingw-w64-x86-64; scripts/install-deps.sh installs them).
var Tools = []string{"wine", "wineboot", "wineserver", "winepath", "x86_64-w64-mingw32-gcc"}

// Missing returns the first of [Tools] that is not on PATH, or "".
func Missing() string {
	for _, tool := range Tools {
		if _, err := exec.LookPath(tool); err != nil {
			return tool
		}
	}
	return ""
}

// prngShim is the C source of bcryptprimitives.dll's ProcessPrng, which
// Go's runtime calls for random bytes: SystemFunction036 takes a ULONG
// length, so large requests are cut into pieces.
const prngShim = `#include <windows.h>
BOOLEAN WINAPI SystemFunction036(PVOID, ULONG);
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
	while (len > 0) {
		ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
		if (!SystemFunction036(data, n)) return FALSE;
		data += n; len -= n;
	}
	return TRUE;
}
`

// Prefix is a Wine prefix made by [New].
type Prefix struct {
	// Dir is the prefix (WINEPREFIX).
	Dir string
	// Env is the environment to run Wine in: the caller's, with
	// WINEPREFIX, WINEDEBUG and WINEDLLOVERRIDES set and, unless New was
	// told to keep it, DISPLAY empty.
	Env []string
	// Logf, if set, is told how long each Wine command took.
	Logf func(format string, args ...any)
}

// Options tune [New].
type Options struct {
	// KeepDisplay keeps the caller's DISPLAY (for programs that open
	// windows); otherwise Wine runs without one.
	KeepDisplay bool
	// Logf as in [Prefix].
	Logf func(format string, args ...any)
}

// New makes a prefix in dir (an empty or missing directory): wineboot
// -i, then the ProcessPrng shim into its system32. The caller ends it
// with [Prefix.Close].
func New(dir string, o Options) (*Prefix, error) {
	p, err := Open(dir, o)
	if err != nil {
		return nil, err
	}
	// wineserver starts only in an existing prefix directory.
	if err := os.MkdirAll(p.Dir, 0o700); err != nil {
		return nil, err
	}
	if err := p.StartServer(); err != nil {
		return nil, err
	}
	if out, err := p.Run(3*time.Minute, "wineboot", "-i"); err != nil {
		p.Close()
		return nil, fmt.Errorf("wineprefix: wineboot -i: %v\n%s", err, out)
	}
	if err := p.buildShim(); err != nil {
		p.Close()
		return nil, err
	}
	return p, nil
}

// StartServer starts the prefix's wineserver, persistent until
// [Prefix.Close], with no standard input or output. Otherwise the first
// wine command starts it and it keeps that command's output open: go
// test then waits for the output of a test binary long after it has
// exited ("Test I/O incomplete").
func (p *Prefix) StartServer() error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	// wineserver -p forks into the background and returns.
	cmd := p.Command(ctx, "wineserver", "-p")
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("wineprefix: wineserver -p: %v", err)
	}
	return nil
}

// buildShim compiles bcryptprimitives.dll into the prefix's system32.
func (p *Prefix) buildShim() error {
	src, err := os.CreateTemp("", "grendel-prng-*.c")
	if err != nil {
		return err
	}
	defer os.Remove(src.Name())
	if _, err := src.WriteString(prngShim); err != nil {
		src.Close()
		return err
	}
	if err := src.Close(); err != nil {
		return err
	}
	dll := filepath.Join(p.Dir, "drive_c", "windows", "system32", "bcryptprimitives.dll")
	out, err := exec.Command("x86_64-w64-mingw32-gcc", "-shared", "-O2", "-o", dll, src.Name(), "-ladvapi32").CombinedOutput()
	if err != nil {
		return fmt.Errorf("wineprefix: building the ProcessPrng shim: %v\n%s", err, out)
	}
	return nil
}

// Command is a command run in the prefix's environment.
func (p *Prefix) Command(ctx context.Context, name string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = p.Env
	return cmd
}

// Run runs a command in the prefix (wine, wineboot, winepath, …) for at
// most limit and returns its combined output. The output goes to a file,
// not a pipe: Wine's services (services.exe, winedevice.exe, …), which
// the first command of a prefix starts, inherit it and outlive the
// command, and a pipe would make Run wait for them.
func (p *Prefix) Run(limit time.Duration, name string, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	out, err := os.CreateTemp("", "grendel-wine-out-")
	if err != nil {
		return "", err
	}
	defer os.Remove(out.Name())
	defer out.Close()
	cmd := p.Command(ctx, name, args...)
	cmd.Stdout, cmd.Stderr = out, out
	start := time.Now()
	err = cmd.Run()
	if p.Logf != nil {
		p.Logf("%s %s: %s", name, strings.Join(args, " "), time.Since(start).Round(100*time.Millisecond))
	}
	if ctx.Err() != nil {
		err = errors.Join(err, fmt.Errorf("not done within %s", limit))
	}
	b, rerr := os.ReadFile(out.Name())
	return string(b), errors.Join(err, rerr)
}

// WindowsPath is the Windows path of a Unix one (winepath -w).
func (p *Prefix) WindowsPath(path string) (string, error) {
	out, err := p.Run(30*time.Second, "winepath", "-w", path)
	if err != nil {
		return "", fmt.Errorf("winepath -w %s: %v", path, err)
	}
	return strings.TrimSpace(out), nil
}

// Close ends the prefix's wineserver and with it every program still
// running in it. It leaves the directory to the caller.
func (p *Prefix) Close() {
	_, _ = p.Run(30*time.Second, "wineserver", "-k")
}

// Open is a prefix in dir without making it: the environment only. [New]
// starts with it; winetest opens a prefix New made before
// (WINETEST_PREFIX).
func Open(dir string, o Options) (*Prefix, error) {
	if tool := Missing(); tool != "" {
		return nil, fmt.Errorf("wineprefix: %s is not installed (scripts/install-deps.sh installs it)", tool)
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	return &Prefix{Dir: dir, Env: environ(dir, o), Logf: o.Logf}, nil
}

// environ is the caller's environment with Wine's variables for dir.
func environ(dir string, o Options) []string {
	env := []string{}
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch name {
		case "WINEPREFIX", "WINEDEBUG", "WINEDLLOVERRIDES", "WINEARCH":
			continue
		case "DISPLAY", "WAYLAND_DISPLAY":
			if !o.KeepDisplay {
				continue
			}
		}
		env = append(env, kv)
	}
	return append(env, "WINEPREFIX="+dir, "WINEDEBUG=-all", "WINEDLLOVERRIDES=mscoree,mshtml=")
}
