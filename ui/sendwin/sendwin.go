// Package sendwin is the "Send a file safely" window: the user picks a
// file or folder (or drops it on the window); a CSV or XLSX file is
// scanned for personal data (app/pii), with the offer to send a compact
// export without the personal columns; the user names the recipient and
// how the password goes (SMS, phone, another way), sees it all in one
// line, and Encrypt protects the file with app/sendfile, which verifies
// the result before it keeps it. The window then shows each check ticked,
// and copies the e-mail text (which never holds the password) and the SMS
// text apart, or shows the password's phone readout.
//
// # Threading
//
// Scanning, the compact export, opening the share vault (the keychain may
// ask to be unlocked) and encrypting run off the UI goroutine, one at a
// time, with a progress bar; results come back through Config.Do.
package sendwin

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"grendel/app/clipguard"
	"grendel/app/pii"
	"grendel/app/sendfile"
	"grendel/app/vault"
	"grendel/ui/i18n"
	"grendel/ui/internal/confirm"
	"grendel/ui/internal/escape"
	"grendel/ui/sharewin"
)

// Config is what the window needs from the policy and the platform; a
// nil function means the real thing.
type Config struct {
	// Send holds the policy's part of the options: Partners,
	// PartnersOnly, MinBits, Password and Meets. The window sets the
	// recipient, channel, output, shares and progress itself.
	Send sendfile.Options
	// Shares opens the share vault that keeps the password; it runs off
	// the UI goroutine, as the keychain may ask to be unlocked.
	Shares func() (sendfile.Shares, error)
	// ClipboardClear is share.clipboard_clear.
	ClipboardClear time.Duration
	// Guard copies texts that hold the password; Copy copies the others.
	Guard *clipguard.Guard
	Copy  func(string)

	// Encrypt protects files; nil means [sendfile.Encrypt].
	Encrypt func(ctx context.Context, paths []string, opts sendfile.Options) (*sendfile.Result, error)
	// Scan reads a table; nil means [pii.Scan].
	Scan func(ctx context.Context, path string, opts pii.Options) (*pii.Report, error)
	// Compact writes an export; nil means [pii.Compact].
	Compact func(ctx context.Context, rep *pii.Report, opts pii.CompactOptions) (*pii.Result, error)
	// ShowFolder shows the file at path in the system's file manager; nil
	// means [ShowInFolder].
	ShowFolder func(path string) error
	// Async runs f off the UI goroutine; nil means a new goroutine.
	Async func(f func())
	// Do runs f on the UI goroutine; nil means fyne.Do.
	Do func(f func())
}

// copied is what a share vault may offer to note that a password was
// copied ([vault.Vault] does).
type copied interface {
	Copied(id string) (vault.Share, error)
}

// tables are the extensions of the files the window scans for personal
// data.
var tables = map[string]bool{".csv": true, ".txt": true, ".xlsx": true, ".xlsm": true}

// View is the window's content. Use it from the UI goroutine only.
type View struct {
	cfg    Config
	win    fyne.Window
	ctx    context.Context
	cancel context.CancelFunc

	fileInfo  *widget.Label
	verdict   *widget.Label
	compact   *widget.Check
	recipient *widget.Entry
	partners  *widget.Label
	channel   *escape.Radio
	confirm   *widget.Label
	stage     *widget.Label
	progress  *widget.ProgressBar
	working   *widget.ProgressBarInfinite
	result    *widget.Label
	checks    *widget.Label   // one line per check, ticked
	after     *fyne.Container // the buttons after a result
	readout   *widget.Label
	status    *widget.Label
	body      *fyne.Container
	scroll    *container.Scroll
	content   fyne.CanvasObject

	choose, chooseDir *widget.Button
	encrypt           *widget.Button
	copySMS, showPW   *widget.Button

	paths []string
	rep   *pii.Report
	res   *sendfile.Result
	busy  bool
}

// channels are the choices of the channel group, in order.
var channels = []vault.Channel{vault.ChannelSMS, vault.ChannelPhone, vault.ChannelOther}

