package compliance

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"grendel/app/agent"
	"grendel/policy"

	"grendel/internal/testdir"
)

// clock is a clock that a test moves.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// waitFor reads the file until ok says yes, for at most 5 s.
func waitFor(t *testing.T, path string, what string, ok func(Document) bool) Document {
	t.Helper()
	var last error
	for end := time.Now().Add(5 * time.Second); time.Now().Before(end); time.Sleep(2 * time.Millisecond) {
		d, err := ReadFile(path)
		if err == nil && ok(d) {
			return d
		}
		last = err
	}
	t.Fatalf("the status file never showed %s (last error %v)", what, last)
	return Document{}
}

// TestWriter: the file appears at start, valid and 0600 in a 0700
// directory, is rewritten after a change and at the heartbeat, and says
// Running false after a clean stop.
func TestWriter(t *testing.T) {
	path := filepath.Join(testdir.New(t), "state", "grendel", FileName)
	c := &clock{now: t0}
	var pol atomic.Value
	pol.Store(policy.Load(policy.Paths{}).Report())
	w := &Writer{Path: path, Now: c.Now, Interval: time.Hour,
		Document: func(now time.Time) Document {
			return FromAgent(agent.Status{Version: "1", PID: 7, Started: t0, Policy: pol.Load().(policy.Report)}, now)
		},
		OnError: func(err error) { t.Errorf("write: %v", err) },
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := w.Start(ctx)
	first := waitFor(t, path, "the first document", func(Document) bool { return true })
	if !first.Running || !first.WrittenAt.Equal(t0) {
		t.Errorf("first document: running %v, written at %v", first.Running, first.WrittenAt)
	}
	if runtime.GOOS != "windows" {
		for p, want := range map[string]os.FileMode{path: 0o600, filepath.Dir(path): 0o700} {
			if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != want {
				t.Errorf("%s: %v, mode %v; want %v", p, err, fi.Mode().Perm(), want)
			}
		}
	}

	// A policy change: written at once, not at the next heartbeat.
	dir := testdir.New(t)
	pol.Store(loaded(t, dir, map[string]string{"extra.json": `{"lock": {"idle_timeout": "1m"}}`}))
	c.Add(time.Second)
	w.Changed()
	changed := waitFor(t, path, "the new policy", func(d Document) bool { return d.PolicyFingerprint != first.PolicyFingerprint })
	if !changed.WrittenAt.Equal(t0.Add(time.Second)) {
		t.Errorf("after the change: written at %v", changed.WrittenAt)
	}
	cancel()
	<-done
	stopped, err := ReadFile(path)
	if err != nil || stopped.Running {
		t.Errorf("after the stop: %v, running %v", err, stopped.Running)
	}
	assertOnlyFile(t, path)
}

// TestWriterHeartbeat: with nothing changing, the file is rewritten every
// Interval, each time with the new time.
func TestWriterHeartbeat(t *testing.T) {
	path := filepath.Join(testdir.New(t), FileName)
	c := &clock{now: t0}
	var writes atomic.Int32
	w := &Writer{Path: path, Now: c.Now, Interval: 20 * time.Millisecond, Document: func(now time.Time) Document {
		writes.Add(1)
		c.Add(time.Minute)
		return FromAgent(agent.Status{Version: "1", PID: 7, Started: t0, Policy: policy.Load(policy.Paths{}).Report()}, now)
	}}
	ctx, cancel := context.WithCancel(context.Background())
	done := w.Start(ctx)
	waitFor(t, path, "three heartbeats", func(d Document) bool { return d.WrittenAt.Sub(t0) >= 3*time.Minute })
	cancel()
	<-done
	if n := writes.Load(); n < 4 {
		t.Errorf("%d writes", n)
	}
	assertOnlyFile(t, path)
}

// TestWriteFileAtomic: a reader never sees a part of a document, however
// often it is rewritten, and no temporary file is left. On Windows a
// rename over a file a reader holds open is refused, so a reader that
// never lets go (as this one, 300 reads back to back) can make a write
// give up after atomicfile's retries: the old, whole document then stays
// (the agent writes again at the next change or heartbeat). Such writes
// are counted, not failed; the reads go on until some writes have landed.
func TestWriteFileAtomic(t *testing.T) {
	path := filepath.Join(testdir.New(t), FileName)
	big := running(loaded(t, testdir.New(t), nil))
	if err := WriteFile(path, FromAgent(big, t0)); err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var landed, refused atomic.Int64
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			err := WriteFile(path, FromAgent(big, t0.Add(time.Duration(i)*time.Second)))
			switch {
			case err == nil:
				landed.Add(1)
			case inUse(err):
				refused.Add(1)
			default:
				t.Error(err)
				return
			}
		}
	}()
	// At least 300 reads, and on until three writes have landed (a
	// bound in reads, not in time, keeps a writer that never lands from
	// holding the test forever).
	for i := 0; i < 300 || (landed.Load() < 3 && i < 100_000); i++ {
		if _, err := ReadFile(path); err != nil {
			t.Errorf("read %d: %v", i, err)
			break
		}
	}
	close(stop)
	wg.Wait()
	t.Logf("%d writes landed, %d refused while the file was read", landed.Load(), refused.Load())
	if landed.Load() < 3 {
		t.Errorf("%d writes landed and %d were refused while the file was read, want at least 3 to land", landed.Load(), refused.Load())
	}
	assertOnlyFile(t, path)
}

// assertOnlyFile: no temporary file is left beside path.
func assertOnlyFile(t *testing.T, path string) {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(path))
	if err != nil || len(entries) != 1 || entries[0].Name() != FileName {
		t.Errorf("the directory holds %v (%v), want only %s", entries, err, FileName)
	}
}
