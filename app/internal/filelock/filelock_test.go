//go:build windows || (unix && !aix && !solaris)

package filelock

import (
	"errors"
	"path/filepath"
	"testing"
	"time"

	"grendel/internal/testdir"
)

// TestLockWithin: while the lock is held, LockWithin gives up after its
// time with ErrBusy; once it is released, LockWithin takes it, and Lock
// waits for that holder in turn.
func TestLockWithin(t *testing.T) {
	path := filepath.Join(testdir.New(t), "x.lock")
	unlock, err := Lock(path)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if _, err := LockWithin(path, 100*time.Millisecond); !errors.Is(err, ErrBusy) {
		t.Fatalf("LockWithin a held lock = %v, want ErrBusy", err)
	}
	if d := time.Since(start); d < 100*time.Millisecond || d > 2*time.Second {
		t.Errorf("LockWithin gave up after %v, want about 100ms", d)
	}
	unlock()
	unlock2, err := LockWithin(path, time.Second)
	if err != nil {
		t.Fatalf("LockWithin a free lock = %v", err)
	}
	got := make(chan struct{})
	go func() {
		u, err := Lock(path)
		if err == nil {
			u()
		}
		close(got)
	}()
	select {
	case <-got:
		t.Fatal("Lock took a lock that LockWithin holds")
	case <-time.After(100 * time.Millisecond):
	}
	unlock2()
	select {
	case <-got:
	case <-time.After(5 * time.Second):
		t.Fatal("Lock did not get the released lock")
	}
}
