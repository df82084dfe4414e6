package audit_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"grendel/app/audit"
	"grendel/app/audit/audittest"
	"grendel/internal/procargs"
	"grendel/policy"

	"grendel/internal/testdir"
)

// These tests meet the real systemd-journald and read its entries back
// with journalctl. Where no journald runs (CI's container has no systemd
// as PID 1), the test starts one as root: its sockets and its volatile
// journal in /run, which it leaves as it found them. Without root and
// without a running journald, or without systemd's programs, the test
// skips, except under CI, where that is a failure.

// journalSocket is journald's socket, the only one go-systemd's journal
// package writes to.
const journalSocket = "/run/systemd/journal/socket"

// envJournaldWriter makes the test binary the writer of TestJournald: the
// process whose entries are read back. Its value is the test's directory.
const envJournaldWriter = "GRENDEL_AUDIT_TEST_JOURNALD_WRITER"

// journaldTyped is what a user typed on the writer's command line, as on
// `grendel share new` and `grendel file encrypt`, and what it gave the
// events' words: none of it may reach the journal, in any field.
var journaldTyped = []string{"Offerte Jansen", "Piet Jansen", "klanten.csv", "Welkom123!", "jan.de.vries", "/home/jan.de.vries/bin/lock"}

// journaldArgs are the writer's arguments after the test flags.
var journaldArgs = []string{"share", "new", "--label", "Offerte Jansen", "--recipient", "Piet Jansen",
	"--policy", "/home/jan.de.vries/klanten.csv", "Welkom123!"}

// journaldCase is an event the writer records and what its journal entry
// must hold: the fixed message, the priority and the GRENDEL_ fields
// besides GRENDEL_SCHEMA, GRENDEL_SEQ and GRENDEL_ROLE.
type journaldCase struct {
	e        audit.Event
	message  string
	priority string
	want     map[string]string
}

