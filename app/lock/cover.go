package lock

import (
	"errors"
	"slices"
)

// CoverMarker names the X11 property that Grendel's privacy screen sets on
// each of its windows (a CARDINAL: the process id of the screen's
// process). The privacy screen holds the keyboard under override-redirect
// windows that cover every monitor, exactly as a locker does, but a mouse
// move ends it: the "x11-grab" verifier never counts a marked window as a
// lock. Marking a window can only make the verifier say "cannot tell",
// never "locked", so nobody gains by faking the mark.
const CoverMarker = "_GRENDEL_PRIVACY_COVER"

// ErrCovered is the "x11-grab" verifier's answer while Grendel's own
// privacy screen (a window marked with [CoverMarker]) is among the windows
// on top: a cover is not a lock, whatever else holds the keyboard.
var ErrCovered = errors.New("the privacy screen of Grendel is up: the screen is covered, not locked")

// rect is a half-open screen rectangle: x0 ≤ x < x1, y0 ≤ y < y1.
type rect struct{ x0, y0, x1, y1 int }

// empty reports whether r holds no pixel.
func (r rect) empty() bool { return r.x0 >= r.x1 || r.y0 >= r.y1 }

// covers reports whether the union of have covers every pixel of every
// rectangle in need. Nothing to cover is not covered: a screen of no
// monitors cannot be said to be hidden.
func covers(need, have []rect) bool {
	var xs, ys []int
	some := false
	for _, r := range need {
		if r.empty() {
			continue
		}
		some = true
		xs = append(xs, r.x0, r.x1)
		ys = append(ys, r.y0, r.y1)
	}
	if !some {
		return false
	}
	for _, r := range have {
		if !r.empty() {
			xs = append(xs, r.x0, r.x1)
			ys = append(ys, r.y0, r.y1)
		}
	}
	slices.Sort(xs)
	xs = slices.Compact(xs)
	slices.Sort(ys)
	ys = slices.Compact(ys)
	// Every cell of the grid the edges make is either wholly inside a
	// rectangle or wholly outside it, so its top-left pixel stands for it.
	for i := 0; i+1 < len(xs); i++ {
		for j := 0; j+1 < len(ys); j++ {
			x, y := xs[i], ys[j]
			if inAny(x, y, need) && !inAny(x, y, have) {
				return false
			}
		}
	}
	return true
}

func inAny(x, y int, rs []rect) bool {
	for _, r := range rs {
		if r.x0 <= x && x < r.x1 && r.y0 <= y && y < r.y1 {
			return true
		}
	}
	return false
}
