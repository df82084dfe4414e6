// Package clipboard connects Fyne's clipboard to the core's clipboard
// guard (app/clipguard), which clears a copied secret after a while if
// the clipboard still holds it.
package clipboard

import (
	"fyne.io/fyne/v2"

	"grendel/app/clipguard"
)

// fyneClipboard implements [clipguard.Clipboard] on Fyne's clipboard. Its
// methods run the clipboard calls on the UI goroutine and wait for them, so
// they must be called from another goroutine.
type fyneClipboard struct{ c fyne.Clipboard }

func (f fyneClipboard) Content() string {
	var s string
	fyne.DoAndWait(func() { s = f.c.Content() })
	return s
}

func (f fyneClipboard) SetContent(s string) {
	fyne.DoAndWait(func() { f.c.SetContent(s) })
}

// NewGuard returns a guard over a's clipboard. Call its methods from a
// goroutine other than the UI's. onClear may be nil.
func NewGuard(a fyne.App, onClear func(cleared bool)) *clipguard.Guard {
	return clipguard.New(fyneClipboard{a.Clipboard()}, onClear)
}
