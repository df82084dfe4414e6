package escape

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// TestCloses: Escape closes the window, other keys reach the handler it
// had, and an open dialog keeps the window.
func TestCloses(t *testing.T) {
	a := test.NewTempApp(t)
	w := a.NewWindow("w")
	w.SetContent(widget.NewLabel("x"))
	var other []fyne.KeyName
	w.Canvas().SetOnTypedKey(func(e *fyne.KeyEvent) { other = append(other, e.Name) })
	closed := 0
	Closes(w, func() { closed++ })

	w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if closed != 0 || len(other) != 1 {
		t.Errorf("Return: closed %d times, other keys %v; want 0 and [Return]", closed, other)
	}
	pop := widget.NewModalPopUp(widget.NewLabel("sure?"), w.Canvas())
	pop.Show()
	w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if closed != 0 {
		t.Errorf("Escape under a dialog closed the window")
	}
	pop.Hide()
	w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if closed != 1 {
		t.Errorf("Escape closed %d times, want 1", closed)
	}
}

// TestEntry: a focused entry passes Escape to OnEscape and keeps typing.
func TestEntry(t *testing.T) {
	a := test.NewTempApp(t)
	for _, e := range []*Entry{NewEntry(), NewPasswordEntry()} {
		w := a.NewWindow("w")
		w.SetContent(e)
		escaped := 0
		e.OnEscape = func() { escaped++ }
		w.Canvas().Focus(e)
		test.Type(e, "abc")
		e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
		e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
		if e.Text != "ab" || escaped != 1 {
			t.Errorf("password %v: text %q, Escape ran %d times; want \"ab\" and 1", e.Password, e.Text, escaped)
		}
		w.Close()
	}
}
