package audit

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"grendel/app/internal/filelock"
	"grendel/policy"

	"grendel/internal/testdir"
)

// everyEvent holds one of each event, with the fields it must record.
func everyEvent(t *testing.T) []struct {
	e    Event
	want Fields
} {
	t.Helper()
	snap := policy.Load(policy.Paths{})
	applied := PolicyEvents(snap)[0]
	var af Fields
	applied.fields(&af)
	return []struct {
		e    Event
		want Fields
	}{
		{WarningShown{LockIn: 30 * time.Second}, Fields{"lock_in_ms": int64(30000)}},
		{WarningCancelled{}, nil},
		{LockRequested{Reason: "idle"}, Fields{"reason": "idle"}},
		{LockVerified{Reason: "user", Method: "loginctl", VerifiedBy: "logind", Latency: 1500 * time.Millisecond},
			Fields{"reason": "user", "method": "loginctl", "verified_by": "logind", "latency_ms": int64(1500)}},
		{LockFailed{Reason: "sleep", Tried: 3, Fallback: FallbackCovered, Latency: 4 * time.Second},
			Fields{"reason": "sleep", "tried": int64(3), "fallback": "covered", "latency_ms": int64(4000)}},
		{PresentationStarted{For: time.Hour}, Fields{"for_ms": int64(3600000)}},
		{PresentationEnded{Lasted: 20 * time.Minute, EndedBy: "time"}, Fields{"duration_ms": int64(1200000), "ended_by": "time"}},
		{applied, af},
		{PolicyRejected{key: "lock.idle_timeout", code: "out_of_range"}, Fields{"key": "lock.idle_timeout", "code": "out_of_range"}},
		{AgentStarted{StartedBy: "systemd"}, Fields{"started_by": "systemd"}},
		{AgentStopped{Reason: "quit", ExitCode: 0}, Fields{"reason": "quit", "exit_code": int64(0)}},
		{AgentRestarted{ExitCode: -1}, Fields{"exit_code": int64(-1)}},
		{ShareCreated{Share: "abcdefgh23"}, Fields{"share": "abcdefgh23"}},
		{ShareRotated{Share: "abcdefgh23"}, Fields{"share": "abcdefgh23"}},
		{ShareDeleted{Share: "abcdefgh23"}, Fields{"share": "abcdefgh23"}},
		{ShareExpired{Share: "zzzzzzzz77"}, Fields{"share": "zzzzzzzz77"}},
		{FileEncrypted{Format: "pdf", Verified: true, Share: "abcdefgh23"},
			Fields{"format": "pdf", "fallback": false, "verified": true, "share": "abcdefgh23"}},
	}
}

