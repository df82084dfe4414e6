package settingswin

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"grendel/internal/testdir"
	"grendel/policy"
	"grendel/ui/i18n"
	"grendel/ui/internal/escape"
	"grendel/ui/internal/uitest"
)

// walk calls f for o and everything under it, widgets' parts included.
func walk(o fyne.CanvasObject, f func(fyne.CanvasObject)) {
	f(o)
	switch x := o.(type) {
	case *widget.Label, *widget.Button, *widget.RichText:
		// leaves: their parts repeat their text
	case *fyne.Container:
		for _, c := range x.Objects {
			walk(c, f)
		}
	case *container.Scroll:
		walk(x.Content, f)
	case *widget.Form:
		for _, it := range x.Items {
			walk(widget.NewLabel(it.Text), f)
			walk(it.Widget, f)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			walk(c, f)
		}
	}
}

// texts returns every text shown under o.
func texts(o fyne.CanvasObject) string {
	var out []string
	walk(o, func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *widget.Label:
			out = append(out, x.Text)
		case *canvas.Text:
			out = append(out, x.Text)
		case *widget.RichText:
			for _, seg := range x.Segments {
				out = append(out, seg.Textual())
			}
		}
	})
	return strings.Join(out, "\n")
}

func selects(o fyne.CanvasObject) []*widget.Select {
	var out []*widget.Select
	walk(o, func(o fyne.CanvasObject) {
		if s, ok := o.(*escape.Select); ok {
			out = append(out, &s.Select)
		}
	})
	return out
}

func button(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	walk(o, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("no button %q", text)
	}
	return found
}

// window is an open settings window over the policy in fs, with the
// user's settings.json under a temporary XDG_CONFIG_HOME (%AppData% on
// Windows).
type window struct {
	w              fyne.Window
	v              *View
	path           string
	paths          policy.Paths
	saved, closed  int
	idle, language *widget.Select
	warning        *widget.Select
}

func open(t *testing.T, fs map[string]string) *window {
	t.Helper()
	test.NewTempApp(t)
	root := testdir.New(t)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(root, "config"))
	t.Setenv("AppData", filepath.Join(root, "config")) // os.UserConfigDir on Windows
	paths := policy.Paths{Managed: filepath.Join(root, "managed"), Recommended: filepath.Join(root, "recommended"), User: policy.DefaultPaths().User}
	if !strings.HasPrefix(paths.User, root) {
		t.Skipf("the settings file %s is not under XDG_CONFIG_HOME on this system", paths.User)
	}
	for name, content := range fs {
		p := filepath.Join(root, name)
		switch {
		case name == "user":
			p = paths.User
		case strings.HasPrefix(name, "flag/"):
			paths.Extra = append(paths.Extra, p) // given with --policy
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	win := &window{path: paths.User, paths: paths, w: test.NewWindow(nil)}
	t.Cleanup(win.w.Close)
	win.v = New(Load(paths), win.w, func() { win.saved++ }, func() { win.closed++ })
	win.w.SetContent(win.v.Content())
	win.w.Resize(fyne.NewSize(640, 900))
	win.idle, win.warning, win.language = win.sel(policy.LockIdleTimeout), win.sel(policy.LockWarning), win.sel(policy.ShareLanguage)
	return win
}

// sel returns the select of the row for key, nil if there is none.
func (w *window) sel(key policy.Key) *widget.Select {
	for i, r := range w.v.rows {
		if r.Key == key {
			return w.v.selects[i]
		}
	}
	return nil
}

// choose picks option text from sel the way a user does: tap the select,
// then the item in the menu that pops up.
func (w *window) choose(t *testing.T, sel *widget.Select, text string) {
	t.Helper()
	test.Tap(sel)
	top := w.w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatalf("tapping the select %q showed no menu", sel.Selected)
	}
	var item fyne.Tappable
	walk(top, func(o fyne.CanvasObject) {
		if tp, ok := o.(fyne.Tappable); ok && item == nil && o != top && texts(o) == text {
			item = tp
		}
	})
	if item == nil {
		t.Fatalf("the menu of select %q has no item %q:\n%s", sel.Selected, text, texts(top))
	}
	test.Tap(item)
	if sel.Selected != text {
		t.Fatalf("after choosing %q the select shows %q", text, sel.Selected)
	}
}

// dialogText returns the text of the dialog over the window, "" if none.
func (w *window) dialogText() string {
	top := w.w.Canvas().Overlays().Top()
	if top == nil {
		return ""
	}
	return texts(top)
}

