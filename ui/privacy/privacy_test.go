package privacy

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"image"
	"image/color"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"grendel/ui/i18n"
	"grendel/ui/internal/uitest"
)

var (
	white = color.RGBA{0xff, 0xff, 0xff, 0xff}
	black = color.RGBA{0, 0, 0, 0xff}
)

// stripes returns a w×h image of 1-pixel stripes of a and b: vertical
// stripes (alternating along x) or horizontal ones.
func stripes(w, h int, vertical bool, a, b color.RGBA) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			i := y
			if vertical {
				i = x
			}
			if i%2 == 0 {
				img.SetRGBA(x, y, a)
			} else {
				img.SetRGBA(x, y, b)
			}
		}
	}
	return img
}

func checker(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			if (x+y)%2 == 0 {
				img.SetRGBA(x, y, white)
			} else {
				img.SetRGBA(x, y, black)
			}
		}
	}
	return img
}

func uniform(w, h int, c color.RGBA) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.SetRGBA(x, y, c)
		}
	}
	return img
}

// enlarge draws p the way the window does: each pixel stretched, nearest
// neighbour, over a block×block square.
func enlarge(p *image.RGBA, block int) *image.RGBA {
	b := p.Bounds()
	out := image.NewRGBA(image.Rect(0, 0, b.Dx()*block, b.Dy()*block))
	for y := range out.Rect.Dy() {
		for x := range out.Rect.Dx() {
			out.SetRGBA(x, y, p.RGBAAt(x/block, y/block))
		}
	}
	return out
}

var grey = color.RGBA{0x80, 0x80, 0x80, 0xff} // the mean of 0 and 255, rounded

func TestPixelate(t *testing.T) {
	for _, tc := range []struct {
		name   string
		src    image.Image
		block  int
		dim    float64
		size   image.Point
		pixels map[image.Point]color.RGBA // spot checks; nil: every pixel is all
		all    color.RGBA
	}{
		{name: "vertical 1-px stripes", src: stripes(56, 56, true, white, black), block: 28, dim: 1,
			size: image.Pt(2, 2), all: grey},
		{name: "horizontal 1-px stripes", src: stripes(56, 28, false, white, black), block: 28, dim: 1,
			size: image.Pt(2, 1), all: grey},
		{name: "checkerboard", src: checker(64, 64), block: 32, dim: 1,
			size: image.Pt(2, 2), all: grey},
		{name: "dimmed", src: uniform(30, 30, color.RGBA{200, 100, 50, 0xff}), block: 10, dim: 0.5,
			size: image.Pt(3, 3), all: color.RGBA{100, 50, 25, 0xff}},
		{name: "dim clamped to black", src: uniform(4, 4, white), block: 2, dim: -1,
			size: image.Pt(2, 2), all: black},
		{name: "dim clamped to 1", src: uniform(4, 4, color.RGBA{10, 20, 30, 0xff}), block: 2, dim: 7,
			size: image.Pt(2, 2), all: color.RGBA{10, 20, 30, 0xff}},
		{name: "ragged edge blocks average what there is", src: func() image.Image {
			img := uniform(30, 3, black)
			for y := range 3 {
				img.SetRGBA(29, y, white) // the last column: half of a 2-wide edge block
			}
			return img
		}(), block: 28, dim: 1, size: image.Pt(2, 1),
			pixels: map[image.Point]color.RGBA{{0, 0}: black, {1, 0}: grey}},
		{name: "block below 1 keeps every pixel", src: stripes(3, 1, true, white, black), block: 0, dim: 1,
			size: image.Pt(3, 1), pixels: map[image.Point]color.RGBA{{0, 0}: white, {1, 0}: black, {2, 0}: white}},
		{name: "not RGBA, offset bounds", src: func() image.Image {
			g := image.NewGray(image.Rect(10, 20, 14, 22))
			for x := 10; x < 14; x += 2 {
				g.SetGray(x, 20, color.Gray{0xff})
				g.SetGray(x, 21, color.Gray{0xff})
			}
			return g
		}(), block: 2, dim: 1, size: image.Pt(2, 1), all: grey},
		{name: "empty", src: image.NewRGBA(image.Rect(0, 0, 0, 5)), block: 28, dim: 1, size: image.Pt(0, 1)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := Pixelate(tc.src, tc.block, tc.dim)
			if got := p.Bounds().Size(); got != tc.size {
				t.Fatalf("Pixelate(…) is %v, want %v", got, tc.size)
			}
			if p.Bounds().Min != (image.Point{}) {
				t.Errorf("Pixelate(…) starts at %v, want (0,0)", p.Bounds().Min)
			}
			for y := range tc.size.Y {
				for x := range tc.size.X {
					want, ok := tc.all, tc.pixels == nil
					if !ok {
						want, ok = tc.pixels[image.Pt(x, y)]
					}
					if got := p.RGBAAt(x, y); ok && got != want {
						t.Errorf("pixel (%d,%d) = %v, want %v", x, y, got, want)
					}
				}
			}
		})
	}
}