func channelLabel(c vault.Channel) string {
	switch c {
	case vault.ChannelSMS:
		return lang.X("sendwin.channel.sms", "SMS")
	case vault.ChannelPhone:
		return lang.X("sendwin.channel.phone", "Phone call")
	}
	return lang.X("sendwin.channel.other", "Another way")
}

// New builds the view for win (its dialogs open there, and files dropped
// on it are taken); close runs when the user presses Close.
func New(cfg Config, win fyne.Window, close func()) *View {
	if cfg.Encrypt == nil {
		cfg.Encrypt = sendfile.Encrypt
	}
	if cfg.Scan == nil {
		cfg.Scan = pii.Scan
	}
	if cfg.Compact == nil {
		cfg.Compact = pii.Compact
	}
	if cfg.ShowFolder == nil {
		cfg.ShowFolder = ShowInFolder
	}
	if cfg.Async == nil {
		cfg.Async = func(f func()) { go f() }
	}
	if cfg.Do == nil {
		cfg.Do = fyne.Do
	}
	v := &View{cfg: cfg, win: win}
	v.ctx, v.cancel = context.WithCancel(context.Background())

	intro := wrapped(lang.X("sendwin.intro", "Encrypt a file before it leaves: Grendel protects it with a new password, checks that it opens only with that password, and gives you the text for the e-mail and, separately, for the password. Drop a file or folder on this window, or choose one."))
	v.choose = widget.NewButtonWithIcon(lang.X("sendwin.choose", "Choose a file…"), theme.FolderOpenIcon(), v.pick)
	v.chooseDir = widget.NewButtonWithIcon(lang.X("sendwin.choose_folder", "Choose a folder…"), theme.FolderOpenIcon(), v.pickFolder)
	v.fileInfo = wrapped("")
	v.verdict = wrapped("")
	// A clicked check box keeps the focus, and with it Escape.
	compact := escape.NewCheck(lang.X("sendwin.compact", "Send a compact export without the personal columns"), func(bool) { v.update() })
	compact.OnEscape = close
	v.compact = &compact.Check
	v.compact.Hide()

	// With a partner list, the recipient is a choice from it that may
	// also be typed; without one, free text.
	var recipientObj fyne.CanvasObject
	if len(cfg.Send.Partners) > 0 {
		se := escape.NewSelectEntry(cfg.Send.Partners)
		se.OnEscape = close
		v.recipient, recipientObj = &se.Entry, se
	} else {
		e := escape.NewEntry()
		e.OnEscape = close // Escape closes the window from the entry too
		v.recipient, recipientObj = &e.Entry, e
	}
	v.recipient.OnChanged = func(string) { v.update() }
	v.recipient.SetPlaceHolder(lang.X("sendwin.recipient_hint", "Name or e-mail address"))
	v.partners = wrapped("")
	v.partners.Hide()
	labels := make([]string, len(channels))
	for i, c := range channels {
		labels[i] = channelLabel(c)
	}
	v.channel = escape.NewRadio(labels, func(string) { v.update() })
	v.channel.OnEscape = close
	v.channel.Horizontal = true
	v.channel.Required = true
	v.channel.SetSelected(labels[0])
	form := widget.NewForm(
		widget.NewFormItem(lang.X("sendwin.recipient", "Recipient"), recipientObj),
		widget.NewFormItem(lang.X("sendwin.channel", "Password by"), v.channel),
	)
	v.confirm = wrapped("")
	v.confirm.TextStyle = fyne.TextStyle{Bold: true}
	gateway := wrapped(lang.X("sendwin.gateway", "Some mail systems hold back encrypted attachments, because they cannot look inside. If the recipient gets nothing, ask them to check their quarantine, or send the file another way."))
	gateway.Importance = widget.LowImportance
	v.stage = wrapped("")
	v.progress = widget.NewProgressBar()
	v.progress.Hide()
	v.working = widget.NewProgressBarInfinite()
	v.working.Stop()
	v.working.Hide()
	v.result = wrapped("")
	v.result.TextStyle = fyne.TextStyle{Bold: true}
	// Wrapped: the line that says why a PDF went as a ZIP is long.
	v.checks = wrapped("")
	v.checks.Importance = widget.SuccessImportance
	v.checks.Hide()
	copyEmail := widget.NewButtonWithIcon(lang.X("sendwin.copy_email", "Copy e-mail text"), theme.MailComposeIcon(), v.CopyEmail)
	v.copySMS = widget.NewButtonWithIcon(lang.X("sendwin.copy_sms", "Copy SMS text"), theme.MailSendIcon(), v.CopySMS)
	v.showPW = widget.NewButtonWithIcon(lang.X("sendwin.readout", "Show the password to read out"), theme.VisibilityIcon(), v.ToggleReadout)
	folder := widget.NewButtonWithIcon(lang.X("sendwin.show_folder", "Show in folder"), theme.FolderIcon(), v.ShowFolder)
	v.after = container.NewGridWithColumns(2, copyEmail, v.copySMS, v.showPW, folder)
	v.after.Hide()
	v.readout = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	v.readout.Wrapping = fyne.TextWrapWord
	v.readout.Hide()
	v.status = wrapped("")

	v.encrypt = widget.NewButtonWithIcon(lang.X("sendwin.encrypt", "Encrypt"), theme.ConfirmIcon(), v.Encrypt)
	v.encrypt.Importance = widget.HighImportance
	v.encrypt.Disable()
	closeBtn := widget.NewButtonWithIcon(lang.X("sendwin.close", "Close"), theme.WindowCloseIcon(), func() {
		v.cancel()
		close()
	})
	// Everything that wraps lives in the scrolled column, which gives it
	// the window's width; only the buttons stay put below.
	v.body = container.NewVBox(intro, container.NewHBox(v.choose, v.chooseDir), v.fileInfo, v.verdict, compact,
		widget.NewSeparator(), form, v.partners, widget.NewSeparator(), v.confirm, gateway,
		v.stage, v.progress, v.working, v.result, v.checks, v.after, v.readout, v.status)
	v.scroll = container.NewVScroll(container.NewPadded(v.body))
	v.content = container.NewBorder(nil, container.NewHBox(v.encrypt, closeBtn), nil, nil, v.scroll)
	if win != nil {
		win.SetOnDropped(func(_ fyne.Position, uris []fyne.URI) {
			var paths []string
			for _, u := range uris {
				if u.Scheme() == "file" {
					paths = append(paths, u.Path())
				}
			}
			if len(paths) > 0 {
				v.Open(paths...)
			}
		})
	}
	v.update()
	return v
}

