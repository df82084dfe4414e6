package idle

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"strconv"
	"testing"
	"time"

	"github.com/jezek/xgb"
	"github.com/jezek/xgb/xproto"
)

// needSession returns the X display of the session the tests run in
// (scripts/with-session.sh). Without one the test is skipped, except under
// CI, where it fails: CI must not pass by skipping the real thing.
func needSession(t testing.TB) string {
	t.Helper()
	display := os.Getenv("DISPLAY")
	if display == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("DISPLAY is not set under CI: run the tests in scripts/with-session.sh")
		}
		t.Skip("DISPLAY is not set: run the tests in scripts/with-session.sh")
	}
	return display
}

// needTool returns the path of a program the test needs, skipping (failing
// under CI) when it is not installed.
func needTool(t testing.TB, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not installed under CI: run scripts/install-deps.sh", name)
		}
		t.Skipf("%s is not installed: run scripts/install-deps.sh", name)
	}
	return path
}

// xdotool runs xdotool with args: real input through XTEST.
func xdotool(t *testing.T, args ...string) {
	t.Helper()
	if out, err := exec.Command(needTool(t, "xdotool"), args...).CombinedOutput(); err != nil {
		t.Fatalf("xdotool %v = %v\n%s", args, err, out)
	}
}

// idleNow reads the source with a deadline.
func idleNow(t *testing.T, s Source) time.Duration {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	d, err := s.Idle(ctx)
	if err != nil {
		t.Fatalf("%s: Idle() = %v", s.Name(), err)
	}
	return d
}

// TestX11RealInput checks the x11 source against the X server of the
// session: the idle time grows while nobody touches anything, and real
// pointer and keyboard input (XTEST, through xdotool) resets it.
func TestX11RealInput(t *testing.T) {
	display := needSession(t)
	needTool(t, "xdotool")
	x := newX11(display, "")
	t.Cleanup(func() { _ = x.Close() })

	// Other tests may share the X server; a stretch cut short by someone
	// else's input is tried again.
	pos := 100
	grows := func(wait, atLeast time.Duration) {
		t.Helper()
		for try := 1; ; try++ {
			pos += 7 // a move to where the pointer already is is no input
			xdotool(t, "mousemove", strconv.Itoa(pos), strconv.Itoa(pos))
			time.Sleep(wait)
			got := idleNow(t, x)
			if got >= atLeast {
				t.Logf("idle %v after %v without input", got, wait)
				return
			}
			if try == 3 {
				t.Fatalf("Idle() = %v after %v without input, want ≥ %v", got, wait, atLeast)
			}
			t.Logf("Idle() = %v after %v without input; input from elsewhere? trying again", got, wait)
		}
	}
	resets := func(args ...string) {
		t.Helper()
		xdotool(t, args...)
		got := idleNow(t, x)
		if got >= 500*time.Millisecond {
			t.Errorf("Idle() = %v right after xdotool %v, want < 500ms", got, args)
		}
		t.Logf("idle %v right after xdotool %v", got, args)
	}

	grows(1200*time.Millisecond, time.Second)
	pos += 7
	resets("mousemove", strconv.Itoa(pos), strconv.Itoa(pos))
	grows(700*time.Millisecond, 600*time.Millisecond)
	resets("key", "shift")
}

// TestX11Reconnects kills the source's connection from the X server's
// side, as a server reset would, and checks that the next call opens a new
// one and answers.
func TestX11Reconnects(t *testing.T) {
	display := needSession(t)
	x := newX11(display, "")
	t.Cleanup(func() { _ = x.Close() })
	idleNow(t, x)
	old := x.conn

	// KillClient needs a resource of the client: give it a pixmap.
	pix, err := xproto.NewPixmapId(old)
	if err != nil {
		t.Fatalf("NewPixmapId() = %v", err)
	}
	root := xproto.Setup(old).DefaultScreen(old)
	if err := xproto.CreatePixmapChecked(old, root.RootDepth, pix, xproto.Drawable(root.Root), 1, 1).Check(); err != nil {
		t.Fatalf("CreatePixmap() = %v", err)
	}
	killer, err := xgb.NewConnDisplay(display)
	if err != nil {
		t.Fatalf("NewConnDisplay(%s) = %v", display, err)
	}
	defer killer.Close()
	if err := xproto.KillClientChecked(killer, uint32(pix)).Check(); err != nil {
		t.Fatalf("KillClient() = %v", err)
	}
	// Wait until the old connection has seen its end.
	deadline := time.Now().Add(5 * time.Second)
	for {
		if _, err := xproto.GetInputFocus(old).Reply(); err != nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the killed connection still answers after 5s")
		}
		time.Sleep(10 * time.Millisecond)
	}

	idleNow(t, x)
	if x.conn == old || x.conn == nil {
		t.Errorf("after the server dropped the connection, Idle() did not open a new one")
	}
}

func TestX11Unsupported(t *testing.T) {
	tests := []struct {
		name             string
		display, wayland string
		want             string
	}{
		{"no DISPLAY", "", "", "x11: DISPLAY is not set: idle source not supported here"},
		{"Wayland", ":0", "wayland-0", "x11: the session is Wayland (WAYLAND_DISPLAY=wayland-0), and Xwayland sees only the input that goes to X windows: idle source not supported here"},
	}
	for _, tt := range tests {
		_, err := newX11(tt.display, tt.wayland).Idle(context.Background())
		if err == nil || err.Error() != tt.want || !errors.Is(err, ErrUnsupported) {
			t.Errorf("%s: Idle() = %v, want %q wrapping ErrUnsupported", tt.name, err, tt.want)
		}
	}
}

func TestX11NoServer(t *testing.T) {
	x := newX11(":4242", "")
	_, err := x.Idle(context.Background())
	if err == nil {
		t.Fatal("Idle() on a display nobody serves = nil error")
	}
	if errors.Is(err, ErrUnsupported) {
		t.Errorf("Idle() = %v, want a plain failure, not ErrUnsupported", err)
	}
	t.Logf("Idle() = %v", err)
}

// BenchmarkX11Idle measures one Idle call over the kept connection: one
// round trip to the X server.
func BenchmarkX11Idle(b *testing.B) {
	display := needSession(b)
	x := newX11(display, "")
	b.Cleanup(func() { _ = x.Close() })
	b.Run("background", func(b *testing.B) {
		ctx := context.Background()
		for b.Loop() {
			if _, err := x.Idle(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("deadline", func(b *testing.B) {
		ctx, cancel := context.WithTimeout(context.Background(), time.Hour)
		defer cancel()
		for b.Loop() {
			if _, err := x.Idle(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
}
