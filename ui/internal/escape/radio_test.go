package escape

import (
	"image"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// TestRadio: a click chooses an option and gives it the focus, Space
// chooses the focused option, Escape from it runs OnEscape, a Required
// group keeps its choice, a disabled group ignores clicks; OnChanged runs
// once per change.
func TestRadio(t *testing.T) {
	a := test.NewTempApp(t)
	w := a.NewWindow("w")
	defer w.Close()
	var changes []string
	r := NewRadio([]string{"SMS", "Phone call", "Another way"}, func(s string) { changes = append(changes, s) })
	escaped := 0
	r.OnEscape = func() { escaped++ }
	w.SetContent(r)

	test.Tap(r.items[1])
	if r.Selected != "Phone call" || w.Canvas().Focused() != r.items[1] {
		t.Fatalf("click: selected %q, focus %v; want Phone call and its option", r.Selected, w.Canvas().Focused())
	}
	r.items[1].TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if escaped != 1 {
		t.Errorf("Escape from a clicked option ran OnEscape %d times, want 1", escaped)
	}
	w.Canvas().Focus(r.items[2])
	r.items[2].TypedRune(' ')
	if r.Selected != "Another way" {
		t.Errorf("Space: selected %q, want Another way", r.Selected)
	}
	test.Tap(r.items[2]) // not Required: a click on the chosen option clears it
	if r.Selected != "" {
		t.Errorf("click on the chosen option: selected %q, want none", r.Selected)
	}
	r.Required = true
	r.SetSelected("SMS")
	test.Tap(r.items[0])
	if r.Selected != "SMS" {
		t.Errorf("Required: a click on the chosen option left %q, want SMS", r.Selected)
	}
	r.Disable()
	test.Tap(r.items[1])
	if r.Selected != "SMS" {
		t.Errorf("disabled: a click chose %q, want SMS kept", r.Selected)
	}
	want := []string{"Phone call", "Another way", "", "SMS"}
	if len(changes) != len(want) {
		t.Fatalf("OnChanged ran with %q, want %q", changes, want)
	}
	for i := range want {
		if changes[i] != want[i] {
			t.Errorf("OnChanged ran with %q, want %q", changes, want)
		}
	}
}

// TestRadioLooksLikeFyne: the group is drawn as Fyne draws its own radio
// group, in a row and in a column, chosen and not, enabled and disabled.
func TestRadioLooksLikeFyne(t *testing.T) {
	a := test.NewTempApp(t)
	for _, horizontal := range []bool{true, false} {
		for _, disabled := range []bool{false, true} {
			ours := NewRadio([]string{"Passphrase", "Random characters"}, nil)
			theirs := widget.NewRadioGroup([]string{"Passphrase", "Random characters"}, nil)
			ours.Horizontal, theirs.Horizontal = horizontal, horizontal
			ours.SetSelected("Random characters")
			theirs.SetSelected("Random characters")
			if disabled {
				ours.Disable()
				theirs.Disable()
			}
			a, b := draw(t, a, ours), draw(t, a, theirs)
			if a.Bounds() != b.Bounds() {
				t.Errorf("horizontal %v, disabled %v: size %v, Fyne's %v", horizontal, disabled, a.Bounds(), b.Bounds())
				continue
			}
			for i := range a.Pix {
				if a.Pix[i] != b.Pix[i] {
					t.Errorf("horizontal %v, disabled %v: drawn differently from Fyne's radio group", horizontal, disabled)
					break
				}
			}
		}
	}
}

func draw(t *testing.T, a fyne.App, o fyne.CanvasObject) *image.NRGBA {
	t.Helper()
	w := a.NewWindow("w")
	defer w.Close()
	w.SetContent(o)
	w.Resize(o.MinSize().AddWidthHeight(20, 20))
	img := w.Canvas().Capture()
	out := image.NewNRGBA(img.Bounds())
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
			out.Set(x, y, img.At(x, y))
		}
	}
	return out
}

// TestSelectEntry: a focused entry with options passes Escape to OnEscape,
// keeps typing, and offers its options.
func TestSelectEntry(t *testing.T) {
	a := test.NewTempApp(t)
	w := a.NewWindow("w")
	defer w.Close()
	e := NewSelectEntry([]string{"Acme BV", "Beispiel GmbH"})
	escaped := 0
	e.OnEscape = func() { escaped++ }
	w.SetContent(e)
	w.Canvas().Focus(e)
	test.Type(e, "Acme")
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if e.Text != "Acme" || escaped != 1 {
		t.Errorf("text %q, Escape ran %d times; want Acme and 1", e.Text, escaped)
	}
	if e.ActionItem == nil {
		t.Error("no button to open the options")
	}
}
