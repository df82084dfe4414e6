package audit

import (
	"bytes"
	"net"
	"os"
	"os/exec"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/coreos/go-systemd/v22/journal"
)

// TestJournalSink: the sink sends the fixed English message, the
// priority (warning for a failed lock) and the structured fields.
func TestJournalSink(t *testing.T) {
	type sent struct {
		msg  string
		pri  journal.Priority
		vars map[string]string
	}
	var got []sent
	s := journalSink{send: func(m string, p journal.Priority, v map[string]string) error {
		got = append(got, sent{m, p, v})
		return nil
	}}
	ok := Entry{Schema: Schema, Seq: 1, Role: RoleCLI, Event: NameShareCreated, Fields: Fields{"share": "abcdefgh23"}}
	bad := Entry{Schema: Schema, Seq: 2, Role: RoleAgent, Event: NameLockFailed, Fields: Fields{"tried": int64(2)}}
	s.Write(ok)
	s.Write(bad)
	want := []sent{
		{"Grendel: share password created", journal.PriInfo, journalFields(ok)},
		{"Grendel: lock failed", journal.PriWarning, journalFields(bad)},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("sent %+v, want %+v", got, want)
	}
}

// envJournalChild makes the test binary the child of TestJournalSocket,
// in a mount namespace of its own.
const envJournalChild = "GRENDEL_AUDIT_TEST_JOURNAL_CHILD"

// TestJournalSocket runs the real sink, through go-systemd's journal
// package, against a stand-in for journald: a unixgram socket at
// journald's fixed path (/run/systemd/journal/socket; the package lets
// no other be set), in a private tmpfs over /run in a mount namespace of
// the test's own, so that the system's /run is untouched. It needs root
// (CAP_SYS_ADMIN) for the namespace, and is skipped without it. It reads
// the datagram in journald's native protocol and checks the fields.
func TestJournalSocket(t *testing.T) {
	if os.Getenv(envJournalChild) == "1" {
		journalChild(t)
		return
	}
	if os.Getuid() != 0 {
		t.Skip("needs root for a mount namespace: the journal's socket path is fixed")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestJournalSocket$", "-test.v")
	cmd.Env = append(os.Environ(), envJournalChild+"=1")
	cmd.SysProcAttr = &syscall.SysProcAttr{Unshareflags: syscall.CLONE_NEWNS}
	out, err := cmd.CombinedOutput()
	if err != nil && bytes.Contains(out, []byte("operation not permitted")) {
		t.Skipf("no mount namespace here: %s", out)
	}
	if err != nil || !bytes.Contains(out, []byte("--- PASS: TestJournalSocket")) {
		t.Fatalf("child: %v\n%s", err, out)
	}
}

func journalChild(t *testing.T) {
	if err := syscall.Mount("", "/", "", syscall.MS_REC|syscall.MS_PRIVATE, ""); err != nil {
		t.Fatalf("making / private: %v", err)
	}
	if err := syscall.Mount("tmpfs", "/run", "tmpfs", 0, "mode=0755"); err != nil {
		t.Fatalf("mounting a tmpfs over /run: %v", err)
	}
	if journal.Enabled() {
		t.Fatal("journal.Enabled with no socket")
	}
	if sinks := platformSinks(); sinks != nil {
		t.Fatalf("platformSinks without journald = %v, want none", sinks)
	}
	os.MkdirAll("/run/systemd/journal", 0o755)
	conn, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: "/run/systemd/journal/socket", Net: "unixgram"})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if !journal.Enabled() {
		t.Fatal("journal.Enabled is false with the socket there")
	}
	sinks := platformSinks()
	if len(sinks) != 1 || sinks[0].Name() != "journal" {
		t.Fatalf("platformSinks = %v, want the journal", sinks)
	}
	l := New(Config{Role: RoleAgent, Sinks: sinks, OnFailure: func(s string, err error) { t.Errorf("%s failed: %v", s, err) }})
	l.Record(LockVerified{Reason: "idle", Method: "i3lock", VerifiedBy: "x11-grab", Latency: 1500 * time.Millisecond})
	buf := make([]byte, 65536)
	conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	n, err := conn.Read(buf)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, line := range strings.Split(strings.TrimSuffix(string(buf[:n]), "\n"), "\n") {
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			t.Fatalf("a field not in the simple form: %q", line)
		}
		got[k] = v
	}
	want := map[string]string{
		"MESSAGE": "Grendel: lock verified", "PRIORITY": "6", "SYSLOG_IDENTIFIER": "grendel",
		"GRENDEL_EVENT": "lock.verified", "GRENDEL_SCHEMA": Schema, "GRENDEL_SEQ": "1", "GRENDEL_ROLE": "agent",
		"GRENDEL_REASON": "idle", "GRENDEL_METHOD": "i3lock", "GRENDEL_VERIFIED_BY": "x11-grab", "GRENDEL_LATENCY_MS": "1500",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("journald got %v, want %v", got, want)
	}
}