// TestRoundTrip: every event goes through the file and comes back from
// Read with its name and fields, in order, as entries of the schema with
// UTC times and sequence numbers; Python's json module reads every line
// as the same object.
func TestRoundTrip(t *testing.T) {
	events := everyEvent(t)
	var names []Name
	for _, ev := range events {
		names = append(names, ev.e.Name())
	}
	if !slices.Equal(names, Names()) {
		t.Fatalf("the table's events %v, want one of each of %v", names, Names())
	}
	dir := testdir.New(t)
	clock := time.Date(2026, 12, 4, 17, 0, 0, 0, time.FixedZone("CET", 3600))
	l := New(Config{Role: RoleAgent, Sinks: []Sink{&FileSink{Dir: dir}}, Now: func() time.Time { clock = clock.Add(time.Second); return clock }})
	for _, ev := range events {
		l.Record(ev.e)
	}
	var got []Entry
	problems, err := Read(dir, time.Time{}, func(e Entry) { got = append(got, e) })
	if err != nil || len(problems) > 0 {
		t.Fatalf("Read = %v, %v", problems, err)
	}
	if len(got) != len(events) {
		t.Fatalf("Read returned %d entries, want %d", len(got), len(events))
	}
	for i, e := range got {
		ev := events[i]
		if e.Event != ev.e.Name() || e.Schema != Schema || e.Role != RoleAgent || e.Seq != uint64(i+1) || e.PID != os.Getpid() {
			t.Errorf("entry %d = %+v", i, e)
		}
		if e.Time.Location() != time.UTC || !e.Time.Equal(time.Date(2026, 12, 4, 16, 0, i+1, 0, time.UTC)) {
			t.Errorf("entry %d: time %v", i, e.Time)
		}
		if !maps.Equal(e.Fields, ev.want) && !(len(e.Fields) == 0 && len(ev.want) == 0) {
			t.Errorf("%s: fields %v, want %v", e.Event, e.Fields, ev.want)
		}
	}
	// since: only the later entries.
	var later []Entry
	if _, err := Read(dir, got[10].Time, func(e Entry) { later = append(later, e) }); err != nil || len(later) != len(got)-10 || later[0].Seq != 11 {
		t.Errorf("Read since entry 11: %d entries, %v", len(later), err)
	}

	// An independent reader: Python's json module.
	py, err := exec.LookPath("/usr/bin/python3")
	if err != nil {
		t.Skip("no /usr/bin/python3")
	}
	script := `import json,sys
for line in open(sys.argv[1], encoding="utf-8"):
    o = json.loads(line)
    assert set(o) <= {"schema","time","seq","role","pid","event","fields"}, o
    assert o["time"].endswith("Z"), o["time"]
    print(json.dumps(o, sort_keys=True))`
	out, err := exec.Command(py, "-c", script, filepath.Join(dir, FileName)).CombinedOutput()
	if err != nil {
		t.Fatalf("python3: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != len(got) {
		t.Fatalf("python3 read %d lines, want %d", len(lines), len(got))
	}
	for i, line := range lines {
		var o map[string]any
		if err := json.Unmarshal([]byte(line), &o); err != nil {
			t.Fatal(err)
		}
		fields, _ := o["fields"].(map[string]any)
		if o["event"] != string(got[i].Event) || o["seq"] != float64(got[i].Seq) || len(fields) != len(got[i].Fields) {
			t.Errorf("python3 line %d = %s", i, line)
		}
	}
}

// TestNoFreeText: a string a caller sets that is not of its closed set (a
// path, a label, a password) is recorded as "other", a share ID of the
// wrong form as "invalid".
func TestNoFreeText(t *testing.T) {
	const secret = "Welkom123! /home/jan/klanten.csv"
	tests := []struct {
		e    Event
		key  string
		want string
	}{
		{LockRequested{Reason: secret}, "reason", Other},
		{LockVerified{Method: secret}, "method", Other},
		{LockVerified{Method: "/usr/bin/xdg-screensaver"}, "method", Other},
		{LockVerified{VerifiedBy: "Jan de Vries"}, "verified_by", Other},
		{LockVerified{VerifiedBy: "jan@mailhuis.nl"}, "verified_by", Other},
		{LockVerified{Method: "LockWorkStation"}, "method", "lockworkstation"},
		{LockVerified{Method: "lock.command:/home/jan/bin/lock"}, "method", MethodCommand},
		{LockFailed{Fallback: secret}, "fallback", Other},
		{PresentationEnded{EndedBy: secret}, "ended_by", Other},
		{AgentStarted{StartedBy: secret}, "started_by", Other},
		{AgentStopped{Reason: secret}, "reason", Other},
		{ShareCreated{Share: secret}, "share", InvalidShare},
		{ShareRotated{Share: "ABCDEFGH23"}, "share", InvalidShare},
		{ShareDeleted{Share: "abcdefgh2"}, "share", InvalidShare},
		{ShareExpired{Share: "abcdefgh231"}, "share", InvalidShare},
		{FileEncrypted{Format: "klanten.csv", Share: "x"}, "format", Other},
		{FileEncrypted{Format: "zip", Share: secret}, "share", InvalidShare},
	}
	for _, tt := range tests {
		var f Fields
		tt.e.fields(&f)
		if f[tt.key] != tt.want {
			t.Errorf("%T %s = %v, want %q", tt.e, tt.key, f[tt.key], tt.want)
		}
		b, _ := json.Marshal(f)
		if bytes.Contains(b, []byte("Welkom")) || bytes.Contains(b, []byte("klanten")) {
			t.Errorf("%T recorded %s", tt.e, b)
		}
	}
}

// TestPolicyEvents: a user's file with a value out of bounds, a key
// typed wrong and a broken managed file gives one applied event (counts
// by kind of source, no path) and one rejected event per problem, the
// unknown key as "other".
func TestPolicyEvents(t *testing.T) {
	root := testdir.New(t)
	user := filepath.Join(root, "jan.de.vries", "settings.json")
	managed := filepath.Join(root, "managed")
	os.MkdirAll(filepath.Dir(user), 0o700)
	os.MkdirAll(managed, 0o700)
	os.WriteFile(user, []byte(`{"lock": {"idle_timeout": "99h", "Welkom123secret": 1}, "share": {"words": 6}}`), 0o600)
	os.WriteFile(filepath.Join(managed, "10-klant.json"), []byte(`{"lock": {"warning": "20s"}}`), 0o644)
	snap := policy.Load(policy.Paths{User: user, Managed: managed})
	evs := PolicyEvents(snap)
	dir := testdir.New(t)
	l := New(Config{Role: RoleAgent, Sinks: []Sink{&FileSink{Dir: dir}}})
	for _, e := range evs {
		l.Record(e)
	}
	var got []Entry
	if _, err := Read(dir, time.Time{}, func(e Entry) { got = append(got, e) }); err != nil {
		t.Fatal(err)
	}
	if len(got) < 3 || got[0].Event != NamePolicyApplied {
		t.Fatalf("entries %+v", got)
	}
	a := got[0]
	if n, _ := a.Int("keys_user"); n != 1 {
		t.Errorf("keys_user = %d, want 1 (share.words)", n)
	}
	if n, _ := a.Int("keys_managed"); n != 1 {
		t.Errorf("keys_managed = %d, want 1", n)
	}
	if n, _ := a.Int("sources"); n != 2 {
		t.Errorf("sources = %d, want 2", n)
	}
	if fp, _ := a.Word("fingerprint"); fp != snap.Fingerprint() || !strings.HasPrefix(fp, policy.FingerprintPrefix) {
		t.Errorf("fingerprint %q", fp)
	}
	var rejected []string
	for _, e := range got[1:] {
		k, _ := e.Word("key")
		c, _ := e.Word("code")
		rejected = append(rejected, k+" "+c)
	}
	slices.Sort(rejected)
	if want := []string{"lock.idle_timeout out_of_range", "other unknown_key"}; !slices.Equal(rejected, want) {
		t.Errorf("rejected %q, want %q", rejected, want)
	}
	raw, _ := os.ReadFile(filepath.Join(dir, FileName))
	for _, s := range []string{"jan", "Welkom", "klant", "settings.json", root} {
		if bytes.Contains(raw, []byte(s)) {
			t.Errorf("the record holds %q:\n%s", s, raw)
		}
	}
	// The same policy has the same fingerprint; another a different one.
	again := PolicyEvents(policy.Load(policy.Paths{User: user, Managed: managed}))[0].(PolicyApplied)
	other := PolicyEvents(policy.Load(policy.Paths{}))[0].(PolicyApplied)
	if again.fingerprint != evs[0].(PolicyApplied).fingerprint || other.fingerprint == again.fingerprint {
		t.Errorf("fingerprints %s %s %s", evs[0].(PolicyApplied).fingerprint, again.fingerprint, other.fingerprint)
	}
}

// TestFileMode: the directory is 0700 and the files 0600; a file made
// readable by others is narrowed at the next write.
func TestFileMode(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows has no Unix modes: the file and its directory take the ACL of the user's profile")
	}
	dir := filepath.Join(testdir.New(t), "state", "grendel")
	l := New(Config{Role: RoleCLI, Sinks: []Sink{&FileSink{Dir: dir}}})
	l.Record(WarningCancelled{})
	check := func() {
		t.Helper()
		if st, err := os.Stat(dir); err != nil || st.Mode().Perm() != 0o700 {
			t.Errorf("dir: %v %v", st.Mode(), err)
		}
		for _, n := range []string{FileName, lockName} {
			if st, err := os.Stat(filepath.Join(dir, n)); err != nil || st.Mode().Perm() != 0o600 {
				t.Errorf("%s: %v %v", n, st.Mode(), err)
			}
		}
	}
	check()
	os.Chmod(filepath.Join(dir, FileName), 0o644)
	l.Record(WarningCancelled{})
	check()
}

