package audit

import "github.com/coreos/go-systemd/v22/journal"

// platformSinks returns the systemd journal when journald runs.
func platformSinks() []Sink {
	if !journal.Enabled() {
		return nil
	}
	return []Sink{journalSink{send: journal.Send}}
}

// journalSink writes entries to the systemd journal with structured
// fields (see [journalFields]).
type journalSink struct {
	send func(message string, priority journal.Priority, vars map[string]string) error
}

// Name implements [Sink].
func (journalSink) Name() string { return "journal" }

// Write implements [Sink].
func (j journalSink) Write(e Entry) error {
	p := journal.PriInfo
	if level(e.Event) == LevelWarning {
		p = journal.PriWarning
	}
	return j.send(Message(e.Event), p, journalFields(e))
}
