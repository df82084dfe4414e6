package sharewin

import (
	"fmt"
	"image/color"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"grendel/app/clipguard"
	"grendel/app/strength"
	"grendel/app/vault"
	"grendel/internal/testdir"
	"grendel/ui/i18n"
	"grendel/ui/internal/escape"
	"grendel/ui/internal/uitest"
)

// now runs f at once: with it as Async and Do, every operation finishes
// before the call that started it returns.
func now(f func()) { f() }

// newView builds the window on a vault in a temporary directory with kc
// as its keychain (a new MapKeychain if nil); async and do are the
// window's Async and Do.
func newView(t *testing.T, kc *vault.MapKeychain, async, do func(func())) (*View, *vault.Vault, *clipguard.Memory) {
	t.Helper()
	test.NewTempApp(t)
	if kc == nil {
		kc = &vault.MapKeychain{}
	}
	v, _, err := vault.Open(vault.Config{Dir: testdir.New(t), Keychain: kc, MaxAge: 7 * 24 * time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	clip := &clipguard.Memory{}
	w := test.NewWindow(nil)
	t.Cleanup(w.Close)
	view := New(Config{Store: v, Defaults: vault.Settings{Kind: vault.KindPassphrase, Words: 5, Language: "nl"},
		Policy: strength.Policy{MinScore: 3, MinLength: 12}, ClipboardClear: time.Hour,
		Guard: clipguard.New(clip, nil), Copy: clip.SetContent, Async: async, Do: do}, w, func() {})
	w.SetContent(view.Content())
	return view, v, clip
}

func TestSharesWindow(t *testing.T) {
	view, v, clip := newView(t, nil, now, now)
	if !strings.Contains(view.title.Text, "No share passwords yet") {
		t.Errorf("empty: %q", view.title.Text)
	}
	view.Create(vault.Request{Label: "Klantenlijst Q4.xlsx", Recipient: "Jan", Channel: vault.ChannelSMS,
		Settings: vault.Settings{Kind: vault.KindPassphrase, Words: 5, Language: "nl"}})
	if len(view.shares) != 1 || view.title.Text != "Klantenlijst Q4.xlsx" || !strings.Contains(view.details.Text, "Jan") {
		t.Fatalf("after Create: %d shares, title %q, details %q", len(view.shares), view.title.Text, view.details.Text)
	}
	id := view.shares[0].ID
	pw, err := v.Reveal(id)
	if err != nil {
		t.Fatal(err)
	}

	view.CopyPassword()
	if clip.Content() != pw.Reveal() {
		t.Error("Copy password did not copy the password")
	}
	if s, _ := v.Get(id); s.LastCopied.IsZero() {
		t.Error("the copy was not recorded")
	}
	view.CopyEmail()
	if e := clip.Content(); strings.Contains(e, pw.Reveal()) || !strings.Contains(e, "Klantenlijst Q4.xlsx") || !strings.Contains(e, "SMS") {
		t.Errorf("the e-mail text holds the password, or lacks the label or channel: %q", e)
	}
	view.CopySMS()
	if sms := clip.Content(); !strings.Contains(sms, pw.Reveal()) || !strings.Contains(sms, "Klantenlijst") {
		t.Error("the SMS text lacks the password or the label")
	}

	view.Reveal()
	if !strings.HasPrefix(view.secret.Text, pw.Reveal()+"\n\n") || len(view.secret.Text) < 2*len(pw.Reveal()) {
		t.Errorf("Reveal shows %d characters", len(view.secret.Text))
	}
	view.Hide()
	if view.secret.Text != "" {
		t.Error("Hide left the password on screen")
	}

	view.Rotate()
	if pw2, _ := v.Reveal(id); pw2.Reveal() == pw.Reveal() {
		t.Error("Rotate kept the password")
	}
	view.Delete()
	if shares, _ := v.List(); len(shares) != 0 || len(view.shares) != 0 {
		t.Errorf("after Delete: %d shares", len(shares))
	}
}

func TestEmailAndSMSTexts(t *testing.T) {
	test.NewTempApp(t)
	s := vault.Share{Label: "Offerte.pdf", Recipient: "Anna", Channel: vault.ChannelPhone, Expires: time.Date(2026, 12, 8, 9, 0, 0, 0, time.UTC)}
	e := EmailText(s)
	for _, want := range []string{"Hello Anna,", "Offerte.pdf", "phone", i18n.Date(s.Expires.Local())} {
		if !strings.Contains(e, want) {
			t.Errorf("e-mail text lacks %q:\n%s", want, e)
		}
	}
}

// TestSMSText checks that the SMS text holds the password exactly once,
// letter by letter in the share's language only when asked, and never a
// passphrase's words a second time. The passwords are examples, no
// secrets; a failure names lengths and counts only all the same.
func TestSMSText(t *testing.T) {
	test.NewTempApp(t)
	for _, tc := range []struct {
		kind     vault.Kind
		lang, pw string
		letters  bool
		want     string // the second line, "" for none
	}{
		{vault.KindPassphrase, "nl", "tafel-regen-fiets", false, ""},
		{vault.KindPassphrase, "de", "Kaffee-laufen-Tisch", false, ""},
		{vault.KindPassphrase, "nl", "Bos-6", true, "Letter by letter: hoofdletter B van Bernard, o van Otto, s van Simon, streepje, zes"},
		{vault.KindPassphrase, "de", "Tisch-1", true, "Letter by letter: großes T wie Tübingen, i wie Ingelheim, s wie Salzwedel, c wie Chemnitz, h wie Hamburg, Bindestrich, eins"},
		{vault.KindRandom, "en", "x7-K", true, "Letter by letter: small x as in X-ray, seven, dash, capital K as in Kilo"},
		{vault.KindRandom, "en", "x7-K", false, ""},
	} {
		s := vault.Share{Label: "Offerte.pdf", Settings: vault.Settings{Kind: tc.kind, Language: tc.lang}}
		sms := SMSText(s, tc.pw, tc.letters)
		first, second, _ := strings.Cut(sms, "\n")
		if first != "Password for Offerte.pdf: "+tc.pw {
			t.Errorf("%s %s: first line of %d characters, want the label and the password", tc.kind, tc.lang, len(first))
		}
		if n := strings.Count(sms, tc.pw); n != 1 {
			t.Errorf("%s %s: the password %d times, want once", tc.kind, tc.lang, n)
		}
		if second != tc.want {
			t.Errorf("%s %s letters=%v: second line\n%q\nwant\n%q", tc.kind, tc.lang, tc.letters, second, tc.want)
		}
		if tc.kind == vault.KindPassphrase {
			for i, w := range strings.Split(tc.pw, "-") {
				if n := strings.Count(sms, w); n != 1 {
					t.Errorf("%s %s: word %d %d times, want once", tc.kind, tc.lang, i+1, n)
				}
			}
		}
	}
}

func TestNewForm(t *testing.T) {
	test.NewTempApp(t)
	f := NewNewForm(Config{Defaults: vault.Settings{Kind: vault.KindRandom, Length: 20, Language: "de"}, Policy: strength.Policy{MinScore: 3, MinLength: 12}})
	f.Label.SetText("Vertrag.docx")
	f.Channel.SetSelected(f.Channel.Options[1])
	r := f.Request()
	if r.Label != "Vertrag.docx" || r.Channel != vault.ChannelSMS || r.Settings.Kind != vault.KindRandom || r.Settings.Language != "de" || r.Settings.Length != 20 {
		t.Errorf("Request = %+v", r)
	}
	if !strings.Contains(f.Strength.Text, "bits of entropy") || !f.Words.Disabled() {
		t.Errorf("strength %q, words disabled %v", f.Strength.Text, f.Words.Disabled())
	}
	f.Kind.SetSelected(f.Kind.Options[0])
	if r := f.Request(); r.Settings.Kind != vault.KindPassphrase || r.Settings.Words == 0 {
		t.Errorf("passphrase request %+v", r.Settings)
	}
	if f.Label.Validator("") == nil {
		t.Error("an empty label validates")
	}
	if r := f.Request(); !r.Secret.IsZero() || !f.OwnPasses() {
		t.Error("with no own password the request must ask for a generated one")
	}
	test.Type(f.Own, "Welkom123")
	if f.OwnPasses() || !strings.Contains(f.OwnStrength.Text, "does not meet") {
		t.Errorf("a weak own password passes: %q", f.OwnStrength.Text)
	}
	f.Own.SetText("mq8#Vt2!xR9k@Lp3Zw")
	if r := f.Request(); !f.OwnPasses() || r.Secret.Reveal() != "mq8#Vt2!xR9k@Lp3Zw" {
		t.Error("a strong own password is not taken")
	}
}

// uiLoop stands in for the UI goroutine: the test's own goroutine runs
// what the window hands to Do, when the test asks.
type uiLoop chan func()

func (u uiLoop) do(f func()) { u <- f }

// next runs the next function handed to Do, waiting for it at most 10 s.
func (u uiLoop) next(t *testing.T) {
	t.Helper()
	select {
	case f := <-u:
		f()
	case <-time.After(10 * time.Second):
		t.Fatal("the operation never came back to the UI goroutine")
	}
}

// blockingKeychain is a keychain whose writes and reads, once block is
// set, wait until release is closed, as an unlock prompt does; entered
// says that a call waits.
type blockingKeychain struct {
	vault.MapKeychain
	block   atomic.Bool
	calls   atomic.Int32
	entered chan string
	release chan struct{}
}

func newBlockingKeychain() *blockingKeychain {
	k := &blockingKeychain{entered: make(chan string, 8), release: make(chan struct{})}
	k.Fail = func(op, _, _ string) error {
		if k.block.Load() {
			k.calls.Add(1)
			k.entered <- op
			<-k.release
		}
		return nil
	}
	return k
}

// TestSharesWindowWaitsOffTheUIGoroutine rotates a share while the
// keychain waits as for an unlock prompt: the window stays responsive and
// shows that it waits, refuses a second keychain operation, and shows the
// result once the keychain answers.
func TestSharesWindowWaitsOffTheUIGoroutine(t *testing.T) {
	kc := newBlockingKeychain()
	ui := make(uiLoop, 4)
	view, v, clip := newView(t, &kc.MapKeychain, func(f func()) { go f() }, ui.do)
	s, err := v.Create(vault.Request{Label: "Offerte.pdf", Recipient: "Anna", Channel: vault.ChannelPhone,
		Settings: vault.Settings{Kind: vault.KindPassphrase, Words: 5, Language: "nl"}})
	if err != nil {
		t.Fatal(err)
	}
	old, _ := v.Reveal(s.ID)
	view.Refresh()
	view.Select(0)

	kc.block.Store(true)
	for _, b := range view.keychainButtons {
		if b.Text == "New password" {
			test.Tap(b)
		}
	}
	// The dialog's buttons say what they do: New password, Cancel.
	findButton(t, view, "Cancel")
	test.Tap(findButton(t, view, "New password"))
	select {
	case <-kc.entered:
	case <-time.After(10 * time.Second):
		t.Fatal("Rotate never reached the keychain")
	}
	// The tap returned while the keychain waits: the UI goroutine is free.
	if !view.Busy() || !view.activity.Visible() || !strings.Contains(view.status.Text, "Waiting for the system keychain") {
		t.Errorf("while waiting: busy %v, activity shown %v, status %q", view.Busy(), view.activity.Visible(), view.status.Text)
	}
	for i, b := range append(view.keychainButtons, view.newButton) {
		if !b.Disabled() {
			t.Errorf("button %d (%s) is enabled while an operation waits", i, b.Text)
		}
	}
	test.Tap(view.emailButton)
	if e := clip.Content(); !strings.Contains(e, "Offerte.pdf") {
		t.Errorf("Copy e-mail text while waiting copied %q", e)
	}
	view.Reveal() // refused: one operation at a time
	if n := kc.calls.Load(); n != 1 {
		t.Errorf("the keychain was called %d times while busy, want 1", n)
	}

	close(kc.release)
	ui.next(t)
	if view.Busy() || view.activity.Visible() || view.keychainButtons[0].Disabled() || view.newButton.Disabled() {
		t.Errorf("after the answer: busy %v, activity shown %v, buttons disabled %v", view.Busy(), view.activity.Visible(), view.keychainButtons[0].Disabled())
	}
	if want := "Offerte.pdf has a new password."; view.status.Text != want {
		t.Errorf("status %q, want %q", view.status.Text, want)
	}
	kc.block.Store(false)
	if pw, _ := v.Reveal(s.ID); pw.Reveal() == old.Reveal() {
		t.Error("Rotate kept the password")
	}
	select {
	case f := <-ui:
		t.Errorf("an extra function %p came back to the UI goroutine", f)
	default:
	}
}

// TestSharesWindowErrorText checks that a keychain error shows in the
// words the CLI uses, not as the vault's raw English error.
func TestSharesWindowErrorText(t *testing.T) {
	kc := &vault.MapKeychain{}
	view, v, _ := newView(t, kc, now, now)
	if _, err := v.Create(vault.Request{Label: "Offerte.pdf", Settings: vault.Settings{Kind: vault.KindRandom, Length: 20}}); err != nil {
		t.Fatal(err)
	}
	view.Refresh()
	view.Select(0)
	kc.Fail = func(string, string, string) error { return vault.ErrKeychainLocked }
	view.CopyPassword()
	if st := view.status.Text; !strings.Contains(st, "the system keychain is locked: unlock it") {
		t.Errorf("status %q, want the translated keychain-locked text", st)
	}
	if view.Busy() || view.keychainButtons[0].Disabled() {
		t.Error("the window stays busy after a failed operation")
	}
}

// findButton finds the button labelled text on the window's canvas, such
// as one of a dialog.
func findButton(t *testing.T, view *View, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			found = b
		}
		switch x := o.(type) {
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			r := test.TempWidgetRenderer(t, x)
			for _, c := range r.Objects() {
				walk(c)
			}
		}
	}
	for _, o := range view.win.Canvas().Overlays().List() {
		walk(o)
	}
	if found == nil {
		t.Fatalf("no button %q on the window", text)
	}
	return found
}

