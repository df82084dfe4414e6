// Package sharewin is the "Shares" window: the share passwords the user
// keeps (app/vault), with their age and expiry, and for the one selected
// Copy password, Copy e-mail text, Copy SMS text, Reveal (a toggle, hidden
// again after share.clipboard_clear), Rotate and Delete (after a
// confirmation); and the
// "New share" dialog with the generator's options and the strength of the
// password it will get.
//
// The e-mail text and the SMS (or phone) text are copied separately, never
// together: the file goes by e-mail, its password by a second channel.
//
// # Threading
//
// Every operation that reads or writes the keychain (copying or revealing
// a password, New password, Delete, New share) runs off the UI goroutine,
// because the keychain may ask the user to unlock it and wait for the
// answer. One runs at a time: while it waits the window shows an activity
// indicator and a waiting text, and disables the buttons of those
// operations; everything else (the list, Copy e-mail text, Close) still
// answers. The result comes back on the UI goroutine.
//
// # The status line
//
// The line under the buttons says what the last action did. It is cleared
// when the selection changes and when the clipboard is cleared, so it never
// speaks of a share that is no longer selected or of a copy that is gone.
package sharewin

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"grendel/app/clipguard"
	"grendel/app/passgen"
	"grendel/app/secret"
	"grendel/app/strength"
	"grendel/app/vault"
	"grendel/ui/i18n"
	"grendel/ui/internal/confirm"
	"grendel/ui/internal/escape"
	"grendel/ui/internal/textcase"
)

// Store is what the window needs of the vault ([vault.Vault] implements it).
type Store interface {
	List() ([]vault.Share, error)
	Create(vault.Request) (vault.Share, error)
	Reveal(id string) (secret.Secret, error)
	Copied(id string) (vault.Share, error)
	Rotate(id string) (vault.Share, error)
	Delete(id string) error
}

var _ Store = (*vault.Vault)(nil)

// Config is what the window needs from the policy and the platform.
type Config struct {
	Store Store
	// Defaults are the generator settings of the policy (share.generator,
	// share.words, share.language).
	Defaults vault.Settings
	// Policy and Context score the passwords the dialog shows.
	Policy  strength.Policy
	Context strength.Context
	// ClipboardClear is share.clipboard_clear: when a copied password
	// leaves the clipboard, and a revealed one the window.
	ClipboardClear time.Duration
	// Guard copies passwords; Copy copies texts without a secret.
	Guard *clipguard.Guard
	Copy  func(string)
	// Now tells the time; nil means time.Now.
	Now func() time.Time
	// Async runs f off the UI goroutine (the keychain may prompt); nil
	// means a new goroutine. Tests may run f at once.
	Async func(f func())
	// Do runs f on the UI goroutine; nil means fyne.Do.
	Do func(f func())
	// After runs f after d, on any goroutine; nil means time.AfterFunc.
	After func(d time.Duration, f func())
}

// View is the window's content. Use it from the UI goroutine only.
type View struct {
	cfg    Config
	win    fyne.Window
	shares []vault.Share
	sel    int

	list    *widget.List
	title   *widget.Label
	details *widget.Label
	secret  *widget.Label
	status  *widget.Label
	// statusGen counts the status line's texts: a clear that was planned
	// for one text leaves a later one alone.
	statusGen int
	// smsSpell adds the letter-by-letter readout to the SMS text.
	smsSpell *widget.Check
	content  fyne.CanvasObject

	// revealed says that the secret is shown; revealGen counts reveals,
	// so that the hiding planned for one leaves a later one alone.
	revealed  bool
	revealGen int
	// keepSel says that the list's selection moves to follow the same
	// share after a refresh: no change for the user.
	keepSel bool

	// keychainButtons start operations on the selected share that wait for
	// the keychain; emailButton needs none; newButton opens New share.
	keychainButtons []*widget.Button
	emailButton     *widget.Button
	newButton       *widget.Button
	// The buttons of the texts the user may send next: the one for the
	// selected share's channel is the primary (see [View.markPrimary]).
	copyPWButton, copySMSButton, revealButton *widget.Button
	// busy says that an operation waits for the keychain; activity shows
	// it.
	busy     bool
	activity *widget.Activity
}

