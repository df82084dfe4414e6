// Package checkwin is the "Check a password" window: a masked entry with a
// reveal toggle, a live meter in colour and words, the time an attack
// would take, the warnings and suggestions in the user's language, and the
// policy's verdict. The scoring is the core's (app/strength); this package
// only shows it. The entry is cleared when the window closes.
package checkwin

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"grendel/app/strength"
	"grendel/ui/i18n"
	"grendel/ui/internal/escape"
	"grendel/ui/internal/textcase"
)

// View is the window's content. Use it from the UI goroutine only.
type View struct {
	scorer *strength.Scorer
	ctx    strength.Context
	policy strength.Policy

	Entry    *escape.Entry
	meter    [5]*canvas.Rectangle
	scoreTxt *widget.Label
	crack    *widget.Label
	verdict  *widget.Label
	warnings *widget.Label
	advice   *widget.Label
	content  fyne.CanvasObject
}

// meterColours are the meter's colours for scores 0 to 4.
var meterColours = [5]color.NRGBA{
	{0xd3, 0x2f, 0x2f, 0xff}, // red
	{0xf5, 0x7c, 0x00, 0xff}, // orange
	{0xfb, 0xc0, 0x2d, 0xff}, // amber
	{0x7c, 0xb3, 0x42, 0xff}, // light green
	{0x2e, 0x7d, 0x32, 0xff}, // green
}

// New builds the view. close runs when the user presses Close; generate,
// if not nil, adds a button that opens the generator.
func New(scorer *strength.Scorer, ctx strength.Context, p strength.Policy, generate, close func()) *View {
	v := &View{scorer: scorer, ctx: ctx, policy: p}
	v.Entry = escape.NewPasswordEntry()
	v.Entry.OnEscape = close // the entry has the focus: Escape closes from there too
	v.Entry.SetPlaceHolder(lang.X("check.placeholder", "Type or paste a password"))
	v.Entry.OnChanged = func(string) { v.refresh() }

	bars := make([]fyne.CanvasObject, len(v.meter))
	for i := range v.meter {
		r := canvas.NewRectangle(theme.Color(theme.ColorNameDisabledButton))
		r.SetMinSize(fyne.NewSize(60, 10))
		r.CornerRadius = 3
		v.meter[i] = r
		bars[i] = r
	}
	v.scoreTxt = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.crack = widget.NewLabel("")
	v.crack.Wrapping = fyne.TextWrapWord
	v.verdict = widget.NewLabel("")
	v.verdict.Wrapping = fyne.TextWrapWord
	v.warnings = widget.NewLabel("")
	v.warnings.Wrapping = fyne.TextWrapWord
	v.advice = widget.NewLabel("")
	v.advice.Wrapping = fyne.TextWrapWord

	intro := widget.NewLabel(lang.X("check.intro", "Grendel checks the password here, on this computer; it is not stored or sent anywhere."))
	intro.Wrapping = fyne.TextWrapWord
	buttons := []fyne.CanvasObject{}
	if generate != nil {
		buttons = append(buttons, widget.NewButtonWithIcon(lang.X("check.generate", "Generate a password…"), theme.ViewRefreshIcon(), generate))
	}
	buttons = append(buttons, widget.NewButtonWithIcon(lang.X("check.close", "Close"), theme.WindowCloseIcon(), close))
	v.content = container.NewBorder(
		container.NewVBox(intro, v.Entry, container.NewGridWithColumns(len(bars), bars...), v.scoreTxt),
		container.NewHBox(append([]fyne.CanvasObject{layout.NewSpacer()}, buttons...)...),
		nil, nil,
		container.NewVScroll(container.NewVBox(v.crack, v.verdict, v.warnings, v.advice)))
	v.refresh()
	return v
}

// Content returns the window's content.
func (v *View) Content() fyne.CanvasObject { return v.content }

// Clear empties the entry and everything derived from it.
func (v *View) Clear() { v.Entry.SetText("") }

// refresh scores the entry's text and shows the result.
func (v *View) refresh() {
	pw := v.Entry.Text
	if pw == "" {
		for _, r := range v.meter {
			r.FillColor = theme.Color(theme.ColorNameDisabledButton)
			r.Refresh()
		}
		v.scoreTxt.SetText(lang.X("check.empty", "No password yet"))
		v.crack.SetText("")
		v.verdict.SetText("")
		v.warnings.SetText("")
		v.advice.SetText("")
		return
	}
	r := v.scorer.Score(pw, v.ctx)
	for i, rect := range v.meter {
		if i <= r.Score {
			rect.FillColor = meterColours[r.Score]
		} else {
			rect.FillColor = theme.Color(theme.ColorNameDisabledButton)
		}
		rect.Refresh()
	}
	v.scoreTxt.SetText(textcase.Capital(i18n.Score(r.Score))) // the verdict stands alone: "Very weak"
	v.crack.SetText(CrackText(r.Crack()))
	v.verdict.SetText(i18n.Verdict(v.policy, v.policy.Judge(r)).Sentence)
	v.warnings.SetText(bullets(r.Warnings, i18n.Reason))
	v.advice.SetText(bullets(r.Suggestions, i18n.Suggestion))
}

// bullets renders codes as one bullet line each.
func bullets[T any](codes []T, text func(T) string) string {
	s := ""
	for i, c := range codes {
		if i > 0 {
			s += "\n"
		}
		s += "• " + text(c)
	}
	return s
}

// CrackText says how long an attack would take.
func CrackText(c strength.CrackTime) string {
	switch c {
	case strength.CrackInstant:
		return lang.X("check.crack.instant", "An attacker who steals the password database would guess it at once.")
	case strength.CrackSeconds:
		return lang.X("check.crack.seconds", "An attacker who steals the password database would guess it in seconds.")
	case strength.CrackMinutes:
		return lang.X("check.crack.minutes", "An attacker who steals the password database would guess it in minutes.")
	case strength.CrackHours:
		return lang.X("check.crack.hours", "An attacker who steals the password database would need hours.")
	case strength.CrackDays:
		return lang.X("check.crack.days", "An attacker who steals the password database would need days.")
	case strength.CrackMonths:
		return lang.X("check.crack.months", "An attacker who steals the password database would need months.")
	case strength.CrackYears:
		return lang.X("check.crack.years", "An attacker who steals the password database would need years.")
	}
	return lang.X("check.crack.centuries", "An attacker who steals the password database would need centuries.")
}
