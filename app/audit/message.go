package audit

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// messages holds each event's fixed English text: the journal's MESSAGE
// and the start of the Windows event log's text. Logs for IT are
// English; `grendel audit` translates.
var messages = map[Name]string{
	NameWarningShown:        "Grendel: idle warning shown",
	NameWarningCancelled:    "Grendel: idle warning cancelled by input",
	NameLockRequested:       "Grendel: lock requested",
	NameLockVerified:        "Grendel: lock verified",
	NameLockFailed:          "Grendel: lock failed",
	NamePresentationStarted: "Grendel: presentation mode started",
	NamePresentationEnded:   "Grendel: presentation mode ended",
	NamePolicyApplied:       "Grendel: policy applied",
	NamePolicyRejected:      "Grendel: policy value rejected",
	NameAgentStarted:        "Grendel: agent started",
	NameAgentStopped:        "Grendel: agent stopped",
	NameAgentRestarted:      "Grendel: agent restarted after it ended",
	NameShareCreated:        "Grendel: share password created",
	NameShareRotated:        "Grendel: share password rotated",
	NameShareDeleted:        "Grendel: share password deleted",
	NameShareExpired:        "Grendel: expired share password deleted",
	NameFileEncrypted:       "Grendel: file encrypted",
}

// Message returns the event's fixed English text.
func Message(n Name) string {
	if m, ok := messages[n]; ok {
		return m
	}
	return "Grendel: " + string(n)
}

// Level is an entry's severity in the platform's log.
type Level int

// The levels.
const (
	LevelInfo Level = iota
	LevelWarning
)

// level returns the severity of an event: a lock that failed, a policy
// value refused and an agent that had to be restarted are warnings.
func level(n Name) Level {
	switch n {
	case NameLockFailed, NamePolicyRejected, NameAgentRestarted:
		return LevelWarning
	}
	return LevelInfo
}

// eventID returns the event's number in the Windows event log: its place
// in [Names] plus one (EventCreate.exe, the registered message file,
// takes 1 to 1000).
func eventID(n Name) uint32 {
	if i := slices.Index(Names(), n); i >= 0 {
		return uint32(i + 1)
	}
	return 1000
}

// journalFields returns the journal's fields of an entry besides MESSAGE
// and PRIORITY: SYSLOG_IDENTIFIER=grendel, GRENDEL_EVENT, GRENDEL_SCHEMA,
// GRENDEL_SEQ, GRENDEL_ROLE, and each field as GRENDEL_<FIELD>.
func journalFields(e Entry) map[string]string {
	m := map[string]string{
		"SYSLOG_IDENTIFIER": "grendel",
		"GRENDEL_EVENT":     string(e.Event),
		"GRENDEL_SCHEMA":    e.Schema,
		"GRENDEL_SEQ":       strconv.FormatUint(e.Seq, 10),
		"GRENDEL_ROLE":      string(e.Role),
	}
	for k, v := range e.Fields {
		m["GRENDEL_"+strings.ToUpper(k)] = fmt.Sprint(v)
	}
	return m
}

// eventText returns the Windows event log's text of an entry: the fixed
// message, then event=NAME and each field as key=value, sorted.
func eventText(e Entry) string {
	var b strings.Builder
	b.WriteString(Message(e.Event))
	fmt.Fprintf(&b, "\r\nevent=%s role=%s seq=%d schema=%s", e.Event, e.Role, e.Seq, e.Schema)
	keys := make([]string, 0, len(e.Fields))
	for k := range e.Fields {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		fmt.Fprintf(&b, " %s=%v", k, e.Fields[k])
	}
	return b.String()
}