func TestManagedFixedIsDisabled(t *testing.T) {
	w := open(t, map[string]string{"managed/10.json": `{"lock": {"warning": "20s"}, "share": {"language": "nl"}}`})
	all := selects(w.v.Content())
	var disabled []string
	for _, s := range all {
		if s.Disabled() {
			disabled = append(disabled, s.Selected)
		}
	}
	if want := []string{"20 seconds", "Dutch"}; !reflect.DeepEqual(disabled, want) {
		t.Errorf("disabled selects show %q, want %q", disabled, want)
	}
	text := texts(w.v.Content())
	if n := strings.Count(text, "Set by your organisation; it cannot be changed here."); n != 2 {
		t.Errorf("%d settings say they are set by the organisation, want 2:\n%s", n, text)
	}
	for _, want := range []string{"Now: 20 seconds (set by your organisation)", "Now: Dutch (set by your organisation)", "Now: 5 minutes (Grendel's default)"} {
		if !strings.Contains(text, want) {
			t.Errorf("the window does not say %q:\n%s", want, text)
		}
	}
}

func TestLimitedOffersOnlyStricter(t *testing.T) {
	w := open(t, map[string]string{"managed/10.json": `{"lock": {"idle_timeout": "3m", "snooze_max": "30m"}}`})
	if w.idle == nil || w.idle.Disabled() {
		t.Fatalf("no enabled select for the idle timeout")
	}
	want := []string{"1 minute", "2 minutes", "3 minutes (default)"}
	if !reflect.DeepEqual(w.idle.Options, want) {
		t.Errorf("idle timeout options = %q, want %q", w.idle.Options, want)
	}
	text := texts(w.v.Content())
	for _, want := range []string{
		"Your organisation allows at most 3 minutes; you may choose a shorter time.",
		"Your organisation lets you choose at most 30 minutes.",
		"Now: 3 minutes (set by your organisation)",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the window does not say %q:\n%s", want, text)
		}
	}
}

func TestNoPresentationModeWhenForbidden(t *testing.T) {
	w := open(t, map[string]string{"managed/10.json": `{"lock": {"snooze_max": "0"}}`})
	if text := texts(w.v.Content()); strings.Contains(text, "Presentation mode") {
		t.Errorf("the window offers presentation mode, which the policy forbids:\n%s", text)
	}
}

func TestSaveWritesTheChosenValues(t *testing.T) {
	w := open(t, map[string]string{
		"managed/10.json": `{"lock": {"idle_timeout": "10m"}}`,
		"user":            `{"password": {"min_length": 16}}`,
	})
	w.choose(t, w.idle, "2 minutes")
	w.choose(t, w.warning, "15 seconds")
	w.choose(t, w.language, "German")
	test.Tap(button(t, w.v.Content(), "Save"))
	if d := w.dialogText(); d != "" {
		t.Fatalf("Save showed a dialog:\n%s", d)
	}
	if w.saved != 1 {
		t.Errorf("onSaved was called %d times, want once", w.saved)
	}
	got, err := policy.ReadUser(w.path)
	want := map[policy.Key]any{policy.LockIdleTimeout: 2 * m, policy.LockWarning: 15 * s, policy.ShareLanguage: "de", policy.PasswordMinLength: 16}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("settings.json holds %v, %v; want %v", got, err, want)
	}

	// Back to standard removes the key; what is untouched stays.
	w.idle.SetSelected("10 minutes (default)")
	test.Tap(button(t, w.v.Content(), "Save"))
	got, err = policy.ReadUser(w.path)
	delete(want, policy.LockIdleTimeout)
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("after choosing the standard, settings.json holds %v, %v; want %v", got, err, want)
	}
}

func TestSaveWithoutChangesWritesNothing(t *testing.T) {
	w := open(t, nil)
	test.Tap(button(t, w.v.Content(), "Save"))
	if _, err := os.Stat(w.path); !os.IsNotExist(err) {
		t.Errorf("Save without changes wrote %s (%v)", w.path, err)
	}
	if w.saved != 1 {
		t.Errorf("onSaved was called %d times, want once", w.saved)
	}
}

func TestSaveRefusesWarningNotShorter(t *testing.T) {
	w := open(t, nil)
	w.choose(t, w.idle, "1 minute")
	w.choose(t, w.warning, "1 minute")
	test.Tap(button(t, w.v.Content(), "Save"))
	if w.saved != 0 {
		t.Errorf("onSaved was called after a refused save")
	}
	if _, err := os.Stat(w.path); !os.IsNotExist(err) {
		t.Errorf("a refused save wrote %s (%v)", w.path, err)
	}
	d := w.dialogText()
	for _, want := range []string{"Settings not saved",
		"Warning before locking (lock.warning): the warning (1 minute) must be shorter than the time before locking (1 minute)"} {
		if !strings.Contains(d, want) {
			t.Errorf("the dialog does not say %q:\n%s", want, d)
		}
	}
}