// TestPixelateHasNoFineDetail draws the backdrop as the window does and
// checks that within every block all pixels are equal, and that 1-pixel
// stripes and checkers became uniform blocks.
func TestPixelateHasNoFineDetail(t *testing.T) {
	const block = 28
	for name, src := range map[string]*image.RGBA{
		"vertical stripes":   stripes(block*6, block*4, true, color.RGBA{0xff, 0, 0xff, 0xff}, color.RGBA{0, 0xff, 0, 0xff}),
		"horizontal stripes": stripes(block*5, block*3, false, white, black),
		"checkerboard":       checker(block*4, block*4),
	} {
		out := enlarge(Pixelate(src, block, DefaultDim), block)
		if out.Bounds().Size() != src.Bounds().Size() {
			t.Fatalf("%s: drawn backdrop is %v, want %v", name, out.Bounds().Size(), src.Bounds().Size())
		}
		first := out.RGBAAt(0, 0)
		for y := range out.Rect.Dy() {
			for x := range out.Rect.Dx() {
				if c := out.RGBAAt(x, y); c != first {
					t.Fatalf("%s: pixel (%d,%d) = %v, want the uniform %v", name, x, y, c, first)
				}
				if c := out.RGBAAt(x, y); c == src.RGBAAt(x, y) {
					t.Fatalf("%s: pixel (%d,%d) kept its colour %v", name, x, y, c)
				}
			}
		}
	}
}

// TestPixelateMatchesNaive compares Pixelate with the obvious per-block
// average on random images, sizes and block sizes.
func TestPixelateMatchesNaive(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 40 {
		w, h, block := 1+r.IntN(90), 1+r.IntN(70), 1+r.IntN(33)
		src := image.NewRGBA(image.Rect(0, 0, w, h))
		for i := range src.Pix {
			src.Pix[i] = uint8(r.UintN(256))
		}
		dim := r.Float64()
		got := Pixelate(src, block, dim)
		for by := range ceilDiv(h, block) {
			for bx := range ceilDiv(w, block) {
				var sum [3]float64
				var n float64
				for y := by * block; y < min((by+1)*block, h); y++ {
					for x := bx * block; x < min((bx+1)*block, w); x++ {
						c := src.RGBAAt(x, y)
						sum[0] += float64(c.R)
						sum[1] += float64(c.G)
						sum[2] += float64(c.B)
						n++
					}
				}
				want := color.RGBA{uint8(sum[0]/n*dim + 0.5), uint8(sum[1]/n*dim + 0.5), uint8(sum[2]/n*dim + 0.5), 0xff}
				if c := got.RGBAAt(bx, by); c != want {
					t.Fatalf("%d×%d, block %d, dim %.2f: block (%d,%d) = %v, want %v", w, h, block, dim, bx, by, c, want)
				}
			}
		}
	}
}

func ExamplePixelate() {
	// Black and white stripes one pixel wide become one grey pixel per
	// 2×2 block.
	src := image.NewGray(image.Rect(0, 0, 4, 2))
	for y := range 2 {
		src.SetGray(0, y, color.Gray{0xff})
		src.SetGray(2, y, color.Gray{0xff})
	}
	p := Pixelate(src, 2, 1)
	fmt.Println(p.Bounds().Size(), p.RGBAAt(0, 0), p.RGBAAt(1, 0))
	// Output: (2,1) {128 128 128 255} {128 128 128 255}
}

// step is one event fed to a Filter and whether it must count as real.
type step struct {
	in   Input
	real bool
}

