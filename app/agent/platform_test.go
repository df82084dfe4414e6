package agent

import (
	"errors"
	"fmt"
	"testing"

	"grendel/app/lock"
)

func TestAttemptCode(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{fmt.Errorf("xscreensaver-command: %w", lock.ErrNotInstalled), AttemptNotInstalled},
		{fmt.Errorf("org.gnome.ScreenSaver is %w", lock.ErrNotOnBus), AttemptNotOnBus},
		{fmt.Errorf("%w within 3s", lock.ErrNotVerified), AttemptNotVerified},
		{fmt.Errorf("%w within 3s: %w", lock.ErrNotVerified, lock.ErrCovered), AttemptCovered},
		{lock.ErrUnsupported, AttemptUnsupported},
		{lock.ErrNoMethod, AttemptNoMethod},
		{errors.New("exit status 1"), AttemptFailed},
	}
	for _, tt := range tests {
		if got := attemptCode(tt.err); got != tt.want {
			t.Errorf("attemptCode(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
}
