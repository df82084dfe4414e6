//go:build (linux || freebsd || openbsd || netbsd) && !android

package tray

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
)

// The integration tests run the real tray in child processes, because
// systray runs once per process: the parent test starts this test binary
// again, inside dbus-run-session for a private session bus, with envChild
// naming the scenario.
const (
	envChild = "GRENDEL_TRAY_TEST_CHILD" // "tray" or "panic"
	envEnd   = "GRENDEL_TRAY_TEST_END"   // how the tray child ends: "quit" or "cancel"
)

const busRunner = "dbus-run-session"

// raceSuppressions hides one known data race inside fyne.io/systray
// v1.12.2 from the race detector in the children: GetLayout returns the
// menu revision after it started a goroutine that bumps the revision 150 ms
// later under another lock (systray_menu_unix.go, lines 85–91). Every tray
// host's first GetLayout triggers it; it is systray's, not ours, and only
// frames of GetLayout are suppressed, so a race in this package still fails.
const raceSuppressions = "race:fyne.io/systray.*GetLayout\n"

// runChild runs the test named test in a child process with env added,
// inside a private session bus if underBus, and fails t unless it passed.
func runChild(t *testing.T, test string, underBus bool, env ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	args := []string{"-test.run=^" + test + "$", "-test.v", "-test.count=1", "-test.timeout=60s"}
	name := os.Args[0]
	if underBus {
		runner, err := exec.LookPath(busRunner)
		if err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is needed (Debian package dbus-daemon): %v", busRunner, err)
			}
			t.Skipf("no %s: %v", busRunner, err)
		}
		name = runner
		args = append([]string{"--", os.Args[0]}, args...)
	}
	sup := filepath.Join(t.TempDir(), "race-suppressions")
	if err := os.WriteFile(sup, []byte(raceSuppressions), 0o600); err != nil {
		t.Fatal(err)
	}
	gorace := strings.TrimSpace(os.Getenv("GORACE") + " suppressions=" + sup)

	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Env = append(cmd.Env, "GORACE="+gorace)
	cmd.WaitDelay = 5 * time.Second
	out, err := cmd.CombinedOutput()
	if err != nil || !bytes.Contains(out, []byte("--- PASS: "+test)) {
		t.Fatalf("child %s %v: %v\n%s", test, env, err, out)
	}
	if testing.Verbose() {
		t.Logf("child %s %v:\n%s", test, env, out)
	}
}

// TestTrayOnSessionBus shows the real tray on a private session bus and
// checks it the way a desktop's tray host does, in each language.
func TestTrayOnSessionBus(t *testing.T) {
	if os.Getenv(envChild) != "" {
		t.Skip("parent test")
	}
	for _, l := range locales {
		for _, end := range []string{"cancel", "quit"} {
			t.Run(l.lang+"/"+end, func(t *testing.T) {
				runChild(t, "TestChildTray", true, envChild+"=tray", envLang+"="+l.lang, envEnd+"="+end)
			})
		}
	}
}

// TestRunRecoversSystrayPanic runs systray where it cannot connect to the
// bus (skipping the check Run makes first); systray then panics when it
// quits, and run must return that as an error.
func TestRunRecoversSystrayPanic(t *testing.T) {
	if os.Getenv(envChild) != "" {
		t.Skip("parent test")
	}
	runChild(t, "TestChildPanic", false, envChild+"=panic", "DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/grendel-test-bus")
}

func TestChildPanic(t *testing.T) {
	if os.Getenv(envChild) != "panic" {
		t.Skip("runs as a child of TestRunRecoversSystrayPanic")
	}
	ctx, cancel := context.WithCancel(context.Background())
	readyc := make(chan *Tray, 1)
	errc := make(chan error, 1)
	go func() { errc <- run(ctx, Menu{AllowQuit: true}, func(tr *Tray) { readyc <- tr }) }()
	tr := waitFor(t, readyc, 10*time.Second, "ready")
	cancel()
	err := waitFor(t, errc, 10*time.Second, "run to return")
	if err == nil || !strings.Contains(err.Error(), "systray failed") {
		t.Fatalf("run() = %v, want the recovered panic", err)
	}
	t.Logf("run() = %v", err)
	tr.Update(Menu{Warning: true}) // after the end: a no-op, no panic
}