// timers stands in for Config.After: fire runs what is due, in order.
type timers struct{ due []func() }

func (tm *timers) after(_ time.Duration, f func()) { tm.due = append(tm.due, f) }

func (tm *timers) fire() {
	due := tm.due
	tm.due = nil
	for _, f := range due {
		f()
	}
}

// TestRevealToggles: Reveal shows the password and turns into Hide; a
// second press hides it; a reveal hides by itself after the clipboard
// time, but a later reveal is not hidden by an earlier one's timer.
func TestRevealToggles(t *testing.T) {
	view, _, _ := newView(t, nil, now, now)
	tm := &timers{}
	view.cfg.After = tm.after
	view.Create(vault.Request{Label: "a.xlsx", Channel: vault.ChannelSMS, Settings: vault.Settings{Kind: vault.KindPassphrase, Words: 5, Language: "nl"}})

	view.Reveal()
	if !view.Revealed() || view.secret.Text == "" || view.revealButton.Text != "Hide" {
		t.Fatalf("after Reveal: revealed %v, %d characters, button %q; want shown and Hide", view.Revealed(), len(view.secret.Text), view.revealButton.Text)
	}
	view.Reveal()
	if view.Revealed() || view.secret.Text != "" || view.revealButton.Text != "Reveal" {
		t.Errorf("after a second press: revealed %v, %d characters, button %q; want hidden and Reveal", view.Revealed(), len(view.secret.Text), view.revealButton.Text)
	}
	view.Reveal() // shown again: the first reveal's timer is due, and must leave this one
	if len(tm.due) != 2 {
		t.Fatalf("%d timers, want one per reveal", len(tm.due))
	}
	first, second := tm.due[0], tm.due[1]
	first()
	if !view.Revealed() {
		t.Error("an earlier reveal's timer hid a later one")
	}
	second()
	if view.Revealed() || view.secret.Text != "" || view.revealButton.Text != "Reveal" {
		t.Error("the password stays shown after the clipboard time")
	}
}

