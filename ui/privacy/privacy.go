// Package privacy is Grendel's fallback privacy screen. When no system
// screen lock works, the UI process (`grendel ui privacy`) calls [Show]: it
// covers every display with a window that shows a heavily pixelated,
// darkened picture of that display's own content and a message in the
// user's language, until someone presses a key or a mouse button or moves
// the pointer. It also sends a desktop notification that says which
// locker to install. It is no lock: anyone at the keyboard gets past it.
//
// # The picture stays in memory
//
// Each display is captured with [github.com/kbinani/screenshot] before any
// window appears, reduced at once by [Pixelate] to one averaged pixel per
// block of [DefaultBlock] pixels, and the full capture is wiped. The
// backdrop is a canvas.Image built from that image.Image: no file, no
// temporary file, no Fyne resource. Under Wayland the screenshot package
// would go through the desktop portal, which saves a file, so the backdrop
// is plain there.
//
// # Placement
//
// Fyne cannot put a window on a given display. The platform code takes
// each window's native handle from [driver.NativeWindow] and does it
// itself: on X11 (cover_linux.go) it makes the window override-redirect,
// so that no window manager moves, decorates or restacks it, places it
// over its display, raises it again whenever something covers it, and
// grabs the keyboard and the pointer, so that input reaches the privacy
// screen and never the application underneath. On Windows
// (cover_windows.go) each window becomes a topmost popup over its display.
// Elsewhere (cover_other.go, macOS among them) one full-screen window
// covers the main display.
//
// # Real input
//
// A [Filter] tells real input from the events that showing the screen
// causes by itself: a key or button pressed is real, and so is pointer
// motion beyond [DefaultSlack] pixels from where the pointer was first
// seen. On the first real input every window closes; the app then has no
// window left, and a.Run returns.
package privacy

import (
	"image"
	"image/color"
	"runtime"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"grendel/app/lock"
	"grendel/assets"
)

// Options configure [Show]. The zero value covers every active display
// and sends the notification.
type Options struct {
	// Displays are the rectangles to cover, in the coordinates of
	// [screenshot.GetDisplayBounds] (pixels, relative to the primary
	// display's top-left corner); nil asks the system for every active
	// display. [CoverRects] drops empty and mirrored ones.
	Displays []image.Rectangle

	// Capture returns what a display shows now. nil captures the screen
	// with screenshot.CaptureRect, except under Wayland. An error gives a
	// plain dark backdrop. Show wipes the returned image once it has
	// pixelated it.
	Capture func(image.Rectangle) (*image.RGBA, error)

	// Block is the backdrop's block size in pixels; 0 means DefaultBlock.
	Block int

	// Quiet leaves out the desktop notification.
	Quiet bool

	// OnShown, if set, is called once on the UI goroutine when the
	// windows are in place (or placing them has failed) and the platform
	// has tried to grab the input.
	OnShown func(Shown)

	// OnDismiss, if set, is called once on the UI goroutine when real
	// input ends the privacy screen (or a window is closed otherwise, or
	// closeAll is called), before the windows close.
	OnDismiss func()

	// Logf reports what the platform could not do, such as grab the
	// keyboard; nil discards it.
	Logf func(format string, args ...any)
}

// Shown says what [Show] achieved, for the log and the agent's check.
type Shown struct {
	// Windows is how many windows the privacy screen has: one per
	// display where the platform can place windows, else one.
	Windows int
	// Placed reports that every window was put over its own display and
	// kept above the others, rather than made full screen by Fyne.
	Placed bool
	// Grabbed reports that the privacy screen holds the keyboard and the
	// pointer, so that no input reaches the applications underneath.
	Grabbed bool
}

// settle is how long after the windows are placed the pointer positions
// Fyne reports start to count: before then a window may still be moving
// under a pointer that stands still.
const settle = 300 * time.Millisecond