// watcher is a fake org.kde.StatusNotifierWatcher, the service a tray host
// offers; items register with it.
type watcher struct {
	registered chan registration
}

// registration is one call of RegisterStatusNotifierItem.
type registration struct {
	sender  string
	service string
}

// RegisterStatusNotifierItem implements the watcher's D-Bus method.
func (w *watcher) RegisterStatusNotifierItem(sender dbus.Sender, service string) *dbus.Error {
	select {
	case w.registered <- registration{string(sender), service}:
	default:
	}
	return nil
}

// host is the test's own connection to the bus, acting as a tray host.
type host struct {
	t    *testing.T
	conn *dbus.Conn
	item dbus.BusObject // the tray's StatusNotifierItem
	menu dbus.BusObject // its com.canonical.dbusmenu
}

// menuEntry is one item of the dbusmenu layout.
type menuEntry struct {
	id      int32
	label   string
	visible bool
}

// layout returns the top level of the tray's menu.
func (h *host) layout() []menuEntry {
	h.t.Helper()
	var (
		revision uint32
		root     struct {
			ID       int32
			Props    map[string]dbus.Variant
			Children []dbus.Variant
		}
	)
	err := h.menu.Call("com.canonical.dbusmenu.GetLayout", 0, int32(0), int32(-1), []string{}).Store(&revision, &root)
	if err != nil {
		h.t.Fatalf("GetLayout: %v", err)
	}
	var entries []menuEntry
	for _, c := range root.Children {
		var child struct {
			ID       int32
			Props    map[string]dbus.Variant
			Children []dbus.Variant
		}
		if err := c.Store(&child); err != nil {
			h.t.Fatalf("menu item %v: %v", c, err)
		}
		e := menuEntry{id: child.ID, visible: true}
		if v, ok := child.Props["label"]; ok {
			_ = v.Store(&e.label)
		}
		if v, ok := child.Props["visible"]; ok {
			_ = v.Store(&e.visible)
		}
		entries = append(entries, e)
	}
	return entries
}

// find returns the menu item labelled label.
func (h *host) find(label string) menuEntry {
	h.t.Helper()
	entries := h.layout()
	for _, e := range entries {
		if e.label == label {
			return e
		}
	}
	h.t.Fatalf("no menu item %q in %+v", label, entries)
	return menuEntry{}
}

// property returns the StatusNotifierItem property name, stored into dest.
func (h *host) property(name string, dest any) {
	h.t.Helper()
	v, err := h.item.GetProperty("org.kde.StatusNotifierItem." + name)
	if err != nil {
		h.t.Fatalf("get %s: %v", name, err)
	}
	if err := v.Store(dest); err != nil {
		h.t.Fatalf("property %s = %v: %v", name, v, err)
	}
}

// pixmap is one entry of IconPixmap.
type pixmap struct {
	W, H int32
	Pix  []byte
}

// icon returns the tray's icon pixels.
func (h *host) icon() pixmap {
	h.t.Helper()
	var px []pixmap
	h.property("IconPixmap", &px)
	if len(px) != 1 {
		h.t.Fatalf("IconPixmap has %d images, want 1", len(px))
	}
	return px[0]
}

// tooltip returns the title of the tray's tooltip.
func (h *host) tooltip() string {
	h.t.Helper()
	var tt struct {
		Name  string
		Icons []pixmap
		Title string
		Text  string
	}
	h.property("ToolTip", &tt)
	return tt.Title
}

