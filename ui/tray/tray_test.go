package tray

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/lang"

	"grendel/assets"
)

// envLang names the language a test process runs in (a key of locales);
// English when unset. Child processes of the integration tests get it.
const envLang = "GRENDEL_TRAY_TEST_LANG"

// locale is one language the tray is translated to, with the texts a user
// must see in it.
type locale struct {
	lang, env                          string // language and the LANG value that picks it
	status, quit, tooltip, warningTool string
	quitAsk, noLock, locks             string // locks: with "i3lock" after 5 minutes
}

var locales = []locale{
	{"en", "en_US.UTF-8", "Status…", "Quit Grendel", "Grendel is active", "Grendel: there is a problem with the policy",
		"Quit Grendel…", "Grendel: no screen locker found — the screen will only be covered, not locked",
		"Grendel: locks with i3lock after 5 minutes without input"},
	{"nl", "nl_NL.UTF-8", "Status…", "Grendel afsluiten", "Grendel is actief", "Grendel: er is een probleem met het beleid",
		"Grendel afsluiten…", "Grendel: geen schermvergrendeling gevonden — het scherm wordt alleen afgeschermd, niet vergrendeld",
		"Grendel: vergrendelt met i3lock na 5 minuten zonder activiteit"},
	{"de", "de_DE.UTF-8", "Status…", "Grendel beenden", "Grendel ist aktiv", "Grendel: Es gibt ein Problem mit der Richtlinie",
		"Grendel beenden…", "Grendel: keine Bildschirmsperre gefunden — der Bildschirm wird nur verdeckt, nicht gesperrt",
		"Grendel: sperrt nach 5 Minuten ohne Eingabe mit i3lock"},
}

// currentLocale returns the locale this test process runs in.
func currentLocale() locale {
	want := os.Getenv(envLang)
	for _, l := range locales {
		if l.lang == want {
			return l
		}
	}
	return locales[0]
}

// TestMain sets the locale the way a user's session does and loads the
// translations as the program does, before any test runs.
func TestMain(m *testing.M) {
	l := currentLocale()
	// go-locale, which lang uses, reads LANGUAGE before LANG.
	os.Unsetenv("LANGUAGE")
	os.Unsetenv("LC_MESSAGES")
	os.Setenv("LC_ALL", l.env)
	os.Setenv("LANG", l.env)
	if err := lang.AddTranslationsFS(assets.Translations, assets.TranslationsDir); err != nil {
		fmt.Fprintln(os.Stderr, "load translations:", err)
		os.Exit(1)
	}
	os.Exit(m.Run())
}

func TestRender(t *testing.T) {
	l := currentLocale()
	f := func() {}
	tests := []struct {
		name           string
		menu           Menu
		icon, tooltip  string
		status, quit   bool // visible
		statusCallback bool
	}{
		{"empty", Menu{}, iconNormal, l.tooltip, false, false, false},
		{"status only", Menu{OnStatus: f}, iconNormal, l.tooltip, true, false, true},
		{"quit allowed", Menu{OnStatus: f, OnQuit: f, AllowQuit: true}, iconNormal, l.tooltip, true, true, true},
		{"quit forbidden", Menu{OnStatus: f, OnQuit: f, AllowQuit: false}, iconNormal, l.tooltip, true, false, true},
		{"quit allowed without callback", Menu{AllowQuit: true}, iconNormal, l.tooltip, false, true, false},
		{"warning", Menu{OnStatus: f, Warning: true}, iconWarning, l.warningTool, true, false, true},
		{"warning and quit", Menu{OnStatus: f, AllowQuit: true, Warning: true}, iconWarning, l.warningTool, true, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := render(tt.menu)
			if v.icon != tt.icon {
				t.Errorf("icon = %q, want %q", v.icon, tt.icon)
			}
			if v.tooltip != tt.tooltip {
				t.Errorf("tooltip = %q, want %q", v.tooltip, tt.tooltip)
			}
			if v.title != "Grendel" {
				t.Errorf("title = %q, want %q", v.title, "Grendel")
			}
			want := [itemCount]entry{
				itemLock:     {label: v.items[itemLock].label},
				itemPresent:  {label: v.items[itemPresent].label},
				itemCheck:    {label: v.items[itemCheck].label},
				itemGenerate: {label: v.items[itemGenerate].label},
				itemShares:   {label: v.items[itemShares].label},
				itemFile:     {label: v.items[itemFile].label},
				itemSend:     {label: v.items[itemSend].label},
				itemSettings: {label: v.items[itemSettings].label},
				itemStatus:   {label: l.status, visible: tt.status},
				itemQuit:     {label: l.quit, visible: tt.quit},
			}
			if v.items != want {
				t.Errorf("items = %+v, want %+v", v.items, want)
			}
		})
	}
}

