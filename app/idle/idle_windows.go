package idle

import (
	"context"
	"fmt"
	"time"
	"unsafe"

	"golang.org/x/sys/windows"
)

// Platform returns the one source of Windows, "windows".
func Platform(Env) []Source {
	return []Source{newWindowsSource()}
}

// lastInputInfo is LASTINPUTINFO.
type lastInputInfo struct {
	cbSize uint32
	dwTime uint32
}

// windowsSource is the "windows" [Source]: see the package documentation.
type windowsSource struct {
	getLastInputInfo *windows.LazyProc
	getTickCount     *windows.LazyProc
}

// newWindowsSource returns the source; the DLLs load from System32 on
// first use.
func newWindowsSource() *windowsSource {
	return &windowsSource{
		getLastInputInfo: windows.NewLazySystemDLL("user32.dll").NewProc("GetLastInputInfo"),
		getTickCount:     windows.NewLazySystemDLL("kernel32.dll").NewProc("GetTickCount"),
	}
}

// Name implements [Source].
func (*windowsSource) Name() string { return "windows" }

// Idle implements [Source]. Both calls return at once, so ctx is only
// checked before them.
func (w *windowsSource) Idle(ctx context.Context) (time.Duration, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	for _, p := range []*windows.LazyProc{w.getLastInputInfo, w.getTickCount} {
		if err := p.Find(); err != nil {
			return 0, fmt.Errorf("windows: %s: %w (%w)", p.Name, ErrUnsupported, err)
		}
	}
	// The last input first, then the time: read the other way round, input
	// in between would put last after now.
	info := lastInputInfo{cbSize: uint32(unsafe.Sizeof(lastInputInfo{}))}
	ok, _, err := w.getLastInputInfo.Call(uintptr(unsafe.Pointer(&info)))
	if ok == 0 {
		return 0, fmt.Errorf("windows: GetLastInputInfo: %w", err)
	}
	now, _, _ := w.getTickCount.Call()
	return tickIdle(uint32(now), info.dwTime), nil
}

// Close implements [Source]; there is nothing to release.
func (*windowsSource) Close() error { return nil }