func at(k Kind, x, y int) Input { return Input{Kind: k, At: image.Pt(x, y)} }

func TestFilter(t *testing.T) {
	for _, tc := range []struct {
		name  string
		slack int
		steps []step
	}{
		{name: "a key press is real", steps: []step{{Input{Kind: KeyDown}, true}}},
		{name: "a key release is not", steps: []step{{Input{Kind: KeyUp}, false}}},
		{name: "a button press is real", steps: []step{{at(ButtonDown, 5, 5), true}}},
		{name: "a button release is not", steps: []step{{at(ButtonUp, 5, 5), false}}},
		{name: "the first position only sets the reference", steps: []step{
			{at(PointerMove, 500, 500), false},
			{at(PointerMove, 900, 100), true},
		}},
		{name: "the pointer reported where it stands never counts", steps: []step{
			{at(PointerAt, 100, 100), false},
			{at(PointerAt, 600, 600), false},
			{at(PointerMove, 103, 104), false}, // 5 px from (100,100)
			{at(PointerMove, 100, 109), true},  // 9 px
		}},
		{name: "jitter within the slack is not real", steps: []step{
			{at(PointerMove, 100, 100), false},
			{at(PointerMove, 101, 99), false},
			{at(PointerMove, 106, 105), false}, // √61 ≈ 7.8 px
			{at(PointerMove, 94, 100), false},
			{at(PointerMove, 108, 100), false}, // exactly the slack
			{at(PointerMove, 109, 100), true},
		}},
		{name: "drift is measured from the first position", steps: []step{
			{at(PointerMove, 0, 0), false},
			{at(PointerMove, 5, 0), false},
			{at(PointerMove, 8, 0), false},
			{at(PointerMove, 8, 3), true},
		}},
		{name: "a custom slack", slack: 2, steps: []step{
			{at(PointerMove, 0, 0), false},
			{at(PointerMove, 2, 0), false},
			{at(PointerMove, 2, 1), true},
		}},
		{name: "negative coordinates, a display left of the primary", steps: []step{
			{at(PointerAt, -1500, 300), false},
			{at(PointerMove, -1495, 300), false},
			{at(PointerMove, -1400, 300), true},
		}},
		{name: "unknown kinds are not real", steps: []step{{Input{Kind: 0}, false}, {Input{Kind: 99}, false}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := Filter{Slack: tc.slack}
			for i, s := range tc.steps {
				if got := f.Real(s.in); got != s.real {
					t.Errorf("step %d: Real(%+v) = %v, want %v", i, s.in, got, s.real)
				}
			}
		})
	}
}

func ExampleFilter() {
	var f Filter
	fmt.Println(f.Real(Input{Kind: PointerAt, At: image.Pt(640, 400)}))   // the window appeared under the pointer
	fmt.Println(f.Real(Input{Kind: PointerMove, At: image.Pt(642, 401)})) // a nudge of the desk
	fmt.Println(f.Real(Input{Kind: PointerMove, At: image.Pt(700, 430)})) // someone moved the mouse
	// Output:
	// false
	// false
	// true
}

func TestCoverRects(t *testing.T) {
	r := image.Rect
	for _, tc := range []struct {
		name string
		in   []image.Rectangle
		want []image.Rectangle
	}{
		{name: "none", in: nil, want: nil},
		{name: "one", in: []image.Rectangle{r(0, 0, 1920, 1080)}, want: []image.Rectangle{r(0, 0, 1920, 1080)}},
		{name: "side by side, left of the primary",
			in:   []image.Rectangle{r(0, 0, 1920, 1080), r(-1280, 0, 0, 1024)},
			want: []image.Rectangle{r(0, 0, 1920, 1080), r(-1280, 0, 0, 1024)}},
		{name: "empty bounds are dropped",
			in:   []image.Rectangle{{}, r(0, 0, 800, 600), r(5, 5, 5, 9)},
			want: []image.Rectangle{r(0, 0, 800, 600)}},
		{name: "mirrored displays: the first of equals is kept",
			in:   []image.Rectangle{r(0, 0, 1920, 1080), r(0, 0, 1920, 1080), r(1920, 0, 3840, 1080)},
			want: []image.Rectangle{r(0, 0, 1920, 1080), r(1920, 0, 3840, 1080)}},
		{name: "a smaller mirror inside a larger display is dropped",
			in:   []image.Rectangle{r(0, 0, 1280, 720), r(0, 0, 1920, 1080)},
			want: []image.Rectangle{r(0, 0, 1920, 1080)}},
		{name: "overlapping displays are both kept",
			in:   []image.Rectangle{r(0, 0, 1000, 800), r(900, 0, 1900, 800)},
			want: []image.Rectangle{r(0, 0, 1000, 800), r(900, 0, 1900, 800)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := CoverRects(tc.in); !slices.Equal(got, tc.want) {
				t.Errorf("CoverRects(%v) = %v, want %v", tc.in, got, tc.want)
			}
		})
	}
}