// New builds the view for win (its dialogs open there).
func New(cfg Config, win fyne.Window, close func()) *View {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Async == nil {
		cfg.Async = func(f func()) { go f() }
	}
	if cfg.Do == nil {
		cfg.Do = fyne.Do
	}
	if cfg.After == nil {
		cfg.After = func(d time.Duration, f func()) { time.AfterFunc(d, f) }
	}
	v := &View{cfg: cfg, win: win, sel: -1}
	v.list = widget.NewList(func() int { return len(v.shares) },
		func() fyne.CanvasObject { return newRow() },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			s := v.shares[i]
			setRow(o.(*widget.RichText), s.Label, i18n.ShareState(s, v.cfg.Now()))
		})
	v.list.OnSelected = func(i widget.ListItemID) { v.sel = i; v.selectionChanged() }
	v.list.OnUnselected = func(widget.ListItemID) { v.sel = -1; v.selectionChanged() }

	v.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.title.Wrapping = fyne.TextWrapWord
	v.details = widget.NewLabel("")
	v.details.Wrapping = fyne.TextWrapWord
	v.secret = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	v.secret.Wrapping = fyne.TextWrapWord
	v.status = widget.NewLabel("")
	v.status.Wrapping = fyne.TextWrapWord

	mk := func(label string, icon fyne.Resource, f func()) *widget.Button {
		b := widget.NewButtonWithIcon(label, icon, f)
		v.keychainButtons = append(v.keychainButtons, b)
		return b
	}
	v.copyPWButton = mk(lang.X("shares.copy_password", "Copy password"), theme.ContentCopyIcon(), v.CopyPassword)
	v.copySMSButton = mk(lang.X("shares.copy_sms", "Copy SMS text"), theme.MailSendIcon(), v.CopySMS)
	v.emailButton = widget.NewButtonWithIcon(lang.X("shares.copy_email", "Copy e-mail text"), theme.MailComposeIcon(), v.CopyEmail)
	v.revealButton = mk(lang.X("shares.reveal", "Reveal"), theme.VisibilityIcon(), v.Reveal)
	actions := container.NewGridWithColumns(2,
		v.copyPWButton,
		v.copySMSButton,
		v.emailButton,
		v.revealButton,
		mk(lang.X("shares.rotate", "New password"), theme.ViewRefreshIcon(), v.confirmRotate),
		mk(lang.X("shares.delete", "Delete"), theme.DeleteIcon(), v.confirmDelete),
	)
	// A clicked check box keeps the focus, and with it Escape.
	smsSpell := escape.NewCheck(lang.X("shares.sms_spell", "SMS text with the password letter by letter"), nil)
	smsSpell.OnEscape = close
	v.smsSpell = &smsSpell.Check
	right := container.NewBorder(container.NewVBox(v.title, v.details), nil, nil, nil,
		container.NewVScroll(container.NewVBox(actions, smsSpell, v.secret, v.status)))
	split := container.NewHSplit(v.list, container.NewPadded(right))
	split.Offset = 0.38
	v.newButton = widget.NewButtonWithIcon(lang.X("shares.new", "New share password…"), theme.ContentAddIcon(), v.showNew)
	v.activity = widget.NewActivity()
	v.activity.Hide()
	intro := widget.NewLabel(lang.X("shares.intro", "Send the file by e-mail and its password by phone or SMS, never both the same way. Grendel keeps the passwords in the system keychain and retires them when they expire."))
	intro.Wrapping = fyne.TextWrapWord
	v.content = container.NewBorder(intro,
		container.NewHBox(v.newButton, v.activity, layout.NewSpacer(), widget.NewButtonWithIcon(lang.X("shares.close", "Close"), theme.WindowCloseIcon(), close)),
		nil, nil, split)
	v.Refresh()
	return v
}

