package uiproc

import (
	"fmt"
	"os"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"grendel/app/agent"
	"grendel/app/rules"
	"grendel/app/sendfile"
	"grendel/app/vault"
	"grendel/ui/i18n"
	"grendel/ui/internal/escape"
	"grendel/ui/sendwin"
)

// showSend opens "Send a file safely". The share vault is opened when the
// user first encrypts, off the UI goroutine (the keychain may ask to be
// unlocked), and kept for the window's life.
func (p *passwordWindows) showSend(opts agent.Options) {
	w := p.a.NewWindow(lang.X("sendwin.title", "Grendel — send a file safely"))
	s := p.snap.Settings
	cfg := rules.Vault(opts.Paths(), s)
	cfg.Audit = p.audit
	var once sync.Once
	var v *vault.Vault
	var openErr error
	shares := func() (sendfile.Shares, error) {
		once.Do(func() {
			var problems []vault.Problem
			v, problems, openErr = vault.Open(cfg)
			for _, pr := range problems {
				fmt.Fprintln(os.Stderr, "grendel:", i18n.VaultProblem(pr))
			}
		})
		if openErr != nil {
			return nil, openErr
		}
		return v, nil
	}
	var closeIt func()
	view := sendwin.New(sendwin.Config{
		Send: sendfile.Options{
			Partners: s.Share.Partners, PartnersOnly: s.Share.PartnersOnly, MinBits: s.File.MinPasswordBits,
			Password: vault.Settings{Kind: vault.Kind(s.Share.Generator), Words: s.Share.Words, Language: i18n.WordsLanguage(s.Share.Language)},
			Meets:    cfg.Meets,
			Audit:    p.audit,
		},
		Shares:         shares,
		ClipboardClear: s.Share.ClipboardClear,
		Guard:          p.guard,
		Copy:           func(text string) { p.a.Clipboard().SetContent(text) },
	}, w, func() { closeIt() })
	closeIt = p.track(w, view.Close)
	escape.Closes(w, closeIt)
	w.SetContent(view.Content())
	w.Resize(fyne.NewSize(820, 760))
	w.CenterOnScreen()
	w.Show()
}