func wrapped(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// Content returns the window's content.
func (v *View) Content() fyne.CanvasObject { return v.content }

// Close stops any work under way and forgets the password.
func (v *View) Close() {
	v.cancel()
	v.readout.SetText("")
	v.res = nil
}

func (v *View) pick() {
	if v.win == nil {
		return
	}
	dialog.ShowFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		_ = r.Close()
		v.Open(path)
	}, v.win)
}

func (v *View) pickFolder() {
	if v.win == nil {
		return
	}
	dialog.ShowFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil || u == nil {
			return
		}
		v.Open(u.Path())
	}, v.win)
}

// setBusy shows that work runs, and keeps the user from starting more.
func (v *View) setBusy(b bool) {
	v.busy = b
	if b {
		v.choose.Disable()
		v.chooseDir.Disable()
		v.working.Show()
		v.working.Start()
	} else {
		v.choose.Enable()
		v.chooseDir.Enable()
		v.progress.Hide()
		v.working.Stop()
		v.working.Hide()
	}
	v.update()
}

// Open takes the files or folder in paths to send; one CSV or XLSX file is
// scanned for personal data first, off the UI goroutine.
func (v *View) Open(paths ...string) {
	if v.busy || len(paths) == 0 {
		return
	}
	v.paths, v.rep = paths, nil
	v.clearResult()
	v.compact.SetChecked(false)
	v.compact.Hide()
	v.verdict.SetText("")
	v.verdict.Importance = widget.MediumImportance
	v.fileInfo.SetText(describeInput(paths))
	if len(paths) != 1 || !tables[strings.ToLower(filepath.Ext(paths[0]))] {
		v.update()
		return
	}
	path := paths[0]
	v.stage.SetText(lang.X("sendwin.scanning", "Looking for personal data in {{.File}}…", map[string]string{"File": filepath.Base(path)}))
	v.setBusy(true)
	v.cfg.Async(func() {
		rep, err := v.cfg.Scan(v.ctx, path, pii.Options{})
		v.cfg.Do(func() {
			if errors.Is(err, context.Canceled) {
				return
			}
			v.stage.SetText("")
			if err != nil {
				v.verdict.SetText(lang.X("sendwin.scan_failed", "This file could not be checked for personal data: {{.Error}}", map[string]string{"Error": i18n.FileError(err)}))
				v.verdict.Importance = widget.WarningImportance
			} else {
				v.showScan(rep)
			}
			v.verdict.Refresh()
			v.setBusy(false)
		})
	})
}

