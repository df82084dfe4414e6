package uitest

import (
	"image/color"

	"fyne.io/fyne/v2"
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