// Show covers every display with the privacy screen and returns a function
// that closes it. Call both on the UI goroutine: before a.Run, or inside
// fyne.Do. On the first real input every window closes.
func Show(a fyne.App, opts Options) (closeAll func()) {
	s := &screen{opts: opts}
	if s.opts.Capture == nil {
		s.opts.Capture = captureDisplay
	}
	if s.opts.Block <= 0 {
		s.opts.Block = DefaultBlock
	}
	if s.opts.Logf == nil {
		s.opts.Logf = func(string, ...any) {}
	}
	displays := s.opts.Displays
	if displays == nil {
		displays = activeDisplays()
	}
	rects := CoverRects(displays)
	if len(rects) == 0 {
		s.opts.Logf("privacy: no display bounds; showing one full-screen window")
		rects = []image.Rectangle{{}}
	}
	if !perDisplay {
		rects = rects[:1]
	}

	// Every picture is taken before the first window appears.
	backdrops := make([]image.Image, len(rects))
	for i, r := range rects {
		backdrops[i] = s.backdrop(r)
	}
	title, message, hint := texts()
	for i, r := range rects {
		w := a.NewWindow(lang.X("privacy.window_title", "Grendel — privacy screen"))
		s.windows = append(s.windows, w)
		s.origins = append(s.origins, r.Min)
		w.SetPadded(false)
		w.SetContent(newView(backdrops[i], a.Settings().Theme(), title, message, hint, func(in Input, at fyne.Position) {
			in.At = s.global(i, at)
			s.input(in, true)
		}))
		if !r.Empty() {
			w.Resize(fyne.NewSize(float32(r.Dx()), float32(r.Dy())))
		}
		s.listenForKeys(w.Canvas())
		w.SetOnClosed(s.dismiss)
	}
	for _, w := range s.windows {
		w.Show()
	}

	stop, err := cover(s.windows, rects, events{
		input: func(in Input) { fyne.Do(func() { s.input(in, false) }) },
		shown: func(sh Shown) { fyne.Do(func() { s.shown(sh) }) },
		logf:  s.opts.Logf,
	})
	if err != nil {
		s.opts.Logf("privacy: %v; falling back to full-screen windows", err)
		for _, w := range s.windows {
			w.SetFullScreen(true)
		}
		s.shown(Shown{Windows: len(s.windows)})
	}
	s.stop = stop

	if !s.opts.Quiet {
		n := fyne.NewNotification(
			lang.X("privacy.notify.title", "Grendel could not lock this workstation"),
			lang.X("privacy.notify.body", "No system screen lock works, so Grendel showed a privacy screen instead. {{.Hint}}",
				map[string]string{"Hint": hint}))
		// On Linux this is a D-Bus call that can take a while to fail
		// when no notification daemon runs; the screen must not wait.
		go a.SendNotification(n)
	}
	return s.dismiss
}

// events is how the platform code reports back; it may call these from
// any goroutine.
type events struct {
	input func(Input)
	shown func(Shown)
	logf  func(format string, args ...any)
}

// screen is the state of one privacy screen. Only the UI goroutine uses
// it.
type screen struct {
	opts    Options
	windows []fyne.Window
	origins []image.Point // each window's display, top-left corner
	filter  Filter
	stop    func()
	placed  bool      // the platform has placed the windows, or given up
	settled time.Time // from then on, Fyne's pointer positions count
	done    bool
}

// backdrop captures r and pixelates it, or returns a plain backdrop.
func (s *screen) backdrop(r image.Rectangle) image.Image {
	if r.Empty() {
		return plainBackdrop()
	}
	img, err := s.opts.Capture(r)
	if err != nil || img == nil {
		if err != nil {
			s.opts.Logf("privacy: capture display %v: %v", r, err)
		}
		return plainBackdrop()
	}
	p := Pixelate(img, s.opts.Block, DefaultDim)
	clear(img.Pix)
	return p
}

func (s *screen) listenForKeys(c fyne.Canvas) {
	key := func(*fyne.KeyEvent) { s.input(Input{Kind: KeyDown}, true) }
	c.SetOnTypedKey(key)
	c.SetOnTypedRune(func(rune) { s.input(Input{Kind: KeyDown}, true) })
	if dc, ok := c.(desktop.Canvas); ok {
		dc.SetOnKeyDown(key) // modifier keys too, which are never typed
	}
}

