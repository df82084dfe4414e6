package sharewin

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"grendel/app/clipguard"
	"grendel/app/strength"
	"grendel/app/vault"
)

func newView(t *testing.T) (*View, *vault.Vault, *clipguard.Memory) {
	t.Helper()
	test.NewTempApp(t)
	v, _, err := vault.Open(vault.Config{Dir: t.TempDir(), Keychain: &vault.MapKeychain{}, MaxAge: 7 * 24 * time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	clip := &clipguard.Memory{}
	w := test.NewWindow(nil)
	t.Cleanup(w.Close)
	view := New(Config{Store: v, Defaults: vault.Settings{Kind: vault.KindPassphrase, Words: 5, Language: "nl"},
		Policy: strength.Policy{MinScore: 3, MinLength: 12}, ClipboardClear: time.Hour,
		Guard: clipguard.New(clip, nil), Copy: clip.SetContent}, w, func() {})
	w.SetContent(view.Content())
	return view, v, clip
}

func TestSharesWindow(t *testing.T) {
	view, v, clip := newView(t)
	if !strings.Contains(view.title.Text, "No shares yet") {
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
	for _, want := range []string{"Hello Anna,", "Offerte.pdf", "phone", "2026-12-08"} {
		if !strings.Contains(e, want) {
			t.Errorf("e-mail text lacks %q:\n%s", want, e)
		}
	}
	s.Settings = vault.Settings{Kind: vault.KindPassphrase, Language: "nl"}
	if sms := SMSText(s, "tafel-regen-fiets"); !strings.HasPrefix(sms, "Password for Offerte.pdf: tafel-regen-fiets\nSpelled: ") || !strings.Contains(sms, "tafel") {
		t.Errorf("SMS text %q", sms)
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
