package privacy

import (
	"errors"
	"image"
	"sync"
	"time"
	"unsafe"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
	"golang.org/x/sys/windows"
)

// perDisplay reports whether this platform can put a window on each
// display: on Windows it can, through the window handle.
const perDisplay = true

var (
	user32                  = windows.NewLazySystemDLL("user32.dll")
	procSetWindowLongPtr    = user32.NewProc(setWindowLongName())
	procSetWindowPos        = user32.NewProc("SetWindowPos")
	procSetForegroundWindow = user32.NewProc("SetForegroundWindow")
)

// setWindowLongName is SetWindowLongPtrW, which 32-bit user32.dll lacks.
func setWindowLongName() string {
	if unsafe.Sizeof(uintptr(0)) == 4 {
		return "SetWindowLongW"
	}
	return "SetWindowLongPtrW"
}

const (
	wsPopup         = 0x80000000
	wsVisible       = 0x10000000
	swpNoMove       = 0x0002
	swpNoSize       = 0x0001
	swpNoActivate   = 0x0010
	swpFrameChanged = 0x0020
	swpShowWindow   = 0x0040
	// raiseEvery is how often the windows are put back on top, should
	// another topmost window have come up.
	raiseEvery = 500 * time.Millisecond
)

var (
	gwlStyle    int32 = -16
	hwndTopmost       = ^uintptr(0) // (HWND)-1
)

// cover makes each window a borderless topmost popup over its display.
// The displays' rectangles are in the virtual screen's pixels, which is
// what screenshot.GetDisplayBounds returns on Windows. Input reaches the
// windows through Fyne; nothing is grabbed.
func cover(ws []fyne.Window, rects []image.Rectangle, ev events) (stop func(), err error) {
	hwnds := make([]uintptr, len(ws))
	for i, w := range ws {
		nw, ok := w.(driver.NativeWindow)
		if !ok {
			return nil, errors.New("windows have no native handle")
		}
		nw.RunNative(func(ctx any) {
			if c, ok := ctx.(driver.WindowsWindowContext); ok {
				hwnds[i] = c.HWND
			}
		})
		if hwnds[i] == 0 || rects[i].Empty() {
			return nil, errors.New("windows have no native handle")
		}
	}
	for i, h := range hwnds {
		r := rects[i]
		procSetWindowLongPtr.Call(h, uintptr(gwlStyle), wsPopup|wsVisible)
		procSetWindowPos.Call(h, hwndTopmost,
			uintptr(r.Min.X), uintptr(r.Min.Y), uintptr(r.Dx()), uintptr(r.Dy()),
			swpFrameChanged|swpShowWindow)
	}
	procSetForegroundWindow.Call(hwnds[0])
	ev.shown(Shown{Windows: len(ws), Placed: true})

	done := make(chan struct{})
	go func() {
		t := time.NewTicker(raiseEvery)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				// SetWindowPos from the thread that owns the windows.
				fyne.Do(func() {
					select {
					case <-done:
						return
					default:
					}
					for _, h := range hwnds {
						procSetWindowPos.Call(h, hwndTopmost, 0, 0, 0, 0, swpNoMove|swpNoSize|swpNoActivate)
					}
				})
			}
		}
	}()
	var once sync.Once
	return func() { once.Do(func() { close(done) }) }, nil
}
