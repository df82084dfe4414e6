package privacy

import (
	"errors"
	"image"
	"os"

	"github.com/kbinani/screenshot"
)

// CoverRects returns the rectangles the privacy screen needs a window for,
// one per distinct display, in the order given: it drops empty rectangles,
// and any that lies within another, as a mirrored display does (of two
// equal rectangles it keeps the first). Displays that only overlap are
// both kept.
func CoverRects(bounds []image.Rectangle) []image.Rectangle {
	var out []image.Rectangle
	for i, r := range bounds {
		if r.Empty() || within(r, i, bounds) {
			continue
		}
		out = append(out, r)
	}
	return out
}

// within reports whether r, which is bounds[i], lies within another of
// bounds: a larger one, or an equal one that comes first.
func within(r image.Rectangle, i int, bounds []image.Rectangle) bool {
	for j, o := range bounds {
		if j == i || o.Empty() || !r.In(o) {
			continue
		}
		if r != o || j < i {
			return true
		}
	}
	return false
}

// activeDisplays returns the bounds of every active display, in the
// coordinates of [screenshot.GetDisplayBounds]: relative to the primary
// display's top-left corner.
func activeDisplays() []image.Rectangle {
	n := screenshot.NumActiveDisplays()
	out := make([]image.Rectangle, 0, n)
	for i := range n {
		out = append(out, screenshot.GetDisplayBounds(i))
	}
	return out
}

// errWayland says why the default capture declines to run under Wayland.
var errWayland = errors.New("not captured: under Wayland the capture goes through the desktop portal, which saves a file")

// captureDisplay is the default [Options.Capture]. Under Wayland the
// screenshot package asks the desktop portal, which writes the picture to
// a file (and may ask the user first); the privacy screen must never put
// the screen's content on disk, so it declines and the backdrop stays
// plain.
func captureDisplay(r image.Rectangle) (*image.RGBA, error) {
	if os.Getenv("XDG_SESSION_TYPE") == "wayland" {
		return nil, errWayland
	}
	return screenshot.CaptureRect(r)
}
