//go:build integration

package main

import (
	"context"
	"grendel/internal/syncbuf"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// xclipTimedOut is what xclipOut returns when xclip got no answer: neither
// empty nor any password, so a caller waiting for either asks again.
const xclipTimedOut = "\x00xclip: no answer"

// xclipOut reads the CLIPBOARD selection with xclip, an independent client.
// xclip waits forever for an owner that took the request and then went
// away (the clipboard helper exiting after its clear), so each read has
// 3 seconds.
func xclipOut(t *testing.T) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "xclip", "-o", "-selection", "clipboard")
	cmd.WaitDelay = time.Second
	out, _ := cmd.Output()
	if ctx.Err() != nil {
		return xclipTimedOut
	}
	return string(out)
}

// xclipIn puts text on the CLIPBOARD selection, as a user copying
// something else would; xclip keeps serving it in the background.
func xclipIn(t *testing.T, text string) {
	t.Helper()
	cmd := exec.Command("xclip", "-i", "-selection", "clipboard")
	cmd.Stdin = strings.NewReader(text)
	if err := cmd.Run(); err != nil {
		t.Fatalf("xclip -i: %v", err)
	}
	t.Cleanup(func() { _ = exec.Command("pkill", "-x", "xclip").Run() })
}

// TestIntegrationGeneratorClipboard: the generator window copies its
// password with Ctrl+C; the clipboard (read by xclip) holds it, is cleared
// after share.clipboard_clear, and is left alone when the user copied
// something else meanwhile. After the window closes, the UI process keeps
// serving the password until the clear (on X11 a clipboard dies with its
// owner), then exits.
func TestIntegrationGeneratorClipboard(t *testing.T) {
	requireProgram(t, "xclip")
	s := newSandbox(t)
	const clearAfter = 5 * time.Second
	pol := filepath.Join(s.config, "clip.json")
	if err := os.WriteFile(pol, []byte(`{"share": {"clipboard_clear": "5s", "generator": "passphrase", "words": 5}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	start := func() (*exec.Cmd, chan error, string) {
		cmd := exec.Command(bin, "--policy", pol, "ui", "generate")
		cmd.Env = s.env
		var errb syncbuf.Buffer
		cmd.Stderr = &errb
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		t.Cleanup(func() { _ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) })
		win := waitWindow(t, "Grendel — generate a password", 20*time.Second)
		time.Sleep(500 * time.Millisecond)
		return cmd, done, win
	}
	copyPassword := func(win string) (string, time.Time) {
		t.Helper()
		if out, err := exec.Command("xdotool", "windowfocus", "--sync", win, "key", "--clearmodifiers", "ctrl+c").CombinedOutput(); err != nil {
			t.Fatalf("xdotool ctrl+c: %v\n%s", err, out)
		}
		copied := time.Now()
		var got string
		waitUntil(t, 5*time.Second, "the password on the clipboard", func() bool {
			got = xclipOut(t)
			return strings.Count(got, "-") == 4
		})
		return got, copied
	}

	// Copied, then cleared after the time, with the window still open.
	_, done, win := start()
	pw, copied := copyPassword(win)
	for _, w := range strings.Split(pw, "-") {
		if w == "" || strings.ToLower(w) != w {
			t.Errorf("the clipboard holds %d characters that are no passphrase of 5 lower-case words", len(pw))
		}
	}
	if time.Since(copied) < clearAfter-time.Second && xclipOut(t) != pw {
		t.Error("the clipboard changed before the clear time")
	}
	waitUntil(t, clearAfter+5*time.Second, "the clipboard to be cleared", func() bool { return xclipOut(t) == "" })
	if took := time.Since(copied); took < clearAfter-500*time.Millisecond {
		t.Errorf("cleared after %v, before the policy's %v", took, clearAfter)
	}

	// Copied, then the user copies something else: left alone.
	copyPassword(win)
	xclipIn(t, "Damrak 1, Amsterdam")
	time.Sleep(clearAfter + 2*time.Second)
	if got := xclipOut(t); got != "Damrak 1, Amsterdam" {
		t.Errorf("after the clear time the clipboard holds %q, want what the user copied", got)
	}
	_ = exec.Command("pkill", "-x", "xclip").Run()

	// Copied, window closed: the process keeps serving until the clear,
	// then exits.
	pw, copied = copyPassword(win)
	clickClose(t, win)
	time.Sleep(time.Second)
	if got := xclipOut(t); got != pw {
		t.Errorf("after the window closed the clipboard holds %d characters, want the password still", len(got))
	}
	select {
	case err := <-done:
		t.Fatalf("the UI process exited (%v) before clearing the clipboard", err)
	default:
	}
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("UI process exit: %v", err)
		}
	case <-time.After(clearAfter + 10*time.Second):
		t.Fatal("the UI process did not exit after the clear")
	}
	if time.Since(copied) < clearAfter-500*time.Millisecond {
		t.Error("the UI process exited before the clear time")
	}
	if got := xclipOut(t); got != "" {
		t.Errorf("after the process exited the clipboard holds %d characters", len(got))
	}

}