// clickUntil clicks menu item id until ch yields, for at most 5 seconds.
// systray drops a click that arrives while it hands on the one before, as
// two clicks in the same millisecond from a test can.
func (h *host) clickUntil(id int32, ch <-chan struct{}, what string) {
	h.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if err := h.menu.Call("com.canonical.dbusmenu.Event", 0, id, "clicked", dbus.MakeVariant(""), uint32(0)).Err; err != nil {
			h.t.Fatalf("click item %d: %v", id, err)
		}
		select {
		case <-ch:
			return
		case <-time.After(250 * time.Millisecond):
		}
	}
	h.t.Fatalf("timed out waiting for %s", what)
}

// eventually polls cond until it holds, for at most 5 seconds.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting until %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// hasOwner reports whether name is owned on the bus.
func (h *host) hasOwner(name string) bool {
	h.t.Helper()
	var has bool
	err := h.conn.BusObject().Call("org.freedesktop.DBus.NameHasOwner", 0, name).Store(&has)
	if err != nil {
		h.t.Fatalf("NameHasOwner(%s): %v", name, err)
	}
	return has
}

func TestChildTray(t *testing.T) {
	if os.Getenv(envChild) != "tray" {
		t.Skip("runs as a child of TestTrayOnSessionBus")
	}
	l := currentLocale()
	if err := Available(); err != nil {
		t.Fatalf("Available() under dbus-run-session: %v", err)
	}

	// Act as the desktop: offer the watcher before the tray starts.
	conn, err := dbus.ConnectSessionBus()
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	w := &watcher{registered: make(chan registration, 4)}
	if err := conn.Export(w, "/StatusNotifierWatcher", "org.kde.StatusNotifierWatcher"); err != nil {
		t.Fatal(err)
	}
	if reply, err := conn.RequestName("org.kde.StatusNotifierWatcher", dbus.NameFlagDoNotQueue); err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("own the watcher name: %v %v", reply, err)
	}

	r := newRecorder()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	readyc := make(chan *Tray, 1)
	errc := make(chan error, 1)
	go func() { errc <- Run(ctx, r.menu(false), func(tr *Tray) { readyc <- tr }) }()
	tr := waitFor(t, readyc, 10*time.Second, "ready")

	// The tray registers with the watcher, as hosts expect.
	reg := waitFor(t, w.registered, 10*time.Second, "RegisterStatusNotifierItem")
	if reg.service != "/StatusNotifierItem" {
		t.Errorf("registered service %q, want /StatusNotifierItem", reg.service)
	}
	wellKnown := fmt.Sprintf("org.kde.StatusNotifierItem-%d-1", os.Getpid())
	var owner string
	if err := conn.BusObject().Call("org.freedesktop.DBus.GetNameOwner", 0, wellKnown).Store(&owner); err != nil {
		t.Fatalf("owner of %s: %v", wellKnown, err)
	}
	if owner != reg.sender {
		t.Errorf("%s is owned by %s, but %s registered", wellKnown, owner, reg.sender)
	}
	h := &host{
		t:    t,
		conn: conn,
		item: conn.Object(reg.sender, "/StatusNotifierItem"),
		menu: conn.Object(reg.sender, "/StatusNotifierItem/menu"),
	}

	// What the item says about itself.
	var title, id string
	var itemIsMenu bool
	h.property("Title", &title)
	h.property("Id", &id)
	h.property("ItemIsMenu", &itemIsMenu)
	if title != "Grendel" || id != "Grendel" {
		t.Errorf("Title, Id = %q, %q, want Grendel, Grendel", title, id)
	}
	if itemIsMenu {
		t.Error("ItemIsMenu = true, want false: a click on the icon opens the status")
	}
	if got := h.tooltip(); got != l.tooltip {
		t.Errorf("tooltip = %q, want %q", got, l.tooltip)
	}
	normal := h.icon()
	if normal.W != 64 || normal.H != 64 || len(normal.Pix) != 64*64*4 {
		t.Errorf("icon is %d×%d with %d bytes, want 64×64 ARGB", normal.W, normal.H, len(normal.Pix))
	}
	if normal.Pix[0] != 0 {
		t.Errorf("icon corner alpha = %d, want transparent", normal.Pix[0])
	}

	// The menu: Lock now and Presentation mode hidden (this menu sets
	// neither), Status, and Quit hidden while quitting is not allowed.
	entries := h.layout()
	if len(entries) != int(itemCount) {
		t.Fatalf("menu = %+v, want %d items", entries, itemCount)
	}
	want := make([]menuEntry, itemCount) // every item hidden, but:
	want[itemStatus] = menuEntry{label: l.status, visible: true}
	want[itemQuit] = menuEntry{label: l.quit, visible: false}
	for i, e := range entries {
		if (want[i].label != "" && e.label != want[i].label) || e.visible != want[i].visible {
			t.Errorf("menu item %d = %+v, want %+v", i, e, want[i])
		}
	}
	status, quit := entries[itemStatus], entries[itemQuit]

	// Clicks: the menu item and the icon itself open the status.
	h.clickUntil(status.id, r.status, "OnStatus after a menu click")
	if err := h.item.Call("org.kde.StatusNotifierItem.Activate", 0, int32(0), int32(0)).Err; err != nil {
		t.Fatalf("Activate: %v", err)
	}
	waitFor(t, r.status, 5*time.Second, "OnStatus after Activate")

	// A forbidden Quit is ignored even if a host still sends the click.
	// The tray takes clicks one after another, so a status call for a
	// click sent after it shows that the quit click was handled.
	if err := h.menu.Call("com.canonical.dbusmenu.Event", 0, quit.id, "clicked", dbus.MakeVariant(""), uint32(0)).Err; err != nil {
		t.Fatalf("click %q: %v", l.quit, err)
	}
	h.clickUntil(status.id, r.status, "OnStatus after the forbidden quit")

	// Policy reload: quitting allowed, and a problem to show.
	m := r.menu(true)
	m.Warning = true
	tr.Update(m)
	eventually(t, "Quit is visible", func() bool { return h.find(l.quit).visible })
	eventually(t, "the tooltip warns", func() bool { return h.tooltip() == l.warningTool })
	if warning := h.icon(); bytes.Equal(warning.Pix, normal.Pix) {
		t.Error("the icon did not change for the warning")
	}
	select {
	case <-r.quit:
		t.Fatal("OnQuit ran for a click made while quitting was not allowed")
	default:
	}

	switch end := os.Getenv(envEnd); end {
	case "quit":
		// The tray may leave the bus before it replies, so ask for none.
		quit := h.find(l.quit)
		if err := h.menu.Call("com.canonical.dbusmenu.Event", dbus.FlagNoReplyExpected, quit.id, "clicked", dbus.MakeVariant(""), uint32(0)).Err; err != nil {
			t.Fatalf("click %q: %v", l.quit, err)
		}
		waitFor(t, r.quit, 5*time.Second, "OnQuit")
	case "cancel":
		cancel()
	default:
		t.Fatalf("%s = %q", envEnd, end)
	}
	if err := waitFor(t, errc, 5*time.Second, "Run to return"); err != nil {
		t.Errorf("Run() = %v, want nil", err)
	}
	if ctx.Err() != nil && os.Getenv(envEnd) == "quit" {
		t.Error("the context ended although the user quit")
	}

	// The tray left the bus, and systray cannot run again.
	eventually(t, wellKnown+" is released", func() bool { return !h.hasOwner(wellKnown) })
	tr.Update(r.menu(true)) // after the end: a no-op, no panic
	if err := Run(context.Background(), r.menu(true), nil); !errors.Is(err, ErrAlreadyRun) {
		t.Errorf("second Run() = %v, want ErrAlreadyRun", err)
	}
}
