package sleep

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeLogind is a [manager] that records, in order, what happens to its
// inhibitors and to the function before sleep.
type fakeLogind struct {
	events chan bool
	log    chan string

	mu     sync.Mutex
	n      int     // inhibitors taken
	held   int     // inhibitors not yet released
	refuse []error // answers to the next Inhibit calls, nil for granting
}

func newFake() *fakeLogind {
	return &fakeLogind{events: make(chan bool), log: make(chan string, 100)}
}

// fakeLock is an inhibitor of the fake.
type fakeLock struct {
	f    *fakeLogind
	n    int
	once sync.Once
}

func (l *fakeLock) Close() error {
	released := false
	l.once.Do(func() {
		l.f.mu.Lock()
		l.f.held--
		l.f.mu.Unlock()
		released = true
	})
	if !released {
		return fmt.Errorf("inhibitor %d released twice", l.n)
	}
	l.f.log <- fmt.Sprintf("release %d", l.n)
	return nil
}

func (f *fakeLogind) Inhibit(ctx context.Context) (io.Closer, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.refuse) > 0 {
		err := f.refuse[0]
		f.refuse = f.refuse[1:]
		if err != nil {
			f.log <- "refused"
			return nil, err
		}
	}
	f.n++
	f.held++
	f.log <- fmt.Sprintf("take %d", f.n)
	return &fakeLock{f: f, n: f.n}, nil
}

func (f *fakeLogind) PrepareForSleep() <-chan bool { return f.events }

// heldNow returns the number of inhibitors held.
func (f *fakeLogind) heldNow() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.held
}

// next waits for the next entry of the log.
func next(t *testing.T, log <-chan string) string {
	t.Helper()
	select {
	case got := <-log:
		return got
	case <-time.After(5 * time.Second):
		t.Fatal("no event after 5s")
		return ""
	}
}

// expect waits for the next entries of the log to be want, in order.
func expect(t *testing.T, log <-chan string, want ...string) {
	t.Helper()
	for _, w := range want {
		if got := next(t, log); got != w {
			t.Fatalf("next event = %q, want %q", got, w)
		}
	}
}

// quiet checks that nothing more is logged for a while.
func quiet(t *testing.T, log <-chan string) {
	t.Helper()
	select {
	case got := <-log:
		t.Fatalf("unexpected event %q", got)
	case <-time.After(50 * time.Millisecond):
	}
}

// watching runs w.run with the fake until the test ends; the returned
// channel is closed when run returns, and *result is then what it returned.
func watching(t *testing.T, w *Watcher, f *fakeLogind, beforeSleep func(context.Context)) (cancel context.CancelFunc, done <-chan struct{}, result *error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ch := make(chan struct{})
	result = new(error)
	go func() {
		defer close(ch)
		*result = w.run(ctx, f, beforeSleep)
	}()
	t.Cleanup(func() {
		cancel()
		<-ch
	})
	return cancel, ch, result
}

// gate is a function before sleep that logs its start and end and returns
// only when the test opens it (or its context ends).
type gate struct {
	log  chan string
	open chan struct{}
	ctx  chan error // the function's ctx.Err() as it returns
}

func newGate(log chan string) *gate {
	return &gate{log: log, open: make(chan struct{}, 10), ctx: make(chan error, 10)}
}

func (g *gate) beforeSleep(ctx context.Context) {
	g.log <- "lock"
	select {
	case <-g.open:
	case <-ctx.Done():
	}
	g.ctx <- ctx.Err()
	g.log <- "locked"
}

func TestWatchHoldsSleepUntilLocked(t *testing.T) {
	f := newFake()
	g := newGate(f.log)
	_, _, _ = watching(t, &Watcher{}, f, g.beforeSleep)
	expect(t, f.log, "take 1")

	for cycle := 1; cycle <= 2; cycle++ {
		f.events <- true
		expect(t, f.log, "lock")
		// The lock is running: the sleep must still be held back.
		quiet(t, f.log)
		if held := f.heldNow(); held != 1 {
			t.Fatalf("cycle %d: %d inhibitors held while locking, want 1", cycle, held)
		}
		g.open <- struct{}{}
		expect(t, f.log, "locked", fmt.Sprintf("release %d", cycle))
		if err := <-g.ctx; err != nil {
			t.Errorf("cycle %d: the function's ctx ended early: %v", cycle, err)
		}
		// Asleep: nothing more until the resume.
		quiet(t, f.log)
		if held := f.heldNow(); held != 0 {
			t.Fatalf("cycle %d: %d inhibitors held while asleep, want 0", cycle, held)
		}
		f.events <- false
		expect(t, f.log, fmt.Sprintf("take %d", cycle+1))
	}
}