// TestRotation: with a small size, many entries leave at most Keep
// files, none larger than MaxSize, the newest entries in order, and no
// broken line.
func TestRotation(t *testing.T) {
	tests := []struct {
		max  int64
		keep int
		n    int
	}{
		{max: 600, keep: 3, n: 200},
		{max: 2000, keep: 5, n: 1000},
		{max: 1, keep: 2, n: 10}, // one entry per file
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.max, "x", tt.keep), func(t *testing.T) {
			dir := testdir.New(t)
			l := New(Config{Role: RoleAgent, Sinks: []Sink{&FileSink{Dir: dir, MaxSize: tt.max, Keep: tt.keep}}})
			for i := range tt.n {
				l.Record(ShareCreated{Share: "abcdefgh" + string(rune('2'+i%6)) + "2"})
			}
			files, _ := ListFiles(dir)
			if len(files) != tt.keep {
				t.Errorf("%d files, want %d", len(files), tt.keep)
			}
			var total int64
			for _, f := range files {
				st, _ := os.Stat(f)
				if st.Size() > tt.max && tt.max > 200 {
					t.Errorf("%s is %d bytes, more than %d", f, st.Size(), tt.max)
				}
				total += st.Size()
			}
			if bound := int64(tt.keep) * max(tt.max, 200); total > bound {
				t.Errorf("%d bytes in all, more than %d", total, bound)
			}
			var seqs []uint64
			problems, err := Read(dir, time.Time{}, func(e Entry) { seqs = append(seqs, e.Seq) })
			if err != nil || len(problems) > 0 {
				t.Fatalf("Read: %v %v", problems, err)
			}
			if len(seqs) == 0 || seqs[len(seqs)-1] != uint64(tt.n) || !slices.IsSorted(seqs) {
				t.Errorf("sequence numbers %v, want sorted up to %d", seqs, tt.n)
			}
			for i := 1; i < len(seqs); i++ {
				if seqs[i] != seqs[i-1]+1 {
					t.Errorf("entries lost between %d and %d", seqs[i-1], seqs[i])
				}
			}
		})
	}
}

