package uiproc

import (
	"fmt"
	"os"
	"sync"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"grendel/app/agent"
	"grendel/app/audit"
	"grendel/app/clipguard"
	"grendel/app/rules"
	"grendel/app/strength"
	"grendel/app/vault"
	"grendel/policy"
	"grendel/ui/checkwin"
	"grendel/ui/clipboard"
	"grendel/ui/genwin"
	"grendel/ui/i18n"
	"grendel/ui/internal/escape"
	"grendel/ui/sharewin"
)

// passwordWindows opens the password check and the generator in one UI
// process; the process keeps serving a copied password until the clipboard
// guard has cleared it, even after the last window closed, because on X11
// the clipboard dies with the process that owns it.
type passwordWindows struct {
	a    fyne.App
	snap *policy.Snapshot

	guard *clipguard.Guard
	// audit records the shares made, rotated and deleted in these
	// windows, and the files encrypted.
	audit audit.Recorder

	mu     sync.Mutex
	open   int  // windows open
	asleep bool // the last window closed while a clear was pending
}

func newPasswordWindows(a fyne.App, opts agent.Options) *passwordWindows {
	p := &passwordWindows{a: a, snap: policy.Load(opts.Paths()),
		audit: audit.Open(audit.RoleUI, func(sink string, err error) { fmt.Fprintln(os.Stderr, "grendel:", i18n.AuditFailure(sink, err)) })}
	p.guard = clipboard.NewGuard(a, func(bool) {
		p.mu.Lock()
		quit := p.asleep
		p.mu.Unlock()
		if quit {
			fyne.Do(a.Quit)
		}
	})
	// Closing the app clears a copied password that is still there (on
	// Windows and macOS the clipboard outlives the process).
	a.Lifecycle().SetOnStopped(func() { p.guard.ClearNowOn(a.Clipboard()) })
	return p
}

func (p *passwordWindows) policy() (strength.Policy, strength.Context) {
	return rules.Password(p.snap.Settings.Password)
}

// track counts w and returns the function that closes it, for its Close
// button and its title bar alike. When the last window closes with a clear
// pending, the app keeps running (without windows) until the clear.
func (p *passwordWindows) track(w fyne.Window, onClose func()) (closeIt func()) {
	p.mu.Lock()
	p.open++
	p.mu.Unlock()
	done := false
	closeIt = func() {
		if done {
			return
		}
		done = true
		if onClose != nil {
			onClose()
		}
		p.mu.Lock()
		p.open--
		p.asleep = p.open == 0 && p.guard.Pending()
		asleep := p.asleep
		p.mu.Unlock()
		if asleep {
			// Fyne quits when its last window closes; hide it instead and
			// let the guard's clear end the process.
			w.Hide()
			return
		}
		w.Close()
	}
	w.SetCloseIntercept(closeIt)
	return closeIt
}

// showCheck opens the "Check a password" window.
func (p *passwordWindows) showCheck() {
	w := p.a.NewWindow(lang.X("check.title", "Grendel — check a password"))
	pol, ctx := p.policy()
	var v *checkwin.View
	var closeIt func()
	v = checkwin.New(strength.Default(), ctx, pol, p.showGenerate, func() { closeIt() })
	closeIt = p.track(w, v.Clear) // the entry is cleared when the window closes
	escape.Closes(w, closeIt)
	w.SetContent(v.Content())
	w.Resize(fyne.NewSize(620, 560))
	w.CenterOnScreen()
	w.Show()
	w.Canvas().Focus(v.Entry)
}

// showGenerate opens the generator.
func (p *passwordWindows) showGenerate() {
	w := p.a.NewWindow(lang.X("gen.title", "Grendel — generate a password"))
	pol, ctx := p.policy()
	s := p.snap.Settings.Share
	language := i18n.WordsLanguage(s.Language)
	var closeIt func()
	v := genwin.New(genwin.Config{Kind: s.Generator, Words: s.Words, Lang: language, Policy: pol, Context: ctx,
		ClipboardClear: s.ClipboardClear, Guard: p.guard}, func() { closeIt() })
	closeIt = p.track(w, nil)
	escape.Closes(w, closeIt)
	// Ctrl+C (Cmd+C) copies the password as the Copy button does.
	w.Canvas().AddShortcut(&fyne.ShortcutCopy{}, func(fyne.Shortcut) { v.Copy() })
	w.SetContent(v.Content())
	w.Resize(fyne.NewSize(640, 600))
	w.CenterOnScreen()
	w.Show()
}

