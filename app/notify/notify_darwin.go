package notify

import (
	"context"
	"fmt"
	"os/exec"
)

// Send shows a notification with title and body through osascript's
// "display notification", and returns 0: there is no ID to give back.
func Send(title, body string) (uint32, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	if out, err := exec.CommandContext(ctx, "/usr/bin/osascript", osascriptArgs(title, body)...).CombinedOutput(); err != nil {
		return 0, fmt.Errorf("notify: osascript: %w: %s", err, out)
	}
	return 0, nil
}