// rowState is the style of the state line under a share's label in the
// list: smaller than the label, but in the foreground colour, which stays
// legible on the selection colour of the light and the dark theme (the
// greyed "low importance" colour all but vanished there).
var rowState = widget.RichTextStyle{ColorName: theme.ColorNameForeground, SizeName: theme.SizeNameCaptionText}

// newRow makes a row of the list: the share's label over its state.
func newRow() *widget.RichText {
	r := widget.NewRichText(
		&widget.TextSegment{Style: widget.RichTextStyleParagraph},
		&widget.TextSegment{Style: rowState})
	r.Truncation = fyne.TextTruncateEllipsis
	return r
}

// setRow shows label and state in a row made by [newRow].
func setRow(r *widget.RichText, label, state string) {
	r.Segments[0].(*widget.TextSegment).Text = label
	r.Segments[1].(*widget.TextSegment).Text = state
	r.Refresh()
}

// Content returns the window's content.
func (v *View) Content() fyne.CanvasObject { return v.content }

// Refresh reads the list of shares again, as when the index changed on
// disk (a share made with the command line). The selected share stays
// selected, wherever it moved in the list, and a revealed password stays
// shown; a selected share that is gone is unselected.
func (v *View) Refresh() {
	prev, had := v.selected()
	shares, err := v.cfg.Store.List()
	if err != nil {
		v.setStatus(errorText(err, ""))
	}
	v.shares = shares
	v.sel = -1
	for i, s := range v.shares {
		if had && s.ID == prev.ID {
			v.sel = i
		}
	}
	v.list.Refresh()
	if v.sel < 0 {
		v.list.UnselectAll()
		v.showSelected()
		return
	}
	v.keepSel = true
	v.list.Select(v.sel)
	v.keepSel = false
	v.showDetails()
}

// selectionChanged follows a click in the list: the details of the share
// now selected, a revealed password hidden, the status line cleared (unless
// it says that the keychain is awaited).
func (v *View) selectionChanged() {
	if v.keepSel {
		return
	}
	if !v.busy {
		v.setStatus("")
	}
	v.showSelected()
}

// setStatus puts text on the status line.
func (v *View) setStatus(text string) {
	v.statusGen++
	v.status.SetText(text)
}

// clearStatusAfter clears the status line after d, unless it says
// something else by then.
func (v *View) clearStatusAfter(d time.Duration) {
	gen := v.statusGen
	v.cfg.After(d, func() {
		v.cfg.Do(func() {
			if v.statusGen == gen {
				v.setStatus("")
			}
		})
	})
}

// Select selects share i of the list, as a click does.
func (v *View) Select(i int) { v.list.Select(i) }

// selected returns the selected share.
func (v *View) selected() (vault.Share, bool) {
	if v.sel < 0 || v.sel >= len(v.shares) {
		return vault.Share{}, false
	}
	return v.shares[v.sel], true
}

// showSelected shows the selected share with its password hidden.
func (v *View) showSelected() {
	v.Hide()
	v.showDetails()
}

// showDetails shows what the index says of the selected share.
func (v *View) showDetails() {
	s, ok := v.selected()
	v.enableButtons()
	v.markPrimary()
	if !ok {
		v.title.SetText(lang.X("shares.none_selected", "Choose a share password on the left, or make a new one."))
		if len(v.shares) == 0 {
			v.title.SetText(lang.X("shares.empty", "No share passwords yet. A share password is the password of a file you send someone."))
		}
		v.details.SetText("")
		return
	}
	now := v.cfg.Now()
	v.title.SetText(s.Label)
	recipient := s.Recipient
	if recipient == "" {
		recipient = "–"
	}
	// The second line starts with the age in some languages ("Zojuist
	// gemaakt", "Vor 5 Minuten erstellt"), so it is capitalised.
	v.details.SetText(lang.X("shares.details.for", "For: {{.Recipient}} · {{.By}}",
		map[string]string{"Recipient": recipient, "By": i18n.ChannelBy(s.Channel)}) + "\n" +
		textcase.Capital(lang.X("shares.details.made", "Made {{.Age}} · {{.State}} · expires {{.Expires}}",
			map[string]string{"Age": Ago(now.Sub(s.Created)), "State": i18n.ShareState(s, now), "Expires": i18n.DateTime(s.Expires.Local())})))
}

