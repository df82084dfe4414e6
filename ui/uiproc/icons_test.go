package uiproc

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"grendel/app/agent"
	"grendel/ui/exit"
	"grendel/ui/internal/uitest"
)

// TestButtonIcons: across the windows a user opens, every button has an
// icon, a button with the same words has the same icon, and every Close
// button has the window-close icon.
func TestButtonIcons(t *testing.T) {
	icons := map[string]string{} // button text → icon name
	where := map[string]agent.Window{}
	for _, window := range []agent.Window{agent.WindowStatus, agent.WindowSettings, agent.WindowCheck,
		agent.WindowGenerate, agent.WindowShares, agent.WindowFile, agent.WindowSend, agent.WindowQuit} {
		p, a, _ := newTestProc(t, &fakeAgent{})
		// No refresh from the agent while the buttons are read: the test
		// driver runs fyne.Do on the calling goroutine, so a refresh would
		// change the widgets under the walk.
		p.fetch = func(ctx context.Context) (agent.Status, error) { <-ctx.Done(); return agent.Status{}, ctx.Err() }
		if code := p.open(window); code != exit.OK {
			t.Fatalf("open(%s) = %d, want %d", window, code, exit.OK)
		}
		background.Wait() // the shares window's vault, opened in the background
		all := a.Driver().AllWindows()
		uitest.Walk(all[len(all)-1].Content(), func(o fyne.CanvasObject) bool {
			b, ok := o.(*widget.Button)
			if !ok || b.Text == "" {
				return true
			}
			if b.Icon == nil {
				t.Errorf("%s: button %q has no icon", window, b.Text)
				return true
			}
			name := b.Icon.Name()
			if b.Text == "Close" && name != theme.WindowCloseIcon().Name() {
				t.Errorf("%s: Close has the icon %s, want %s", window, name, theme.WindowCloseIcon().Name())
			}
			if prev, ok := icons[b.Text]; ok && prev != name {
				t.Errorf("%q has the icon %s in %s and %s in %s", b.Text, prev, where[b.Text], name, window)
			}
			icons[b.Text], where[b.Text] = name, window
			return true
		})
		closeAll(a)
		background.Wait()
	}
	if len(icons) < 10 {
		t.Errorf("found only %d buttons: %v", len(icons), icons)
	}
}
