// Package clipguard puts a secret on the clipboard and takes it off again
// after a while, but only if the clipboard still holds it: a user who
// copied something else meanwhile keeps it. As gopass does, it keeps only a
// hash of the secret to compare, never the secret itself.
//
// The clipboard is behind a small interface, so that the UI can pass
// Fyne's (on its own goroutine) and tests a fake or the real X11 one.
package clipguard

import (
	"crypto/sha256"
	"crypto/subtle"
	"sync"
	"time"
)

// Clipboard is what the guard needs of a clipboard.
type Clipboard interface {
	// Content returns the clipboard's text.
	Content() string
	// SetContent replaces the clipboard's text.
	SetContent(string)
}

// Guard guards one secret at a time. Its methods are safe for concurrent
// use; it calls the Clipboard from its own timer goroutine too.
type Guard struct {
	clip Clipboard
	// onClear, if set, runs after each clear attempt (cleared tells
	// whether the clipboard still held the secret and was emptied).
	onClear func(cleared bool)

	mu      sync.Mutex
	hash    [sha256.Size]byte
	timer   *time.Timer
	pending bool
	gen     int
}

// New returns a guard over clip. onClear may be nil.
func New(clip Clipboard, onClear func(cleared bool)) *Guard {
	return &Guard{clip: clip, onClear: onClear}
}

// Copy puts secret on the clipboard and clears it after d, unless the
// clipboard holds something else by then. A second Copy replaces the
// first.
func (g *Guard) Copy(secret string, d time.Duration) {
	g.mu.Lock()
	if g.timer != nil {
		g.timer.Stop()
	}
	g.gen++
	gen := g.gen
	g.hash = sha256.Sum256([]byte(secret))
	g.pending = true
	g.clip.SetContent(secret)
	g.timer = time.AfterFunc(d, func() { g.clearIf(gen) })
	g.mu.Unlock()
}

// Pending reports whether a clear is still to come.
func (g *Guard) Pending() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.pending
}

// ClearNow clears the clipboard at once if it still holds the secret (as
// when the app closes), and reports whether it did.
func (g *Guard) ClearNow() bool {
	g.mu.Lock()
	gen := g.gen
	g.mu.Unlock()
	return g.clearIf(gen)
}

// ClearNowOn is [Guard.ClearNow] through another handle on the same
// clipboard: for the UI's last moments, when the guard's own clipboard
// (which waits for the UI goroutine) can no longer be used.
func (g *Guard) ClearNowOn(c Clipboard) bool {
	g.mu.Lock()
	gen := g.gen
	g.mu.Unlock()
	return g.clearOn(gen, c)
}

// clearIf clears the secret of Copy number gen, if it is still the latest
// and the clipboard still holds it.
func (g *Guard) clearIf(gen int) bool { return g.clearOn(gen, g.clip) }

func (g *Guard) clearOn(gen int, clip Clipboard) bool {
	g.mu.Lock()
	if gen != g.gen || !g.pending {
		g.mu.Unlock()
		return false
	}
	g.pending = false
	if g.timer != nil {
		g.timer.Stop()
	}
	h := sha256.Sum256([]byte(clip.Content()))
	ours := subtle.ConstantTimeCompare(h[:], g.hash[:]) == 1
	if ours {
		clip.SetContent("")
	}
	g.hash = [sha256.Size]byte{}
	onClear := g.onClear
	g.mu.Unlock()
	if onClear != nil {
		onClear(ours)
	}
	return ours
}

// Memory is a clipboard in memory, safe for concurrent use: for tests of
// the guard and of the windows that copy through it.
type Memory struct {
	mu sync.Mutex
	s  string
}

var _ Clipboard = (*Memory)(nil)

// Content implements [Clipboard].
func (m *Memory) Content() string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.s
}

// SetContent implements [Clipboard].
func (m *Memory) SetContent(s string) {
	m.mu.Lock()
	m.s = s
	m.mu.Unlock()
}
