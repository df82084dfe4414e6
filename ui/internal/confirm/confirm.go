// Package confirm asks before an action that cannot be undone. Its button
// says what happens ("Delete", "New password", "Replace"), never "Yes": a
// user who reads only the button still knows what it does.
package confirm

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// Show asks title, explained by message, over parent. The confirming
// button reads verb, the action itself; the other reads Cancel. do runs
// only when the user confirms. destructive marks an action that throws
// something away (its button turns the danger colour). The dialog is
// returned shown.
func Show(parent fyne.Window, title, message, verb string, destructive bool, do func()) *dialog.ConfirmDialog {
	d := dialog.NewConfirm(title, message, func(yes bool) {
		if yes {
			do()
		}
	}, parent)
	d.SetConfirmText(verb)
	d.SetDismissText(lang.X("ui.cancel", "Cancel"))
	if destructive {
		d.SetConfirmImportance(widget.DangerImportance)
	}
	d.Show()
	return d
}