// showScan says what personal data the table holds, and offers the
// compact export.
func (v *View) showScan(rep *pii.Report) {
	v.rep = rep
	var kinds, cols []string
	seen := map[pii.Kind]bool{}
	for _, s := range rep.Sheets {
		for _, c := range s.Columns {
			if !c.Kind.Personal() {
				continue
			}
			cols = append(cols, i18n.ColumnName(c))
			if !seen[c.Kind] {
				seen[c.Kind] = true
				kinds = append(kinds, i18n.Kind(c.Kind))
			}
		}
	}
	if len(cols) == 0 {
		v.verdict.SetText(lang.X("sendwin.clean", "No personal data found in this file."))
		v.verdict.Importance = widget.SuccessImportance
		return
	}
	v.verdict.SetText(lang.X("sendwin.personal", "This file holds personal data: {{.Kinds}} (columns {{.Columns}}). Send only what the recipient needs.",
		map[string]string{"Kinds": strings.Join(kinds, ", "), "Columns": strings.Join(cols, ", ")}))
	v.verdict.Importance = widget.WarningImportance
	v.compact.Show()
}

// selectedChannel is the channel the user chose.
func (v *View) selectedChannel() vault.Channel {
	for _, c := range channels {
		if channelLabel(c) == v.channel.Selected {
			return c
		}
	}
	return vault.ChannelOther
}

// refused says why the recipient may not receive the file, or "".
func (v *View) refused() string {
	s := v.cfg.Send
	if !s.PartnersOnly || sendfile.IsPartner(v.recipient.Text, s.Partners) {
		return ""
	}
	if len(s.Partners) == 0 {
		return lang.X("sendwin.no_partners", "Your organisation allows sending only to partners with a processing agreement, and its policy lists none: ask IT to add the recipient to share.partners.")
	}
	return lang.X("sendwin.not_partner", "Your organisation allows sending only to partners with a processing agreement: a name on its list, or an address at one of its domains ({{.Partners}}). Choose one, or ask IT to add the recipient to share.partners.",
		map[string]string{"Partners": strings.Join(s.Partners, ", ")})
}

// update sets the confirmation line and what can be pressed from the
// choices made so far.
func (v *View) update() {
	if v.body == nil {
		return // still being built
	}
	why := v.refused()
	if why != "" && strings.TrimSpace(v.recipient.Text) != "" || v.cfg.Send.PartnersOnly && len(v.cfg.Send.Partners) == 0 {
		v.partners.SetText(why)
		v.partners.Importance = widget.DangerImportance
		v.partners.Show()
	} else {
		v.partners.Hide()
	}
	if len(v.paths) == 0 {
		v.confirm.SetText(lang.X("sendwin.nothing", "Choose a file or folder to send."))
	} else {
		v.confirm.SetText(v.confirmation())
	}
	if v.busy || len(v.paths) == 0 || why != "" {
		v.encrypt.Disable()
	} else {
		v.encrypt.Enable()
	}
	v.relayout()
}