// TestStatusLineClears: the line about a copy clears when the clipboard is
// cleared, and any line when another share is selected.
func TestStatusLineClears(t *testing.T) {
	view, _, _ := newView(t, nil, now, now)
	tm := &timers{}
	view.cfg.After = tm.after
	for _, label := range []string{"a.xlsx", "b.xlsx"} {
		view.Create(vault.Request{Label: label, Channel: vault.ChannelPhone, Settings: vault.Settings{Kind: vault.KindPassphrase, Words: 5, Language: "nl"}})
	}
	view.CopyPassword()
	if view.status.Text == "" {
		t.Fatal("no status after Copy password")
	}
	tm.fire()
	if view.status.Text != "" {
		t.Errorf("after the clipboard was cleared the status says %q", view.status.Text)
	}
	view.CopyEmail()
	if view.status.Text == "" {
		t.Fatal("no status after Copy e-mail text")
	}
	view.Select(1 - view.sel)
	if view.status.Text != "" {
		t.Errorf("after another share was selected the status says %q", view.status.Text)
	}
}

// TestPrimaryButton: the primary button is the text the user sends next,
// by the selected share's channel.
func TestPrimaryButton(t *testing.T) {
	view, _, _ := newView(t, nil, now, now)
	if view.newButton.Importance != widget.HighImportance {
		t.Errorf("with no share, New share is not the primary button")
	}
	for _, tc := range []struct {
		channel vault.Channel
		want    *widget.Button
	}{
		{vault.ChannelSMS, view.copySMSButton},
		{vault.ChannelPhone, view.revealButton},
		{vault.ChannelOther, view.copyPWButton},
	} {
		view.Create(vault.Request{Label: string(tc.channel) + ".xlsx", Channel: tc.channel, Settings: vault.Settings{Kind: vault.KindPassphrase, Words: 5, Language: "nl"}})
		for _, b := range []*widget.Button{view.newButton, view.copyPWButton, view.copySMSButton, view.revealButton} {
			if high := b.Importance == widget.HighImportance; high != (b == tc.want) {
				t.Errorf("%s share: %q is primary %v, want %v", tc.channel, b.Text, high, b == tc.want)
			}
		}
	}
}