// markPrimary makes the button of the text the user sends next, by the
// selected share's channel, the window's primary: Copy SMS text for an SMS
// share, Reveal (to read it out) for a phone share, Copy password for any
// other channel; with none selected, New share.
func (v *View) markPrimary() {
	primary := v.newButton
	if s, ok := v.selected(); ok {
		switch s.Channel {
		case vault.ChannelSMS:
			primary = v.copySMSButton
		case vault.ChannelPhone:
			primary = v.revealButton
		default:
			primary = v.copyPWButton
		}
	}
	for _, b := range []*widget.Button{v.newButton, v.copyPWButton, v.copySMSButton, v.revealButton} {
		want := widget.MediumImportance
		if b == primary {
			want = widget.HighImportance
		}
		if b.Importance != want {
			b.Importance = want
			b.Refresh()
		}
	}
}

// enable enables b if on, else disables it.
func enable(b *widget.Button, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}

// enableButtons enables the buttons that can act now: those on a share
// while one is selected, and those that wait for the keychain only while
// no other operation does.
func (v *View) enableButtons() {
	_, ok := v.selected()
	for _, b := range v.keychainButtons {
		enable(b, ok && !v.busy)
	}
	enable(v.emailButton, ok)
	enable(v.newButton, !v.busy)
}

// Busy reports whether an operation waits for the keychain.
func (v *View) Busy() bool { return v.busy }

// background runs work off the UI goroutine, as the one operation that
// waits for the keychain, and then the function work returns on the UI
// goroutine. Meanwhile the window shows that it waits and the buttons of
// other such operations are disabled. While another operation waits it
// does nothing.
func (v *View) background(work func() (then func())) {
	if v.busy {
		return
	}
	v.setBusy(true)
	v.cfg.Async(func() {
		then := work()
		v.cfg.Do(func() {
			v.setBusy(false)
			then()
		})
	})
}

// setBusy shows whether an operation waits for the keychain.
func (v *View) setBusy(busy bool) {
	v.busy = busy
	if busy {
		v.activity.Show()
		v.activity.Start()
		v.setStatus(lang.X("shares.waiting", "Waiting for the system keychain… If it asks for your password to unlock it, answer in its window."))
	} else {
		v.activity.Stop()
		v.activity.Hide()
		v.setStatus("")
	}
	v.enableButtons()
}

// Ago says coarsely, in words, how long ago something happened d ago:
// "just now" within the first minute, then "5 minutes ago", "3 hours
// ago", "2 days ago" ("zojuist", "5 minuten geleden"; "gerade eben",
// "vor 2 Tagen").
func Ago(d time.Duration) string {
	switch {
	case d < time.Minute:
		return lang.X("shares.ago.now", "just now")
	case d < time.Hour:
		return lang.X("shares.ago", "{{.Age}} ago", map[string]string{"Age": i18n.Duration(d.Truncate(time.Minute))})
	case d < 48*time.Hour:
		return lang.X("shares.ago", "{{.Age}} ago", map[string]string{"Age": i18n.Duration(d.Truncate(time.Hour))})
	}
	// German puts the days after "vor" in the dative (vor 2 Tagen), so
	// they have texts of their own.
	return lang.X("shares.ago.days", "{{.N}} days ago", map[string]string{"N": i18n.Number(int64(d / (24 * time.Hour)))})
}