// envWriter makes the test binary a writer process: its value is the
// directory, and it records writerCount entries.
const envWriter = "GRENDEL_AUDIT_TEST_WRITER"

const writerCount = 300

// contendedWait is how long each of the four writers may wait for the
// lock: under Wine one of them waited longer than the agent's one
// second. That an entry is given up after lockWait is tested apart
// (TestLockHeld); here no entry may be lost.
const contendedWait = time.Minute

func TestMain(m *testing.M) {
	if dir := os.Getenv(envWriter); dir != "" {
		max, _ := strconv.ParseInt(os.Getenv(envWriter+"_MAX"), 10, 64)
		l := New(Config{Role: RoleCLI, Sinks: []Sink{&FileSink{Dir: dir, MaxSize: max, Keep: 50, LockWait: contendedWait}},
			OnFailure: func(sink string, err error) { fmt.Fprintf(os.Stderr, "writer process: sink %s: %v\n", sink, err) }})
		for range writerCount {
			l.Record(PresentationStarted{For: time.Minute})
		}
		if f := l.Failures(); len(f) > 0 {
			fmt.Fprintln(os.Stderr, f)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestConcurrentWriters: two processes and two goroutines of this one,
// each with a sink of its own on the same directory, write at once; with
// rotation at a small size and without, every line is a whole entry and
// none is lost.
func TestConcurrentWriters(t *testing.T) {
	for _, max := range []int64{0, 8000} {
		t.Run(fmt.Sprint("max", max), func(t *testing.T) {
			dir := testdir.New(t)
			var procs []*exec.Cmd
			for range 2 {
				cmd := exec.Command(os.Args[0], "-test.run=^$")
				cmd.Env = append(os.Environ(), envWriter+"="+dir, envWriter+"_MAX="+strconv.FormatInt(max, 10))
				cmd.Stderr = os.Stderr
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				procs = append(procs, cmd)
			}
			var wg sync.WaitGroup
			for range 2 {
				wg.Go(func() {
					l := New(Config{Role: RoleAgent, Sinks: []Sink{&FileSink{Dir: dir, MaxSize: max, Keep: 50, LockWait: contendedWait}}})
					for range writerCount {
						l.Record(PresentationStarted{For: time.Minute})
					}
				})
			}
			wg.Wait()
			for _, p := range procs {
				if err := p.Wait(); err != nil {
					t.Fatalf("writer process: %v", err)
				}
			}
			perWriter := map[string]int{}
			problems, err := Read(dir, time.Time{}, func(e Entry) { perWriter[fmt.Sprint(e.PID, e.Role)]++ })
			if err != nil || len(problems) > 0 {
				t.Fatalf("Read: %v %v", problems, err)
			}
			total := 0
			for _, n := range perWriter {
				total += n
			}
			if total != 4*writerCount || len(perWriter) != 3 {
				t.Errorf("entries per writer %v, want %d in all from 3 (two processes, this one)", perWriter, 4*writerCount)
			}
		})
	}
}

// failing is a sink that always fails.
type failing struct{ n int }

func (*failing) Name() string { return "journal" }
func (f *failing) Write(Entry) error {
	f.n++
	return &os.PathError{Op: "open", Path: "/home/jan/secret", Err: errors.New("disk full")}
}

// TestSinkFailure: a failing sink is reported once, without the path,
// and counted; the other sinks still get every entry.
func TestSinkFailure(t *testing.T) {
	dir := testdir.New(t)
	bad := &failing{}
	var reports []string
	l := New(Config{Role: RoleAgent, Sinks: []Sink{bad, &FileSink{Dir: dir}},
		OnFailure: func(s string, err error) { reports = append(reports, s+": "+err.Error()) }})
	for range 3 {
		l.Record(WarningCancelled{})
	}
	if !slices.Equal(reports, []string{"journal: disk full"}) {
		t.Errorf("reports %q", reports)
	}
	if f := l.Failures(); f["journal"] != 3 || bad.n != 3 {
		t.Errorf("failures %v", f)
	}
	n := 0
	Read(dir, time.Time{}, func(Entry) { n++ })
	if n != 3 {
		t.Errorf("the file has %d entries, want 3", n)
	}
	Record(nil, WarningCancelled{}) // a nil recorder records nothing, and does not panic
}

// TestJournalFields: the journal gets the fixed English message, the
// event's name and every field as GRENDEL_*.
func TestJournalFields(t *testing.T) {
	e := Entry{Schema: Schema, Seq: 7, Role: RoleAgent, Event: NameLockFailed,
		Fields: Fields{"reason": "idle", "tried": int64(2), "fallback": "covered"}}
	got := journalFields(e)
	want := map[string]string{"SYSLOG_IDENTIFIER": "grendel", "GRENDEL_EVENT": "lock.failed", "GRENDEL_SCHEMA": Schema,
		"GRENDEL_SEQ": "7", "GRENDEL_ROLE": "agent", "GRENDEL_REASON": "idle", "GRENDEL_TRIED": "2", "GRENDEL_FALLBACK": "covered"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("journalFields = %v, want %v", got, want)
	}
	if level(NameLockFailed) != LevelWarning || level(NameLockVerified) != LevelInfo {
		t.Error("levels")
	}
	for _, n := range Names() {
		if _, ok := messages[n]; !ok {
			t.Errorf("%s has no message", n)
		}
	}
}

// TestEventText: the Windows event log's text and IDs.
func TestEventText(t *testing.T) {
	e := Entry{Schema: Schema, Seq: 3, Role: RoleCLI, Event: NameShareCreated, Fields: Fields{"share": "abcdefgh23"}}
	if got, want := eventText(e), "Grendel: share password created\r\nevent=share.created role=cli seq=3 schema=grendel.audit/1 share=abcdefgh23"; got != want {
		t.Errorf("eventText = %q, want %q", got, want)
	}
	seen := map[uint32]bool{}
	for _, n := range Names() {
		id := eventID(n)
		if id < 1 || id > 1000 || seen[id] {
			t.Errorf("%s: event ID %d", n, id)
		}
		seen[id] = true
	}
}

// TestRotationFails: when the files cannot be rotated, the entry still
// goes into the current file, and the error says why.
func TestRotationFails(t *testing.T) {
	dir := testdir.New(t)
	s := &FileSink{Dir: dir, MaxSize: 10, Keep: 2}
	l := New(Config{Role: RoleAgent, Sinks: []Sink{s}})
	l.Record(WarningCancelled{})
	// A directory where the rotated file would go: the rename fails.
	if err := os.MkdirAll(filepath.Join(dir, FileName+".1", "x"), 0o700); err != nil {
		t.Fatal(err)
	}
	l.Record(WarningCancelled{})
	if f := l.Failures(); f["file"] != 1 {
		t.Errorf("failures %v, want one of the file", f)
	}
	n := 0
	if _, err := Read(dir, time.Time{}, func(Entry) { n++ }); err != nil || n != 2 {
		t.Errorf("%d entries (%v), want both", n, err)
	}
}

// TestLockHeld: a process that holds the lock file costs an entry,
// counted as a failure, and holds up Record for at most a second.
func TestLockHeld(t *testing.T) {
	dir := testdir.New(t)
	unlock, err := filelock.Lock(filepath.Join(dir, lockName))
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	l := New(Config{Role: RoleAgent, Sinks: []Sink{&FileSink{Dir: dir}}})
	start := time.Now()
	l.Record(WarningShown{})
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("Record took %v with the lock held", d)
	}
	if f := l.Failures(); f["file"] != 1 {
		t.Errorf("failures %v, want one of the file", f)
	}
}
