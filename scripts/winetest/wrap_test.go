package main

import (
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestWrap: the wrapper returns the command's exit code and its output,
// even when a process the command left behind still holds that output
// (as Wine's services hold a test binary's): it stops reading wrapGrace
// after the command ended, instead of waiting for the leftover.
func TestWrap(t *testing.T) {
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh")
	}
	for _, tc := range []struct {
		name   string
		script string
		code   int
	}{
		{"plain", "echo out; echo err >&2", 0},
		{"exit code", "echo out; echo err >&2; exit 3", 3},
		{"leftover holds the output", "sleep 60 & echo out; echo err >&2", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, code := runWrap(t, "sh", "-c", tc.script)
			if code != tc.code || !strings.Contains(out, "out\n") || !strings.Contains(out, "err\n") {
				t.Errorf("wrap = %d with %q; want %d with out and err", code, out, tc.code)
			}
		})
	}
}

// runWrap runs wrap(args) with its standard output and error in one pipe
// and returns what came through and the exit code.
func runWrap(t *testing.T, args ...string) (string, int) {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	oldOut, oldErr := os.Stdout, os.Stderr
	os.Stdout, os.Stderr = w, w
	read := make(chan string)
	go func() {
		b, _ := io.ReadAll(r)
		read <- string(b)
	}()
	code := wrap(args)
	os.Stdout, os.Stderr = oldOut, oldErr
	w.Close()
	return <-read, code
}
