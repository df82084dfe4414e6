package notify

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"syscall"

	"golang.org/x/sys/windows"
)

// Send shows a toast notification with title and body through Windows
// PowerShell, and returns 0: toasts have no ID to give back.
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
	cmd.SysProcAttr = &syscall.SysProcAttr{HideWindow: true}
	if out, err := cmd.CombinedOutput(); err != nil {
		return 0, fmt.Errorf("notify: PowerShell toast: %w: %s", err, out)
	}
	return 0, nil
}
