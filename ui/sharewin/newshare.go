package sharewin

import (
	"math"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"grendel/app/passgen"
	"grendel/app/secret"
	"grendel/app/strength"
	"grendel/app/vault"
	"grendel/assets"
	"grendel/ui/i18n"
	"grendel/ui/internal/escape"
	"grendel/ui/internal/textcase"
)

// NewForm is the "New share" form: what is shared, for whom, by which
// channel, and how the password is made, with the strength of a password
// of that kind.
type NewForm struct {
	Label, Recipient *escape.Entry
	Channel          *escape.Radio
	Kind             *escape.Radio
	Words, Length    *escape.Select
	Lang             *escape.Select
	Strength         *widget.Label
	// Own is a password the user types instead of a generated one; Own
	// Strength scores it against the policy as it is typed.
	Own         *escape.Entry
	OwnStrength *widget.Label
	items       []*widget.FormItem
	cfg         Config
	// form, once the dialog made it, is refreshed when Words or Length is
	// enabled or disabled: a form greys a disabled field's label only then.
	form *widget.Form
}

var languages = []string{"nl", "de", "en"}

// NewNewForm builds the form with the policy's defaults.
func NewNewForm(cfg Config) *NewForm {
	f := &NewForm{cfg: cfg}
	f.Label = escape.NewEntry()
	f.Label.SetPlaceHolder(lang.X("shares.new.label_hint", "e.g. Klantenlijst Q4.xlsx"))
	f.Label.Validator = func(s string) error {
		if s == "" {
			return errRequired
		}
		return nil
	}
	f.Recipient = escape.NewEntry()
	// Each choice stands alone, so it is capitalised like the kinds below.
	channels := []string{textcase.Capital(i18n.Channel(vault.ChannelPhone)), textcase.Capital(i18n.Channel(vault.ChannelSMS)), textcase.Capital(i18n.Channel(vault.ChannelOther))}
	f.Channel = escape.NewRadio(channels, nil)
	f.Channel.Horizontal = true
	f.Channel.SetSelected(channels[0])
	kinds := []string{lang.X("gen.kind.passphrase", "Passphrase (words, easy to read out)"), lang.X("gen.kind.random", "Random characters")}
	f.Kind = escape.NewRadio(kinds, nil)
	var words, lengths []string
	for n := passgen.MinWords; n <= passgen.MaxWords; n++ {
		words = append(words, strconv.Itoa(n))
	}
	for _, n := range []int{12, 16, 20, 24, 32} {
		lengths = append(lengths, strconv.Itoa(n))
	}
	f.Words = escape.NewSelect(words, nil)
	f.Length = escape.NewSelect(lengths, nil)
	f.Lang = escape.NewSelect([]string{"Nederlands", "Deutsch", "English"}, nil)
	d := cfg.Defaults
	if d.Kind == vault.KindRandom {
		f.Kind.SetSelected(kinds[1])
	} else {
		f.Kind.SetSelected(kinds[0])
	}
	f.Words.SetSelected(strconv.Itoa(min(max(d.Words, passgen.MinWords), passgen.MaxWords)))
	f.Length.SetSelected("20")
	for i, l := range languages {
		if l == d.Language {
			f.Lang.SetSelectedIndex(i)
		}
	}
	if f.Lang.SelectedIndex() < 0 {
		f.Lang.SetSelectedIndex(2)
	}
	f.Strength = widget.NewLabel("")
	f.Strength.Wrapping = fyne.TextWrapWord
	f.Own = escape.NewPasswordEntry()
	f.Own.SetPlaceHolder(lang.X("shares.new.own_hint", "leave empty to let Grendel generate one"))
	f.OwnStrength = widget.NewLabel("")
	f.OwnStrength.Wrapping = fyne.TextWrapWord
	f.Own.OnChanged = func(string) { f.updateOwn() }
	update := func(string) { f.update() }
	f.Kind.OnChanged, f.Words.OnChanged, f.Length.OnChanged, f.Lang.OnChanged = update, update, update, update
	f.items = []*widget.FormItem{
		widget.NewFormItem(lang.X("shares.new.label", "What is shared"), f.Label),
		widget.NewFormItem(lang.X("shares.new.recipient", "For whom"), f.Recipient),
		widget.NewFormItem(lang.X("shares.new.channel", "Password goes by"), f.Channel),
		widget.NewFormItem(lang.X("gen.kind", "Kind"), f.Kind),
		widget.NewFormItem(lang.X("gen.words", "Words"), f.Words),
		widget.NewFormItem(lang.X("gen.length", "Length"), f.Length),
		widget.NewFormItem(lang.X("gen.language", "Language"), f.Lang),
		widget.NewFormItem(lang.X("shares.new.strength", "Strength"), f.Strength),
		widget.NewFormItem(lang.X("shares.new.own", "Or your own password"), f.Own),
		widget.NewFormItem("", f.OwnStrength),
	}
	f.update()
	return f
}

// Items returns the form's items.
func (f *NewForm) Items() []*widget.FormItem { return f.items }

// Request returns the share the form asks for.
func (f *NewForm) Request() vault.Request {
	ch := []vault.Channel{vault.ChannelPhone, vault.ChannelSMS, vault.ChannelOther}
	channel := vault.ChannelPhone
	for i, o := range f.Channel.Options {
		if o == f.Channel.Selected {
			channel = ch[i]
		}
	}
	r := vault.Request{Label: f.Label.Text, Recipient: f.Recipient.Text, Channel: channel, Settings: f.settings()}
	if f.Own.Text != "" {
		r.Secret = secret.New(f.Own.Text)
	}
	return r
}