// TestRenderOutlook: the tooltip says what the idle lock will do; when
// nothing can lock, the icon warns, before a problem with the policy;
// a quit that asks first is labelled as opening a window.
func TestRenderOutlook(t *testing.T) {
	l := currentLocale()
	f := func() {}
	tests := []struct {
		name          string
		menu          Menu
		icon, tooltip string
	}{
		{"locks", Menu{Lock: LockOutlook{Verdict: "locks", Locker: "i3lock", After: 5 * time.Minute}}, iconNormal, l.locks},
		{"locks, no idle time", Menu{Lock: LockOutlook{Verdict: "locks", Locker: "i3lock"}}, iconNormal, l.tooltip},
		{"nothing can lock", Menu{Lock: LockOutlook{Verdict: "none", After: 5 * time.Minute}}, iconWarning, l.noLock},
		{"nothing can lock, and a policy problem", Menu{Warning: true, Lock: LockOutlook{Verdict: "none"}}, iconWarning, l.noLock},
		{"a policy problem, and a locker", Menu{Warning: true, Lock: LockOutlook{Verdict: "locks", Locker: "i3lock", After: time.Minute}}, iconWarning, l.warningTool},
		{"the countdown first", Menu{Countdown: time.Second, Lock: LockOutlook{Verdict: "none"}}, iconWarning, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := render(tt.menu)
			if v.icon != tt.icon || (tt.tooltip != "" && v.tooltip != tt.tooltip) || (tt.tooltip == "" && v.tooltip == l.noLock) {
				t.Errorf("icon %q, tooltip %q; want %q, %q", v.icon, v.tooltip, tt.icon, tt.tooltip)
			}
		})
	}
	if v := render(Menu{AllowQuit: true, AskQuit: f}); v.items[itemQuit] != (entry{label: l.quitAsk, visible: true}) {
		t.Errorf("quit that asks = %+v, want %q", v.items[itemQuit], l.quitAsk)
	}
	if l.lang == "en" {
		v := render(Menu{Lock: LockOutlook{Verdict: "maybe", Locker: "the lock of macOS", After: 90 * time.Second}})
		if want := "Grendel: tries to lock with the lock of macOS after 1 minute 30 seconds without input; if that fails, the screen is only covered"; v.tooltip != want {
			t.Errorf("maybe: tooltip %q, want %q", v.tooltip, want)
		}
	}
}

// TestServeAskQuit: with AskQuit, Quit asks and serving goes on; nothing
// quits until the caller ends Run.
func TestServeAskQuit(t *testing.T) {
	asked := make(chan struct{}, 4)
	status := make(chan struct{}, 4)
	tr := newTray(Menu{AllowQuit: true, AskQuit: func() { asked <- struct{}{} }, OnStatus: func() { status <- struct{}{} },
		OnQuit: func() { t.Error("OnQuit ran although AskQuit is set") }})
	done := make(chan struct{})
	served := make(chan struct{})
	quitted := false
	go func() {
		tr.serve(done, func() { quitted = true })
		close(served)
	}()
	tr.request(itemQuit)
	waitFor(t, asked, 5*time.Second, "AskQuit")
	tr.request(itemStatus)
	waitFor(t, status, 5*time.Second, "OnStatus after AskQuit: serving goes on")
	close(done)
	waitFor(t, served, 5*time.Second, "serve to return")
	if quitted {
		t.Error("the tray quit by itself")
	}
}

// TestRenderLockAndPresentation covers the items and states of the idle
// lock: Lock now, presentation mode allowed or not, running, the countdown.
func TestRenderLockAndPresentation(t *testing.T) {
	f := func() {}
	tests := []struct {
		name          string
		menu          Menu
		icon          string
		lock, present bool
		presentLabel  string // substring, English
		tooltip       string // substring, English
	}{
		{"lock only", Menu{OnLock: f}, iconNormal, true, false, "", ""},
		{"presentation forbidden", Menu{OnLock: f, OnPresent: f}, iconNormal, true, false, "", ""},
		{"presentation allowed", Menu{OnLock: f, OnPresent: f, PresentMax: time.Hour}, iconNormal, true, true, "Presentation mode (1 hour)", ""},
		{"presenting", Menu{OnLock: f, OnPresent: f, PresentMax: time.Hour, PresentLeft: 22*time.Minute + 10*time.Second}, iconPaused, true, true, "End presentation mode (23 minutes left)", "auto-lock paused (23 minutes left)"},
		{"countdown", Menu{OnLock: f, Countdown: 26500 * time.Millisecond, Warning: true}, iconWarning, true, false, "", "locking in 27 seconds"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := render(tt.menu)
			if v.icon != tt.icon || v.items[itemLock].visible != tt.lock || v.items[itemPresent].visible != tt.present {
				t.Errorf("render = icon %s, lock %v, present %v; want %s, %v, %v", v.icon, v.items[itemLock].visible, v.items[itemPresent].visible, tt.icon, tt.lock, tt.present)
			}
			if currentLocale().lang != "en" {
				return
			}
			if !strings.Contains(v.items[itemPresent].label, tt.presentLabel) || !strings.Contains(v.tooltip, tt.tooltip) {
				t.Errorf("present label %q, tooltip %q; want %q and %q", v.items[itemPresent].label, v.tooltip, tt.presentLabel, tt.tooltip)
			}
		})
	}
}

