//go:build unix

package lock

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"grendel/internal/testdir"
)

// The policy's lock.command, run for real: how each way of failing shows
// up in its attempt.
func TestPolicyCommand(t *testing.T) {
	env := OSEnv()
	plain := filepath.Join(testdir.New(t), "plain")
	if err := os.WriteFile(plain, []byte("#!/bin/sh\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		argv     []string
		wantName string
		errIs    error
		errText  string
		// slow: the attempt must wait for the whole Timeout.
		slow bool
	}{
		{"exits non-zero without a word", []string{"false"}, "lock.command:false", nil,
			"false failed (exit status 1)", false},
		{"exits non-zero: first non-blank stderr line", []string{"sh", "-c", "echo >&2; echo '  cannot grab keyboard ' >&2; echo more >&2; exit 3"},
			"lock.command:sh", nil, "sh failed (exit status 3): cannot grab keyboard", false},
		{"killed by a signal", []string{"sh", "-c", "kill -TERM $$"}, "lock.command:sh", nil,
			"sh failed (signal: terminated)", false},
		{"not installed", []string{"grendel-no-such-locker", "-n"}, "lock.command:grendel-no-such-locker", ErrNotInstalled,
			"grendel-no-such-locker: not installed", false},
		{"absolute path not installed", []string{"/nonexistent/locker"}, "lock.command:locker", ErrNotInstalled,
			"/nonexistent/locker: not installed", false},
		{"not executable", []string{plain}, "lock.command:plain", ErrNotInstalled,
			plain + ": not installed (permission denied)", false},
		{"empty argv[0]", []string{""}, "lock.command", nil, "empty command", false},
		{"exits 0 but nothing verifies", []string{"true"}, "lock.command:true", ErrNotVerified,
			"not verified within 300ms", true},
		{"keeps running but nothing verifies", []string{"sleep", "5"}, "lock.command:sleep", ErrNotVerified,
			"not verified within 300ms", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := policyCommand(tc.argv, env)
			if m.Name() != tc.wantName {
				t.Errorf("Name() = %q, want %q", m.Name(), tc.wantName)
			}
			c := &Chain{Methods: []Method{m}, Verifiers: []Verifier{&fakeVerifier{name: "never", scr: &screen{clock: newFakeClock()}}}, Timeout: 300 * time.Millisecond}
			r := c.Lock(t.Context())
			if r.Verified || len(r.Attempts) != 1 {
				t.Fatalf("Lock() = %+v, want one failed attempt", r)
			}
			a := r.Attempts[0]
			if a.Err == nil || !strings.Contains(a.Err.Error(), tc.errText) {
				t.Errorf("attempt error = %v, want %q", a.Err, tc.errText)
			}
			if tc.errIs != nil && !errors.Is(a.Err, tc.errIs) {
				t.Errorf("attempt error = %v, want it to wrap %v", a.Err, tc.errIs)
			}
			if tc.slow && a.Took < 300*time.Millisecond {
				t.Errorf("attempt took %v, want the whole Timeout (300ms)", a.Took)
			}
			if !tc.slow && a.Took > 250*time.Millisecond {
				t.Errorf("attempt took %v, want it to fail at once", a.Took)
			}
		})
	}
}

func TestLookPath(t *testing.T) {
	dir := testdir.New(t)
	exe := filepath.Join(dir, "locker")
	if err := os.WriteFile(exe, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	plain := filepath.Join(dir, "plain")
	if err := os.WriteFile(plain, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	tests := []struct {
		name, file, path string
		want             string // "" for not found
	}{
		{"in PATH", "locker", "/nonexistent:" + dir, exe},
		{"relative PATH entry skipped", "locker", ".:sub:", ""},
		{"empty PATH", "locker", "", ""},
		{"not executable", "plain", dir, ""},
		{"directory", "sub", dir, ""},
		{"with a slash", exe, "", exe},
		{"relative with a slash", "./locker", "", "./locker"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := lookPath(tc.file, Env{Vars: []string{"PATH=" + tc.path}})
			if tc.want == "" {
				if err == nil || !errors.Is(err, ErrNotInstalled) {
					t.Errorf("lookPath(%q) = %q, %v; want an error wrapping ErrNotInstalled", tc.file, got, err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Errorf("lookPath(%q) = %q, %v; want %q", tc.file, got, err, tc.want)
			}
		})
	}
}

func TestFirstLine(t *testing.T) {
	tests := []struct {
		name string
		in   []string // writes
		want string
	}{
		{"empty", nil, ""},
		{"blank lines first", []string{"\n  \n\tboom\nmore\n"}, "boom"},
		{"split writes", []string{"bo", "om", "\nno"}, "boom"},
		{"no newline", []string{"only"}, "only"},
		{"control characters", []string{"a\x1b[31mb\x00c\n"}, "a?[31mb?c"},
		{"invalid UTF-8", []string{"a\xffb\n"}, "a?b"},
		{"long", []string{strings.Repeat("x", 500)}, strings.Repeat("x", maxLine) + "…"},
		{"past the cap", []string{strings.Repeat("\n", maxStderr), "late\n"}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var f firstLine
			for _, w := range tc.in {
				if n, err := f.Write([]byte(w)); n != len(w) || err != nil {
					t.Fatalf("Write(%q) = %d, %v; want %d, nil", w, n, err, len(w))
				}
			}
			if got := f.String(); got != tc.want {
				t.Errorf("String() = %q, want %q", got, tc.want)
			}
		})
	}
}