// OwnPasses reports whether the typed password, if any, meets the policy.
func (f *NewForm) OwnPasses() bool {
	if f.Own.Text == "" {
		return true
	}
	return f.cfg.Policy.Judge(strength.Default().Score(f.Own.Text, f.cfg.Context)).Pass
}

// updateOwn scores the typed password.
func (f *NewForm) updateOwn() {
	if f.Own.Text == "" {
		f.OwnStrength.SetText("")
		return
	}
	r := strength.Default().Score(f.Own.Text, f.cfg.Context)
	text := textcase.Capital(i18n.Score(r.Score)) // the line starts with it
	if w := r.Warning(); w != "" {
		text += " · " + i18n.Reason(w)
	}
	if !f.cfg.Policy.Judge(r).Pass {
		text += " · " + lang.X("shares.new.own_fails", "does not meet your organisation's policy")
	}
	f.OwnStrength.SetText(text)
}

func (f *NewForm) settings() vault.Settings {
	s := vault.Settings{Kind: vault.KindPassphrase, Language: languages[max(f.Lang.SelectedIndex(), 0)]}
	if f.Kind.Selected == f.Kind.Options[1] {
		s.Kind = vault.KindRandom
		s.Length, _ = strconv.Atoi(f.Length.Selected)
	} else {
		s.Words, _ = strconv.Atoi(f.Words.Selected)
	}
	return s
}

// update shows the strength of a password of the chosen kind: a sample
// generated now and scored (the share gets a fresh one of its own).
func (f *NewForm) update() {
	s := f.settings()
	if s.Kind == vault.KindRandom {
		f.Words.Disable()
		f.Length.Enable()
	} else {
		f.Words.Enable()
		f.Length.Disable()
	}
	if f.form != nil {
		f.form.Refresh()
	}
	var p passgen.Password
	var err error
	if s.Kind == vault.KindRandom {
		p, err = passgen.PasswordOptions{Length: s.Length}.Generate()
	} else {
		var list *passgen.WordList
		if list, err = passgen.NewWordList(assets.PassphraseWords(s.Language)); err == nil {
			p, err = passgen.PassphraseOptions{Words: s.Words}.Generate(list)
		}
	}
	if err != nil {
		f.Strength.SetText(err.Error())
		return
	}
	r := strength.Default().Score(p.Reveal(), f.cfg.Context)
	verdict := f.cfg.Policy.Judge(r)
	text := textcase.Capital(lang.X("shares.new.strength_text", "{{.Score}}, {{.Bits}} bits of entropy", map[string]string{
		"Score": i18n.Score(r.Score), "Bits": i18n.Number(int64(math.Round(p.Entropy())))}))
	if !verdict.Pass {
		text += " · " + lang.X("shares.new.below_policy", "below your organisation's policy: Grendel draws again until one passes")
	}
	f.Strength.SetText(text)
}

// showNew opens the "New share" dialog. It builds its own form (not
// dialog.NewForm's) so that the labels can follow their fields; Create is
// enabled while the form is valid, as in dialog.NewForm.
func (v *View) showNew() {
	f := NewNewForm(v.cfg)
	f.form = widget.NewForm(f.Items()...)
	var d *dialog.CustomDialog
	create := widget.NewButtonWithIcon(lang.X("shares.new.create", "Create"), theme.ConfirmIcon(), func() {
		d.Hide()
		if !f.OwnPasses() {
			v.setStatus(lang.X("shares.new.own_refused", "Your own password does not meet your organisation's policy; no share password was made. Leave it empty to let Grendel generate one."))
			return
		}
		v.Create(f.Request())
	})
	create.Importance = widget.HighImportance
	valid := func(err error) { enable(create, err == nil) }
	valid(f.form.Validate())
	f.form.SetOnValidationChanged(valid)
	d = dialog.NewCustomWithoutButtons(lang.X("shares.new.title", "New share password"), f.form, v.win)
	d.SetButtons([]fyne.CanvasObject{
		widget.NewButtonWithIcon(lang.X("shares.new.cancel", "Cancel"), theme.CancelIcon(), d.Hide), create})
	// The entries hold the focus while the user types, a clicked choice
	// after the click: Escape there cancels the dialog, as it does over
	// the window (escape.Closes).
	f.Label.OnEscape, f.Recipient.OnEscape, f.Own.OnEscape = d.Hide, d.Hide, d.Hide
	f.Channel.OnEscape, f.Kind.OnEscape = d.Hide, d.Hide
	f.Words.OnEscape, f.Length.OnEscape, f.Lang.OnEscape = d.Hide, d.Hide, d.Hide
	d.Resize(fyne.NewSize(620, 520))
	d.Show()
}

// Create makes the share off the UI goroutine, then selects it.
func (v *View) Create(req vault.Request) {
	v.background(func() func() {
		s, err := v.cfg.Store.Create(req)
		return func() {
			if err != nil {
				v.setStatus(errorText(err, req.Label))
				return
			}
			v.Refresh()
			for i, x := range v.shares {
				if x.ID == s.ID {
					v.Select(i)
				}
			}
			v.setStatus(lang.X("shares.created", "{{.Label}} is ready: copy the e-mail text for the e-mail, and send the password {{.By}}.",
				map[string]string{"Label": s.Label, "By": i18n.ChannelBy(s.Channel)}))
		}
	})
}

// errRequired is the validation error of an empty label.
var errRequired = requiredError{}

type requiredError struct{}

func (requiredError) Error() string { return lang.X("shares.new.required", "required") }