func TestInvalidSettingsFileIsLeftAlone(t *testing.T) {
	const broken = `{"lock": {"idle_timeout": "2 minutes"}}`
	w := open(t, map[string]string{"user": broken})
	text := texts(w.v.Content())
	for _, want := range []string{"Your settings file has a problem.", w.path + ":1:27: lock.idle_timeout: "} {
		if !strings.Contains(text, want) {
			t.Errorf("the window does not say %q:\n%s", want, text)
		}
	}
	save := button(t, w.v.Content(), "Save")
	if !save.Disabled() {
		t.Errorf("Save is enabled over an invalid settings file")
	}
	for _, s := range selects(w.v.Content()) {
		if !s.Disabled() {
			t.Errorf("the select showing %q is enabled over an invalid settings file", s.Selected)
		}
	}
	test.Tap(save)
	if data, _ := os.ReadFile(w.path); string(data) != broken {
		t.Errorf("the invalid settings file was changed:\n%s", data)
	}
}

func TestCancelCloses(t *testing.T) {
	w := open(t, nil)
	w.idle.SetSelected("1 minute")
	test.Tap(button(t, w.v.Content(), "Cancel"))
	if w.closed != 1 || w.saved != 0 {
		t.Errorf("Cancel: closed %d, saved %d; want closed once, saved never", w.closed, w.saved)
	}
	if _, err := os.Stat(w.path); !os.IsNotExist(err) {
		t.Errorf("Cancel wrote %s (%v)", w.path, err)
	}
}

func TestSaveLeavesAFileBrokenSinceOpening(t *testing.T) {
	w := open(t, map[string]string{"user": `{"share": {"language": "de"}}`})
	const broken = "{\"share\": {\"language\": \"de\"},\n \"lock\": {\"idle_timeout\": 5}}"
	if err := os.WriteFile(w.path, []byte(broken), 0o600); err != nil {
		t.Fatal(err)
	}
	w.choose(t, w.idle, "1 minute")
	test.Tap(button(t, w.v.Content(), "Save"))
	if w.saved != 0 {
		t.Errorf("onSaved was called after a refused save")
	}
	if data, _ := os.ReadFile(w.path); string(data) != broken {
		t.Errorf("the invalid settings file was changed:\n%s", data)
	}
	d := w.dialogText()
	for _, want := range []string{"Settings not saved", "Your settings file has a problem.", w.path + ":2:27: lock.idle_timeout: is a number, want a duration string"} {
		if !strings.Contains(d, want) {
			t.Errorf("the dialog does not say %q:\n%s", want, d)
		}
	}
}

// TestPolicyFlagLimit: a --policy file that limits presentation mode to 30
// minutes cannot turn it on (a --policy file only tightens, and the
// default is off). The window says that it is off now, that the limit is
// the --policy file's (not the organisation's), and only what the user
// may choose; once the user chooses 30 minutes, that is what applies, and
// the window opened again says so.
func TestPolicyFlagLimit(t *testing.T) {
	w := open(t, map[string]string{"flag/p.json": `{"lock": {"snooze_max": "30m", "idle_timeout": "30m"}}`})
	text := texts(w.v.Content())
	for _, want := range []string{
		"Now: Off (Grendel's default)",
		"A --policy file lets you choose at most 30 minutes.",
		"Now: 5 minutes (Grendel's default)",
		"A --policy file allows at most 30 minutes; you may choose a shorter time.",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the window does not say %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "organisation allows") || strings.Contains(text, "organisation lets") {
		t.Errorf("the window says the organisation set a limit that a --policy file set:\n%s", text)
	}
	// What each row says applies now is what the policy gives.
	d := Load(w.paths)
	for _, r := range w.v.rows {
		v, _ := d.Effective.Settings.Get(r.Key)
		if now := nowText(r.Key, v, d.Effective.Sources[r.Key]); !strings.Contains(text, now) {
			t.Errorf("%s: the window does not say %q:\n%s", r.Key, now, text)
		}
	}
	snooze := w.sel(policy.LockSnoozeMax)
	if want := []string{"Off (default)", "15 minutes", "30 minutes"}; snooze == nil || !reflect.DeepEqual(snooze.Options, want) {
		t.Fatalf("presentation mode offers %v, want %q", snooze, want)
	}
	w.choose(t, snooze, "30 minutes")
	test.Tap(button(t, w.v.Content(), "Save"))
	if got := policy.Load(w.paths).Settings.Lock.SnoozeMax; got != 30*m {
		t.Errorf("after saving 30 minutes, presentation mode allows %v", got)
	}
	again := New(Load(w.paths), w.w, nil, nil)
	if text := texts(again.Content()); !strings.Contains(text, "Now: 30 minutes (your choice)") {
		t.Errorf("after saving, the window does not say what applies:\n%s", text)
	}
}

