package escape

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// TestCloses: Escape closes the window, other keys reach the handler it
// had, and Escape under a dialog closes the dialog alone, unanswered.
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
	answered := false
	d := dialog.NewConfirm("Delete?", "It is gone for good.", func(bool) { answered = true }, w)
	d.Show()
	w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if closed != 0 || answered || w.Canvas().Overlays().Top() != nil {
		t.Errorf("Escape under a dialog: window closed %d times, dialog answered %v, still open %v; want 0, false, false",
			closed, answered, w.Canvas().Overlays().Top() != nil)
	}
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

// TestSelectAndCheck: a clicked select or check box has the focus, and
// passes Escape to OnEscape; other keys still work.
func TestSelectAndCheck(t *testing.T) {
	a := test.NewTempApp(t)
	w := a.NewWindow("w")
	defer w.Close()
	escaped := 0
	sel := NewSelect([]string{"a", "b"}, nil)
	sel.OnEscape = func() { escaped++ }
	sel.SetSelected("a")
	check := NewCheck("c", nil)
	check.OnEscape = func() { escaped++ }
	w.SetContent(widget.NewForm(widget.NewFormItem("s", sel), widget.NewFormItem("", check)))

	w.Canvas().Focus(check)
	check.TypedRune(' ')
	check.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if !check.Checked || escaped != 1 {
		t.Errorf("check: checked %v, Escape ran %d times; want true and 1", check.Checked, escaped)
	}
	sel.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	sel.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if sel.Selected != "b" || escaped != 2 {
		t.Errorf("select: %q, Escape ran %d times; want b and 2", sel.Selected, escaped)
	}
}
