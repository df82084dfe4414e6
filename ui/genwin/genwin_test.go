package genwin

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"grendel/app/clipguard"
	"grendel/app/strength"
	"grendel/ui/i18n"
	"grendel/ui/internal/uitest"
)

// newView builds the view over an in-memory clipboard: the test driver runs
// fyne.DoAndWait on the caller's goroutine, so Fyne's test clipboard would
// race with the guard's timer. The real adapter, ui/clipboard, is tested
// end to end with xclip (integration tests).
func newView(t *testing.T, kind string, clear time.Duration) (*View, *clipguard.Memory, chan bool) {
	t.Helper()
	test.NewTempApp(t)
	clip := &clipguard.Memory{}
	cleared := make(chan bool, 4)
	cfg := Config{Kind: kind, Words: 5, Lang: "nl", Policy: strength.Policy{MinScore: 3, MinLength: 12},
		ClipboardClear: clear, Guard: clipguard.New(clip, func(c bool) { cleared <- c })}
	v := New(cfg, func() {})
	w := test.NewWindow(v.Content())
	t.Cleanup(w.Close)
	return v, clip, cleared
}

func TestGeneratePassphrase(t *testing.T) {
	v, _, _ := newView(t, "passphrase", time.Minute)
	pw := v.Password().Reveal()
	if n := len(strings.Split(pw, "-")); n != 5 {
		t.Fatalf("a passphrase of %d words, want 5", n)
	}
	if v.Result.Text != pw || v.readout.Text == "" || !strings.Contains(v.info.Text, "bits of entropy") {
		t.Errorf("result %q, readout %q, info %q", v.Result.Text, v.readout.Text, v.info.Text)
	}
	if !v.length.Disabled() || v.words.Disabled() {
		t.Error("for a passphrase, words must be enabled and length disabled")
	}
	v.words.SetSelected("7")
	if n := len(strings.Split(v.Password().Reveal(), "-")); n != 7 {
		t.Errorf("after choosing 7 words: %d", n)
	}
	first := v.Password().Reveal()
	v.Generate()
	if v.Password().Reveal() == first {
		t.Error("New password gave the same one")
	}
}

func TestGenerateRandomAndSpellInGerman(t *testing.T) {
	v, _, _ := newView(t, "random", time.Minute)
	v.lang.SetSelectedIndex(1)
	v.length.SetSelected("32")
	pw := v.Password().Reveal()
	if len([]rune(pw)) != 32 {
		t.Errorf("length %d, want 32", len([]rune(pw)))
	}
	if strings.ContainsAny(pw, "0O1lI") {
		t.Error("look-alike characters although the option is on")
	}
	if r := strength.Default().Score(pw, strength.Context{}); r.Score < 3 {
		t.Errorf("a generated password scores %d", r.Score)
	}
	if v.readout.Text == "" || strings.Contains(v.readout.Text, "Alfa") {
		t.Errorf("German readout %q", v.readout.Text)
	}
}

func TestCopyClearsTheClipboard(t *testing.T) {
	v, a, cleared := newView(t, "passphrase", 100*time.Millisecond)
	v.Copy()
	pw := v.Password().Reveal()
	deadline := time.Now().Add(5 * time.Second)
	for a.Content() != pw && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if a.Content() != pw {
		t.Fatal("Copy did not put the password on the clipboard")
	}
	if !strings.Contains(v.status.Text, "clears the clipboard") {
		t.Errorf("status %q", v.status.Text)
	}
	select {
	case c := <-cleared:
		if !c || a.Content() != "" {
			t.Errorf("cleared %v, clipboard %q", c, a.Content())
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the clipboard was not cleared")
	}

	// Something else copied meanwhile stays.
	v.Copy()
	for a.Content() != pw && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	a.SetContent("the customer's address")
	if c := <-cleared; c || a.Content() != "the customer's address" {
		t.Errorf("cleared %v, clipboard %q; want left alone", c, a.Content())
	}
}

// formLabel returns the form's label that reads text.
func formLabel(t *testing.T, o fyne.CanvasObject, text string) *canvas.Text {
	t.Helper()
	l := uitest.Text(o, text)
	if l == nil {
		t.Fatalf("no label %q", text)
	}
	return l
}

// TestLabelsFollowFields: a disabled field's label looks disabled too,
// after each change of kind.
func TestLabelsFollowFields(t *testing.T) {
	v, _, _ := newView(t, "passphrase", time.Minute)
	disabled := theme.Color(theme.ColorNameDisabled)
	_, rnd := kindLabels()
	pp, _ := kindLabels()
	for _, tc := range []struct {
		kind           string
		greyed, normal string
	}{
		{pp, "Length", "Words"},
		{rnd, "Words", "Length"},
		{pp, "Length", "Words"},
	} {
		v.kind.SetSelected(tc.kind)
		if c := formLabel(t, v.form, tc.greyed).Color; c != disabled {
			t.Errorf("%s: label %q has colour %v, want the disabled %v", tc.kind, tc.greyed, c, disabled)
		}
		if c := formLabel(t, v.form, tc.normal).Color; c == disabled {
			t.Errorf("%s: label %q looks disabled", tc.kind, tc.normal)
		}
	}
}

// TestScreenshot draws the window into $GRENDEL_SHOTS/genwin-LANG.png, in
// the language of LANG, for random characters (Words greyed with its
// label), for a person to look at.
func TestScreenshot(t *testing.T) {
	if err := i18n.Load(); err != nil {
		t.Fatal(err)
	}
	test.NewTempApp(t)
	v := New(Config{Kind: "random", Words: 5, Lang: i18n.Language(), Policy: strength.Policy{MinScore: 3, MinLength: 12},
		ClipboardClear: time.Minute, Guard: clipguard.New(&clipguard.Memory{}, nil)}, func() {})
	w := test.NewWindow(v.Content())
	defer w.Close()
	w.Resize(fyne.NewSize(640, 600))
	uitest.Shot(t, w, "genwin", i18n.Language())
}
