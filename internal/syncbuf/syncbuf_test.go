package syncbuf

import (
	"strings"
	"sync"
	"testing"
)

// TestBuffer: writes from many goroutines all land, whole, while others
// read (go test -race finds an unguarded access).
func TestBuffer(t *testing.T) {
	var b Buffer
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(2)
		go func() {
			defer wg.Done()
			for range 100 {
				_, _ = b.Write([]byte("ab\n"))
			}
		}()
		go func() {
			defer wg.Done()
			for range 100 {
				_ = b.String()
			}
		}()
	}
	wg.Wait()
	if got := b.String(); got != strings.Repeat("ab\n", 800) {
		t.Errorf("got %d bytes, want 800 whole lines", len(got))
	}
}