func TestWatchOverrun(t *testing.T) {
	f := newFake()
	g := newGate(f.log)
	var logs strings.Builder
	var mu sync.Mutex
	w := &Watcher{Timeout: 100 * time.Millisecond, Logf: func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(&logs, format+"\n", args...)
	}}
	_, _, _ = watching(t, w, f, g.beforeSleep)
	expect(t, f.log, "take 1")
	start := time.Now()
	f.events <- true
	// The function never opens the gate: the timeout lets the sleep go on,
	// and the function's ctx ends.
	expect(t, f.log, "lock")
	got := []string{next(t, f.log), next(t, f.log)}
	if strings.Join(got, ",") != "locked,release 1" && strings.Join(got, ",") != "release 1,locked" {
		t.Fatalf("after the timeout: %q, want locked and release 1", got)
	}
	if took := time.Since(start); took < 100*time.Millisecond || took > 3*time.Second {
		t.Errorf("the sleep was held for %v, want about the 100ms timeout", took)
	}
	if err := <-g.ctx; !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("the function's ctx ended with %v, want DeadlineExceeded", err)
	}
	f.events <- false
	expect(t, f.log, "take 2")
	mu.Lock()
	defer mu.Unlock()
	if !strings.Contains(logs.String(), "did not finish within 100ms") {
		t.Errorf("Logf got %q, want a word about the overrun", logs.String())
	}
}

func TestWatchResumeBeforeLocked(t *testing.T) {
	// logind gives up waiting (InhibitDelayMaxSec) and the machine sleeps
	// and wakes while the function still runs: the old inhibitor goes when
	// the function returns, and a new one is taken at once.
	f := newFake()
	g := newGate(f.log)
	_, _, _ = watching(t, &Watcher{}, f, g.beforeSleep)
	expect(t, f.log, "take 1")
	f.events <- true
	expect(t, f.log, "lock")
	f.events <- false
	quiet(t, f.log)
	g.open <- struct{}{}
	expect(t, f.log, "locked", "release 1", "take 2")
	if held := f.heldNow(); held != 1 {
		t.Errorf("%d inhibitors held after the resume, want 1", held)
	}
}

func TestWatchRefusedAfterResume(t *testing.T) {
	f := newFake()
	g := newGate(f.log)
	var logged sync.WaitGroup
	logged.Add(1)
	var once sync.Once
	w := &Watcher{Logf: func(string, ...any) { once.Do(logged.Done) }}
	_, _, _ = watching(t, w, f, g.beforeSleep)
	expect(t, f.log, "take 1")
	f.mu.Lock()
	f.refuse = []error{errors.New("access denied")}
	f.mu.Unlock()

	f.events <- true
	expect(t, f.log, "lock")
	g.open <- struct{}{}
	expect(t, f.log, "locked", "release 1")
	f.events <- false
	expect(t, f.log, "refused")
	logged.Wait()

	// Without an inhibitor the next sleep still runs the function.
	f.events <- true
	expect(t, f.log, "lock")
	g.open <- struct{}{}
	expect(t, f.log, "locked")
	f.events <- false
	expect(t, f.log, "take 2")
}

func TestWatchFirstInhibitRefused(t *testing.T) {
	f := newFake()
	refusal := errors.New("no logind")
	f.refuse = []error{refusal}
	err := (&Watcher{}).run(context.Background(), f, func(context.Context) { t.Error("called without a sleep") })
	if !errors.Is(err, refusal) {
		t.Errorf("run() = %v, want %v", err, refusal)
	}
}

func TestWatchEnds(t *testing.T) {
	t.Run("ctx", func(t *testing.T) {
		f := newFake()
		cancel, done, result := watching(t, &Watcher{}, f, func(context.Context) {})
		expect(t, f.log, "take 1")
		cancel()
		<-done
		if err := *result; !errors.Is(err, context.Canceled) {
			t.Errorf("run() = %v, want Canceled", err)
		}
		expect(t, f.log, "release 1")
	})
	t.Run("connection lost", func(t *testing.T) {
		f := newFake()
		_, done, result := watching(t, &Watcher{}, f, func(context.Context) {})
		expect(t, f.log, "take 1")
		close(f.events)
		<-done
		if err := *result; !errors.Is(err, ErrDisconnected) {
			t.Errorf("run() = %v, want ErrDisconnected", err)
		}
		expect(t, f.log, "release 1")
	})
}
