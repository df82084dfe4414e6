// Package settingswin is the settings window: the user's own choices (lock
// sooner, a shorter warning, presentation mode, the language of
// passphrases), within what the policy allows. A setting a managed file
// fixes is shown but cannot be changed; a limited one offers only stricter
// values. Saving writes the user's settings.json through
// [policy.SaveUser].
//
// Which choices a setting offers and what to save are decided by pure
// functions over [Data]; the widgets only show them and report selections.
package settingswin

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"grendel/assets"
	"grendel/policy"
	"grendel/ui/internal/escape"
)

var errNoSettingsFile = errors.New("this system has no place for a settings file")

// View is the window's content. Use it from the UI goroutine only.
type View struct {
	data     Data
	rows     []row
	selected []int // the index of each row's selected option
	selects  []*widget.Select
	parent   fyne.Window
	onSaved  func()
	onClose  func()
	content  fyne.CanvasObject
}

// New builds the view over d. Dialogs (a refused save) show over parent;
// onSaved is called once settings.json is written (or nothing needed
// writing), and the caller then usually closes the window and asks the
// agent to reload; onClose is called by Cancel.
func New(d Data, parent fyne.Window, onSaved, onClose func()) *View {
	v := &View{data: d, rows: rows(d), parent: parent, onSaved: onSaved, onClose: onClose}

	icon := canvas.NewImageFromResource(fyne.NewStaticResource("grendel.png", assets.Icon("grendel.png")))
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSize(48, 48))
	title := widget.NewLabelWithStyle(lang.X("settings.heading", "Your settings"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	header := container.NewHBox(icon, container.NewCenter(title))

	intro := wrapped(lang.X("settings.intro", "Grendel follows your organisation's policy. Here you can make it stricter for yourself, for example lock sooner. What your organisation sets cannot be changed here."))
	body := container.NewVBox(intro)
	if d.UserErr != nil {
		b := wrapped(userFileText(d))
		b.Importance = widget.DangerImportance
		b.TextStyle = fyne.TextStyle{Bold: true}
		body.Add(b)
	}
	form := widget.NewForm()
	for i, r := range v.rows {
		form.Append(settingName(r.Key), v.rowContent(i, r, d))
	}
	body.Add(form)

	save := widget.NewButtonWithIcon(lang.X("settings.save", "Save"), theme.DocumentSaveIcon(), v.save)
	save.Importance = widget.HighImportance
	if d.UserErr != nil {
		save.Disable()
	}
	cancel := widget.NewButtonWithIcon(lang.X("settings.cancel", "Cancel"), theme.CancelIcon(), onClose)
	buttons := container.NewBorder(nil, nil, nil, container.NewHBox(cancel, save))
	// Wrapped labels need a width to wrap to: everything that wraps lives in
	// the scrolled middle, which the window sizes.
	v.content = container.NewBorder(header, buttons, nil, nil, container.NewVScroll(body))
	return v
}

// Content returns the window's content.
func (v *View) Content() fyne.CanvasObject { return v.content }

// rowContent builds one setting: its choices, what it is for, where its
// value comes from now, and what the policy allows.
func (v *View) rowContent(i int, r row, d Data) fyne.CanvasObject {
	labels := make([]string, len(r.Options))
	for j, o := range r.Options {
		labels[j] = optionText(r.Key, o, d)
	}
	// A clicked select keeps the focus, and with it Escape: it passes it
	// on to Cancel.
	es := escape.NewSelect(labels, nil)
	es.OnEscape = v.onClose
	sel := &es.Select
	sel.SetSelectedIndex(r.Initial)
	v.selected = append(v.selected, r.Initial)
	sel.OnChanged = func(string) { v.selected[i] = sel.SelectedIndex() }
	v.selects = append(v.selects, sel)
	if d.UserErr != nil {
		sel.Disable() // nothing can be saved
	}

	// The notes under the select are one block of short paragraphs: what
	// the setting is for, what applies now, what the policy allows.
	para := func(text string, style fyne.TextStyle, color fyne.ThemeColorName) *widget.TextSegment {
		return &widget.TextSegment{Text: text, Style: widget.RichTextStyle{TextStyle: style, ColorName: color}}
	}
	notes := widget.NewRichText(para(settingHelp(r.Key), fyne.TextStyle{}, ""))
	notes.Wrapping = fyne.TextWrapWord
	value, _ := d.Effective.Settings.Get(r.Key)
	notes.Segments = append(notes.Segments, para(nowText(r.Key, value, d.Effective.Sources[r.Key]), fyne.TextStyle{Italic: true}, ""))
	b := d.Bounds[r.Key]
	switch {
	case r.Fixed:
		sel.Disable()
		notes.Segments = append(notes.Segments, para(fixedText(b.Source), fyne.TextStyle{}, theme.ColorNameWarning))
	case b.Kind == policy.BoundLimited:
		notes.Segments = append(notes.Segments, para(limitText(r.Key, b), fyne.TextStyle{}, ""))
	}
	if r.Ignored != nil {
		notes.Segments = append(notes.Segments, para(ignoredText(r.Key, r.Ignored, b), fyne.TextStyle{}, theme.ColorNameWarning))
	}
	return container.NewVBox(es, notes)
}

// save writes the changed settings, or says why it will not.
func (v *View) save() {
	chosen := changes(v.rows, v.selected)
	if problems := check(v.data, chosen); len(problems) > 0 {
		v.refuse(&policy.UserError{Path: v.data.Path, Err: policy.ErrInvalidSetting, Problems: problems})
		return
	}
	if len(chosen) > 0 {
		if err := policy.SaveUser(v.data.Path, chosen); err != nil {
			v.refuse(err)
			return
		}
		// What is saved is where the next save starts from.
		for i := range v.rows {
			v.rows[i].Initial = v.selected[i]
		}
	}
	if v.onSaved != nil {
		v.onSaved()
	}
}

// refuse shows why the settings were not saved.
func (v *View) refuse(err error) {
	dialog.NewInformation(lang.X("settings.error.title", "Settings not saved"), errorText(err), v.parent).Show()
}

// errorText explains err, from SaveUser or check, in the user's language.
func errorText(err error) string {
	var ue *policy.UserError
	switch {
	case errors.As(err, &ue) && errors.Is(err, policy.ErrInvalidSetting):
		lines := []string{lang.X("settings.error.invalid", "Grendel did not save your settings, because this is not allowed:")}
		for _, p := range ue.Problems {
			lines = append(lines, lang.X("settings.error.setting", "{{.Setting}} ({{.Key}}): {{.Message}}",
				map[string]string{"Setting": settingName(policy.Key(p.Key)), "Key": p.Key, "Message": problemText(p)}))
		}
		return strings.Join(lines, "\n")
	case errors.As(err, &ue):
		return userFileText(Data{Path: ue.Path, UserErr: err})
	}
	return lang.X("settings.error.write", "Grendel could not write your settings: {{.Error}}", map[string]string{"Error": err.Error()})
}

// wrapped returns a label that wraps at word boundaries.
func wrapped(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}