// global turns a position in window i into screen pixels.
func (s *screen) global(i int, at fyne.Position) image.Point {
	scale := s.windows[i].Canvas().Scale()
	return s.origins[i].Add(image.Pt(int(at.X*scale+0.5), int(at.Y*scale+0.5)))
}

func (s *screen) shown(sh Shown) {
	if s.placed || s.done {
		return
	}
	s.placed = true
	s.settled = time.Now().Add(settle)
	// Draw everything afresh: the platform may have unmapped and mapped
	// the windows again, which can lose a frame drawn in between.
	for _, w := range s.windows {
		w.Content().Refresh()
	}
	if s.opts.OnShown != nil {
		s.opts.OnShown(sh)
	}
}

// input takes one event; fromFyne marks the events Fyne reports, whose
// pointer positions are trusted only once the windows have settled.
func (s *screen) input(in Input, fromFyne bool) {
	if s.done {
		return
	}
	pointer := in.Kind == PointerAt || in.Kind == PointerMove
	if fromFyne && pointer && (!s.placed || time.Now().Before(s.settled)) {
		return
	}
	if s.filter.Real(in) {
		s.dismiss()
	}
}

// dismiss ends the privacy screen: it lets go of the input and closes
// every window. It runs once.
func (s *screen) dismiss() {
	if s.done {
		return
	}
	s.done = true
	if s.stop != nil {
		s.stop()
	}
	if s.opts.OnDismiss != nil {
		s.opts.OnDismiss()
	}
	for _, w := range s.windows {
		w.Close()
	}
}

// texts returns the message in the user's language: a title, what
// happened and what to do, and what to install.
func texts() (title, message, hint string) {
	// It says what it is: a cover, not a lock (anyone at the keyboard
	// gets past it), and never that the workstation is protected.
	title = lang.X("privacy.title", "Screen covered — not locked")
	message = lang.X("privacy.message", "Grendel could not lock this workstation, so it only covered the screen. Anyone who moves the mouse or presses a key sees it again.")
	return title, message, installHint(runtime.GOOS, lock.OffByPolicy())
}

// installHint says what would make the system lock work on goos. On
// Windows it names the policy "Remove Lock Computer" only when that is
// what turned the lock off (offByPolicy); otherwise LockWorkStation
// failed for another reason.
func installHint(goos string, offByPolicy bool) string {
	if goos == "windows" && !offByPolicy {
		return lang.X("privacy.hint.windows_failed", "Windows did not lock when Grendel asked it to. Lock it yourself (Windows key + L) and tell IT.")
	}
	switch goos {
	case "windows":
		return lang.X("privacy.hint.windows", "To lock this workstation properly, ask IT to allow locking it: the policy \"Remove Lock Computer\" must be off.")
	case "darwin":
		return lang.X("privacy.hint.darwin", "To lock this Mac properly, turn on \"Require password after screen saver begins or display is turned off\" in System Settings, Lock Screen.")
	case "linux":
		return lang.X("privacy.hint.linux", "To lock this workstation properly, install a screen locker such as i3lock or xsecurelock: Grendel then uses it by itself.")
	default: // Grendel has no locker of its own here: only IT's lock.command
		return lang.X("privacy.hint.other", "To lock this workstation properly, ask IT to set a lock command (lock.command) for this system.")
	}
}

