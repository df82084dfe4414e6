package policy

import (
	"testing"
	"time"
)

// A read that does not finish (a hung network or FUSE file system) is
// given up after the timeout and reported; while it hangs, a second read of
// the same file gives up at once instead of piling up; once it returns,
// the file is read again.
func TestReadWithinGivesUp(t *testing.T) {
	release := make(chan struct{})
	hang := func() ([]byte, *Problem) { <-release; return []byte("{}"), nil }
	start := time.Now()
	_, p := readWithin("slow.json", 50*time.Millisecond, hang)
	if p == nil || p.Code != CodeReadTimeout || p.File != "slow.json" {
		t.Fatalf("a read that hangs: problem %+v, want read_timeout", p)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("giving up took %v", took)
	}
	called := false
	_, p = readWithin("slow.json", time.Hour, func() ([]byte, *Problem) { called = true; return nil, nil })
	if called || p == nil || p.Code != CodeReadTimeout {
		t.Errorf("while the first read hangs: called %v, problem %+v; want no second read, read_timeout", called, p)
	}
	close(release)
	deadline := time.Now().Add(2 * time.Second)
	for {
		data, p := readWithin("slow.json", time.Second, func() ([]byte, *Problem) { return []byte("{}"), nil })
		if p == nil && string(data) == "{}" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after the hung read returned: %q, %+v; want the file read", data, p)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// The Loader numbers its loads in the order they start, and knows a load
// is pending from a change until a later load finishes.
func TestLoaderGenerations(t *testing.T) {
	l := &Loader{}
	a, b := l.Load(), l.Load()
	if a.Generation == 0 || b.Generation <= a.Generation {
		t.Errorf("generations %d then %d, want increasing from 1", a.Generation, b.Generation)
	}
	if _, ok := l.Pending(); ok {
		t.Error("pending after every load finished")
	}
	l.Changed()
	if _, ok := l.Pending(); !ok {
		t.Error("not pending after a change")
	}
	if c := l.Load(); c.Generation <= b.Generation {
		t.Errorf("generation %d after %d", c.Generation, b.Generation)
	}
	if _, ok := l.Pending(); ok {
		t.Error("pending after the load that followed the change")
	}
}