func TestInstallHint(t *testing.T) {
	seen := map[string]string{}
	for _, tc := range []struct {
		goos        string
		offByPolicy bool
		want        string
	}{
		{"linux", false, "i3lock or xsecurelock: Grendel then uses it"},
		{"freebsd", false, "lock.command"},
		{"windows", true, "Remove Lock Computer"},
		{"windows", false, "Windows key + L"},
		{"darwin", false, "Require password"},
	} {
		h := installHint(tc.goos, tc.offByPolicy)
		if !strings.Contains(h, tc.want) {
			t.Errorf("installHint(%q, %v) = %q, want it to name %q", tc.goos, tc.offByPolicy, h, tc.want)
		}
		seen[h] = tc.goos
	}
	if len(seen) != 5 {
		t.Errorf("installHint gives %d different hints for linux, freebsd, windows (two) and darwin, want 5", len(seen))
	}
}

// labels returns the text of every label under o.
func labels(o fyne.CanvasObject) []string {
	var out []string
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Label:
			out = append(out, w.Text)
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		case *container.ThemeOverride:
			walk(w.Content)
		case *view:
			walk(w.content)
		}
	}
	walk(o)
	return out
}

// backdropOf returns the backdrop image of a privacy window's content.
func backdropOf(t *testing.T, o fyne.CanvasObject) *image.RGBA {
	t.Helper()
	v, ok := o.(*view)
	if !ok {
		t.Fatalf("content is %T, want *view", o)
	}
	img, ok := v.content.(*fyne.Container).Objects[0].(*canvas.Image)
	if !ok {
		t.Fatalf("the bottom layer is %T, want *canvas.Image", v.content.(*fyne.Container).Objects[0])
	}
	if img.File != "" || img.Resource != nil {
		t.Errorf("backdrop comes from file %q / resource %v, want an image.Image only", img.File, img.Resource)
	}
	rgba, ok := img.Image.(*image.RGBA)
	if !ok {
		t.Fatalf("backdrop image is %T, want *image.RGBA", img.Image)
	}
	return rgba
}

// privacyWindows returns the app's privacy windows (the test driver has one of
// its own).
func privacyWindows(a fyne.App) []fyne.Window {
	var out []fyne.Window
	for _, w := range a.Driver().AllWindows() {
		if _, ok := w.Content().(*view); ok {
			out = append(out, w)
		}
	}
	return out
}

// showHeadless shows the privacy screen on Fyne's test driver, over two
// displays whose content is 1-pixel magenta and green stripes.
func showHeadless(t *testing.T) (a fyne.App, dismissed *int, captured []*image.RGBA) {
	t.Helper()
	a = test.NewTempApp(t)
	dismissed = new(int)
	var shown []Shown
	Show(a, Options{
		Displays: []image.Rectangle{image.Rect(0, 0, 840, 560), image.Rect(840, 0, 1680, 560)},
		Capture: func(r image.Rectangle) (*image.RGBA, error) {
			img := stripes(r.Dx(), r.Dy(), true, color.RGBA{0xff, 0, 0xff, 0xff}, color.RGBA{0, 0xff, 0, 0xff})
			captured = append(captured, img)
			return img, nil
		},
		Quiet:     true,
		OnShown:   func(s Shown) { shown = append(shown, s) },
		OnDismiss: func() { *dismissed++ },
	})
	wantWindows := 2
	if !perDisplay {
		wantWindows = 1
	}
	if n := len(privacyWindows(a)); n != wantWindows {
		t.Fatalf("Show opened %d windows, want %d", n, wantWindows)
	}
	// The test driver's windows have no native handle: Show falls back
	// to Fyne's full screen, and says so.
	if want := []Shown{{Windows: wantWindows}}; !slices.Equal(shown, want) {
		t.Errorf("OnShown got %v, want %v", shown, want)
	}
	return a, dismissed, captured
}