// newView builds a window's content: the backdrop stretched over the whole
// window, block by block, with the message on a dark card in the middle.
// on receives the pointer's events with their position in the window.
func newView(backdrop image.Image, base fyne.Theme, title, message, hint string, on func(Input, fyne.Position)) fyne.CanvasObject {
	img := canvas.NewImageFromImage(backdrop)
	img.FillMode = canvas.ImageFillStretch
	img.ScaleMode = canvas.ImageScalePixels // nearest neighbour: blocks stay blocks

	icon := canvas.NewImageFromResource(fyne.NewStaticResource("grendel.png", assets.Icon("grendel.png")))
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSize(64, 64))

	label := func(text string, size fyne.ThemeSizeName, bold bool) *widget.Label {
		l := widget.NewLabelWithStyle(text, fyne.TextAlignCenter, fyne.TextStyle{Bold: bold})
		l.SizeName = size
		l.Wrapping = fyne.TextWrapWord
		return l
	}
	body := container.NewVBox(
		icon,
		label(title, theme.SizeNameHeadingText, true),
		label(message, theme.SizeNameSubHeadingText, false),
		widget.NewSeparator(),
		label(hint, theme.SizeNameText, false),
	)
	bg := canvas.NewRectangle(color.NRGBA{R: 0x12, G: 0x15, B: 0x1a, A: 0xeb})
	bg.CornerRadius = 18
	bg.StrokeColor = color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0x30}
	bg.StrokeWidth = 1
	card := container.NewThemeOverride(
		container.NewStack(bg, container.New(layout.NewCustomPaddedLayout(28, 28, 40, 40), body)),
		darkTheme{base})

	v := &view{on: on}
	v.content = container.NewStack(img, container.New(cardLayout{maxWidth: 760, margin: 40}, card))
	v.ExtendBaseWidget(v)
	return v
}

// view is a window's content; it turns the pointer's events into [Input].
type view struct {
	widget.BaseWidget
	content fyne.CanvasObject
	on      func(Input, fyne.Position)
}

var (
	_ desktop.Hoverable = (*view)(nil)
	_ desktop.Mouseable = (*view)(nil)
	_ fyne.Tappable     = (*view)(nil)
	_ fyne.Scrollable   = (*view)(nil)
)

// CreateRenderer implements [fyne.Widget].
func (v *view) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(v.content) }

// MouseIn implements [desktop.Hoverable].
func (v *view) MouseIn(e *desktop.MouseEvent) { v.on(Input{Kind: PointerAt}, e.Position) }

// MouseMoved implements [desktop.Hoverable].
func (v *view) MouseMoved(e *desktop.MouseEvent) { v.on(Input{Kind: PointerMove}, e.Position) }

// MouseOut implements [desktop.Hoverable].
func (v *view) MouseOut() {}

// MouseDown implements [desktop.Mouseable].
func (v *view) MouseDown(e *desktop.MouseEvent) { v.on(Input{Kind: ButtonDown}, e.Position) }

// MouseUp implements [desktop.Mouseable].
func (v *view) MouseUp(e *desktop.MouseEvent) { v.on(Input{Kind: ButtonUp}, e.Position) }

// Tapped implements [fyne.Tappable], for touch screens.
func (v *view) Tapped(e *fyne.PointEvent) { v.on(Input{Kind: ButtonDown}, e.Position) }

// Scrolled implements [fyne.Scrollable]: a turned wheel is real input.
func (v *view) Scrolled(e *fyne.ScrollEvent) { v.on(Input{Kind: ButtonDown}, e.Position) }

// cardLayout centres its objects at a readable width: maxWidth, or on a
// narrower window its width less a margin on each side; each as tall as
// its text needs at that width.
type cardLayout struct {
	maxWidth, margin float32
}

// Layout implements [fyne.Layout].
func (l cardLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		w := max(min(l.maxWidth, size.Width-2*l.margin), o.MinSize().Width)
		// Wrapped labels know their height only once they know their width.
		o.Resize(fyne.NewSize(w, o.Size().Height))
		h := o.MinSize().Height
		o.Resize(fyne.NewSize(w, h))
		o.Move(fyne.NewPos((size.Width-w)/2, max((size.Height-h)/2, 0)))
	}
}

// MinSize implements [fyne.Layout].
func (l cardLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objects {
		s = s.Max(o.MinSize())
	}
	return s
}

// darkTheme is base in its dark variant: light text on the dark card,
// whatever the desktop's theme.
type darkTheme struct{ base fyne.Theme }

// Color implements [fyne.Theme].
func (t darkTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.base.Color(n, theme.VariantDark)
}

// Font implements [fyne.Theme].
func (t darkTheme) Font(s fyne.TextStyle) fyne.Resource { return t.base.Font(s) }

// Icon implements [fyne.Theme].
func (t darkTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return t.base.Icon(n) }

// Size implements [fyne.Theme].
func (t darkTheme) Size(n fyne.ThemeSizeName) float32 { return t.base.Size(n) }
