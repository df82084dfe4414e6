//go:build integration && linux

package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// echoes reports whether the terminal at path echoes what is typed.
func echoes(t *testing.T, path string) bool {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tio, err := unix.IoctlGetTermios(int(f.Fd()), unix.TCGETS)
	if err != nil {
		t.Fatal(err)
	}
	return tio.Lflag&unix.ECHO != 0
}

// openPTYNamed returns the master and the slave of a new pseudo-terminal,
// and the slave's path.
func openPTYNamed(t *testing.T) (*os.File, *os.File, string) {
	t.Helper()
	master, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	fd := int(master.Fd())
	if err := unix.IoctlSetPointerInt(fd, unix.TIOCSPTLCK, 0); err != nil {
		t.Fatalf("unlockpt: %v", err)
	}
	n, err := unix.IoctlGetInt(fd, unix.TIOCGPTN)
	if err != nil {
		t.Fatalf("ptsname: %v", err)
	}
	name := fmt.Sprintf("/dev/pts/%d", n)
	slave, err := os.OpenFile(name, os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Fatal(err)
	}
	return master, slave, name
}

// TestIntegrationCheckHidesTypedPasswords: `grendel check` at a terminal
// asks for each password with echo off, so that what the user types is
// never on the screen, and prints only the score lines.
func TestIntegrationCheckHidesTypedPasswords(t *testing.T) {
	master, name, cmd, done := startCheckOnPTY(t)
	defer master.Close()

	var screen bytes.Buffer
	chunks := make(chan []byte, 64)
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := master.Read(buf)
			if n > 0 {
				chunks <- append([]byte(nil), buf[:n]...)
			}
			if err != nil {
				close(chunks)
				return
			}
		}
	}()
	// waitFor reads the screen until it holds want n times.
	waitFor := func(want string, n int) {
		t.Helper()
		deadline := time.After(15 * time.Second)
		for strings.Count(screen.String(), want) < n {
			select {
			case c, ok := <-chunks:
				if !ok {
					t.Fatalf("the terminal closed before %q; screen:\n%s", want, screen.String())
				}
				screen.Write(c)
			case <-deadline:
				t.Fatalf("no %q on the terminal; screen:\n%s", want, screen.String())
			}
		}
	}
	const prompt = "Password (not shown; an empty line ends): "
	waitFor(prompt, 1)
	if _, err := master.Write([]byte("TypedSecret-Pw77\n")); err != nil {
		t.Fatal(err)
	}
	waitFor(prompt, 2)
	master.Write([]byte("Welkom123\n"))
	waitFor(prompt, 3)
	master.Write([]byte("\n"))
	select {
	case err := <-done:
		var exit *exec.ExitError
		if err == nil || !(errors.As(err, &exit) && exit.ExitCode() == 1) {
			t.Errorf("check = %v, want exit 1 (one fails)", err)
		}
	case <-time.After(15 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatalf("check did not end on an empty line; screen:\n%s", screen.String())
	}
	for c := range chunks {
		screen.Write(c)
	}
	out := screen.String()
	for _, pw := range []string{"TypedSecret", "Welkom123"} {
		if strings.Contains(out, pw) {
			t.Errorf("the terminal shows the typed password %q:\n%s", pw, out)
		}
	}
	// At a terminal check writes a line for people: "1: strong — pass".
	if !regexp.MustCompile(`1: [a-z ]+ — pass`).MatchString(out) || !strings.Contains(out, "2: very weak — fail: too weak") {
		t.Errorf("the terminal lacks the score lines:\n%s", out)
	}
	if !echoes(t, name) {
		t.Error("the terminal does not echo any more after check ended")
	}
}

// TestIntegrationCheckInterruptRestoresEcho: Ctrl+C at the password prompt
// leaves the terminal echoing again.
func TestIntegrationCheckInterruptRestoresEcho(t *testing.T) {
	master, name, cmd, done := startCheckOnPTY(t)
	defer master.Close()
	go func() { _, _ = io.Copy(io.Discard, master) }()
	waitUntil(t, 15*time.Second, "the echo to go off", func() bool { return !echoes(t, name) })
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatal("check did not end on SIGINT")
	}
	if !echoes(t, name) {
		t.Error("after Ctrl+C the terminal does not echo")
	}
}

// startCheckOnPTY starts `grendel check` in a sandbox with a new
// pseudo-terminal as its controlling terminal, and returns the terminal's
// master and path, the command, and a channel with its end.
func startCheckOnPTY(t *testing.T) (*os.File, string, *exec.Cmd, chan error) {
	t.Helper()
	s := newSandbox(t)
	master, slave, name := openPTYNamed(t)
	cmd := exec.Command(bin, "check")
	cmd.Env = s.env
	cmd.Stdin, cmd.Stdout, cmd.Stderr = slave, slave, slave
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	slave.Close()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	return master, name, cmd, done
}
