package escape

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Radio is a group of options of which one is chosen, drawn and used as
// [widget.RadioGroup] (a click or Space chooses an option, Tab moves
// between them), whose options run OnEscape when Escape is pressed while
// one has the focus. Fyne's radio options take the focus on a click and
// keep Escape, and they cannot be wrapped: hence this group of its own.
//
// Options and Horizontal are read when the group is first drawn; set
// Selected with [Radio.SetSelected].
type Radio struct {
	widget.DisableableWidget

	Options []string
	// Selected is the chosen option, "" for none.
	Selected string
	// Horizontal lays the options out in a row instead of a column.
	Horizontal bool
	// Required keeps an option chosen: a click on the chosen one does not
	// clear it.
	Required bool
	// OnChanged runs when the user or SetSelected changes the choice.
	OnChanged func(string)
	// OnEscape runs on Escape; the window's close function, usually.
	OnEscape func()

	items []*radioOption
}

// NewRadio returns a group of options that calls changed, as
// [widget.NewRadioGroup].
func NewRadio(options []string, changed func(string)) *Radio {
	r := &Radio{Options: options, OnChanged: changed}
	r.ExtendBaseWidget(r)
	return r
}

// SetSelected chooses option ("" for none) and runs OnChanged if that
// changes the choice.
func (r *Radio) SetSelected(option string) {
	if r.Selected == option {
		return
	}
	r.Selected = option
	for _, it := range r.items {
		it.Refresh()
	}
	if r.OnChanged != nil {
		r.OnChanged(option)
	}
}

// chose is a click or Space on option: it chooses it, or clears a chosen
// option unless the group is Required.
func (r *Radio) chose(option string) {
	if r.Disabled() {
		return
	}
	if option == r.Selected {
		if r.Required {
			return
		}
		option = ""
	}
	r.SetSelected(option)
}

// CreateRenderer implements [fyne.Widget].
func (r *Radio) CreateRenderer() fyne.WidgetRenderer {
	r.ExtendBaseWidget(r)
	r.items = r.items[:0]
	objs := make([]fyne.CanvasObject, 0, len(r.Options))
	for _, o := range r.Options {
		it := &radioOption{group: r, label: o}
		it.ExtendBaseWidget(it)
		r.items = append(r.items, it)
		objs = append(objs, it)
	}
	return widget.NewSimpleRenderer(container.New(cells{r.Horizontal}, objs...))
}

// cells lays options out as Fyne's radio group does: every option in a
// cell of the largest option's size, side by side or one under another,
// with no gap.
type cells struct{ horizontal bool }

func (c cells) cell(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return s
}

func (c cells) MinSize(objs []fyne.CanvasObject) fyne.Size {
	s, n := c.cell(objs), float32(len(objs))
	if c.horizontal {
		return fyne.NewSize(s.Width*n, s.Height)
	}
	return fyne.NewSize(s.Width, s.Height*n)
}

func (c cells) Layout(objs []fyne.CanvasObject, _ fyne.Size) {
	s := c.cell(objs)
	var at fyne.Position
	for _, o := range objs {
		o.Resize(s)
		o.Move(at)
		if c.horizontal {
			at.X += s.Width
		} else {
			at.Y += s.Height
		}
	}
}

// Refresh implements [fyne.Widget]: the options follow the group's state.
func (r *Radio) Refresh() {
	for _, it := range r.items {
		it.Refresh()
	}
	r.BaseWidget.Refresh()
}

// radioOption is one option of a Radio: its circle and its label.
type radioOption struct {
	widget.BaseWidget
	group            *Radio
	label            string
	focused, hovered bool
}

var (
	_ fyne.Focusable    = (*radioOption)(nil)
	_ fyne.Tappable     = (*radioOption)(nil)
	_ desktop.Hoverable = (*radioOption)(nil)
)

func (o *radioOption) selected() bool { return o.group.Selected == o.label }

// Tapped chooses the option and takes the focus, as Fyne's options do.
func (o *radioOption) Tapped(*fyne.PointEvent) {
	if o.group.Disabled() {
		return
	}
	if !o.focused && !fyne.CurrentDevice().IsMobile() {
		if c := fyne.CurrentApp().Driver().CanvasForObject(o); c != nil {
			c.Focus(o)
		}
	}
	o.group.chose(o.label)
}

// FocusGained implements [fyne.Focusable].
func (o *radioOption) FocusGained() { o.focused = true; o.Refresh() }

// FocusLost implements [fyne.Focusable].
func (o *radioOption) FocusLost() { o.focused = false; o.Refresh() }

