package privacy

import (
	"image"
	"image/color"
	"image/draw"
)

// DefaultBlock is the backdrop's block size in pixels: coarse enough that
// no text, face or chart stays readable, fine enough that the user still
// recognises the layout of their own screen.
const DefaultBlock = 28

// DefaultDim is how much of the brightness the backdrop keeps: dark enough
// that the message stands out and that blocks of colour give nothing away.
const DefaultDim = 0.4

// Pixelate returns src reduced to one pixel per block×block square: the
// square's average colour, darkened to dim (0 is black, 1 leaves it as it
// is). Squares at the right and bottom edges may be cut short; they average
// what there is. The result is opaque and holds no detail finer than a
// block, so it can be stretched over the display with nearest-neighbour
// scaling (canvas.ImageScalePixels) to draw blocks of about block pixels.
//
// A block below 1 counts as 1, and dim is clamped to [0, 1].
func Pixelate(src image.Image, block int, dim float64) *image.RGBA {
	block = max(block, 1)
	dim = min(max(dim, 0), 1)
	b := src.Bounds()
	w, h := ceilDiv(b.Dx(), block), ceilDiv(b.Dy(), block)
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	if w == 0 || h == 0 {
		return out
	}
	rgba, ok := src.(*image.RGBA)
	if !ok {
		rgba = image.NewRGBA(b)
		draw.Draw(rgba, b, src, b.Min, draw.Src)
	}
	// One pass over the source, row by row, summing into one row of blocks.
	sums := make([][3]uint64, w)
	for by := range h {
		clear(sums)
		y0 := b.Min.Y + by*block
		y1 := min(y0+block, b.Max.Y)
		for y := y0; y < y1; y++ {
			row := rgba.Pix[rgba.PixOffset(b.Min.X, y):]
			for x := range b.Dx() {
				s := &sums[x/block]
				p := row[4*x : 4*x+3 : 4*x+3]
				s[0] += uint64(p[0])
				s[1] += uint64(p[1])
				s[2] += uint64(p[2])
			}
		}
		for bx := range w {
			n := float64((min((bx+1)*block, b.Dx()) - bx*block) * (y1 - y0))
			s := sums[bx]
			out.SetRGBA(bx, by, color.RGBA{
				R: uint8(float64(s[0])/n*dim + 0.5),
				G: uint8(float64(s[1])/n*dim + 0.5),
				B: uint8(float64(s[2])/n*dim + 0.5),
				A: 0xff,
			})
		}
	}
	return out
}

// plainBackdrop is the backdrop when the display's content could not be
// captured: one dark pixel, stretched.
func plainBackdrop() *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, 1, 1))
	img.SetRGBA(0, 0, color.RGBA{R: 0x1c, G: 0x20, B: 0x26, A: 0xff})
	return img
}

func ceilDiv(a, b int) int { return (a + b - 1) / b }