func TestShowHeadless(t *testing.T) {
	a, dismissed, captured := showHeadless(t)
	title, message, hint := texts()
	for i, w := range privacyWindows(a) {
		got := labels(w.Content())
		for _, want := range []string{title, message, hint} {
			if !slices.Contains(got, want) {
				t.Errorf("window %d shows %q, want it to include %q", i, got, want)
			}
		}
		if !w.FullScreen() {
			t.Errorf("window %d is not full screen", i)
		}
		b := backdropOf(t, w.Content())
		if got, want := b.Bounds().Size(), image.Pt(30, 20); got != want {
			t.Errorf("window %d: backdrop is %v, want %v (840×560 in blocks of %d)", i, got, want, DefaultBlock)
		}
		for y := range b.Rect.Dy() {
			for x := range b.Rect.Dx() {
				if c := b.RGBAAt(x, y); c.R != c.G || c.G != c.B || c.R > 60 {
					t.Fatalf("window %d: backdrop pixel (%d,%d) = %v, want a dark grey", i, x, y, c)
				}
			}
		}
	}
	for i, img := range captured {
		for _, p := range img.Pix {
			if p != 0 {
				t.Fatalf("capture %d was not wiped after pixelating", i)
			}
		}
	}

	privacyWindows(a)[0].Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeySpace})
	if *dismissed != 1 {
		t.Errorf("OnDismiss ran %d times after a key press, want 1", *dismissed)
	}
	if n := len(privacyWindows(a)); n != 0 {
		t.Errorf("%d windows are still open after a key press, want none", n)
	}
}

func TestShowHeadlessPointer(t *testing.T) {
	a, dismissed, _ := showHeadless(t)
	w := privacyWindows(a)[0]
	w.Resize(fyne.NewSize(840, 560))
	c := w.Canvas()

	test.MoveMouse(c, fyne.NewPos(400, 300))
	test.MoveMouse(c, fyne.NewPos(600, 100)) // the window may still be moving: ignored
	time.Sleep(settle + 50*time.Millisecond)
	test.MoveMouse(c, fyne.NewPos(400, 300))
	test.MoveMouse(c, fyne.NewPos(404, 303))
	if *dismissed != 0 {
		t.Fatalf("dismissed by a 5-pixel move")
	}
	test.MoveMouse(c, fyne.NewPos(420, 300))
	if *dismissed != 1 || len(privacyWindows(a)) != 0 {
		t.Errorf("after a 20-pixel move: dismissed %d times, %d windows open; want 1 and none", *dismissed, len(privacyWindows(a)))
	}
}

func TestShowHeadlessTap(t *testing.T) {
	a, dismissed, _ := showHeadless(t)
	w := privacyWindows(a)[0]
	w.Resize(fyne.NewSize(840, 560))
	c := w.Canvas()
	test.TapCanvas(c, fyne.NewPos(10, 10))
	if *dismissed != 1 || len(privacyWindows(a)) != 0 {
		t.Errorf("after a tap: dismissed %d times, %d windows open; want 1 and none", *dismissed, len(privacyWindows(a)))
	}
}

func TestCloseAll(t *testing.T) {
	a := test.NewTempApp(t)
	var dismissed int
	closeAll := Show(a, Options{
		Displays:  []image.Rectangle{image.Rect(0, 0, 640, 480)},
		Capture:   func(image.Rectangle) (*image.RGBA, error) { return nil, os.ErrPermission },
		Quiet:     true,
		OnDismiss: func() { dismissed++ },
	})
	w := privacyWindows(a)[0]
	if got, want := backdropOf(t, w.Content()).Bounds().Size(), image.Pt(1, 1); got != want {
		t.Errorf("backdrop after a failed capture is %v, want the plain %v", got, want)
	}
	closeAll()
	closeAll()
	if dismissed != 1 || len(privacyWindows(a)) != 0 {
		t.Errorf("after closeAll twice: dismissed %d times, %d windows open; want 1 and none", dismissed, len(privacyWindows(a)))
	}
}