// withSecret reads the selected share's password off the UI goroutine and
// hands it to f on the UI goroutine.
func (v *View) withSecret(f func(s vault.Share, pw string)) {
	s, ok := v.selected()
	if !ok {
		return
	}
	v.background(func() func() {
		pw, err := v.cfg.Store.Reveal(s.ID)
		return func() {
			if err != nil {
				v.setStatus(errorText(err, s.Label))
				return
			}
			f(s, pw.Reveal())
		}
	})
}

// copySecret copies text that holds a password through the guard.
func (v *View) copySecret(s vault.Share, text string, done string) {
	v.cfg.Async(func() {
		v.cfg.Guard.Copy(text, v.cfg.ClipboardClear)
		_, _ = v.cfg.Store.Copied(s.ID)
	})
	v.setStatus(lang.X("shares.copied_secret", "{{.What}} copied. Grendel clears the clipboard in {{.Time}}, unless you copy something else first.",
		map[string]string{"What": done, "Time": i18n.Duration(v.cfg.ClipboardClear.Round(time.Second))}))
	// When the clipboard is cleared the line has nothing true left to say.
	v.clearStatusAfter(v.cfg.ClipboardClear)
}

// CopyPassword copies the selected share's password alone.
func (v *View) CopyPassword() {
	v.withSecret(func(s vault.Share, pw string) { v.copySecret(s, pw, lang.X("shares.what_password", "Password")) })
}

// CopySMS copies the text for the second channel: the password with what
// it opens.
func (v *View) CopySMS() {
	v.withSecret(func(s vault.Share, pw string) {
		v.copySecret(s, SMSText(s, pw, v.smsSpell.Checked), lang.X("shares.what_sms", "SMS text"))
	})
}

// CopyEmail copies the e-mail text, which holds no password.
func (v *View) CopyEmail() {
	s, ok := v.selected()
	if !ok {
		return
	}
	v.cfg.Copy(EmailText(s))
	v.setStatus(lang.X("shares.copied_email", "E-mail text copied. It holds no password: send the password separately, {{.By}}.",
		map[string]string{"By": i18n.ChannelBy(s.Channel)}))
}

// Reveal shows the password and its phone readout, or hides them when
// they are shown (the button says Hide then). They hide by themselves
// after share.clipboard_clear, as a copied password leaves the clipboard.
func (v *View) Reveal() {
	if v.revealed {
		v.Hide()
		return
	}
	v.withSecret(func(s vault.Share, pw string) {
		v.secret.SetText(pw + "\n\n" + Readout(s, pw))
		v.revealed = true
		v.revealGen++
		gen := v.revealGen
		v.revealButton.SetText(lang.X("shares.hide", "Hide"))
		v.revealButton.SetIcon(theme.VisibilityOffIcon())
		v.cfg.After(v.cfg.ClipboardClear, func() {
			v.cfg.Do(func() {
				if v.revealGen == gen {
					v.Hide()
				}
			})
		})
	})
}

// Revealed reports whether a password is shown.
func (v *View) Revealed() bool { return v.revealed }

// Hide hides a revealed password at once.
func (v *View) Hide() {
	v.secret.SetText("")
	if !v.revealed {
		return
	}
	v.revealed = false
	v.revealGen++
	v.revealButton.SetText(lang.X("shares.reveal", "Reveal"))
	v.revealButton.SetIcon(theme.VisibilityIcon())
}

func (v *View) confirmRotate() {
	s, ok := v.selected()
	if !ok {
		return
	}
	confirm.Show(v.win, lang.X("shares.rotate_title", "New password?"),
		lang.X("shares.rotate_text", "{{.Label}} gets a new password. The old one stops working for you; tell the recipient the new one.", map[string]string{"Label": s.Label}),
		lang.X("shares.rotate", "New password"), true, v.Rotate)
}

