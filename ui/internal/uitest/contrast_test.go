package uitest

import (
	"image/color"
	"math"
	"testing"
)

func TestContrast(t *testing.T) {
	grey := color.NRGBA{R: 0x77, G: 0x77, B: 0x77, A: 0xff}
	for _, tc := range []struct {
		fg, bg color.Color
		want   float64
	}{
		{color.Black, color.White, 21},
		{color.White, color.Black, 21},
		{grey, grey, 1},
		{grey, color.White, 4.48},
		{color.NRGBA{A: 0}, color.White, 1}, // transparent over white is white
	} {
		if got := Contrast(tc.fg, tc.bg); math.Abs(got-tc.want) > 0.01 {
			t.Errorf("Contrast(%v, %v) = %.2f, want %.2f", tc.fg, tc.bg, got, tc.want)
		}
	}
}