// relayout hides the labels that say nothing (an empty label still takes
// a line) and lays the column out again: a wrapped label's height depends
// on its text.
func (v *View) relayout() {
	for _, l := range []*widget.Label{v.fileInfo, v.verdict, v.stage, v.result, v.status} {
		if l.Text == "" {
			l.Hide()
		} else {
			l.Show()
		}
	}
	v.body.Refresh()
}

// confirmation is the line that shows file, content, recipient and
// channel together before Encrypt.
func (v *View) confirmation() string {
	recipient := strings.TrimSpace(v.recipient.Text)
	if recipient == "" {
		recipient = lang.X("sendwin.unnamed", "a recipient you did not name")
	}
	return lang.X("sendwin.confirm", "You send {{.File}} ({{.Holds}}) to {{.Recipient}}; the password goes {{.By}}.",
		map[string]string{"File": inputName(v.paths), "Holds": v.holds(), "Recipient": recipient, "By": i18n.ChannelBy(v.selectedChannel())})
}

// holds says what the input holds, as far as the window knows.
func (v *View) holds() string {
	switch {
	case v.rep == nil:
		return lang.X("sendwin.holds.unchecked", "not checked for personal data")
	case !v.rep.Personal():
		return lang.X("sendwin.holds.clean", "no personal data found")
	case v.compact.Checked:
		return lang.X("sendwin.holds.compact", "as a compact export without the personal columns")
	}
	return lang.X("sendwin.holds.personal", "with personal data")
}

// inputName names the input for people: the file or folder, or the first
// of several and their number.
func inputName(paths []string) string {
	if len(paths) == 1 {
		return filepath.Base(paths[0])
	}
	return lang.X("sendwin.several", "{{.File}} and {{.More}} more", map[string]string{"File": filepath.Base(paths[0]), "More": strconv.Itoa(len(paths) - 1)})
}

// describeInput says what was chosen.
func describeInput(paths []string) string {
	if len(paths) == 1 {
		if fi, err := os.Stat(paths[0]); err == nil && fi.IsDir() {
			return lang.X("sendwin.folder", "Folder {{.File}}: it goes as one encrypted ZIP file.", map[string]string{"File": paths[0]})
		}
		return paths[0]
	}
	return lang.X("sendwin.files", "{{.Count}} files: they go together as one encrypted ZIP file.", map[string]string{"Count": strconv.Itoa(len(paths))})
}

func (v *View) clearResult() {
	v.res = nil
	v.result.SetText("")
	v.checks.SetText("")
	v.checks.Hide()
	v.after.Hide()
	v.readout.SetText("")
	v.readout.Hide()
	v.status.SetText("")
	v.stage.SetText("")
}

// progressFunc returns a sendfile progress callback that shows on the
// window, at most once per percent and stage. It is called from the
// working goroutine.
func (v *View) progressFunc() func(sendfile.Progress) {
	last, lastStage := -1, sendfile.Stage("")
	return func(p sendfile.Progress) {
		pct := -1
		if p.Total > 0 {
			pct = int(p.Done * 100 / p.Total)
		}
		if pct == last && p.Stage == lastStage {
			return
		}
		last, lastStage = pct, p.Stage
		v.cfg.Do(func() {
			v.stage.SetText(stageText(p.Stage))
			v.relayout()
			if pct >= 0 {
				v.working.Stop()
				v.working.Hide()
				v.progress.Show()
				v.progress.SetValue(float64(pct) / 100)
			}
		})
	}
}

func stageText(s sendfile.Stage) string {
	switch s {
	case sendfile.StageConvert:
		return lang.X("sendwin.stage.convert", "Turning the CSV file into a workbook…")
	case sendfile.StageVerify:
		return lang.X("sendwin.stage.verify", "Checking the encrypted file…")
	}
	return lang.X("sendwin.stage.encrypt", "Encrypting…")
}