// TestTranslationKeys checks that every key the package passes to lang.X is
// in every tray.*.json, with the code's fallback as the English text, and
// that no file has a key the code does not use.
func TestTranslationKeys(t *testing.T) {
	used := usedKeys(t)
	if len(used) == 0 {
		t.Fatal("found no lang.X calls in the package source")
	}
	for _, l := range locales {
		name := assets.TranslationsDir + "/tray." + l.lang + ".json"
		data, err := assets.Translations.ReadFile(name)
		if err != nil {
			t.Errorf("read %s: %v", name, err)
			continue
		}
		var got map[string]string
		if err := json.Unmarshal(data, &got); err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		for key, fallback := range used {
			text, ok := got[key]
			switch {
			case !ok:
				t.Errorf("%s lacks key %q", name, key)
			case strings.TrimSpace(text) == "":
				t.Errorf("%s: key %q is empty", name, key)
			case l.lang == "en" && text != fallback:
				t.Errorf("%s: %q = %q, but the code's fallback is %q", name, key, text, fallback)
			}
		}
		for key := range got {
			if _, ok := used[key]; !ok {
				t.Errorf("%s has key %q, which the code does not use", name, key)
			}
			if !strings.HasPrefix(key, "tray.") {
				t.Errorf("%s: key %q lacks the prefix tray.", name, key)
			}
		}
	}
}

// usedKeys returns the keys and fallbacks of the lang.X calls in the
// package's non-test source.
func usedKeys(t *testing.T) map[string]string {
	t.Helper()
	call := regexp.MustCompile(`lang\.X\(\s*"([^"]+)",\s*"([^"]*)"`)
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	used := make(map[string]string)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range call.FindAllStringSubmatch(string(src), -1) {
			if prev, ok := used[m[1]]; ok && prev != m[2] {
				t.Errorf("key %q has two fallbacks: %q and %q", m[1], prev, m[2])
			}
			used[m[1]] = m[2]
		}
	}
	return used
}

func TestIcons(t *testing.T) {
	tests := []struct {
		name string
		size int
	}{
		{"grendel.png", 256},
		{iconNormal, 64},
		{iconWarning, 64},
		{iconPaused, 64},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := assets.Icon(tt.name)
			if len(data) > 20<<10 {
				t.Errorf("size = %d bytes, want at most 20 KiB", len(data))
			}
			img, err := png.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("decode: %v", err)
			}
			if b := img.Bounds(); b.Dx() != tt.size || b.Dy() != tt.size {
				t.Fatalf("size = %v, want %d×%d", b.Size(), tt.size, tt.size)
			}
			b := img.Bounds()
			for _, p := range []image.Point{b.Min, {b.Max.X - 1, b.Min.Y}, {b.Min.X, b.Max.Y - 1}, b.Max.Sub(image.Pt(1, 1))} {
				if _, _, _, a := img.At(p.X, p.Y).RGBA(); a != 0 {
					t.Errorf("corner %v has alpha %d, want transparent", p, a)
				}
			}
			if _, _, _, a := img.At(tt.size/2, tt.size/2).RGBA(); a != 0xffff {
				t.Errorf("centre has alpha %d, want opaque", a)
			}
		})
	}
	if bytes.Equal(assets.Icon(iconNormal), assets.Icon(iconWarning)) {
		t.Error("the warning icon is the normal icon")
	}
}

