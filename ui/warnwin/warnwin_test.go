package warnwin

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"grendel/ui/i18n"
	"grendel/ui/internal/uitest"
)

func TestCountdown(t *testing.T) {
	now := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		left time.Duration
		want string
	}{
		{30 * time.Second, "Locking in 30 seconds"},
		{29*time.Second + 100*time.Millisecond, "Locking in 30 seconds"},
		{90 * time.Second, "Locking in 1 minute 30 seconds"},
		{1500 * time.Millisecond, "Locking in 2 seconds"},
		{200 * time.Millisecond, "Locking in 1 second"},
		{0, "Locking…"},
		{-time.Second, "Locking…"},
	} {
		if got := Countdown(now.Add(tc.left), now); got != tc.want {
			t.Errorf("Countdown(%v left) = %q, want %q", tc.left, got, tc.want)
		}
	}
}

func TestViewLockNow(t *testing.T) {
	test.NewTempApp(t)
	locked := 0
	v := New(func() { locked++ })
	now := time.Now()
	v.Update(now.Add(12*time.Second), now)
	w := test.NewWindow(v.Content())
	defer w.Close()
	if v.count.Text != "Locking in 12 seconds" {
		t.Errorf("headline %q", v.count.Text)
	}
	var button *widget.Button
	test.WidgetRenderer(v.count) // the view renders
	for _, o := range test.LaidOutObjects(v.Content()) {
		if b, ok := o.(*widget.Button); ok {
			button = b
		}
	}
	if button == nil {
		t.Fatal("no Lock now button")
	}
	test.Tap(button)
	if locked != 1 {
		t.Errorf("Lock now ran %d times, want 1", locked)
	}
}

// TestScreenshot draws the window at the size the UI process gives it
// into $GRENDEL_SHOTS/warnwin-LANG.png, and in both theme variants into
// warnwin-light-LANG.png and warnwin-dark-LANG.png, in the language of
// LANG, for a person to look at.
func TestScreenshot(t *testing.T) {
	if err := i18n.Load(); err != nil {
		t.Fatal(err)
	}
	test.NewTempApp(t)
	v := New(func() {})
	now := time.Now()
	v.Update(now.Add(27*time.Second), now)
	w := test.NewWindow(v.Content())
	defer w.Close()
	w.Resize(fyne.NewSize(480, 300))
	uitest.ShotThemes(t, w, "warnwin", i18n.Language())
}

// TestSecondLineLegible: the lines under the countdown are drawn at text
// size in a colour with a contrast of at least 4.5 on the window, in the
// light and the dark theme.
func TestSecondLineLegible(t *testing.T) {
	test.NewTempApp(t)
	v := New(func() {})
	w := test.NewWindow(v.Content())
	defer w.Close()
	w.Resize(fyne.NewSize(480, 300))
	for _, th := range uitest.Themes() {
		fyne.CurrentApp().Settings().SetTheme(th.Theme)
		v.Content().Refresh()
		// In the language loaded (TestScreenshot loads $LANG's).
		for _, line := range []string{lang.X("warning.hint", "Move the mouse or press a key to keep working."),
			lang.X("warning.why", "Grendel locks this workstation when it is left unattended, as your organisation's policy asks.")} {
			var text *canvas.Text
			uitest.Walk(v.Content(), func(o fyne.CanvasObject) bool {
				if x, ok := o.(*canvas.Text); ok && text == nil && x.Text != "" && strings.HasPrefix(line, x.Text) {
					text = x
				}
				return text == nil
			})
			if text == nil {
				t.Fatalf("%s: no line %q", th.Name, line)
			}
			if c := uitest.Contrast(text.Color, theme.Color(theme.ColorNameBackground)); c < 4.5 {
				t.Errorf("%s theme: %q has contrast %.1f, want at least 4.5", th.Name, line, c)
			}
			if text.TextSize < theme.TextSize() {
				t.Errorf("%s theme: %q is %.0f points, want at least the text size %.0f", th.Name, line, text.TextSize, theme.TextSize())
			}
		}
	}
}

// envLang makes TestLanguages the child that checks one language.
const envLang = "GRENDEL_WARNWIN_TEST_LANG"

// TestLanguages: the countdown counts in words in English, Dutch and
// German, each checked in a child process.
func TestLanguages(t *testing.T) {
	want := map[string][2]string{
		"en": {"Locking in 27 seconds", "Locking in 1 minute 5 seconds"},
		"nl": {"Vergrendelen over 27 seconden", "Vergrendelen over 1 minuut 5 seconden"},
		"de": {"Sperre in 27 Sekunden", "Sperre in 1 Minute 5 Sekunden"},
	}
	l := uitest.Languages(t, "TestLanguages", envLang)
	if l == "" {
		return
	}
	now := time.Now()
	for i, left := range []time.Duration{26500 * time.Millisecond, 65 * time.Second} {
		if got := Countdown(now.Add(left), now); got != want[l][i] {
			t.Errorf("Countdown(%v left) = %q, want %q", left, got, want[l][i])
		}
	}
}
