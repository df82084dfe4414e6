package sendwin

import (
	"bufio"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"grendel/app/clipguard"
	"grendel/app/pii"
	"grendel/app/sendfile"
	"grendel/app/vault"
	"grendel/internal/testdir"
	"grendel/ui/i18n"
	"grendel/ui/internal/uitest"
)

// clip is a clipboard for the tests.
type clip struct {
	mu   sync.Mutex
	text string
}

func (c *clip) Content() string     { c.mu.Lock(); defer c.mu.Unlock(); return c.text }
func (c *clip) SetContent(s string) { c.mu.Lock(); c.text = s; c.mu.Unlock() }

// setup returns a config that runs background work at once on the test's
// goroutine, with the real sendfile and a vault on an in-memory keychain.
func setup(t *testing.T) (Config, *vault.Vault, *clip) {
	t.Helper()
	v, _, err := vault.Open(vault.Config{Dir: testdir.New(t), Keychain: &vault.MapKeychain{}, MaxAge: 7 * 24 * time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	c := &clip{}
	var shown []string
	cfg := Config{
		Shares:         func() (sendfile.Shares, error) { return v, nil },
		ClipboardClear: time.Minute,
		Guard:          clipguard.New(c, nil),
		Copy:           c.SetContent,
		ShowFolder:     func(p string) error { shown = append(shown, p); return nil },
		Async:          func(f func()) { f() },
		Do:             func(f func()) { f() },
	}
	return cfg, v, c
}

// smallCSV copies the first rows of app/pii's Dutch customer file into a
// fresh directory.
func smallCSV(t *testing.T, rows int) string {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "app", "pii", "testdata", "klanten_nl.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b strings.Builder
	sc := bufio.NewScanner(f)
	for i := 0; i <= rows && sc.Scan(); i++ {
		b.WriteString(sc.Text() + "\r\n")
	}
	p := filepath.Join(testdir.New(t), "klanten.csv")
	if err := os.WriteFile(p, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func newView(t *testing.T, cfg Config) (*View, fyne.Window) {
	t.Helper()
	w := test.NewWindow(nil)
	t.Cleanup(w.Close)
	v := New(cfg, w, func() {})
	w.SetContent(v.Content())
	w.Resize(fyne.NewSize(820, 760))
	return v, w
}

func ticked(v *View) []string {
	var out []string
	for _, l := range strings.Split(v.checks.Text, "\n") {
		if strings.HasPrefix(l, "✓ ") {
			out = append(out, l)
		}
	}
	return out
}

// TestSendCSV: a CSV file with personal data is scanned, the confirmation
// line names file, content, recipient and channel; Encrypt writes a
// verified workbook and shows every check ticked; the e-mail text holds no
// password, the SMS text does and goes through the guard.
func TestSendCSV(t *testing.T) {
	test.NewTempApp(t)
	cfg, vlt, c := setup(t)
	v, _ := newView(t, cfg)
	if !v.encrypt.Disabled() {
		t.Error("Encrypt is enabled before a file is chosen")
	}
	in := smallCSV(t, 20)
	v.Open(in)
	if !strings.Contains(v.verdict.Text, "This file holds personal data:") || !strings.Contains(v.verdict.Text, "IBAN") || !v.compact.Visible() {
		t.Errorf("verdict %q, compact offered %v", v.verdict.Text, v.compact.Visible())
	}
	v.recipient.SetText("Mailhuis")
	v.channel.SetSelected(channelLabel(vault.ChannelSMS))
	for _, want := range []string{"klanten.csv", "with personal data", "Mailhuis", "SMS"} {
		if !strings.Contains(v.confirm.Text, want) {
			t.Errorf("confirmation %q lacks %q", v.confirm.Text, want)
		}
	}
	if v.encrypt.Disabled() {
		t.Fatal("Encrypt is disabled")
	}
	test.Tap(v.encrypt)
	if v.res == nil {
		t.Fatalf("no result: %q", v.result.Text)
	}
	out := v.res.Output
	if fi, err := os.Stat(out); err != nil || fi.Size() == 0 || filepath.Ext(out) != ".xlsx" {
		t.Fatalf("output %s: %v", out, err)
	}
	if got := ticked(v); len(got) != len(sendfile.Checks) {
		t.Errorf("ticked checks %q, want %d", got, len(sendfile.Checks))
	}
	all := strings.Join(uitest.Texts(v.Content()), "\n")
	for _, want := range []string{"✓ the file is encrypted", "✓ a wrong password is refused", "Encrypted and checked", "Copy e-mail text", "Copy SMS text", "Show in folder"} {
		if !strings.Contains(all, want) {
			t.Errorf("the window lacks %q; it shows:\n%s", want, all)
		}
	}
	pw := v.res.Password.Reveal()
	if strings.Contains(all, pw) {
		t.Error("the window shows the password before it was asked for")
	}

	v.CopyEmail()
	email := c.Content()
	if !strings.Contains(email, "Hello Mailhuis") || !strings.Contains(email, "Excel") {
		t.Errorf("e-mail text %q", email)
	}
	if strings.Contains(email, pw) {
		t.Error("the e-mail text holds the password")
	}
	v.CopySMS()
	if sms := c.Content(); !strings.Contains(sms, pw) || sms == email {
		t.Errorf("SMS text %q lacks the password", sms)
	}
	if !cfg.Guard.Pending() {
		t.Error("the SMS text was copied without the guard's clear")
	}
	shares, _ := vlt.List()
	if len(shares) != 1 || shares[0].Recipient != "Mailhuis" || shares[0].Channel != vault.ChannelSMS || shares[0].LastCopied.IsZero() {
		t.Errorf("shares = %+v", shares)
	}
	got, err := vlt.Reveal(shares[0].ID)
	if err != nil || got.Reveal() != pw {
		t.Errorf("the share does not hold the password: %v", err)
	}

	v.ToggleReadout()
	if !v.readout.Visible() || !strings.Contains(v.readout.Text, pw) {
		t.Errorf("readout %q", v.readout.Text)
	}
	v.ToggleReadout()
	if v.readout.Visible() || v.readout.Text != "" {
		t.Error("Hide left the password on the window")
	}

	rep, err := sendfile.Inspect(out, v.res.Password)
	if err != nil || !rep.OK() {
		t.Errorf("Inspect = %+v, %v", rep, err)
	}
}

// TestSendCompact: with the compact box ticked, the workbook holds no
// personal column, and its name says it is the compact export.
func TestSendCompact(t *testing.T) {
	test.NewTempApp(t)
	cfg, _, _ := setup(t)
	var sent []string
	cfg.Encrypt = func(ctx context.Context, paths []string, opts sendfile.Options) (*sendfile.Result, error) {
		// The export must hold no personal data by the time it is
		// encrypted.
		rep, err := pii.Scan(ctx, paths[0], pii.Options{})
		if err != nil {
			return nil, err
		}
		if rep.Personal() {
			t.Errorf("the export sent still holds personal data")
		}
		sent = append(sent, opts.Output)
		return sendfile.Encrypt(ctx, paths, opts)
	}
	v, _ := newView(t, cfg)
	in := smallCSV(t, 10)
	v.Open(in)
	v.compact.SetChecked(true)
	if !strings.Contains(v.confirm.Text, "compact export") {
		t.Errorf("confirmation %q", v.confirm.Text)
	}
	v.Encrypt()
	if v.res == nil {
		t.Fatalf("no result: %q", v.result.Text)
	}
	if !strings.Contains(filepath.Base(v.res.Output), "compact") {
		t.Errorf("output %s does not say compact", v.res.Output)
	}
	entries, _ := os.ReadDir(filepath.Dir(in))
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".grendel-") {
			t.Errorf("the temporary export %s was left behind", e.Name())
		}
	}
	if len(sent) != 1 {
		t.Errorf("Encrypt ran %d times", len(sent))
	}
}

// TestSendFolder: a folder goes as an AES ZIP; no scan; Show in folder
// asks for the output.
func TestSendFolder(t *testing.T) {
	test.NewTempApp(t)
	cfg, _, _ := setup(t)
	var shown []string
	cfg.ShowFolder = func(p string) error { shown = append(shown, p); return nil }
	v, _ := newView(t, cfg)
	dir := filepath.Join(testdir.New(t), "stukken")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"a.txt", "b.txt"} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte(strings.Repeat("inhoud van "+n+"\n", 50)), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	v.Open(dir)
	if v.compact.Visible() || !strings.Contains(v.confirm.Text, "not checked for personal data") {
		t.Errorf("folder: compact %v, confirmation %q", v.compact.Visible(), v.confirm.Text)
	}
	v.Encrypt()
	if v.res == nil || v.res.Kind != sendfile.KindZip {
		t.Fatalf("result %+v: %q", v.res, v.result.Text)
	}
	if _, err := os.Stat(v.res.Output); err != nil {
		t.Fatal(err)
	}
	if got := ticked(v); len(got) != len(sendfile.Checks) {
		t.Errorf("ticked %q", got)
	}
	if e := v.EmailText(); !strings.Contains(e, "7-Zip") || strings.Contains(e, v.res.Password.Reveal()) {
		t.Errorf("e-mail text %q", e)
	}
	v.ShowFolder()
	if len(shown) != 1 || shown[0] != v.res.Output {
		t.Errorf("Show in folder showed %q", shown)
	}
}

// TestSendPDFFallback: a PDF that cannot be encrypted as a PDF goes as an
// AES ZIP, and the window says so and why; the window passes the words of
// the default name in the user's language.
func TestSendPDFFallback(t *testing.T) {
	test.NewTempApp(t)
	cfg, _, _ := setup(t)
	var naming sendfile.Naming
	cfg.Encrypt = func(ctx context.Context, paths []string, opts sendfile.Options) (*sendfile.Result, error) {
		naming = opts.Naming
		return sendfile.Encrypt(ctx, paths, opts)
	}
	v, _ := newView(t, cfg)
	in := filepath.Join(testdir.New(t), "offerte.pdf")
	if err := os.WriteFile(in, []byte("%PDF-1.7\n(Jan de Vries) broken\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	v.Open(in)
	v.Encrypt()
	if v.res == nil || v.res.Kind != sendfile.KindZip || filepath.Base(v.res.Output) != "offerte-protected.zip" {
		t.Fatalf("result %+v: %q", v.res, v.result.Text)
	}
	if naming != i18n.SendNaming() {
		t.Errorf("the window passed the words %+v, want %+v", naming, i18n.SendNaming())
	}
	want := "The file became an encrypted ZIP file instead of a protected PDF: the PDF could not be read: it is damaged"
	if !strings.Contains(v.checks.Text, want) || strings.Contains(v.checks.Text, "Vries") {
		t.Errorf("checks %q, want %q", v.checks.Text, want)
	}
	if got := ticked(v); len(got) != len(sendfile.Checks) {
		t.Errorf("ticked %q", got)
	}
	// The long line wraps: it does not widen the window beyond its size.
	if min := v.Content().MinSize().Width; min > 820 {
		t.Errorf("the window needs %.0f px, more than its 820", min)
	}
	if e := v.EmailText(); !strings.Contains(e, "7-Zip") {
		t.Errorf("e-mail text %q", e)
	}
}

// TestPartnersOnly: under share.partners_only a recipient outside the list
// is refused with the reason, and Encrypt stays disabled.
func TestPartnersOnly(t *testing.T) {
	test.NewTempApp(t)
	cfg, _, _ := setup(t)
	cfg.Send.Partners = []string{"mailhuis.nl", "Drukkerij Jansen"}
	cfg.Send.PartnersOnly = true
	v, _ := newView(t, cfg)
	v.Open(smallCSV(t, 5))
	v.recipient.SetText("jan@elders.example")
	if !v.encrypt.Disabled() || !v.partners.Visible() || !strings.Contains(v.partners.Text, "mailhuis.nl, Drukkerij Jansen") {
		t.Errorf("outsider: encrypt disabled %v, reason %q", v.encrypt.Disabled(), v.partners.Text)
	}
	v.Encrypt() // refused without a click too
	if v.res != nil {
		t.Fatal("encrypted for an outsider")
	}
	v.recipient.SetText("piet@mailhuis.nl")
	if v.encrypt.Disabled() || v.partners.Visible() {
		t.Errorf("partner: encrypt disabled %v, reason shown %v", v.encrypt.Disabled(), v.partners.Visible())
	}
}

// TestErrors: errors are shown in words, and leave the window usable.
func TestErrors(t *testing.T) {
	test.NewTempApp(t)
	cfg, _, _ := setup(t)
	cfg.Shares = func() (sendfile.Shares, error) { return nil, vault.ErrKeychainLocked }
	v, _ := newView(t, cfg)
	v.Open(smallCSV(t, 5))
	v.Encrypt()
	if v.res != nil || !strings.HasPrefix(v.result.Text, "Nothing was sent or kept: ") || v.choose.Disabled() {
		t.Errorf("locked keychain: result %q", v.result.Text)
	}
	cfg, _, _ = setup(t)
	cfg.Encrypt = func(context.Context, []string, sendfile.Options) (*sendfile.Result, error) {
		return nil, &sendfile.VerifyError{Check: sendfile.CheckContent, Err: errors.New("differs")}
	}
	v, _ = newView(t, cfg)
	v.Open(smallCSV(t, 5))
	v.Encrypt()
	if !strings.Contains(v.result.Text, "its content equals the original") {
		t.Errorf("failed check: result %q", v.result.Text)
	}
}

// TestWorksOffTheUIGoroutine: while Encrypt runs, the window shows
// progress and lets nobody start more.
func TestWorksOffTheUIGoroutine(t *testing.T) {
	test.NewTempApp(t)
	cfg, _, _ := setup(t)
	release := make(chan struct{})
	var mu sync.Mutex
	var pending []func()
	cfg.Async = func(f func()) { go f() }
	cfg.Do = func(f func()) { mu.Lock(); pending = append(pending, f); mu.Unlock() }
	cfg.Encrypt = func(ctx context.Context, paths []string, opts sendfile.Options) (*sendfile.Result, error) {
		<-release
		return sendfile.Encrypt(ctx, paths, opts)
	}
	v, _ := newView(t, cfg)
	dir := testdir.New(t)
	p := filepath.Join(dir, "notes.md")
	if err := os.WriteFile(p, []byte(strings.Repeat("some notes\n", 100)), 0o600); err != nil {
		t.Fatal(err)
	}
	v.Open(p)
	v.Encrypt()
	if !v.encrypt.Disabled() || !v.choose.Disabled() || v.working.Hidden {
		t.Error("while encrypting, buttons are enabled or no progress shows")
	}
	close(release)
	deadline := time.Now().Add(30 * time.Second)
	for v.res == nil && time.Now().Before(deadline) {
		mu.Lock()
		fs := pending
		pending = nil
		mu.Unlock()
		for _, f := range fs {
			f()
		}
		time.Sleep(time.Millisecond)
	}
	if v.res == nil || v.choose.Disabled() {
		t.Errorf("after Encrypt: result %v, choose disabled %v", v.res, v.choose.Disabled())
	}
}

// TestScreenshot draws the window after a CSV file was encrypted into
// $GRENDEL_SHOTS/sendwin-LANG.png, in the language of LANG, for a person
// to look at; without GRENDEL_SHOTS it checks only that it draws.
func TestScreenshot(t *testing.T) {
	if err := i18n.Load(); err != nil {
		t.Fatal(err)
	}
	test.NewTempApp(t)
	cfg, _, _ := setup(t)
	cfg.Send.Partners = []string{"mailhuis.nl"}
	v, w := newView(t, cfg)
	v.Open(smallCSV(t, 20))
	v.compact.SetChecked(true)
	v.recipient.SetText("Anna de Vries <anna@mailhuis.nl>")
	v.channel.SetSelected(channelLabel(vault.ChannelPhone))
	test.Tap(v.encrypt)
	v.CopyEmail()
	uitest.Shot(t, w, "sendwin", i18n.Language())
}
