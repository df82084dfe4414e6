package notify

import (
	"os"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
)

// server is a fake notification daemon on the real session bus.
type server struct{ got chan [2]string }

func (s *server) Notify(app string, replaces uint32, icon, summary, body string, actions []string, hints map[string]dbus.Variant, expire int32) (uint32, *dbus.Error) {
	s.got <- [2]string{summary, body}
	return 42, nil
}

func TestSendOnTheSessionBus(t *testing.T) {
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("CI is set but there is no session bus; run the tests in scripts/with-session.sh")
		}
		t.Skip("no session bus; run the tests in scripts/with-session.sh")
	}
	conn, err := dbus.ConnectSessionBus()
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	srv := &server{got: make(chan [2]string, 1)}
	if err := conn.Export(srv, "/org/freedesktop/Notifications", "org.freedesktop.Notifications"); err != nil {
		t.Fatal(err)
	}
	reply, err := conn.RequestName("org.freedesktop.Notifications", dbus.NameFlagDoNotQueue)
	if err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		t.Skipf("cannot own org.freedesktop.Notifications (a daemon runs?): %v %v", reply, err)
	}
	id, err := Send("Share expires soon", "Klantenlijst.xlsx expires tomorrow")
	if err != nil || id != 42 {
		t.Fatalf("Send = %d, %v; want 42", id, err)
	}
	select {
	case got := <-srv.got:
		if got[0] != "Share expires soon" || got[1] != "Klantenlijst.xlsx expires tomorrow" {
			t.Errorf("the daemon got %q", got)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the daemon got nothing")
	}
}

func TestSendWithoutDaemon(t *testing.T) {
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
	if _, err := Send("t", "b"); err == nil {
		t.Error("Send without a bus succeeded")
	}
}