// TestWatchIndex: a share made elsewhere (the command line: another Vault
// on the same directory) appears in the open window; the selection and a
// revealed password stay.
func TestWatchIndex(t *testing.T) {
	test.NewTempApp(t)
	dir, kc := testdir.New(t), &vault.MapKeychain{}
	open := func() *vault.Vault {
		v, _, err := vault.Open(vault.Config{Dir: dir, Keychain: kc, MaxAge: 7 * 24 * time.Hour})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	mine, cli := open(), open()
	w := test.NewWindow(nil)
	t.Cleanup(w.Close)
	view := New(Config{Store: mine, Defaults: vault.Settings{Kind: vault.KindPassphrase, Words: 5, Language: "nl"},
		ClipboardClear: time.Hour, Guard: clipguard.New(&clipguard.Memory{}, nil), Copy: func(string) {}, Async: now, Do: now}, w, func() {})
	view.Create(vault.Request{Label: "first.xlsx", Channel: vault.ChannelSMS, Settings: vault.Settings{Kind: vault.KindPassphrase, Words: 5, Language: "nl"}})
	view.Reveal()

	changed := make(chan struct{}, 16)
	stop, err := WatchIndex(dir, func() { changed <- struct{}{} })
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	if _, err := cli.Create(vault.Request{Label: "from the CLI.xlsx", Channel: vault.ChannelSMS, Settings: vault.Settings{Kind: vault.KindPassphrase, Words: 5, Language: "nl"}}); err != nil {
		t.Fatal(err)
	}
	select {
	case <-changed:
	case <-time.After(5 * time.Second):
		t.Fatal("no change reported within 5 s of a share made elsewhere")
	}
	view.Refresh()
	var labels []string
	for _, s := range view.shares {
		labels = append(labels, s.Label)
	}
	if len(labels) != 2 {
		t.Errorf("after the change the list holds %q, want both shares", labels)
	}
	if s, ok := view.selected(); !ok || s.Label != "first.xlsx" || !view.Revealed() {
		t.Errorf("after the change: selected %q (%v), revealed %v; want first.xlsx, still revealed", s.Label, ok, view.Revealed())
	}
}

// TestScreenshot draws the window into $GRENDEL_SHOTS/sharewin-LANG.png,
// in the language of LANG, with an SMS share selected and its password
// revealed, for a person to look at; sharewin-light-LANG.png and
// sharewin-dark-LANG.png show the list's selected row in Fyne's light and
// dark themes.
func TestScreenshot(t *testing.T) {
	if err := i18n.Load(); err != nil {
		t.Fatal(err)
	}
	view, _, _ := newView(t, nil, now, now)
	view.cfg.After = (&timers{}).after
	view.Create(vault.Request{Label: "Offerte 2027.docx", Recipient: "Anke de Vries", Channel: vault.ChannelPhone, Settings: vault.Settings{Kind: vault.KindPassphrase, Words: 5, Language: "nl"}})
	view.Create(vault.Request{Label: "Klantenlijst Q4.xlsx", Recipient: "Jan Jansen", Channel: vault.ChannelSMS, Settings: vault.Settings{Kind: vault.KindPassphrase, Words: 5, Language: "nl"}})
	view.Reveal()
	view.CopySMS()
	w := test.NewWindow(view.Content())
	defer w.Close()
	w.Resize(fyne.NewSize(960, 600))
	uitest.ShotThemes(t, w, "sharewin", i18n.Language())
	view.win = w // the dialog opens over the window drawn
	view.confirmDelete()
	uitest.Shot(t, w, "sharewin-delete", i18n.Language())
	w.Canvas().Overlays().Top().Hide()
	view.showNew()
	uitest.Shot(t, w, "sharewin-new", i18n.Language())
}

// TestNewShareEscape: Escape in the New share dialog's focused entry
// cancels the dialog, makes no share, and leaves the window.
func TestNewShareEscape(t *testing.T) {
	view, v, _ := newView(t, nil, now, now)
	view.showNew()
	top := view.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog")
	}
	var label *escape.Entry
	uitest.Walk(top, func(o fyne.CanvasObject) bool {
		if e, ok := o.(*escape.Entry); ok && label == nil {
			label = e
		}
		return label == nil
	})
	if label == nil {
		t.Fatal("no entry in the dialog")
	}
	view.win.Canvas().Focus(label)
	test.Type(label, "Vertrag.docx")
	view.win.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if view.win.Canvas().Overlays().Top() != nil {
		t.Error("the dialog is still open after Escape")
	}
	if shares, _ := v.List(); len(shares) != 0 {
		t.Errorf("Escape made %d shares", len(shares))
	}
}