// Encrypt encrypts the chosen input for the recipient, off the UI
// goroutine; an existing output is replaced only after the user agrees.
func (v *View) Encrypt() {
	if v.busy || len(v.paths) == 0 || v.refused() != "" {
		return
	}
	v.encryptWith(false)
}

func (v *View) encryptWith(force bool) {
	opts := v.cfg.Send
	opts.Recipient = strings.TrimSpace(v.recipient.Text)
	opts.Channel = v.selectedChannel()
	opts.Force = force
	opts.Naming = i18n.SendNaming()
	opts.Progress = v.progressFunc()
	paths, rep := v.paths, v.rep
	compact := rep != nil && rep.Personal() && v.compact.Checked
	v.clearResult()
	v.stage.SetText(lang.X("sendwin.opening", "Opening your share passwords in the system keychain… If it asks for your password to unlock it, answer in its window."))
	v.setBusy(true)
	v.cfg.Async(func() {
		res, err := v.run(paths, rep, compact, opts)
		v.cfg.Do(func() {
			if errors.Is(err, context.Canceled) {
				return
			}
			v.stage.SetText("")
			v.setBusy(false)
			switch {
			case errors.Is(err, sendfile.ErrExists) && !force && v.win != nil:
				confirm.Show(v.win, lang.X("sendwin.replace_title", "Replace the encrypted file?"),
					lang.X("sendwin.replace", "An encrypted file of that name exists already. Replace it with a new one?"),
					lang.X("sendwin.replace_do", "Replace"), true, func() { v.encryptWith(true) })
			case errors.Is(err, sendfile.ErrExists):
				v.showError(lang.X("sendwin.exists", "an encrypted file of that name exists already"))
			case errors.As(err, new(*compactError)):
				v.showError(lang.X("sendwin.compact_failed", "the compact export could not be made: {{.Error}}", map[string]string{"Error": i18n.FileError(err)}))
			case err != nil:
				v.showError(i18n.SendError(err))
			default:
				v.showResult(res)
			}
		})
	})
}

// run does the work of Encrypt: the compact export first if asked, then
// the share vault and the encryption.
func (v *View) run(paths []string, rep *pii.Report, compact bool, opts sendfile.Options) (*sendfile.Result, error) {
	if compact {
		in := paths[0]
		kind, err := sendfile.KindFor(paths, opts.Format)
		if err != nil {
			return nil, err
		}
		name := i18n.CompactName(in)
		opts.Output = sendfile.OutputName([]string{name}, kind, opts.Naming)
		tmp := filepath.Join(filepath.Dir(in), ".grendel-"+filepath.Base(name))
		if _, err := v.cfg.Compact(v.ctx, rep, pii.CompactOptions{Output: tmp, Force: true}); err != nil {
			return nil, &compactError{err}
		}
		defer os.Remove(tmp)
		paths = []string{tmp}
	}
	if v.cfg.Shares == nil {
		return nil, errors.New("no share vault")
	}
	shares, err := v.cfg.Shares()
	if err != nil {
		return nil, err
	}
	opts.Shares = shares
	return v.cfg.Encrypt(v.ctx, paths, opts)
}

// compactError is a failed compact export, to be told apart from an
// encryption error.
type compactError struct{ err error }

func (e *compactError) Error() string { return e.err.Error() }
func (e *compactError) Unwrap() error { return e.err }

func (v *View) showError(msg string) {
	v.result.SetText(lang.X("sendwin.failed", "Nothing was sent or kept: {{.Error}}", map[string]string{"Error": msg}))
	v.result.Importance = widget.DangerImportance
	v.result.Refresh()
	v.relayout()
	v.scroll.Refresh()
	v.scroll.ScrollToBottom()
}