// TestOneDefaultEntry: each setting has one entry for its default, which
// names its value; the value is not offered a second time.
func TestOneDefaultEntry(t *testing.T) {
	w := open(t, map[string]string{"user": `{"lock": {"idle_timeout": "5m"}}`})
	for _, tc := range []struct {
		sel  *widget.Select
		want []string
	}{
		{w.idle, []string{"1 minute", "2 minutes", "3 minutes", "5 minutes (default)", "10 minutes", "15 minutes", "30 minutes", "1 hour"}},
		{w.warning, []string{"No warning", "10 seconds", "15 seconds", "20 seconds", "30 seconds (default)", "45 seconds", "1 minute", "2 minutes"}},
		{w.language, []string{"Your language (default)", "Dutch", "German", "English"}},
	} {
		if !reflect.DeepEqual(tc.sel.Options, tc.want) {
			t.Errorf("options = %q, want %q", tc.sel.Options, tc.want)
		}
	}
	// The user's own 5 minutes is the default: that entry is selected, and
	// saving without a change leaves the file as it is.
	if w.idle.Selected != "5 minutes (default)" {
		t.Errorf("selected %q, want the default", w.idle.Selected)
	}
	test.Tap(button(t, w.v.Content(), "Save"))
	if got, err := policy.ReadUser(w.path); err != nil || got[policy.LockIdleTimeout] != 5*m {
		t.Errorf("settings.json holds %v, %v; want the user's 5 minutes kept", got, err)
	}
}

// envLang makes TestLanguages the child that renders one language.
const envLang = "GRENDEL_SETTINGSWIN_TEST_LANG"

// TestLanguages renders the window in English, Dutch and German, each in a
// child process whose LANG picks the language, over a managed limit and a
// --policy limit, and checks what it says.
func TestLanguages(t *testing.T) {
	want := map[string][]string{
		"en": {"Your settings", "Lock after", "3 minutes (default)", "Now: 3 minutes (set by your organisation)",
			"Your organisation allows at most 3 minutes; you may choose a shorter time.",
			"Off (default)", "Now: Off (Grendel's default)", "A --policy file lets you choose at most 30 minutes."},
		"nl": {"Jouw instellingen", "Vergrendelen na", "3 minuten (standaard)", "Nu: 3 minuten (ingesteld door je organisatie)",
			"Je organisatie staat hoogstens 3 minuten toe; je mag een kortere tijd kiezen.",
			"Uit (standaard)", "Nu: Uit (standaard van Grendel)", "Een --policy-bestand laat je hoogstens 30 minuten kiezen."},
		"de": {"Ihre Einstellungen", "Sperren nach", "3 Minuten (Standard)", "Aktuell: 3 Minuten (von Ihrer Organisation festgelegt)",
			"Ihre Organisation erlaubt höchstens 3 Minuten; Sie können eine kürzere Zeit wählen.",
			"Aus (Standard)", "Aktuell: Aus (Standard von Grendel)", "Eine --policy-Datei lässt Sie höchstens 30 Minuten wählen."},
	}
	l := uitest.Languages(t, "TestLanguages", envLang)
	if l == "" {
		return
	}
	w := open(t, map[string]string{"managed/10.json": `{"lock": {"idle_timeout": "3m"}}`, "flag/p.json": `{"lock": {"snooze_max": "30m"}}`})
	text := texts(w.v.Content())
	for _, s := range want[l] {
		if !strings.Contains(text, s) {
			t.Errorf("%s: the window does not say %q:\n%s", l, s, text)
		}
	}
}

// TestScreenshot draws the window, over a managed limit and a --policy
// limit, into $GRENDEL_SHOTS/settingswin-LANG.png, in the language of
// LANG, for a person to look at.
func TestScreenshot(t *testing.T) {
	if err := i18n.Load(); err != nil {
		t.Fatal(err)
	}
	w := open(t, map[string]string{"managed/10.json": `{"lock": {"idle_timeout": "10m"}}`, "flag/p.json": `{"lock": {"snooze_max": "30m"}}`})
	w.w.Resize(fyne.NewSize(640, 700))
	uitest.Shot(t, w.w, "settingswin", i18n.Language())
}