// TestNewShareEscapeFromChoices: a clicked choice in the New share dialog
// (a select, a radio option) has the focus and passes Escape on: the
// dialog closes and no share is made.
func TestNewShareEscapeFromChoices(t *testing.T) {
	for _, kind := range []string{"*escape.Select", "*escape.radioOption"} {
		t.Run(kind, func(t *testing.T) {
			view, v, _ := newView(t, nil, now, now)
			view.showNew()
			top := view.win.Canvas().Overlays().Top()
			if top == nil {
				t.Fatal("no dialog")
			}
			var choice fyne.Focusable
			uitest.Walk(top, func(o fyne.CanvasObject) bool {
				if f, ok := o.(fyne.Focusable); ok && choice == nil && fmt.Sprintf("%T", o) == kind {
					if d, ok := o.(fyne.Disableable); !ok || !d.Disabled() {
						choice = f
					}
				}
				return choice == nil
			})
			if choice == nil {
				t.Fatalf("no %s in the dialog", kind)
			}
			view.win.Canvas().Focus(choice)
			view.win.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
			if view.win.Canvas().Overlays().Top() != nil {
				t.Error("the dialog is still open after Escape")
			}
			if shares, _ := v.List(); len(shares) != 0 {
				t.Errorf("Escape made %d shares", len(shares))
			}
		})
	}
}

