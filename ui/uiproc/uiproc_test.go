package uiproc

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"grendel/app/agent"
	"grendel/app/ipc"
	"grendel/internal/testdir"
	"grendel/ui/exit"
	"grendel/ui/internal/escape"
	"grendel/ui/internal/uitest"
	"grendel/ui/statuswin"
)

// fakeAgent answers a window process's questions as an agent would, or
// says there is none.
type fakeAgent struct {
	mu      sync.Mutex
	running bool
	asked   []ipc.Op
}

func (f *fakeAgent) ask(_ context.Context, req ipc.Request) (ipc.Response, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.asked = append(f.asked, req.Op)
	if !f.running {
		return ipc.Response{}, ipc.ErrNoAgent
	}
	return ipc.Success(nil), nil
}

func (f *fakeAgent) fetch(context.Context) (agent.Status, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.running {
		return agent.Status{}, ipc.ErrNoAgent
	}
	return agent.Status{Version: "agent"}, nil
}

// newTestProc returns a window process on Fyne's test driver, with the
// user's settings and state (the audit trail) in temporary directories.
func newTestProc(t *testing.T, f *fakeAgent) (*proc, fyne.App, *bytes.Buffer) {
	t.Helper()
	config, state := testdir.New(t), testdir.New(t)
	t.Setenv("XDG_CONFIG_HOME", config)
	t.Setenv("AppData", config) // os.UserConfigDir on Windows
	t.Setenv("XDG_STATE_HOME", state)
	t.Setenv("LOCALAPPDATA", state) // the audit trail on Windows
	a := test.NewTempApp(t)
	var stderr bytes.Buffer
	return &proc{app: a, opts: agent.Options{Version: "test"}, ask: f.ask, fetch: f.fetch, every: time.Hour, stderr: &stderr}, a, &stderr
}

// titles returns the titles of a's windows, but for the test driver's own
// untitled one.
func titles(a fyne.App) []string {
	var out []string
	for _, w := range a.Driver().AllWindows() {
		if w.Title() != "" {
			out = append(out, w.Title())
		}
	}
	return out
}

// closeAll closes the windows a process opened in a.
func closeAll(a fyne.App) {
	for _, w := range a.Driver().AllWindows() {
		if w.Title() != "" {
			w.Close()
		}
	}
}

// TestOpenDispatch: each window name opens its window; an unknown name is
// a usage error that names the windows.
func TestOpenDispatch(t *testing.T) {
	for _, tc := range []struct {
		window agent.Window
		title  string
	}{
		{agent.WindowStatus, "Grendel — status"},
		{agent.WindowSettings, "Grendel — settings"},
		{agent.WindowCheck, "Grendel — check a password"},
		{agent.WindowGenerate, "Grendel — generate a password"},
		{agent.WindowFile, "Grendel — check a file"},
		{agent.WindowSend, "Grendel — send a file safely"},
		{agent.WindowQuit, "Grendel — quit"},
	} {
		t.Run(string(tc.window), func(t *testing.T) {
			p, a, _ := newTestProc(t, &fakeAgent{})
			// No answer until the window closes: nothing updates the
			// window off this goroutine while the test looks at it.
			p.fetch = func(ctx context.Context) (agent.Status, error) { <-ctx.Done(); return agent.Status{}, ctx.Err() }
			defer closeAll(a)
			if code := p.open(tc.window); code != exit.OK {
				t.Fatalf("open(%s) = %d, want %d", tc.window, code, exit.OK)
			}
			titles := titles(a)
			if len(titles) != 1 || titles[0] != tc.title {
				t.Errorf("open(%s) showed windows %q, want [%q]", tc.window, titles, tc.title)
			}
		})
	}
	p, a, stderr := newTestProc(t, &fakeAgent{})
	if code := p.open("lobby"); code != exit.Usage || !strings.Contains(stderr.String(), "unknown window lobby") {
		t.Errorf("open(lobby) = %d, said %q; want %d and the windows", code, stderr.String(), exit.Usage)
	}
	if got := titles(a); len(got) != 0 {
		t.Errorf("open(lobby) opened %q", got)
	}
}

// TestQuitWindow: the quit window asks the agent to quit only when the
// user confirms; Escape closes it and asks nothing.
func TestQuitWindow(t *testing.T) {
	f := &fakeAgent{running: true}
	p, a, _ := newTestProc(t, f)
	defer closeAll(a)
	p.open(agent.WindowQuit)
	w := a.Driver().AllWindows()[len(a.Driver().AllWindows())-1]
	w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if got := titles(a); len(got) != 0 {
		t.Errorf("after Escape the windows %q are open", got)
	}
	f.mu.Lock()
	asked := slices.Clone(f.asked)
	f.mu.Unlock()
	if len(asked) != 0 {
		t.Errorf("Escape asked the agent %v, want nothing", asked)
	}
}

