// Package genwin is the "Generate a password" window: the generator's
// options, the result, its phone readout in the chosen language's spelling
// alphabet, its entropy and strength, and Copy. A copied password leaves
// the clipboard after the policy's share.clipboard_clear, but only if the
// clipboard still holds it (app/clipguard).
package genwin

import (
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"grendel/app/clipguard"
	"grendel/app/passgen"
	"grendel/app/strength"
	"grendel/assets"
	"grendel/ui/i18n"
	"grendel/ui/internal/escape"
)

// Config is what the window needs from the policy and the platform.
type Config struct {
	// Kind is "passphrase" or "random" (share.generator).
	Kind string
	// Words is the passphrase length (share.words).
	Words int
	// Lang is "nl", "de" or "en".
	Lang string
	// Policy is the password policy every result must meet.
	Policy strength.Policy
	// Context is the user's context for the scorer.
	Context strength.Context
	// ClipboardClear is share.clipboard_clear.
	ClipboardClear time.Duration
	// Guard copies to the clipboard.
	Guard *clipguard.Guard
}

// View is the window's content. Use it from the UI goroutine only.
type View struct {
	cfg  Config
	pw   passgen.Password
	kind *escape.Radio
	// words and length are the options; lang the language.
	words, length, lang *widget.Select
	lookAlikes          *widget.Check

	Result  *widget.Label
	readout *widget.Label
	info    *widget.Label
	status  *widget.Label
	form    *widget.Form
	copyBtn *widget.Button
	content fyne.CanvasObject
}

// kinds maps the radio's labels back to the generator kinds.
func kindLabels() (passphrase, random string) {
	return lang.X("gen.kind.passphrase", "Passphrase (words, easy to read out)"), lang.X("gen.kind.random", "Random characters")
}