// TestNewShareDialog: Create waits for a label; the labels of Words and
// Length follow their fields; Create makes the share.
func TestNewShareDialog(t *testing.T) {
	view, v, _ := newView(t, nil, now, now)
	view.showNew()
	top := view.win.Canvas().Overlays().Top()
	var create *widget.Button
	var form *widget.Form
	uitest.Walk(top, func(o fyne.CanvasObject) bool {
		switch x := o.(type) {
		case *widget.Button:
			if x.Text == "Create" {
				create = x
			}
		case *widget.Form:
			form = x
		}
		return true
	})
	if create == nil || form == nil {
		t.Fatal("no Create button or form in the dialog")
	}
	if !create.Disabled() {
		t.Error("Create is enabled without a label")
	}
	disabled := theme.Color(theme.ColorNameDisabled)
	kind := form.Items[3].Widget.(*escape.Radio)
	for _, k := range []string{kind.Options[1], kind.Options[0]} {
		kind.SetSelected(k)
		words, length := uitest.Text(form, "Words"), uitest.Text(form, "Length")
		random := k == kind.Options[1]
		if (words.Color == disabled) != random || (length.Color == disabled) == random {
			t.Errorf("%s: Words greyed %v, Length greyed %v", k, words.Color == disabled, length.Color == disabled)
		}
	}
	label := form.Items[0].Widget.(*escape.Entry)
	test.Type(label, "Vertrag.docx")
	if create.Disabled() {
		t.Fatal("Create is disabled with a label")
	}
	test.Tap(create)
	if shares, _ := v.List(); len(shares) != 1 || shares[0].Label != "Vertrag.docx" {
		t.Errorf("after Create the shares are %v", shares)
	}
}