// Rotate gives the selected share a new password, without asking, off
// the UI goroutine.
func (v *View) Rotate() {
	s, ok := v.selected()
	if !ok {
		return
	}
	v.background(func() func() {
		_, err := v.cfg.Store.Rotate(s.ID)
		return func() {
			if err != nil {
				v.setStatus(errorText(err, s.Label))
				return
			}
			v.setStatus(lang.X("shares.rotated", "{{.Label}} has a new password.", map[string]string{"Label": s.Label}))
			v.Refresh()
		}
	})
}

func (v *View) confirmDelete() {
	s, ok := v.selected()
	if !ok {
		return
	}
	confirm.Show(v.win, lang.X("shares.delete_title", "Delete this share password?"),
		lang.X("shares.delete_text", "The password of {{.Label}} is removed from the keychain for good.", map[string]string{"Label": s.Label}),
		lang.X("shares.delete", "Delete"), true, v.Delete)
}

// Delete deletes the selected share, without asking, off the UI
// goroutine.
func (v *View) Delete() {
	s, ok := v.selected()
	if !ok {
		return
	}
	v.background(func() func() {
		err := v.cfg.Store.Delete(s.ID)
		return func() {
			if err != nil {
				v.setStatus(errorText(err, s.Label))
				return
			}
			if cur, ok := v.selected(); ok && cur.ID == s.ID {
				v.list.UnselectAll()
				v.sel = -1
			}
			v.setStatus(lang.X("shares.deleted", "{{.Label}} deleted.", map[string]string{"Label": s.Label}))
			v.Refresh()
		}
	})
}

// EmailText is the message that goes with the file: what is attached, that
// the password comes separately and how to open it. It holds no password.
func EmailText(s vault.Share) string {
	greeting := lang.X("shares.email.greeting", "Hello,")
	if s.Recipient != "" {
		greeting = lang.X("shares.email.greeting_name", "Hello {{.Recipient}},", map[string]string{"Recipient": s.Recipient})
	}
	return greeting + "\n\n" + lang.X("shares.email.body",
		"Attached is {{.Label}}, protected with a password. To protect the personal data in it, the password does not come by e-mail: you receive it separately, {{.By}}.\n\nTo open the file, save it and open it; when it asks for the password, type the one you received {{.By}}. The password works until {{.Expires}}.\n\nKind regards",
		map[string]string{"Label": s.Label, "By": i18n.ChannelBy(s.Channel), "Expires": i18n.Date(s.Expires.Local())})
}

// separator returns the separator between the words of a share's
// passphrase (the vault generates them with passgen's default), or "" for
// a random password.
func separator(s vault.Share) string {
	if s.Settings.Kind == vault.KindPassphrase {
		return passgen.DefaultSeparator
	}
	return ""
}

// Readout is what to say on the phone for a share's password, in the
// share's language: [passgen.Readout], the same as the Generate window and
// `grendel gen --spell` show.
func Readout(s vault.Share, pw string) string {
	return passgen.Readout(pw, separator(s), s.Settings.Language)
}

// SMSText is the message for the second channel: what the password opens
// and the password, once; with letters, also the password letter by letter
// in the share's language (to check an SMS whose font blurs l and I). It
// never mentions the e-mail's contents beyond the label, and never repeats
// a passphrase's words.
func SMSText(s vault.Share, pw string, letters bool) string {
	text := lang.X("shares.sms", "Password for {{.Label}}: {{.Password}}", map[string]string{"Label": s.Label, "Password": pw})
	if letters {
		text += "\n" + lang.X("shares.sms_letters", "Letter by letter: {{.Readout}}",
			map[string]string{"Readout": passgen.LetterByLetter(pw, separator(s), s.Settings.Language)})
	}
	return text
}

// errorText renders a vault error about share (its label, or "") for the
// status line, in the words the CLI uses too.
func errorText(err error, share string) string {
	return lang.X("shares.error", "That did not work: {{.Error}}", map[string]string{"Error": i18n.VaultError(err, share)})
}