// New builds the view and generates a first password; close runs when the
// user presses Close.
func New(cfg Config, close func()) *View {
	v := &View{cfg: cfg}
	pp, rnd := kindLabels()
	v.kind = escape.NewRadio([]string{pp, rnd}, func(string) { v.Generate() })
	v.kind.Horizontal = true
	var words []string
	for n := passgen.MinWords; n <= passgen.MaxWords; n++ {
		words = append(words, strconv.Itoa(n))
	}
	// A clicked select or check box keeps the focus, and with it Escape:
	// these pass it on to close.
	wordsSel := escape.NewSelect(words, func(string) { v.Generate() })
	v.words = &wordsSel.Select
	var lengths []string
	for _, n := range []int{12, 16, 20, 24, 32, 40, 64} {
		lengths = append(lengths, strconv.Itoa(n))
	}
	length := escape.NewSelect(lengths, func(string) { v.Generate() })
	v.length = &length.Select
	language := escape.NewSelect([]string{"Nederlands", "Deutsch", "English"}, func(string) { v.Generate() })
	v.lang = &language.Select
	lookAlikes := escape.NewCheck(lang.X("gen.no_look_alikes", "No look-alike characters (0/O, 1/l/I)"), func(bool) { v.Generate() })
	v.lookAlikes = &lookAlikes.Check
	wordsSel.OnEscape, length.OnEscape, language.OnEscape, lookAlikes.OnEscape, v.kind.OnEscape = close, close, close, close, close
	v.lookAlikes.Checked = true

	// Set the options without generating for each.
	v.kind.OnChanged, v.words.OnChanged, v.length.OnChanged, v.lang.OnChanged = nil, nil, nil, nil
	if cfg.Kind == "random" {
		v.kind.SetSelected(rnd)
	} else {
		v.kind.SetSelected(pp)
	}
	v.words.SetSelected(strconv.Itoa(min(max(cfg.Words, passgen.MinWords), passgen.MaxWords)))
	v.length.SetSelected("20")
	v.lang.SetSelectedIndex(map[string]int{"nl": 0, "de": 1, "en": 2}[cfg.Lang])
	gen := func(string) { v.Generate() }
	v.kind.OnChanged, v.words.OnChanged, v.length.OnChanged, v.lang.OnChanged = gen, gen, gen, gen

	v.Result = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Monospace: true})
	v.Result.Wrapping = fyne.TextWrapBreak
	v.Result.SizeName = theme.SizeNameSubHeadingText
	v.Result.Selectable = true
	v.readout = widget.NewLabel("")
	v.readout.Wrapping = fyne.TextWrapWord
	v.info = widget.NewLabel("")
	v.info.Wrapping = fyne.TextWrapWord
	v.status = widget.NewLabel("")
	v.status.Wrapping = fyne.TextWrapWord

	v.copyBtn = widget.NewButtonWithIcon(lang.X("gen.copy", "Copy"), theme.ContentCopyIcon(), v.Copy)
	v.copyBtn.Importance = widget.HighImportance
	again := widget.NewButtonWithIcon(lang.X("gen.again", "New password"), theme.ViewRefreshIcon(), v.Generate)
	v.form = widget.NewForm(
		widget.NewFormItem(lang.X("gen.kind", "Kind"), v.kind),
		widget.NewFormItem(lang.X("gen.words", "Words"), wordsSel),
		widget.NewFormItem(lang.X("gen.length", "Length"), length),
		widget.NewFormItem(lang.X("gen.language", "Language"), language),
		widget.NewFormItem("", lookAlikes),
	)
	spelled := widget.NewLabelWithStyle(lang.X("gen.readout", "To read out over the phone:"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.content = container.NewBorder(
		v.form,
		container.NewVBox(v.status, container.NewHBox(layout.NewSpacer(), again, v.copyBtn, widget.NewButtonWithIcon(lang.X("gen.close", "Close"), theme.WindowCloseIcon(), close))),
		nil, nil,
		container.NewVScroll(container.NewVBox(widget.NewSeparator(), v.Result, v.info, spelled, v.readout)))
	v.Generate()
	return v
}

// Content returns the window's content.
func (v *View) Content() fyne.CanvasObject { return v.content }

// options reads the form.
func (v *View) options() (kind, language string, words, length int) {
	pp, _ := kindLabels()
	kind = "random"
	if v.kind.Selected == pp {
		kind = "passphrase"
	}
	language = [...]string{"nl", "de", "en"}[max(v.lang.SelectedIndex(), 0)]
	words, _ = strconv.Atoi(v.words.Selected)
	length, _ = strconv.Atoi(v.length.Selected)
	return kind, language, words, length
}

// Generate makes a new password with the current options.
func (v *View) Generate() {
	kind, language, words, length := v.options()
	if v.form != nil {
		if kind == "passphrase" {
			v.words.Enable()
			v.length.Disable()
			v.lookAlikes.Disable()
		} else {
			v.words.Disable()
			v.length.Enable()
			v.lookAlikes.Enable()
		}
		// The form greys a disabled field's label only when it is
		// refreshed: the labels follow their fields.
		v.form.Refresh()
	}
	scorer := strength.Default()
	meets := func(pw string) bool { return v.cfg.Policy.Judge(scorer.Score(pw, v.cfg.Context)).Pass }
	var pw passgen.Password
	var err error
	if kind == "passphrase" {
		var list *passgen.WordList
		list, err = passgen.NewWordList(assets.PassphraseWords(language))
		if err == nil {
			pw, err = passgen.PassphraseOptions{Words: words, Meets: meets}.Generate(list)
		}
	} else {
		pw, err = passgen.PasswordOptions{Length: length, NoLookAlikes: v.lookAlikes.Checked, Meets: meets}.Generate()
	}
	if err != nil {
		v.pw = passgen.Password{}
		v.Result.SetText("")
		v.readout.SetText("")
		v.info.SetText("")
		v.status.SetText(lang.X("gen.failed", "No password could be made with these options that meets your organisation's policy; choose more words or a longer password."))
		v.copyBtn.Disable()
		return
	}
	v.pw = pw
	v.copyBtn.Enable()
	v.status.SetText("")
	v.Result.SetText(pw.Reveal())
	v.readout.SetText(passgen.Readout(pw.Reveal(), pw.Separator(), language))
	r := scorer.Score(pw.Reveal(), v.cfg.Context)
	v.info.SetText(lang.X("gen.info", "{{.Bits}} bits of entropy · {{.Score}}", map[string]string{
		"Bits": strconv.FormatFloat(pw.Entropy(), 'f', 0, 64), "Score": i18n.Score(r.Score)}))
}

// Copy puts the password on the clipboard; it leaves again after the
// policy's time, if still there.
func (v *View) Copy() {
	if v.pw.Reveal() == "" || v.cfg.Guard == nil {
		return
	}
	secret := v.pw.Reveal()
	// The guard calls the clipboard through fyne.DoAndWait, which must not
	// run on the UI goroutine.
	go v.cfg.Guard.Copy(secret, v.cfg.ClipboardClear)
	v.status.SetText(lang.X("gen.copied", "Copied. Grendel clears the clipboard in {{.Seconds}} s, unless you copy something else first.",
		map[string]string{"Seconds": strconv.Itoa(int(v.cfg.ClipboardClear.Seconds()))}))
}

// Password returns the password shown, for tests.
func (v *View) Password() passgen.Password { return v.pw }
