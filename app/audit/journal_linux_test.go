package audit

import (
	"reflect"
	"testing"

	"github.com/coreos/go-systemd/v22/journal"
)

// TestJournalSink: the sink sends the fixed English message, the
// priority (warning for a failed lock) and the structured fields.
// TestJournald (journald_linux_test.go) sends them to the real journald.
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
