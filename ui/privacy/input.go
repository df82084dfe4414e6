package privacy

import "image"

// Kind is the kind of an input event.
type Kind int

// The kinds of input the privacy screen sees.
const (
	// KeyDown is a key pressed, modifiers included.
	KeyDown Kind = iota + 1
	// KeyUp is a key released, such as the release of a key that was
	// pressed before the screen appeared.
	KeyUp
	// ButtonDown is a mouse button pressed or a wheel turned.
	ButtonDown
	// ButtonUp is a mouse button released.
	ButtonUp
	// PointerAt reports where the pointer is without it having moved: it
	// entered a window because the window appeared or moved under it.
	PointerAt
	// PointerMove is the pointer moved by the user.
	PointerMove
)

// Input is one input event. At is the pointer's position in screen
// pixels, for the pointer kinds.
type Input struct {
	Kind Kind
	At   image.Point
}

// DefaultSlack is how far, in pixels, the pointer may drift before its
// motion counts as real input: a desk's vibration or a jittery sensor
// moves it a pixel or two.
const DefaultSlack = 8

// Filter tells real input, which ends the privacy screen, from the events
// that showing the screen causes by itself: the pointer reported where it
// already was when a window appears or moves under it, a key released
// that was pressed before. A key or button pressed is real; the pointer's
// motion is real once it is more than Slack pixels away from where it was
// first seen. The zero Filter uses [DefaultSlack].
type Filter struct {
	// Slack is how far, in pixels, the pointer may move from where it was
	// first seen without counting as real input; 0 means DefaultSlack.
	Slack int

	origin image.Point
	seen   bool
}

// Real reports whether in is real input from a user.
func (f *Filter) Real(in Input) bool {
	switch in.Kind {
	case KeyDown, ButtonDown:
		return true
	case PointerAt, PointerMove:
		if !f.seen {
			f.origin, f.seen = in.At, true
			return false
		}
		if in.Kind == PointerAt {
			return false
		}
		slack := f.Slack
		if slack <= 0 {
			slack = DefaultSlack
		}
		d := in.At.Sub(f.origin)
		return d.X*d.X+d.Y*d.Y > slack*slack
	}
	return false
}
