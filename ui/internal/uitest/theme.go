package uitest

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// Variant is Fyne's default theme held in one variant, light or dark,
// whatever the user prefers: for drawing and checking a window in both.
type Variant struct {
	fyne.Theme
	Variant fyne.ThemeVariant
}

// Color implements [fyne.Theme] in the variant held.
func (v Variant) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return v.Theme.Color(n, v.Variant)
}

// Themes are the light and the dark variant of Fyne's default theme, by
// name.
func Themes() []struct {
	Name  string
	Theme fyne.Theme
} {
	return []struct {
		Name  string
		Theme fyne.Theme
	}{
		{"light", Variant{theme.DefaultTheme(), theme.VariantLight}},
		{"dark", Variant{theme.DefaultTheme(), theme.VariantDark}},
	}
}

// ShotThemes draws w as [Shot] does, as NAME-LANG.png in the theme it has,
// then as NAME-light-LANG.png and NAME-dark-LANG.png in the two variants
// of Fyne's default theme, and puts Fyne's test theme back.
func ShotThemes(tb testing.TB, w fyne.Window, name, lang string) {
	tb.Helper()
	Shot(tb, w, name, lang)
	settings := fyne.CurrentApp().Settings()
	for _, th := range Themes() {
		settings.SetTheme(th.Theme)
		w.Content().Refresh()
		Shot(tb, w, name+"-"+th.Name, lang)
	}
	settings.SetTheme(test.Theme())
	w.Content().Refresh()
}