// journaldCases returns the writer's events: one of each kind, words
// outside their sets (labels, file names, a password, a locker's path)
// among them; the policy's from a user's settings file under dir with a
// value out of bounds and a key that is a password.
func journaldCases(t *testing.T, dir string) []journaldCase {
	t.Helper()
	user := filepath.Join(dir, "jan.de.vries", "settings.json")
	os.MkdirAll(filepath.Dir(user), 0o700)
	if err := os.WriteFile(user, []byte(`{"lock": {"idle_timeout": "99h", "Welkom123!": 1}, "share": {"words": 6}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	snap := policy.Load(policy.Paths{User: user})
	pol := audit.PolicyEvents(snap)
	if len(pol) != 3 {
		t.Fatalf("PolicyEvents = %d events, want applied and 2 rejected", len(pol))
	}
	const secret = "Welkom123! /home/jan.de.vries/klanten.csv"
	return []journaldCase{
		{audit.WarningShown{LockIn: 30 * time.Second}, "Grendel: idle warning shown", "6", map[string]string{"GRENDEL_LOCK_IN_MS": "30000"}},
		{audit.WarningCancelled{}, "Grendel: idle warning cancelled by input", "6", map[string]string{}},
		{audit.LockRequested{Reason: secret}, "Grendel: lock requested", "6", map[string]string{"GRENDEL_REASON": "other"}},
		{audit.LockVerified{Reason: "idle", Method: "lock.command:/home/jan.de.vries/bin/lock", VerifiedBy: "x11-grab", Latency: 1500 * time.Millisecond},
			"Grendel: lock verified", "6",
			map[string]string{"GRENDEL_REASON": "idle", "GRENDEL_METHOD": "command", "GRENDEL_VERIFIED_BY": "x11-grab", "GRENDEL_LATENCY_MS": "1500"}},
		{audit.LockFailed{Reason: "sleep", Tried: 3, Fallback: "Offerte Jansen", Latency: 4 * time.Second}, "Grendel: lock failed", "4",
			map[string]string{"GRENDEL_REASON": "sleep", "GRENDEL_TRIED": "3", "GRENDEL_FALLBACK": "other", "GRENDEL_LATENCY_MS": "4000"}},
		{audit.PresentationStarted{For: time.Hour}, "Grendel: presentation mode started", "6", map[string]string{"GRENDEL_FOR_MS": "3600000"}},
		{audit.PresentationEnded{Lasted: 20 * time.Minute, EndedBy: "Piet Jansen"}, "Grendel: presentation mode ended", "6",
			map[string]string{"GRENDEL_DURATION_MS": "1200000", "GRENDEL_ENDED_BY": "other"}},
		{pol[0], "Grendel: policy applied", "6", map[string]string{"GRENDEL_FINGERPRINT": snap.Fingerprint(), "GRENDEL_SOURCES": "1",
			"GRENDEL_PROBLEMS": "2", "GRENDEL_FAILED_CLOSED": "false", "GRENDEL_KEYS_USER": "1", "GRENDEL_KEYS_MANAGED": "0",
			"GRENDEL_KEYS_RECOMMENDED": "0", "GRENDEL_KEYS_POLICY_FLAG": "0", "GRENDEL_KEYS_OTHER": "0",
			"GRENDEL_KEYS_DEFAULT": keysFrom(snap, "default"), "GRENDEL_KEYS_STRICT_DEFAULT": keysFrom(snap, "strict-default")}},
		{pol[1], "Grendel: policy value rejected", "4", map[string]string{"GRENDEL_KEY": "lock.idle_timeout", "GRENDEL_CODE": "out_of_range"}},
		{pol[2], "Grendel: policy value rejected", "4", map[string]string{"GRENDEL_KEY": "other", "GRENDEL_CODE": "unknown_key"}},
		{audit.AgentStarted{StartedBy: "supervisor"}, "Grendel: agent started", "6", map[string]string{"GRENDEL_STARTED_BY": "supervisor"}},
		{audit.AgentStopped{Reason: "signal", ExitCode: 143}, "Grendel: agent stopped", "6", map[string]string{"GRENDEL_REASON": "signal", "GRENDEL_EXIT_CODE": "143"}},
		{audit.AgentRestarted{ExitCode: -1}, "Grendel: agent restarted after it ended", "4", map[string]string{"GRENDEL_EXIT_CODE": "-1"}},
		{audit.ShareCreated{Share: "abcdefgh23"}, "Grendel: share password created", "6", map[string]string{"GRENDEL_SHARE": "abcdefgh23"}},
		{audit.ShareRotated{Share: "Offerte Jansen"}, "Grendel: share password rotated", "6", map[string]string{"GRENDEL_SHARE": "invalid"}},
		{audit.ShareDeleted{Share: "abcdefgh23"}, "Grendel: share password deleted", "6", map[string]string{"GRENDEL_SHARE": "abcdefgh23"}},
		{audit.ShareExpired{Share: "zzzzzzzz77"}, "Grendel: expired share password deleted", "6", map[string]string{"GRENDEL_SHARE": "zzzzzzzz77"}},
		{audit.FileEncrypted{Format: "klanten.csv", Fallback: true, Verified: false, Share: secret}, "Grendel: file encrypted", "6",
			map[string]string{"GRENDEL_FORMAT": "other", "GRENDEL_FALLBACK": "true", "GRENDEL_VERIFIED": "false", "GRENDEL_SHARE": "invalid"}},
		{audit.FileEncrypted{Format: "workbook", Verified: true, Share: "abcdefgh23"}, "Grendel: file encrypted", "6",
			map[string]string{"GRENDEL_FORMAT": "workbook", "GRENDEL_FALLBACK": "false", "GRENDEL_VERIFIED": "true", "GRENDEL_SHARE": "abcdefgh23"}},
	}
}

// keysFrom counts the keys of snap that source set.
func keysFrom(snap *policy.Snapshot, source string) string {
	n := 0
	for _, k := range snap.Report().Keys {
		if k.Source == source {
			n++
		}
	}
	return strconv.Itoa(n)
}

// TestJournald writes every kind of event through the real sink
// (audit.Open, as Grendel's processes do) from a process whose command
// line holds a label, a recipient, a path and a password, as a CLI
// command's may, and reads the entries back with journalctl: each has
// the fixed English MESSAGE, the PRIORITY (4 for warnings), Grendel's
// SYSLOG_IDENTIFIER and the GRENDEL_ fields of the file's entry of the
// same GRENDEL_SEQ, and no field, journald's own (_CMDLINE …) included,
// holds anything the writer was given.
func TestJournald(t *testing.T) {
	if dir := os.Getenv(envJournaldWriter); dir != "" {
		journaldWriter(t, dir)
		return
	}
	readDir := journald(t)
	dir := testdir.New(t)
	cases := journaldCases(t, dir)

	since := time.Now().Add(-time.Second)
	cmd := exec.Command(os.Args[0], append([]string{"-test.run=^TestJournald$", "-test.v", "--"}, journaldArgs...)...)
	cmd.Env = append(os.Environ(), envJournaldWriter+"="+dir, "XDG_STATE_HOME="+filepath.Join(dir, "state"))
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	// The writer stays until its entries are read: journald reads a
	// sender's _CMDLINE, _EXE and _COMM from /proc while it runs.
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	entries, err := readJournal(readDir, cmd.Process.Pid, since, len(cases))
	stdin.Close()
	werr := cmd.Wait()
	if werr != nil || !bytes.Contains(out.Bytes(), []byte("--- PASS: TestJournald")) {
		t.Fatalf("writer: %v\n%s", werr, out.Bytes())
	}
	if err != nil {
		t.Fatal(err)
	}

	file, err := audittest.Entries(filepath.Join(dir, "state", "grendel"))
	if err != nil || len(file) != len(cases) {
		t.Fatalf("the file's entries: %d, %v; want %d", len(file), err, len(cases))
	}
	for i, c := range cases {
		e := entries[i]
		for k, want := range map[string]string{"MESSAGE": c.message, "PRIORITY": c.priority, "SYSLOG_IDENTIFIER": "grendel",
			"GRENDEL_EVENT": string(c.e.Name()), "GRENDEL_SCHEMA": audit.Schema, "GRENDEL_ROLE": "cli",
			"GRENDEL_SEQ": strconv.Itoa(i + 1), "_TRANSPORT": "journal", "_CMDLINE": os.Args[0] + " share new"} {
			if e[k] != want {
				t.Errorf("entry %d (%s): %s = %q, want %q", i+1, c.e.Name(), k, e[k], want)
			}
		}
		got := map[string]string{}
		for k, v := range e {
			if strings.HasPrefix(k, "GRENDEL_") && !slices.Contains([]string{"GRENDEL_EVENT", "GRENDEL_SCHEMA", "GRENDEL_ROLE", "GRENDEL_SEQ"}, k) {
				got[k] = v
			}
		}
		if !mapsEqual(got, c.want) {
			t.Errorf("entry %d (%s): fields %v, want %v", i+1, c.e.Name(), got, c.want)
		}
		// The journal holds what the file holds.
		fromFile := map[string]string{}
		for k, v := range file[i].Fields {
			fromFile["GRENDEL_"+strings.ToUpper(k)] = fmt.Sprint(v)
		}
		if file[i].Event != c.e.Name() || !mapsEqual(got, fromFile) {
			t.Errorf("entry %d: the journal's %s %v, the file's %s %v", i+1, c.e.Name(), got, file[i].Event, fromFile)
		}
		for k, v := range e {
			if leaks := audittest.Find([]byte(k+"="+v), journaldTyped...); leaks != nil {
				t.Errorf("entry %d (%s): %s holds %q: %q", i+1, c.e.Name(), k, leaks, v)
			}
		}
	}
	if leaks, err := audittest.Leaks(filepath.Join(dir, "state", "grendel"), journaldTyped...); err != nil || leaks != nil {
		t.Errorf("the file holds %q (%v)", leaks, err)
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// journaldWriter is the writer process of TestJournald.
func journaldWriter(t *testing.T, dir string) {
	// As main and package cli do for `grendel share new --label …`: the
	// command line others see is the program and "share new". (The
	// testing package's flags, parsed already, may read the rewritten
	// memory; this process runs no further test.)
	procargs.Take()
	procargs.Show("share", "new")
	sinks := audit.PlatformSinks()
	if len(sinks) != 1 || sinks[0].Name() != "journal" {
		t.Fatalf("platform sinks %v with journald running, want the journal", sinks)
	}
	l := audit.Open(audit.RoleCLI, func(sink string, err error) { t.Errorf("sink %s failed: %v", sink, err) })
	for _, c := range journaldCases(t, dir) {
		l.Record(c.e)
	}
	if f := l.Failures(); len(f) > 0 {
		t.Errorf("failures %v", f)
	}
	io.Copy(io.Discard, os.Stdin)
}

// readJournal returns the entries of the process pid, since the time
// given, from the journal files under dir ("" for the system's journal),
// once there are n of them: journald writes asynchronously, so it asks
// journalctl again until they are there, for at most 10 seconds.
func readJournal(dir string, pid int, since time.Time, n int) ([]map[string]string, error) {
	args := []string{"--output=json", "--no-pager", "--quiet", "--since=@" + strconv.FormatInt(since.Unix(), 10)}
	if dir != "" {
		args = append(args, "--directory="+dir)
	}
	args = append(args, "_PID="+strconv.Itoa(pid))
	deadline := time.Now().Add(10 * time.Second)
	for {
		cmd := exec.Command("journalctl", args...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		var entries []map[string]string
		sc := bufio.NewScanner(bytes.NewReader(out))
		sc.Buffer(nil, 1<<20)
		for err == nil && sc.Scan() {
			var raw map[string]any
			if err = json.Unmarshal(sc.Bytes(), &raw); err != nil {
				break
			}
			e := map[string]string{}
			for k, v := range raw {
				s, ok := v.(string)
				if !ok { // several values, or bytes that are not text
					b, _ := json.Marshal(v)
					s = string(b)
				}
				e[k] = s
			}
			entries = append(entries, e)
		}
		if err == nil && len(entries) >= n {
			if len(entries) > n {
				return nil, fmt.Errorf("%d entries of the writer, want %d: %v", len(entries), n, entries)
			}
			return entries, nil
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("journalctl %s: %d entries after 10 s, want %d (%v; %s)", strings.Join(args, " "), len(entries), n, err, stderr.Bytes())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// journald returns the directory of the journal files that a journald
// writes to: "" for the system's journal when one runs (the test's
// entries stay there, told apart by _COMM=audit.test), else that of a
// journald the test starts and stops.
func journald(t *testing.T) string {
	t.Helper()
	_, err := exec.LookPath("journalctl")
	need(t, err == nil, "journalctl is missing (Debian: apt-get install systemd)")
	if running() {
		// Its files may be closed to this user: a volatile journal, or a
		// user of the system's (UID < 1000), writes to the system's file.
		out, err := exec.Command("journalctl", "--quiet", "--lines=0").CombinedOutput()
		need(t, err == nil, fmt.Sprintf("journald runs, but journalctl cannot read its journal as this user (%v: %s); "+
			"run the test as root or in the group systemd-journal", err, bytes.TrimSpace(out)))
		return ""
	}
	if sinks := audit.PlatformSinks(); sinks != nil {
		t.Errorf("platform sinks %v with no journald running, want none", sinks)
	}
	need(t, os.Getuid() == 0, "no journald runs, and starting one needs root")
	var bin string
	for _, p := range []string{"/lib/systemd/systemd-journald", "/usr/lib/systemd/systemd-journald"} {
		if _, err := os.Stat(p); err == nil {
			bin = p
			break
		}
	}
	need(t, bin != "", "systemd-journald is missing (Debian: apt-get install systemd)")
	for _, d := range []string{"/run/systemd/journal", "/run/log/journal", "/run/systemd/journald.conf.d"} {
		leaveAsFound(t, d)
	}
	// The journal in memory (/run/log/journal) alone, never on disk, and
	// nothing passed on to the console, kmsg, syslog or the terminals; the
	// kernel's messages are not read.
	conf := "[Journal]\nStorage=volatile\nReadKMsg=no\nForwardToSyslog=no\nForwardToKMsg=no\nForwardToConsole=no\nForwardToWall=no\n"
	os.MkdirAll("/run/systemd/journald.conf.d", 0o755)
	if err := os.WriteFile("/run/systemd/journald.conf.d/zz-grendel-test.conf", []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(), "SYSTEMD_LOG_TARGET=console")
	var log bytes.Buffer
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(5 * time.Second):
			cmd.Process.Kill()
			<-exited
			t.Errorf("systemd-journald did not end on SIGTERM within 5 s")
		}
		if t.Failed() {
			t.Logf("systemd-journald's log:\n%s", log.Bytes())
		}
	})
	deadline := time.Now().Add(10 * time.Second)
	for !running() {
		select {
		case err := <-exited:
			exited <- err
			t.Fatalf("systemd-journald ended: %v\n%s", err, log.Bytes())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("no %s 10 s after systemd-journald started\n%s", journalSocket, log.Bytes())
		}
		time.Sleep(10 * time.Millisecond)
	}
	return "/run/log/journal"
}

// running reports whether a journald takes datagrams on its socket.
func running() bool {
	c, err := net.Dial("unixgram", journalSocket)
	if err != nil {
		return false
	}
	c.Close()
	return true
}

// leaveAsFound removes, when t ends, what was made in dir during t: the
// first of dir and its parents that is missing now, or in dir the entries
// that are not there now.
func leaveAsFound(t *testing.T, dir string) {
	top := ""
	for d := dir; d != "/"; d = filepath.Dir(d) {
		if _, err := os.Lstat(d); errors.Is(err, os.ErrNotExist) {
			top = d
		}
	}
	if top != "" {
		t.Cleanup(func() { os.RemoveAll(top) })
		return
	}
	before, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		after, _ := os.ReadDir(dir)
		for _, e := range after {
			if !slices.ContainsFunc(before, func(b os.DirEntry) bool { return b.Name() == e.Name() }) {
				os.RemoveAll(filepath.Join(dir, e.Name()))
			}
		}
	})
}

// need skips the test, or fails it under CI, when ok is false.
func need(t *testing.T, ok bool, what string) {
	t.Helper()
	if ok {
		return
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("CI is set, but %s", what)
	}
	t.Skip(what)
}