func TestIconBytes(t *testing.T) {
	tests := []struct {
		goos    string
		wantICO bool
	}{
		{"linux", false},
		{"freebsd", false},
		{"darwin", false},
		{"windows", true},
	}
	for _, tt := range tests {
		for _, name := range []string{iconNormal, iconWarning} {
			got, err := iconBytes(name, tt.goos)
			if err != nil {
				t.Fatalf("iconBytes(%q, %q): %v", name, tt.goos, err)
			}
			isICO := bytes.HasPrefix(got, []byte{0, 0, 1, 0, 1, 0})
			if isICO != tt.wantICO {
				t.Errorf("iconBytes(%q, %q) is ICO = %v, want %v", name, tt.goos, isICO, tt.wantICO)
			}
		}
	}
}

// pngOf returns a w×h PNG.
func pngOf(t *testing.T, w, h int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewNRGBA(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestPngToICO(t *testing.T) {
	tests := []struct {
		name      string
		data      []byte
		wantDim   byte // width and height byte in the directory entry
		wantError string
	}{
		{"tray size", pngOf(t, 64, 64), 64, ""},
		{"one pixel", pngOf(t, 1, 1), 1, ""},
		{"largest", pngOf(t, 256, 256), 0, ""},
		{"too large", pngOf(t, 257, 257), 0, "at most 256×256"},
		{"not a png", []byte("GIF89a"), 0, "not a PNG"},
		{"empty", nil, 0, "not a PNG"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := pngToICO(tt.data)
			if tt.wantError != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantError) {
					t.Fatalf("pngToICO() error = %v, want one containing %q", err, tt.wantError)
				}
				return
			}
			if err != nil {
				t.Fatalf("pngToICO(): %v", err)
			}
			var hdr struct {
				Reserved, Type, Count uint16
				W, H, Colors, Res     uint8
				Planes, Bits          uint16
				Size, Offset          uint32
			}
			if err := binary.Read(bytes.NewReader(got), binary.LittleEndian, &hdr); err != nil {
				t.Fatal(err)
			}
			if hdr.Type != 1 || hdr.Count != 1 || hdr.W != tt.wantDim || hdr.H != tt.wantDim ||
				hdr.Planes != 1 || hdr.Bits != 32 || hdr.Size != uint32(len(tt.data)) || hdr.Offset != 22 {
				t.Errorf("header = %+v", hdr)
			}
			if !bytes.Equal(got[22:], tt.data) {
				t.Error("image data is not the PNG")
			}
		})
	}
}

// recorder counts calls of Menu callbacks.
type recorder struct {
	status, quit chan struct{}
}

func newRecorder() *recorder {
	// Room for every click a test may repeat, so that callbacks never block.
	return &recorder{status: make(chan struct{}, 64), quit: make(chan struct{}, 64)}
}

func (r *recorder) menu(allowQuit bool) Menu {
	return Menu{
		OnStatus:  func() { r.status <- struct{}{} },
		OnQuit:    func() { r.quit <- struct{}{} },
		AllowQuit: allowQuit,
	}
}

// waitFor fails t unless ch yields within d.
func waitFor[T any](t *testing.T, ch <-chan T, d time.Duration, what string) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(d):
		t.Fatalf("timed out after %v waiting for %s", d, what)
		panic("unreachable")
	}
}

// TestServe checks that clicks reach the callbacks, that Quit is ignored
// while it is not allowed, and that Quit stops serving.
func TestServe(t *testing.T) {
	r := newRecorder()
	tr := newTray(r.menu(false))
	done := make(chan struct{})
	defer close(done)
	quitted := make(chan struct{})
	served := make(chan struct{})
	start := make(chan struct{})
	go func() {
		<-start
		tr.serve(done, func() { close(quitted) })
		close(served)
	}()

	tr.request(itemQuit) // not allowed: dropped
	if n := len(tr.quitReq); n != 0 {
		t.Fatalf("a forbidden quit click is pending (%d)", n)
	}

	// A click taken while allowed, but served after the policy forbade
	// quitting, is ignored too.
	tr.Update(r.menu(true))
	tr.request(itemQuit)
	tr.Update(r.menu(false))
	close(start)
	// serve handles one click at a time: once it took the quit click, a
	// status call shows that the quit click was handled.
	deadline := time.Now().Add(5 * time.Second)
	for len(tr.quitReq) > 0 {
		if time.Now().After(deadline) {
			t.Fatal("serve did not take the quit click")
		}
		time.Sleep(time.Millisecond)
	}
	tr.request(itemStatus)
	waitFor(t, r.status, 5*time.Second, "OnStatus after a forbidden quit")
	select {
	case <-r.quit:
		t.Fatal("OnQuit ran while quitting was not allowed")
	default:
	}

	tr.Update(r.menu(true))
	tr.request(itemQuit)
	waitFor(t, r.quit, 5*time.Second, "OnQuit")
	waitFor(t, quitted, 5*time.Second, "the quit function")
	waitFor(t, served, 5*time.Second, "serve to return")
}

