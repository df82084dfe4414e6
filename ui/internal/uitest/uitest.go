// Package uitest holds what the window packages' tests share: reading what
// a window shows, as a person would, through Fyne's test driver.
package uitest

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// Texts returns, in order, the text of every visible label, check, button
// and form item under o.
func Texts(o fyne.CanvasObject) []string {
	var out []string
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch w := o.(type) {
		case *widget.Label:
			out = append(out, w.Text)
		case *widget.Check:
			out = append(out, w.Text)
		case *widget.Button:
			out = append(out, w.Text)
		case *widget.Form:
			for _, it := range w.Items {
				out = append(out, it.Text)
				walk(it.Widget)
			}
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(w).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return out
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
