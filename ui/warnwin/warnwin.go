// Package warnwin is the warning window: "Locking in 27 seconds", shown
// while the agent counts down to the lock. Any real input cancels the
// countdown (the agent sees it through the idle time); the window only
// shows the count and offers to lock at once.
package warnwin

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"grendel/assets"
	"grendel/ui/i18n"
)

// View is the warning window's content. Update it from the UI goroutine only.
type View struct {
	count   *widget.Label
	content fyne.CanvasObject
}

// New builds the view; lockNow runs when the user asks to lock at once.
func New(lockNow func()) *View {
	v := &View{count: widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})}
	v.count.SizeName = theme.SizeNameHeadingText
	icon := canvas.NewImageFromResource(fyne.NewStaticResource("grendel.png", assets.Icon("grendel.png")))
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSize(64, 64))
	hint := widget.NewLabelWithStyle(lang.X("warning.hint", "Move the mouse or press a key to keep working."), fyne.TextAlignCenter, fyne.TextStyle{})
	hint.Wrapping = fyne.TextWrapWord // the German one is as wide as the window
	why := widget.NewLabelWithStyle(lang.X("warning.why", "Grendel locks this workstation when it is left unattended, as your organisation's policy asks."),
		fyne.TextAlignCenter, fyne.TextStyle{})
	// In the text colour at text size: the greyed low-importance colour
	// all but vanished on the light theme's background.
	why.Wrapping = fyne.TextWrapWord
	lock := widget.NewButtonWithIcon(lang.X("warning.lock_now", "Lock now"), theme.LoginIcon(), lockNow)
	lock.Importance = widget.HighImportance
	v.content = container.NewBorder(
		container.NewVBox(container.NewCenter(icon), v.count, hint),
		container.NewCenter(lock), nil, nil,
		container.NewVScroll(why))
	return v
}

// Content returns the window's content.
func (v *View) Content() fyne.CanvasObject { return v.content }

// Update shows the time left until lockAt.
func (v *View) Update(lockAt, now time.Time) {
	v.count.SetText(Countdown(lockAt, now))
}

// Countdown is the headline for the time left, in words: "Locking in 27
// seconds", counting whole seconds up, so that it never shows 0 before
// the lock.
func Countdown(lockAt, now time.Time) string {
	left := lockAt.Sub(now)
	if left <= 0 {
		return lang.X("warning.locking", "Locking…")
	}
	return lang.X("warning.countdown", "Locking in {{.Left}}", map[string]string{"Left": i18n.Duration((left + time.Second - 1).Truncate(time.Second))})
}
