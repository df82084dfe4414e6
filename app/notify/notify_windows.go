package notify

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/windows"
)

// Send shows a toast notification with title and body through Windows
// PowerShell, and returns 0: toasts have no ID to give back. Where
// PowerShell runs in Constrained Language Mode (WDAC, AppLocker) the
// script's WinRT calls are refused and Send returns that error; the agent
// then logs the reminder instead.
func Send(title, body string) (uint32, error) {
	system, err := windows.GetSystemDirectory()
	if err != nil {
		return 0, fmt.Errorf("notify: no system directory: %w", err)
	}
	exe, args, env := powershellCommand(system, title, body)
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, exe, args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdin = strings.NewReader(toastScript)
	cmd.SysProcAttr = &syscall.SysProcAttr{CreationFlags: windows.CREATE_NO_WINDOW}
	cmd.WaitDelay = time.Second // a child that keeps the output open
	if out, err := cmd.CombinedOutput(); err != nil {
		return 0, fmt.Errorf("notify: PowerShell toast: %w: %s", err, out)
	}
	return 0, nil
}
