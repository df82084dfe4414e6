// Package dbustest starts a real dbus-daemon of a test's own, for the
// tests of the packages that talk D-Bus (idle sources, logind's sleep
// inhibitor): the real protocol, descriptor passing included, without
// touching the machine's own buses.
package dbustest

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/godbus/dbus/v5"
)

// config is a dbus-daemon configuration that lets anyone own and call
// anything, listening on the socket @SOCKET@; @KIND@ is "session" or "system".
const config = `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>@KIND@</type>
  <listen>unix:path=@SOCKET@</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`

// Bus starts a dbus-daemon of kind "session" or "system" and returns its
// address; it is stopped when the test ends. Without dbus-daemon the test
// is skipped, except under CI, where it fails.
func Bus(t testing.TB, kind string) string {
	t.Helper()
	daemon, err := exec.LookPath("dbus-daemon")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("dbus-daemon is not installed under CI: run scripts/install-deps.sh")
		}
		t.Skip("dbus-daemon is not installed")
	}
	// Not t.TempDir: the test's name would go into the address.
	dir, err := os.MkdirTemp("", "grendel-bus-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.RemoveAll(dir) })
	conf := filepath.Join(dir, "bus.conf")
	text := strings.NewReplacer("@KIND@", kind, "@SOCKET@", filepath.Join(dir, "bus")).Replace(config)
	if err := os.WriteFile(conf, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(daemon, "--config-file="+conf, "--nofork", "--nopidfile", "--print-address=1")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting dbus-daemon: %v", err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	addr, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		_ = cmd.Wait()
		t.Fatalf("reading dbus-daemon's address: %v\n%s", err, stderr.Bytes())
	}
	return strings.TrimSpace(addr)
}

// Serve connects to the bus at addr, takes name and exports obj at path
// under iface; the connection closes when the test ends.
func Serve(t testing.TB, addr, name string, path dbus.ObjectPath, iface string, obj any) *dbus.Conn {
	t.Helper()
	conn, err := dbus.Connect(addr)
	if err != nil {
		t.Fatalf("connecting to %s: %v", addr, err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	if err := conn.Export(obj, path, iface); err != nil {
		t.Fatalf("Export(%s) = %v", path, err)
	}
	reply, err := conn.RequestName(name, dbus.NameFlagDoNotQueue)
	if err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("RequestName(%s) = %v, %v", name, reply, err)
	}
	return conn
}
