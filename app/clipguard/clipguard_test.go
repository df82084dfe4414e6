package clipguard

import (
	"sync"
	"testing"
	"time"
)

func TestGuard(t *testing.T) {
	for _, tc := range []struct {
		name        string
		meanwhile   string // what the user copies before the clear; "" nothing
		wantCleared bool
		want        string
	}{
		{"cleared after the time", "", true, ""},
		{"the user copied something else: left alone", "an address", false, "an address"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			clip := &Memory{s: "before"}
			done := make(chan bool, 1)
			g := New(clip, func(c bool) { done <- c })
			g.Copy("Zomer-fiets-kaas-regen", 50*time.Millisecond)
			if clip.Content() != "Zomer-fiets-kaas-regen" || !g.Pending() {
				t.Fatalf("after Copy: clipboard %q, pending %v", clip.Content(), g.Pending())
			}
			if tc.meanwhile != "" {
				clip.SetContent(tc.meanwhile)
			}
			select {
			case c := <-done:
				if c != tc.wantCleared {
					t.Errorf("cleared = %v, want %v", c, tc.wantCleared)
				}
			case <-time.After(5 * time.Second):
				t.Fatal("no clear")
			}
			if clip.Content() != tc.want || g.Pending() {
				t.Errorf("after the clear: clipboard %q, pending %v; want %q", clip.Content(), g.Pending(), tc.want)
			}
		})
	}
}

func TestGuardClearNowAndReplace(t *testing.T) {
	clip := &Memory{}
	n := 0
	var mu sync.Mutex
	g := New(clip, func(bool) { mu.Lock(); n++; mu.Unlock() })
	g.Copy("first", time.Hour)
	g.Copy("second", time.Hour)
	if !g.ClearNow() || clip.Content() != "" || g.Pending() {
		t.Errorf("ClearNow: clipboard %q, pending %v", clip.Content(), g.Pending())
	}
	if g.ClearNow() {
		t.Error("a second ClearNow cleared again")
	}
	// A replaced copy's timer never fires a clear of its own.
	g.Copy("third", 20*time.Millisecond)
	g.Copy("fourth", time.Hour)
	time.Sleep(100 * time.Millisecond)
	if clip.Content() != "fourth" {
		t.Errorf("the first copy's timer cleared the second: %q", clip.Content())
	}
	mu.Lock()
	defer mu.Unlock()
	if n != 1 {
		t.Errorf("onClear ran %d times, want 1", n)
	}
}

func TestGuardClearNowOn(t *testing.T) {
	clip := &Memory{}
	g := New(clip, nil)
	g.Copy("secret", time.Hour)
	other := clip // the same clipboard through another handle
	if !g.ClearNowOn(other) || clip.Content() != "" || g.Pending() {
		t.Errorf("ClearNowOn: clipboard %q, pending %v", clip.Content(), g.Pending())
	}
}