// TypedRune chooses the option on Space.
func (o *radioOption) TypedRune(r rune) {
	if r == ' ' {
		o.group.chose(o.label)
	}
}

// TypedKey passes Escape to the group's OnEscape.
func (o *radioOption) TypedKey(k *fyne.KeyEvent) { typed(k, o.group.OnEscape, func(*fyne.KeyEvent) {}) }

// MouseIn implements [desktop.Hoverable].
func (o *radioOption) MouseIn(*desktop.MouseEvent) {
	if !o.group.Disabled() {
		o.hovered = true
		o.Refresh()
	}
}

// MouseMoved implements [desktop.Hoverable].
func (o *radioOption) MouseMoved(*desktop.MouseEvent) {}

// MouseOut implements [desktop.Hoverable].
func (o *radioOption) MouseOut() {
	if o.hovered {
		o.hovered = false
		o.Refresh()
	}
}

// CreateRenderer implements [fyne.Widget].
func (o *radioOption) CreateRenderer() fyne.WidgetRenderer {
	o.ExtendBaseWidget(o)
	r := &radioOptionRenderer{o: o, focus: &canvas.Circle{}, fill: &canvas.Image{}, ring: &canvas.Image{}, text: &canvas.Text{}}
	r.update()
	return r
}

// radioOptionRenderer draws an option as Fyne draws its own: the focus or
// hover circle, the circle's fill and ring, and the label.
type radioOptionRenderer struct {
	o          *radioOption
	focus      *canvas.Circle
	fill, ring *canvas.Image
	text       *canvas.Text
}

func (r *radioOptionRenderer) Destroy() {}

func (r *radioOptionRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.focus, r.fill, r.ring, r.text}
}

func (r *radioOptionRenderer) Layout(size fyne.Size) {
	th := r.o.Theme()
	inner, border, icon := th.Size(theme.SizeNameInnerPadding), th.Size(theme.SizeNameInputBorder), th.Size(theme.SizeNameInlineIcon)
	focus := fyne.NewSquareSize(icon + inner)
	r.focus.Resize(focus)
	r.focus.Move(fyne.NewPos(border, (size.Height-focus.Height)/2))
	r.text.Resize(size)
	r.text.Move(fyne.NewPos(focus.Width+th.Size(theme.SizeNamePadding), 0))
	at := fyne.NewPos(inner/2+border, (size.Height-icon)/2)
	for _, img := range []*canvas.Image{r.fill, r.ring} {
		img.Resize(fyne.NewSquareSize(icon))
		img.Move(at)
	}
}

func (r *radioOptionRenderer) MinSize() fyne.Size {
	th := r.o.Theme()
	pad := th.Size(theme.SizeNameInnerPadding) * 2
	return r.text.MinSize().AddWidthHeight(pad+th.Size(theme.SizeNameInlineIcon)+th.Size(theme.SizeNamePadding), pad)
}

func (r *radioOptionRenderer) Refresh() {
	r.update()
	canvas.Refresh(r.o)
}

// update sets the colours of the option's state: chosen or not, disabled,
// focused, hovered.
func (r *radioOptionRenderer) update() {
	th := r.o.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	disabled, chosen := r.o.group.Disabled(), r.o.selected()
	r.text.Text, r.text.TextSize = r.o.label, th.Size(theme.SizeNameText)
	r.text.Color = th.Color(theme.ColorNameForeground, v)
	ring := theme.NewThemedResource(th.Icon(theme.IconNameRadioButton))
	fill := theme.NewThemedResource(th.Icon(theme.IconNameRadioButtonFill))
	ring.ColorName, fill.ColorName = theme.ColorNameInputBorder, theme.ColorNameInputBackground
	if chosen {
		ring.ColorName, fill.ColorName = theme.ColorNameForeground, theme.ColorNamePrimary
	}
	if disabled {
		r.text.Color = th.Color(theme.ColorNameDisabled, v)
		ring.ColorName, fill.ColorName = theme.ColorNameDisabled, theme.ColorNameBackground
		if chosen {
			fill.ColorName = theme.ColorNameDisabled
		}
	}
	r.fill.Resource, r.ring.Resource = fill, ring
	r.fill.Refresh()
	r.ring.Refresh()
	switch {
	case disabled:
		r.focus.FillColor = color.Transparent
	case r.o.focused:
		r.focus.FillColor = th.Color(theme.ColorNameFocus, v)
	case r.o.hovered:
		r.focus.FillColor = th.Color(theme.ColorNameHover, v)
	default:
		r.focus.FillColor = color.Transparent
	}
	r.focus.Refresh()
}
