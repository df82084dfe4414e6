package lock

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"grendel/internal/testdir"
)

// hangingLocker writes a lock command that neither locks nor exits: it
// starts a child (sleep 300) and a grandchild that ignores SIGTERM, all
// holding its stderr open, then writes its pid, the id of its process
// group, to the file named by its first argument.
func hangingLocker(t *testing.T) (script, pidFile string) {
	t.Helper()
	dir := testdir.New(t)
	script, pidFile = filepath.Join(dir, "hanging-locker"), filepath.Join(dir, "pid")
	const text = "#!/bin/sh\n" +
		"sleep 300 &\n" +
		"sh -c 'trap \"\" TERM; sleep 301 & wait' &\n" +
		"echo $$ >\"$1.tmp\" && mv \"$1.tmp\" \"$1\"\n" +
		"wait\n"
	if err := os.WriteFile(script, []byte(text), 0o755); err != nil {
		t.Fatal(err)
	}
	return script, pidFile
}

// lockerGroup waits for the pid file of a hangingLocker and returns its
// process group, killed when the test ends.
func lockerGroup(t *testing.T, pidFile string) int {
	t.Helper()
	var pgid int
	for deadline := time.Now().Add(5 * time.Second); pgid == 0; time.Sleep(10 * time.Millisecond) {
		if b, err := os.ReadFile(pidFile); err == nil {
			pgid, _ = strconv.Atoi(strings.TrimSpace(string(b)))
		} else if time.Now().After(deadline) {
			t.Fatalf("the locker wrote no pid: %v", err)
		}
	}
	t.Cleanup(func() { _ = syscall.Kill(-pgid, syscall.SIGKILL) })
	return pgid
}

// groupMembers returns the processes of group pgid that are not zombies,
// as /proc shows them.
func groupMembers(t *testing.T, pgid int) []string {
	t.Helper()
	dirs, err := os.ReadDir("/proc")
	if err != nil {
		t.Fatal(err)
	}
	var members []string
	for _, d := range dirs {
		if _, err := strconv.Atoi(d.Name()); err != nil {
			continue
		}
		stat, err := os.ReadFile(filepath.Join("/proc", d.Name(), "stat"))
		if err != nil {
			continue // gone meanwhile
		}
		// pid (comm) state ppid pgrp …; comm may hold spaces and parentheses.
		f := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:]))
		if len(f) > 2 && f[0] != "Z" && f[2] == strconv.Itoa(pgid) {
			comm := string(stat[bytes.IndexByte(stat, '(')+1 : bytes.LastIndexByte(stat, ')')])
			members = append(members, d.Name()+" "+comm)
		}
	}
	return members
}

// waitGroupGone waits up to within for group pgid to have no live member.
func waitGroupGone(t *testing.T, pgid int, within time.Duration) {
	t.Helper()
	var left []string
	for deadline := time.Now().Add(within); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if left = groupMembers(t, pgid); len(left) == 0 {
			return
		}
	}
	t.Errorf("%v after giving up, processes of the locker's group are left: %q", within, left)
}

// A lock command given up on ends with everything it started, even what
// ignores SIGTERM, and its runner does not wait for the children that
// keep its stderr open.
func TestCommandGiveUp(t *testing.T) {
	script, pidFile := hangingLocker(t)
	exited, giveUp, err := policyCommand([]string{script, pidFile}, OSEnv()).start(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	pgid := lockerGroup(t, pidFile)
	for deadline := time.Now().Add(5 * time.Second); len(groupMembers(t, pgid)) < 4; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the locker's group is %q, want the script, two shells' sleeps and a shell", groupMembers(t, pgid))
		}
	}

	start := time.Now()
	giveUp()
	if took := time.Since(start); took > 100*time.Millisecond {
		t.Errorf("giveUp took %v, want it to return at once", took)
	}
	select {
	case err := <-exited:
		if took := time.Since(start); took >= termGrace {
			t.Errorf("the runner returned %v after giveUp, want it before the SIGKILL (%v)", took, termGrace)
		}
		if err == nil || !strings.Contains(err.Error(), "signal: terminated") {
			t.Errorf("exit = %v, want the script terminated by SIGTERM", err)
		}
	case <-time.After(termGrace + 5*time.Second):
		t.Fatal("the runner did not return after giveUp")
	}
	if left := groupMembers(t, pgid); len(left) == 0 {
		t.Errorf("nothing of the group survived SIGTERM: the test's SIGTERM-ignoring shell did not start")
	}
	waitGroupGone(t, pgid, termGrace+3*time.Second)
}

// The chain gives up on a lock command that a verifier sees not locking
// for the whole Timeout, and on no other: a verified locker (i3lock -n)
// and one that no verifier could have seen keep running.
func TestChainGivesUpOnHangingCommand(t *testing.T) {
	never := &fakeVerifier{name: "never", scr: &screen{clock: newFakeClock()}}
	blind := &fakeVerifier{name: "blind", err: errors.New("cannot tell")}
	tests := []struct {
		name      string
		verifiers func(pidFile string) []Verifier
		verified  bool
		ended     bool
	}{
		{"not locked until the timeout: ended", func(string) []Verifier { return []Verifier{never, blind} }, false, true},
		{"no verifier could answer: left running", func(string) []Verifier { return []Verifier{blind} }, false, false},
		{"verified: left running", func(pidFile string) []Verifier {
			return []Verifier{never, fileVerifier(pidFile)}
		}, true, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			script, pidFile := hangingLocker(t)
			c := &Chain{Methods: []Method{policyCommand([]string{script, pidFile}, OSEnv())},
				Verifiers: tc.verifiers(pidFile), Timeout: time.Second}
			r := c.Lock(t.Context())
			pgid := lockerGroup(t, pidFile)
			if r.Verified != tc.verified || len(r.Attempts) != 1 {
				t.Fatalf("Lock() = %+v, want one attempt, verified %v", r, tc.verified)
			}
			if a := r.Attempts[0]; a.Took > c.Timeout+500*time.Millisecond {
				t.Errorf("attempt took %v, want no wait beyond the Timeout (%v)", a.Took, c.Timeout)
			}
			if tc.ended {
				waitGroupGone(t, pgid, termGrace+3*time.Second)
				return
			}
			time.Sleep(termGrace + 500*time.Millisecond)
			if left := groupMembers(t, pgid); !slices.ContainsFunc(left, func(m string) bool { return strings.HasPrefix(m, strconv.Itoa(pgid)+" ") }) {
				t.Errorf("the locker's group is %q, want the locker still running", left)
			}
		})
	}
}

// fileVerifier says locked once the file exists.
type fileVerifier string

func (v fileVerifier) Name() string { return "file" }

func (v fileVerifier) Locked(context.Context) (bool, error) {
	_, err := os.Stat(string(v))
	return err == nil, nil
}