// TestCardLayout checks that the message gets a readable width on a large
// display and the window's width less the margins on a small one, and is
// as tall as its wrapped text.
func TestCardLayout(t *testing.T) {
	test.NewTempApp(t)
	title, message, hint := texts()
	for _, tc := range []struct {
		window fyne.Size
		width  float32
	}{
		{fyne.NewSize(1920, 1080), 760},
		{fyne.NewSize(640, 480), 560},
	} {
		v := newView(plainBackdrop(), test.Theme(), title, message, hint, func(Input, fyne.Position) {})
		w := test.NewWindow(v)
		w.SetPadded(false)
		w.Resize(tc.window)
		card := v.(*view).content.(*fyne.Container).Objects[1].(*fyne.Container).Objects[0]
		if card.Size().Width != tc.width {
			t.Errorf("in a %v window the card is %v wide, want %v", tc.window, card.Size().Width, tc.width)
		}
		if card.Size().Height < card.MinSize().Height || card.Size().Height > tc.window.Height {
			t.Errorf("in a %v window the card is %v tall, want at least its min %v", tc.window, card.Size().Height, card.MinSize().Height)
		}
		pos := card.Position()
		if pos.X < 0 || pos.Y < 0 || pos.X+card.Size().Width > tc.window.Width {
			t.Errorf("in a %v window the card at %v, %v runs off the window", tc.window, pos, card.Size())
		}
		w.Close()
	}
}

// TestNoDiskWrites reads the package's sources: nothing in it may create
// a file or encode an image, so the screen's content cannot reach the disk.
func TestNoDiskWrites(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	bannedImports := []string{"image/png", "image/jpeg", "image/gif", "io/ioutil", "fyne.io/fyne/v2/storage", "os/exec"}
	bannedCalls := []string{"Create", "CreateTemp", "WriteFile", "OpenFile", "MkdirTemp"}
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range file.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			if slices.Contains(bannedImports, path) {
				t.Errorf("%s imports %q; the privacy screen must not write the screen's content anywhere", f, path)
			}
		}
		ast.Inspect(file, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if ok && fmt.Sprint(sel.X) == "os" && slices.Contains(bannedCalls, sel.Sel.Name) {
				t.Errorf("%s: uses os.%s; the privacy screen must not write files", fset.Position(sel.Pos()), sel.Sel.Name)
			}
			return true
		})
	}
}

// TestScreenshot draws the privacy screen over a made-up desktop into
// $GRENDEL_SHOTS/privacy-LANG.png, in the language of LANG, for a person
// to look at: it must say that the screen is covered, not locked.
func TestScreenshot(t *testing.T) {
	if err := i18n.Load(); err != nil {
		t.Fatal(err)
	}
	a := test.NewTempApp(t)
	desktop := func(r image.Rectangle) (*image.RGBA, error) {
		img := image.NewRGBA(image.Rect(0, 0, r.Dx(), r.Dy()))
		for y := range r.Dy() {
			for x := range r.Dx() {
				c := color.RGBA{0xe8, 0xea, 0xee, 0xff} // a window's background
				switch {
				case y < 40:
					c = color.RGBA{0x2b, 0x57, 0x9a, 0xff} // a title bar
				case x > 60 && x < 500 && y > 100 && y%24 < 12:
					c = color.RGBA{0x20, 0x20, 0x20, 0xff} // lines of text
				case x > 700 && y > 300:
					c = color.RGBA{0x21, 0x73, 0x46, 0xff} // a spreadsheet
				}
				img.SetRGBA(x, y, c)
			}
		}
		return img, nil
	}
	closeAll := Show(a, Options{Displays: []image.Rectangle{image.Rect(0, 0, 1280, 800)}, Capture: desktop, Quiet: true})
	defer closeAll()
	w := privacyWindows(a)[0]
	w.Resize(fyne.NewSize(1280, 800))
	title, message, _ := texts()
	if got := labels(w.Content()); !slices.Contains(got, title) || !slices.Contains(got, message) {
		t.Errorf("the privacy screen shows %q, want %q and %q", got, title, message)
	}
	uitest.Shot(t, w, "privacy", i18n.Language())
}