// TestServeMergesClicks checks that clicks during a running callback merge
// into one more call and never block the caller.
func TestServeMergesClicks(t *testing.T) {
	release := make(chan struct{})
	calls := make(chan struct{}, 10)
	tr := newTray(Menu{OnStatus: func() {
		calls <- struct{}{}
		<-release
	}})
	done := make(chan struct{})
	served := make(chan struct{})
	go func() {
		tr.serve(done, func() {})
		close(served)
	}()
	tr.request(itemStatus)
	waitFor(t, calls, 5*time.Second, "first OnStatus")
	for range 5 {
		tr.request(itemStatus) // must not block
	}
	release <- struct{}{}
	waitFor(t, calls, 5*time.Second, "merged OnStatus")
	close(release)
	select {
	case <-calls:
		t.Fatal("clicks during a callback gave more than one more call")
	case <-time.After(100 * time.Millisecond):
	}
	close(done)
	waitFor(t, served, 5*time.Second, "serve to return")
}

// TestUpdate checks that Update shows only changes, and nothing before
// start or after stop.
func TestUpdate(t *testing.T) {
	type call struct{ shown, next view }
	var (
		mu    sync.Mutex
		calls []call
	)
	apply := func(shown, next view) {
		mu.Lock()
		defer mu.Unlock()
		calls = append(calls, call{shown, next})
	}
	take := func() []call {
		mu.Lock()
		defer mu.Unlock()
		c := calls
		calls = nil
		return c
	}

	tr := newTray(Menu{})
	tr.Update(Menu{AllowQuit: true}) // before start: remembered only
	if c := take(); len(c) != 0 {
		t.Fatalf("Update before start applied %d times", len(c))
	}

	var initial view
	tr.start(initial, apply)
	c := take()
	if len(c) != 1 || c[0].shown != initial || c[0].next != render(Menu{AllowQuit: true}) {
		t.Fatalf("start applied %+v, want one change to the menu set before start", c)
	}

	tr.Update(Menu{AllowQuit: true})
	if c := take(); len(c) != 0 {
		t.Errorf("Update without a change applied %+v", c)
	}

	tr.Update(Menu{AllowQuit: true, Warning: true})
	c = take()
	if len(c) != 1 || c[0].shown != render(Menu{AllowQuit: true}) || c[0].next != render(Menu{AllowQuit: true, Warning: true}) {
		t.Errorf("Update to warning applied %+v", c)
	}

	tr.stop()
	tr.Update(Menu{})
	if c := take(); len(c) != 0 {
		t.Errorf("Update after stop applied %+v", c)
	}
}

func TestErrorsAreLowercase(t *testing.T) {
	for _, err := range []error{ErrNoSessionBus, ErrAlreadyRun} {
		msg := err.Error()
		if first := msg[:1]; first != strings.ToLower(first) {
			t.Errorf("error %q starts with a capital", msg)
		}
	}
}

// TestServeEachItem checks that a click on each item runs its own callback,
// and that an item whose callback is unset shows hidden and does nothing.
func TestServeEachItem(t *testing.T) {
	got := make(chan string, 10)
	called := func(name string) func() { return func() { got <- name } }
	m := Menu{
		OnLock: called("lock"), OnPresent: called("present"), PresentMax: time.Hour,
		OnSettings: called("settings"), OnStatus: called("status"),
		OnCheck: called("check"), OnGenerate: called("generate"), OnShares: called("shares"), OnFile: called("file"), OnSend: called("send"),
	}
	tr := newTray(m)
	done := make(chan struct{})
	defer close(done)
	go tr.serve(done, func() {})
	for _, tc := range []struct {
		item itemID
		want string
	}{{itemLock, "lock"}, {itemPresent, "present"}, {itemCheck, "check"}, {itemGenerate, "generate"}, {itemShares, "shares"}, {itemFile, "file"}, {itemSend, "send"}, {itemSettings, "settings"}, {itemStatus, "status"}} {
		tr.request(tc.item)
		select {
		case name := <-got:
			if name != tc.want {
				t.Errorf("click on item %d ran %s, want %s", tc.item, name, tc.want)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("click on item %d ran nothing, want %s", tc.item, tc.want)
		}
	}
	v := render(Menu{OnStatus: called("status")})
	if v.items[itemSettings].visible || v.items[itemSettings].label == "" {
		t.Errorf("settings item without OnSettings = %+v, want hidden with a label", v.items[itemSettings])
	}
	if v := render(m); !v.items[itemSettings].visible {
		t.Error("settings item with OnSettings is hidden")
	}
}