// TestEscapeCloses: Escape closes every window a user opens, whether a
// widget has the focus (the check window's entry has it at once) or not;
// the warning's Escape is input, which ends the warning anyway.
func TestEscapeCloses(t *testing.T) {
	for _, window := range []agent.Window{agent.WindowStatus, agent.WindowSettings, agent.WindowCheck,
		agent.WindowGenerate, agent.WindowShares, agent.WindowFile, agent.WindowSend, agent.WindowQuit, agent.WindowWarning} {
		t.Run(string(window), func(t *testing.T) {
			p, a, _ := newTestProc(t, &fakeAgent{})
			p.fetch = func(ctx context.Context) (agent.Status, error) { <-ctx.Done(); return agent.Status{}, ctx.Err() }
			defer closeAll(a)
			if code := p.open(window); code != exit.OK {
				t.Fatalf("open(%s) = %d, want %d", window, code, exit.OK)
			}
			all := a.Driver().AllWindows()
			w := all[len(all)-1]
			esc := &fyne.KeyEvent{Name: fyne.KeyEscape}
			if f := w.Canvas().Focused(); f != nil {
				f.TypedKey(esc)
			} else {
				w.Canvas().OnTypedKey()(esc)
			}
			if got := titles(a); len(got) != 0 {
				t.Errorf("after Escape in %s the windows %q are open", window, got)
			}
			background.Wait()
		})
	}
}

// TestEscapeFromAClickedSelect: a select that took the focus when clicked
// passes Escape on, so the window still closes.
func TestEscapeFromAClickedSelect(t *testing.T) {
	for _, window := range []agent.Window{agent.WindowGenerate, agent.WindowSettings} {
		t.Run(string(window), func(t *testing.T) {
			p, a, _ := newTestProc(t, &fakeAgent{})
			defer closeAll(a)
			p.open(window)
			all := a.Driver().AllWindows()
			w := all[len(all)-1]
			var sel *escape.Select
			uitest.Walk(w.Content(), func(o fyne.CanvasObject) bool {
				if s, ok := o.(*escape.Select); ok && sel == nil && !s.Disabled() {
					sel = s
				}
				return sel == nil
			})
			if sel == nil {
				t.Fatal("no select in the window")
			}
			w.Canvas().Focus(sel)
			w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
			if got := titles(a); len(got) != 0 {
				t.Errorf("after Escape in a focused select the windows %q are open", got)
			}
		})
	}
}

// TestEscapeFromAClickedRadio: an option of a radio group takes the focus
// when clicked, and passes Escape on, so the window still closes.
func TestEscapeFromAClickedRadio(t *testing.T) {
	p, a, _ := newTestProc(t, &fakeAgent{})
	defer closeAll(a)
	p.open(agent.WindowGenerate)
	all := a.Driver().AllWindows()
	w := all[len(all)-1]
	var option fyne.Tappable
	uitest.Walk(w.Content(), func(o fyne.CanvasObject) bool {
		if _, ok := o.(*escape.Radio); ok || option != nil {
			return option == nil
		}
		if f, ok := o.(interface {
			fyne.Tappable
			fyne.Focusable
		}); ok && option == nil && fmt.Sprintf("%T", o) == "*escape.radioOption" {
			option = f
		}
		return option == nil
	})
	if option == nil {
		t.Fatal("no radio option in the generator window")
	}
	test.Tap(option)
	if w.Canvas().Focused() == nil {
		t.Fatal("the clicked option has no focus")
	}
	w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if got := titles(a); len(got) != 0 {
		t.Errorf("after Escape in a clicked radio option the windows %q are open", got)
	}
}

// TestStatusShowsAtOnce: the status window is shown while the agent has
// not answered yet; the answer fills it in later.
func TestStatusShowsAtOnce(t *testing.T) {
	release := make(chan struct{})
	f := &fakeAgent{}
	p, a, _ := newTestProc(t, f)
	p.fetch = func(ctx context.Context) (agent.Status, error) {
		select {
		case <-release:
		case <-ctx.Done():
		}
		return f.fetch(ctx)
	}
	opened := make(chan int)
	go func() { opened <- p.open(agent.WindowStatus) }()
	select {
	case code := <-opened:
		if code != exit.OK {
			t.Fatalf("open = %d", code)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("the status window waited for the agent's answer")
	}
	if got := titles(a); len(got) != 1 {
		t.Errorf("windows %q, want the status window", got)
	}
	closeAll(a) // the answer then comes to a closed window, and is dropped
	close(release)
}

// TestFollowOneQuestionAtATime: however often the ticks and the Refresh
// button come, the status window asks the agent one question at a time.
func TestFollowOneQuestionAtATime(t *testing.T) {
	var inFlight, most, calls atomic.Int32
	p := &proc{opts: agent.Options{Version: "test"}, every: time.Millisecond, fetch: func(context.Context) (agent.Status, error) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		calls.Add(1)
		time.Sleep(20 * time.Millisecond) // slower than the ticks
		return agent.Status{}, nil
	}}
	ctx, cancel := context.WithCancel(context.Background())
	again := make(chan struct{}, 1)
	shown := make(chan statuswin.State, 100)
	done := make(chan struct{})
	go func() { defer close(done); p.follow(ctx, again, func(s statuswin.State) { shown <- s }) }()
	for range 20 {
		select {
		case again <- struct{}{}:
		default:
		}
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	<-done
	if most.Load() != 1 || calls.Load() < 2 {
		t.Errorf("%d questions, at most %d at once; want several, one at a time", calls.Load(), most.Load())
	}
	if s := <-shown; !s.Running {
		t.Errorf("first state %+v, want the agent's", s)
	}
}
