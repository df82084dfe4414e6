package notify

import (
	"context"
	"fmt"
	"os/exec"
	"time"
)

// Send shows a notification with title and body through osascript's
// "display notification", and returns 0: there is no ID to give back.
func Send(title, body string) (uint32, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "/usr/bin/osascript", osascriptArgs(title, body)...)
	cmd.WaitDelay = time.Second // a child that keeps the output open
	if out, err := cmd.CombinedOutput(); err != nil {
		return 0, fmt.Errorf("notify: osascript: %w: %s", err, out)
	}
	return 0, nil
}
