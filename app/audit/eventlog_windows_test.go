package audit

import (
	"testing"
	"time"

	"grendel/internal/testdir"
)

// fakeEventLog records what the sink writes.
type fakeEventLog struct{ info, warning []string }

func (f *fakeEventLog) Info(eid uint32, msg string) error {
	f.info = append(f.info, msg)
	return nil
}

func (f *fakeEventLog) Warning(eid uint32, msg string) error {
	f.warning = append(f.warning, msg)
	return nil
}

// TestEventlogSink: information for most events, a warning for a lock
// that failed, each with the entry's text.
func TestEventlogSink(t *testing.T) {
	f := &fakeEventLog{}
	s := eventlogSink{w: f}
	ok := Entry{Schema: Schema, Seq: 1, Role: RoleAgent, Event: NameLockVerified, Fields: Fields{"method": "lockworkstation"}}
	bad := Entry{Schema: Schema, Seq: 2, Role: RoleAgent, Event: NameLockFailed, Fields: Fields{"tried": int64(1)}}
	if err := s.Write(ok); err != nil {
		t.Fatal(err)
	}
	if err := s.Write(bad); err != nil {
		t.Fatal(err)
	}
	if len(f.info) != 1 || f.info[0] != eventText(ok) || len(f.warning) != 1 || f.warning[0] != eventText(bad) {
		t.Errorf("info %q, warning %q", f.info, f.warning)
	}
}

// TestEventlogReal records one of each event through the real event log
// sink — [platformSinks], that is RegisterEventSourceW and ReportEventW —
// and the file: no sink fails, none is reported, the file has every
// entry. Under Wine (make wine-test) the source is not registered, which
// must not matter: Windows, too, logs an unregistered source's events. It
// does not run on Windows itself, where it would write into the
// computer's Application log. What reaches ReportEventW, with which type,
// is checked by TestMSIWine in scripts/package, which reads Wine's
// eventlog debug output: a test under Wine cannot read its own (Wine
// writes it to the Unix standard error, which the Windows side cannot
// read, and a child it starts inherits that same standard error).
func TestEventlogReal(t *testing.T) {
	if !testdir.UnderWine() {
		t.Skip("on Windows this would write into the computer's Application log; it runs under Wine (make wine-test)")
	}
	sinks := platformSinks()
	if len(sinks) != 1 {
		t.Fatalf("platformSinks() = %#v, want the event log", sinks)
	}
	if _, ok := sinks[0].(eventlogSink); !ok {
		t.Fatalf("platformSinks() = %#v, want the event log sink for a source Wine does not know", sinks)
	}
	dir := testdir.New(t)
	var reports []string
	l := New(Config{Role: RoleAgent, Sinks: append(sinks, &FileSink{Dir: dir}),
		OnFailure: func(s string, err error) { reports = append(reports, s+": "+err.Error()) }})
	events := everyEvent(t)
	for _, ev := range events {
		l.Record(ev.e)
	}
	if f := l.Failures(); len(f) > 0 || len(reports) > 0 {
		t.Errorf("failures %v, reported %q", f, reports)
	}
	n := 0
	if _, err := Read(dir, time.Time{}, func(Entry) { n++ }); err != nil || n != len(events) {
		t.Errorf("the file has %d entries (%v), want %d", n, err, len(events))
	}
}