// showShares opens the "Shares" window on the user's share vault. The
// window shows at once; the vault is opened off the UI goroutine, since
// opening looks at the system keychain, which may take seconds or wait
// for its unlock prompt.
func (p *passwordWindows) showShares(opts agent.Options) {
	w := p.a.NewWindow(lang.X("shares.title", "Grendel — share passwords"))
	waiting := widget.NewProgressBarInfinite()
	w.SetContent(container.NewVBox(widget.NewLabel(lang.X("shares.opening", "Opening your share passwords in the system keychain…")), waiting))
	w.Resize(fyne.NewSize(960, 600))
	w.CenterOnScreen()
	// Until the vault is open, Escape closes as the title bar does; then
	// as the Close button (see fillShares).
	escape.Closes(w, w.Close)
	// A window closed before the vault opened is not filled in: no view,
	// no watcher of the index that nothing would stop.
	var closed atomic.Bool
	w.SetOnClosed(func() { closed.Store(true) })
	w.Show()
	background.Go(func() {
		cfg := rules.Vault(opts.Paths(), p.snap.Settings)
		cfg.Audit = p.audit
		v, problems, err := vault.Open(cfg)
		fyne.Do(func() {
			waiting.Stop()
			if closed.Load() {
				return
			}
			if err != nil {
				msg := widget.NewLabel(i18n.VaultError(err, ""))
				msg.Wrapping = fyne.TextWrapWord
				w.SetContent(container.NewVBox(msg, container.NewHBox(widget.NewButtonWithIcon(lang.X("shares.close", "Close"), theme.WindowCloseIcon(), w.Close))))
				return
			}
			p.fillShares(w, v, cfg.Dir)
			for _, pr := range problems {
				fmt.Fprintln(os.Stderr, "grendel:", i18n.VaultProblem(pr))
			}
		})
	})
}

// background counts the goroutines that fill a window in after it is
// shown (the shares window's vault). Fyne's test driver runs fyne.Do at
// once on the calling goroutine, so a test waits for them before it opens
// the next window, or the two would build widgets at the same time.
var background sync.WaitGroup

// fillShares puts the Shares view of v, whose index is in dir, into w; the
// list follows changes of the index while the window is open.
func (p *passwordWindows) fillShares(w fyne.Window, v *vault.Vault, dir string) {
	pol, ctx := p.policy()
	s := p.snap.Settings.Share
	language := i18n.WordsLanguage(s.Language)
	var closeIt func()
	view := sharewin.New(sharewin.Config{
		Store:          v,
		Defaults:       vault.Settings{Kind: vault.Kind(s.Generator), Words: s.Words, Language: language},
		Policy:         pol,
		Context:        ctx,
		ClipboardClear: s.ClipboardClear,
		Guard:          p.guard,
		Copy:           func(text string) { p.a.Clipboard().SetContent(text) },
	}, w, func() { closeIt() })
	stop, err := sharewin.WatchIndex(dir, func() { fyne.Do(view.Refresh) })
	if err != nil {
		// The list still shows what was there when it opened.
		fmt.Fprintln(os.Stderr, "grendel:", lang.X("shares.watch_failed", "share passwords made elsewhere show only when the window opens again: {{.Error}}", map[string]string{"Error": err.Error()}))
		stop = func() {}
	}
	closeIt = p.track(w, func() { stop(); view.Hide() })
	// Also when the window is closed by other means than its own (the
	// process ending, a test): stopping twice is harmless.
	w.SetOnClosed(stop)
	escape.Closes(w, closeIt)
	w.SetContent(view.Content())
}
