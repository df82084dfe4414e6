package uitest

import (
	"image/color"
	"math"
)

// Contrast returns the WCAG contrast ratio of fg on bg, from 1 (none) to
// 21 (black on white); text wants at least 4.5. A translucent fg or bg is
// first laid over white.
func Contrast(fg, bg color.Color) float64 {
	a, b := luminance(Over(fg, color.White)), luminance(Over(bg, color.White))
	if a < b {
		a, b = b, a
	}
	return (a + 0.05) / (b + 0.05)
}

// Over lays c, which may be translucent, over the opaque colour under.
func Over(c, under color.Color) color.Color {
	r, g, b, a := c.RGBA()
	ur, ug, ub, _ := under.RGBA()
	mix := func(x, y uint32) uint8 { return uint8((x + y*(0xffff-a)/0xffff) >> 8) }
	return color.NRGBA{R: mix(r, ur), G: mix(g, ug), B: mix(b, ub), A: 0xff}
}

// luminance is the relative luminance of an opaque colour (WCAG 2).
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	ch := func(v uint32) float64 {
		x := float64(v) / 0xffff
		if x <= 0.03928 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(r) + 0.7152*ch(g) + 0.0722*ch(b)
}
