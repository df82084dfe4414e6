// Package escape makes Escape close Grendel's windows, as it closes a
// dialog in every program an office worker knows.
//
// A Fyne window hears a key only while no widget has the keyboard focus;
// a focused widget hears it instead, and an entry has the focus while the
// user types, a select or check box after a click. [Closes] covers the
// window; [Entry], [SelectEntry], [Select], [Check] and [Radio] pass
// Escape on from the focus.
package escape

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Closes makes Escape in w run close, the same function as the window's
// Close button and title bar. While a dialog is open over the window,
// Escape closes the dialog instead, as its Cancel button does (the
// dialog's action does not run); it never closes the window under a
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
		if top := c.Overlays().Top(); top != nil {
			top.Hide()
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
func (e *Entry) TypedKey(k *fyne.KeyEvent) { typed(k, e.OnEscape, e.Entry.TypedKey) }

// Select is a [widget.Select] that runs OnEscape when Escape is pressed
// while it has the focus, which it takes when clicked.
type Select struct {
	widget.Select

	// OnEscape runs on Escape; the window's close function, usually.
	OnEscape func()
}

// NewSelect returns a select of options that calls changed, as
// [widget.NewSelect].
func NewSelect(options []string, changed func(string)) *Select {
	s := &Select{}
	s.Options, s.OnChanged = options, changed
	s.ExtendBaseWidget(s)
	return s
}

// TypedKey implements [fyne.Focusable].
func (s *Select) TypedKey(k *fyne.KeyEvent) { typed(k, s.OnEscape, s.Select.TypedKey) }

// Check is a [widget.Check] that runs OnEscape when Escape is pressed
// while it has the focus, which it takes when clicked.
type Check struct {
	widget.Check

	// OnEscape runs on Escape; the window's close function, usually.
	OnEscape func()
}

// NewCheck returns a check box that reads label and calls changed, as
// [widget.NewCheck].
func NewCheck(label string, changed func(bool)) *Check {
	c := &Check{}
	c.Text, c.OnChanged = label, changed
	c.ExtendBaseWidget(c)
	return c
}

// TypedKey implements [fyne.Focusable].
func (c *Check) TypedKey(k *fyne.KeyEvent) { typed(k, c.OnEscape, c.Check.TypedKey) }

// SelectEntry is a [widget.SelectEntry] (an entry with a list to choose
// from) that runs OnEscape when Escape is pressed while it has the focus.
type SelectEntry struct {
	widget.SelectEntry

	// OnEscape runs on Escape; the window's close function, usually.
	OnEscape func()
}

// NewSelectEntry returns an entry with the options to choose from, as
// [widget.NewSelectEntry].
func NewSelectEntry(options []string) *SelectEntry {
	e := &SelectEntry{}
	e.ExtendBaseWidget(e)
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	e.SetOptions(options)
	return e
}

// TypedKey implements [fyne.Focusable].
func (e *SelectEntry) TypedKey(k *fyne.KeyEvent) { typed(k, e.OnEscape, e.SelectEntry.TypedKey) }

// typed passes Escape to onEscape, if set, and every other key to next.
func typed(k *fyne.KeyEvent, onEscape func(), next func(*fyne.KeyEvent)) {
	if k.Name == fyne.KeyEscape && onEscape != nil {
		onEscape()
		return
	}
	next(k)
}