// showResult shows each passed check ticked and the buttons for the texts.
func (v *View) showResult(res *sendfile.Result) {
	v.res = res
	v.result.SetText(lang.X("sendwin.done", "Encrypted and checked: {{.Output}}", map[string]string{"Output": res.Output}))
	v.result.Importance = widget.SuccessImportance
	v.result.Refresh()
	// Result.Checks holds only passed checks: a failed one is an error.
	var lines []string
	for _, c := range res.Checks {
		if c.OK {
			lines = append(lines, "✓ "+i18n.SendCheck(c.Check))
		}
	}
	if res.Neutral {
		lines = append(lines, lang.X("sendwin.neutral", "The ZIP file stores neutral names, as a file name looked like a person's name."))
	}
	if res.Fallback != nil {
		lines = append(lines, i18n.SendFallback(res.Fallback))
	}
	v.checks.SetText(strings.Join(lines, "\n"))
	v.checks.Show()
	v.status.SetText(lang.X("sendwin.next", "Attach the file to your e-mail and paste the e-mail text; send the password separately, {{.By}}.",
		map[string]string{"By": i18n.ChannelBy(res.Share.Channel)}))
	if res.Share.Channel == vault.ChannelPhone {
		v.copySMS.Importance = widget.MediumImportance
		v.showPW.Importance = widget.HighImportance
	} else {
		v.copySMS.Importance = widget.HighImportance
		v.showPW.Importance = widget.MediumImportance
	}
	v.copySMS.Refresh()
	v.showPW.Refresh()
	v.after.Show()
	v.relayout()
	v.scroll.Refresh()
	v.scroll.ScrollToBottom()
}

// EmailText is the e-mail text of the last result; it never holds the
// password.
func (v *View) EmailText() string {
	if v.res == nil {
		return ""
	}
	return i18n.SendEmail(v.res.Kind, v.res.Share)
}

// CopyEmail copies the e-mail text alone.
func (v *View) CopyEmail() {
	if v.res == nil {
		return
	}
	v.cfg.Copy(v.EmailText())
	v.status.SetText(lang.X("sendwin.copied_email", "E-mail text copied. It holds no password: send the password separately, {{.By}}.",
		map[string]string{"By": i18n.ChannelBy(v.res.Share.Channel)}))
	v.relayout()
}

// CopySMS copies the password with its label and spelled readout, through
// the guard, which clears it after share.clipboard_clear.
func (v *View) CopySMS() {
	if v.res == nil {
		return
	}
	// Letter by letter for a random password, whose characters an SMS
	// font may blur; a passphrase's words need none.
	text := sharewin.SMSText(v.res.Share, v.res.Password.Reveal(), v.res.Share.Settings.Kind == vault.KindRandom)
	id := v.res.Share.ID
	shares := v.cfg.Shares
	v.cfg.Async(func() {
		v.cfg.Guard.Copy(text, v.cfg.ClipboardClear)
		if shares == nil {
			return
		}
		if s, err := shares(); err == nil {
			if c, ok := s.(copied); ok {
				_, _ = c.Copied(id)
			}
		}
	})
	v.status.SetText(lang.X("sendwin.copied_sms", "SMS text copied. Grendel clears the clipboard in {{.Seconds}} s, unless you copy something else first.",
		map[string]string{"Seconds": strconv.Itoa(int(v.cfg.ClipboardClear.Seconds()))}))
	v.relayout()
}

// ToggleReadout shows the password with its phone readout, or hides it.
func (v *View) ToggleReadout() {
	if v.res == nil {
		return
	}
	if v.readout.Visible() {
		v.readout.SetText("")
		v.readout.Hide()
		v.showPW.SetText(lang.X("sendwin.readout", "Show the password to read out"))
		v.relayout()
		return
	}
	pw := v.res.Password.Reveal()
	v.readout.SetText(pw + "\n\n" + sharewin.Readout(v.res.Share, pw))
	v.readout.Show()
	v.showPW.SetText(lang.X("sendwin.hide", "Hide the password"))
	v.relayout()
}

// ShowFolder shows the encrypted file in the system's file manager.
func (v *View) ShowFolder() {
	if v.res == nil {
		return
	}
	if err := v.cfg.ShowFolder(v.res.Output); err != nil {
		v.status.SetText(lang.X("sendwin.folder_failed", "The folder could not be opened; the file is at {{.Output}}.", map[string]string{"Output": v.res.Output}))
		v.relayout()
	}
}