// TestStateLineLegible: the state under a share's label in the list keeps
// a contrast of at least 4.5 on the selected row, in the light and the
// dark theme (the greyed low-importance colour had about 1.1 there).
func TestStateLineLegible(t *testing.T) {
	view, _, _ := newView(t, nil, now, now)
	view.Create(vault.Request{Label: "a.xlsx", Channel: vault.ChannelSMS, Settings: vault.Settings{Kind: vault.KindPassphrase, Words: 5, Language: "nl"}})
	w := test.NewWindow(view.Content())
	defer w.Close()
	w.Resize(fyne.NewSize(960, 600))
	state := i18n.ShareState(view.shares[0], time.Now())
	for _, th := range uitest.Themes() {
		fyne.CurrentApp().Settings().SetTheme(th.Theme)
		view.list.Refresh()
		text := uitest.Text(view.list, state)
		if text == nil {
			t.Fatalf("%s: no %q under the label in the list", th.Name, state)
		}
		bg := theme.Color(theme.ColorNameBackground)
		selected := uitest.Over(theme.Color(theme.ColorNameSelection), uitest.Over(bg, color.White))
		for _, on := range []struct {
			name string
			bg   color.Color
		}{{"row", bg}, {"selected row", selected}} {
			if c := uitest.Contrast(text.Color, on.bg); c < 4.5 {
				t.Errorf("%s theme, %s: the state line has contrast %.1f, want at least 4.5", th.Name, on.name, c)
			}
		}
	}
}

// envLang makes TestLanguages the child that checks one language.
const envLang = "GRENDEL_SHAREWIN_TEST_LANG"

