package audit

import "testing"

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
