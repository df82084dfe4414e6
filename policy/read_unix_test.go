//go:build !windows

package policy

import (
	"os"
	"path/filepath"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"grendel/internal/testdir"
)

// loadWithin runs Load(p) and fails the test if it does not return within
// d. (On the old code the load hung in open(2) on the FIFO.)
func loadWithin(t *testing.T, p Paths, d time.Duration) *Snapshot {
	t.Helper()
	done := make(chan *Snapshot, 1)
	go func() { done <- Load(p) }()
	select {
	case s := <-done:
		return s
	case <-time.After(d):
		t.Fatalf("Load(%+v) did not return within %v", p, d)
		return nil
	}
}

func mkfifo(t *testing.T, path string) {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
}

// A user's settings.json that is, or links to, a FIFO must not stop the
// load: it is no regular file, and is reported and left out (issue 8,
// point 2).
func TestLoadFIFONeverBlocks(t *testing.T) {
	dir := testdir.New(t)
	fifo := filepath.Join(dir, "fifo")
	mkfifo(t, fifo)
	settings := filepath.Join(dir, "user", "settings.json")
	if err := os.MkdirAll(filepath.Dir(settings), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(fifo, settings); err != nil {
		t.Fatal(err)
	}
	s := loadWithin(t, Paths{User: settings}, 2*time.Second)
	if len(s.Problems) != 1 || s.Problems[0].Code != CodeNotRegular {
		t.Errorf("a FIFO behind settings.json: problems %v, want one not_regular", s.Problems)
	}
	// A --policy file that is a FIFO fails closed.
	s = loadWithin(t, Paths{Extra: []string{fifo}}, 2*time.Second)
	if !s.FailedClosed || s.Problems[0].Code != CodeNotRegular {
		t.Errorf("a FIFO as --policy file: FailedClosed %v, problems %v; want failed closed, not_regular", s.FailedClosed, s.Problems)
	}
}

// The attack of the review: settings.json is a link that a loop swaps
// between a regular file and a FIFO, so that a stat sees a file and the
// open finds the FIFO. No load may hang.
func TestLoadSwappedFIFONeverBlocks(t *testing.T) {
	dir := testdir.New(t)
	fifo, regular := filepath.Join(dir, "fifo"), filepath.Join(dir, "regular.json")
	mkfifo(t, fifo)
	if err := os.WriteFile(regular, []byte(`{"lock": {"idle_timeout": "1h"}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	settings := filepath.Join(dir, "settings.json")
	var stop atomic.Bool
	swapped := make(chan struct{})
	go func() {
		defer close(swapped)
		for i := 0; !stop.Load(); i++ {
			target := []string{regular, fifo}[i%2]
			tmp := settings + ".tmp"
			_ = os.Remove(tmp)
			if os.Symlink(target, tmp) == nil {
				_ = os.Rename(tmp, settings)
			}
		}
	}()
	defer func() { stop.Store(true); <-swapped }()
	deadline := time.Now().Add(3 * time.Second)
	sawFIFO, sawFile := false, false
	for time.Now().Before(deadline) {
		s := loadWithin(t, Paths{User: settings}, 2*time.Second)
		for _, p := range s.Problems {
			sawFIFO = sawFIFO || p.Code == CodeNotRegular
		}
		sawFile = sawFile || s.Settings.Lock.IdleTimeout == time.Hour
	}
	if !sawFIFO || !sawFile {
		t.Logf("the swap loop was not caught in both states (FIFO %v, file %v); the loads still all returned", sawFIFO, sawFile)
	}
}