// TestLanguages renders what the window says of time in English, Dutch
// and German, each in a child process: ages in words ("just now",
// "zojuist", "gerade eben"), dates and times in the user's locale, the
// clipboard time in words.
func TestLanguages(t *testing.T) {
	type texts struct {
		made                       *regexp.Regexp // the details' second line, just made
		ago5m, ago1h, ago3h, ago2d string
		copied                     string // the status after Copy password, clipboard cleared after 45 s
		email                      string // the e-mail's sentence with the expiry
		forSMS, otherMeans         string // the details' first line; the e-mail's sentence for another channel
		channels                   string // the New share dialog's channel choices
	}
	want := map[string]texts{
		"en": {regexp.MustCompile(`^Made just now · active · expires \d\d/\d\d/\d{4} \d\d:\d\d$`),
			"5 minutes ago", "1 hour ago", "3 hours ago", "2 days ago",
			"Password copied. Grendel clears the clipboard in 45 seconds, unless you copy something else first.",
			"The password works until 08/12/2026.",
			"For: Anna · by SMS", "you receive it separately, by other means.", "Phone|SMS|Other"},
		"nl": {regexp.MustCompile(`^Zojuist gemaakt · actief · verloopt op \d\d-\d\d-\d{4} \d\d:\d\d$`),
			"5 minuten geleden", "1 uur geleden", "3 uur geleden", "2 dagen geleden",
			"Wachtwoord gekopieerd. Grendel maakt het klembord over 45 seconden leeg, tenzij je eerst iets anders kopieert.",
			"Het wachtwoord is geldig tot 08-12-2026.",
			"Voor: Anna · per sms", "je krijgt het apart, op een andere manier.", "Telefoon|Sms|Anders"},
		"de": {regexp.MustCompile(`^Gerade eben erstellt · aktiv · gültig bis \d\d\.\d\d\.\d{4} \d\d:\d\d$`),
			"vor 5 Minuten", "vor 1 Stunde", "vor 3 Stunden", "vor 2 Tagen",
			"Passwort kopiert. Grendel leert die Zwischenablage in 45 Sekunden, außer Sie kopieren vorher etwas anderes.",
			"Das Passwort ist gültig bis 08.12.2026.",
			"Für: Anna · per SMS", "Sie erhalten es getrennt, auf anderem Weg.", "Telefon|SMS|Anders"},
	}
	l := uitest.Languages(t, "TestLanguages", envLang)
	if l == "" {
		return
	}
	w := want[l]
	view, _, _ := newView(t, nil, now, now)
	view.cfg.After = (&timers{}).after
	view.cfg.ClipboardClear = 45 * time.Second
	view.Create(vault.Request{Label: "Offerte.pdf", Recipient: "Anna", Channel: vault.ChannelSMS, Settings: vault.Settings{Kind: vault.KindPassphrase, Words: 5, Language: "nl"}})
	forLine, made, _ := strings.Cut(view.details.Text, "\n")
	if forLine != w.forSMS {
		t.Errorf("details %q, want %q", forLine, w.forSMS)
	}
	if !w.made.MatchString(made) {
		t.Errorf("details %q, want %v", made, w.made)
	}
	if exp := i18n.DateTime(view.shares[0].Expires.Local()); !strings.HasSuffix(made, exp) {
		t.Errorf("details %q, want the expiry %q", made, exp)
	}
	for d, want := range map[time.Duration]string{5*time.Minute + 59*time.Second: w.ago5m, time.Hour: w.ago1h,
		3*time.Hour + 10*time.Minute: w.ago3h, 50 * time.Hour: w.ago2d} {
		if got := Ago(d); got != want {
			t.Errorf("Ago(%v) = %q, want %q", d, got, want)
		}
	}
	view.CopyPassword()
	if view.status.Text != w.copied {
		t.Errorf("status %q, want %q", view.status.Text, w.copied)
	}
	s := vault.Share{Label: "Offerte.pdf", Channel: vault.ChannelPhone, Expires: time.Date(2026, 12, 8, 9, 0, 0, 0, time.Local)}
	if e := EmailText(s); !strings.Contains(e, w.email) {
		t.Errorf("e-mail text lacks %q:\n%s", w.email, e)
	}
	s.Channel = vault.ChannelOther
	if e := EmailText(s); !strings.Contains(e, w.otherMeans) {
		t.Errorf("e-mail text lacks %q:\n%s", w.otherMeans, e)
	}
	if got := strings.Join(NewNewForm(view.cfg).Channel.Options, "|"); got != w.channels {
		t.Errorf("channel choices %q, want %q", got, w.channels)
	}
}
