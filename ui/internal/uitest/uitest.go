// Package uitest holds what the window packages' tests share: reading what
// a window shows, as a person would, through Fyne's test driver.
package uitest

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"grendel/ui/internal/escape"
)

// Texts returns, in order, the text of every visible label, check, button
// and form item under o.
func Texts(o fyne.CanvasObject) []string {
	var out []string
	var walkForm func(fyne.CanvasObject) bool
	walkForm = func(o fyne.CanvasObject) bool {
		if !o.Visible() {
			return false
		}
		switch w := o.(type) {
		case *widget.Label:
			out = append(out, w.Text)
		case *widget.Check:
			out = append(out, w.Text)
		case *escape.Check:
			out = append(out, w.Text)
		case *widget.Button:
			out = append(out, w.Text)
		case *widget.Form:
			for _, it := range w.Items {
				out = append(out, it.Text)
				Walk(it.Widget, walkForm)
			}
		default:
			return true
		}
		return false
	}
	Walk(o, walkForm)
	return out
}

// Text returns the drawn text under o that reads text (a form's label,
// say), or nil.
func Text(o fyne.CanvasObject, text string) *canvas.Text {
	var found *canvas.Text
	Walk(o, func(o fyne.CanvasObject) bool {
		if t, ok := o.(*canvas.Text); ok && t.Text == text && found == nil {
			found = t
		}
		return found == nil
	})
	return found
}

// Walk calls visit for o and, while visit returns true, for what o holds:
// a container's objects, a widget's rendered objects.
func Walk(o fyne.CanvasObject, visit func(fyne.CanvasObject) bool) {
	if o == nil || !visit(o) {
		return
	}
	switch w := o.(type) {
	case *fyne.Container:
		for _, c := range w.Objects {
			Walk(c, visit)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(w).Objects() {
			Walk(c, visit)
		}
	}
}

// Shot draws w's canvas and, when $GRENDEL_SHOTS names a directory,
// writes it there as NAME-LANG.png (LANG: the language the translations
// loaded), for a person to look at. It fails tb when nothing is drawn.
func Shot(tb testing.TB, w fyne.Window, name, lang string) {
	tb.Helper()
	img := w.Canvas().Capture()
	if img.Bounds().Dx() == 0 {
		tb.Fatal("nothing drawn")
	}
	dir := os.Getenv("GRENDEL_SHOTS")
	if dir == "" {
		return
	}
	f, err := os.Create(filepath.Join(dir, name+"-"+lang+".png"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		tb.Fatal(err)
	}
}
