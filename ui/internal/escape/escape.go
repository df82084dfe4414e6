// Package escape makes Escape close Grendel's windows, as it closes a
// dialog in every program an office worker knows.
//
// A Fyne window hears a key only while no widget has the keyboard focus;
// a focused entry hears it instead. [Closes] covers the window, [Entry]
// the entries a window may focus.
package escape

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Closes makes Escape in w run close, the same function as the window's
// Close button and title bar. While a dialog or pop-up is open over the
// window, Escape is left to it: it never closes the window under a
// question the user has not answered. Keys other than Escape still reach
// the handler w had before.
func Closes(w fyne.Window, close func()) {
	c := w.Canvas()
	before := c.OnTypedKey()
	c.SetOnTypedKey(func(e *fyne.KeyEvent) {
		if e.Name != fyne.KeyEscape {
			if before != nil {
				before(e)
			}
			return
		}
		if c.Overlays().Top() != nil {
			return
		}
		close()
	})
}

// Entry is a [widget.Entry] that runs OnEscape when Escape is pressed
// while it has the focus; without OnEscape it is a plain entry.
type Entry struct {
	widget.Entry

	// OnEscape runs on Escape; the window's close function, usually.
	OnEscape func()
}

// NewEntry returns a single-line entry.
func NewEntry() *Entry {
	e := &Entry{}
	e.ExtendBaseWidget(e)
	return e
}

// NewPasswordEntry returns an entry that hides what is typed, with the
// eye button that shows it, as [widget.NewPasswordEntry].
func NewPasswordEntry() *Entry {
	e := &Entry{}
	e.Password = true
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey implements [fyne.Focusable].
func (e *Entry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && e.OnEscape != nil {
		e.OnEscape()
		return
	}
	e.Entry.TypedKey(k)
}
