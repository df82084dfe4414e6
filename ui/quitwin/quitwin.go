// Package quitwin is the window that confirms quitting Grendel: "Quit
// Grendel…" in the tray opens it (the agent has no GUI toolkit of its
// own). It says that automatic locking stops, and asks the agent to quit
// only when the user confirms; anything else leaves the agent running.
package quitwin

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"grendel/app/agent"
	"grendel/app/ipc"
)

// View is the window's content. Use it from the UI goroutine only.
type View struct {
	quit    func() error
	close   func()
	do      func(func()) // runs on the UI goroutine: fyne.Do, or a test's
	status  *widget.Label
	keep    *widget.Button
	confirm *widget.Button
	content fyne.CanvasObject
}

// New builds the view. quit asks the agent to quit, off the UI goroutine,
// and returns its refusal or failure; close closes the window.
func New(quit func() error, close func()) *View {
	v := &View{quit: quit, close: close, do: fyne.Do, status: widget.NewLabel("")}
	heading := widget.NewLabelWithStyle(lang.X("quit.heading", "Quit Grendel?"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameSubHeadingText
	body := widget.NewLabel(lang.X("quit.body", "Automatic locking stops: when you leave this workstation, it is no longer locked, until Grendel is started again."))
	body.Wrapping = fyne.TextWrapWord
	v.status.Wrapping = fyne.TextWrapWord
	v.status.Importance = widget.DangerImportance
	v.status.Hide()

	v.keep = widget.NewButtonWithIcon(lang.X("quit.keep", "Keep running"), theme.CancelIcon(), close)
	v.keep.Importance = widget.HighImportance
	v.confirm = widget.NewButtonWithIcon(lang.X("quit.confirm", "Quit Grendel"), theme.LogoutIcon(), v.Confirm)
	v.confirm.Importance = widget.DangerImportance

	icon := canvas.NewImageFromResource(theme.NewWarningThemedResource(theme.WarningIcon()))
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSquareSize(48))
	text := container.NewVBox(heading, body, v.status)
	buttons := container.NewHBox(v.confirm, v.keep)
	v.content = container.NewPadded(container.NewBorder(nil, container.NewBorder(nil, nil, nil, buttons),
		container.NewPadded(container.NewVBox(icon)), nil, text))
	return v
}

// Content returns the window's content.
func (v *View) Content() fyne.CanvasObject { return v.content }

// Confirm asks the agent to quit, as the Quit button does. The window
// closes once the agent has answered yes, and says why otherwise.
func (v *View) Confirm() {
	v.confirm.Disable()
	v.keep.Disable()
	go func() {
		err := v.quit()
		v.do(func() { v.answered(err) })
	}()
}

// answered shows the agent's answer.
func (v *View) answered(err error) {
	if err == nil {
		v.close()
		return
	}
	v.status.SetText(refusal(err))
	v.status.Show()
	v.keep.Enable()
	v.keep.SetText(lang.X("quit.close", "Close"))
	if !errors.Is(err, ipc.ErrNoAgent) && !strings.Contains(err.Error(), agent.ErrQuitForbidden.Error()) {
		v.confirm.Enable() // worth another try
	}
}

// refusal says, in the user's words, why the agent did not quit.
func refusal(err error) string {
	switch {
	case errors.Is(err, ipc.ErrNoAgent):
		return lang.X("quit.not_running", "Grendel is not running: automatic locking is off already.")
	case strings.Contains(err.Error(), agent.ErrQuitForbidden.Error()):
		// The agent's answer travels as text.
		return lang.X("quit.forbidden", "Your organisation does not allow quitting Grendel.")
	}
	return lang.X("quit.failed", "Grendel did not quit: {{.Error}}", map[string]string{"Error": err.Error()})
}
