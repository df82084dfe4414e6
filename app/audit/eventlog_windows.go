package audit

import "golang.org/x/sys/windows/svc/eventlog"

// EventSource is the Windows event log source, which the MSI registers
// (HKLM\SYSTEM\CurrentControlSet\Services\EventLog\Application\Grendel,
// with EventCreate.exe as its message file).
const EventSource = "Grendel"

// eventWriter is the part of [eventlog.Log] the sink uses.
type eventWriter interface {
	Info(eid uint32, msg string) error
	Warning(eid uint32, msg string) error
}

// platformSinks returns the Windows event log. Opening it works also when
// the source is not registered (a portable copy); Windows then shows the
// text with a note that the description is missing.
func platformSinks() []Sink {
	l, err := eventlog.Open(EventSource)
	if err != nil {
		return []Sink{brokenSink{"eventlog", err}}
	}
	return []Sink{eventlogSink{w: l}}
}

// eventlogSink writes entries to the Windows event log ([eventText],
// [eventID]).
type eventlogSink struct{ w eventWriter }

// Name implements [Sink].
func (eventlogSink) Name() string { return "eventlog" }

// Write implements [Sink].
func (s eventlogSink) Write(e Entry) error {
	if level(e.Event) == LevelWarning {
		return s.w.Warning(eventID(e.Event), eventText(e))
	}
	return s.w.Info(eventID(e.Event), eventText(e))
}
