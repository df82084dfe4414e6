//go:build !linux && !windows

package privacy

import (
	"fmt"
	"image"
	"runtime"

	"fyne.io/fyne/v2"
)

// perDisplay reports whether this platform can put a window on each
// display. Here it cannot: Fyne has no way to choose a window's display,
// and this package has no native code for it, so one full-screen window
// covers the main display.
const perDisplay = false

// cover is not supported here; [Show] falls back to Fyne's full screen.
func cover([]fyne.Window, []image.Rectangle, events) (stop func(), err error) {
	return nil, fmt.Errorf("placing windows over a display is not supported on %s", runtime.GOOS)
}
