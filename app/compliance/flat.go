package compliance

import (
	"bytes"
	"encoding/json"
	"strings"
	"time"

	"grendel/app/agent"
	"grendel/policy"
)

// Type is the data type of a flat field, named as the DataType of an
// Intune custom compliance rule: Boolean, Int64 or String.
type Type string

// The types of flat fields.
const (
	Boolean Type = "Boolean"
	Int64   Type = "Int64"
	String  Type = "String"
)

// Field is one value of the flat form of a [Document]: a stable name in
// CamelCase, its type, and what it says (English, for the README).
type Field struct {
	Name string
	Type Type
	Doc  string
	// value reads the field from a document; now is when it is read.
	value func(d Document, now time.Time) any
}

// PolicyPrefix starts the name of the flat field of each policy key, so
// that keys and status fields never collide: "lock.idle_timeout" is
// "PolicyLockIdleTimeoutSeconds" ([policy.Definition.FlatName]).
const PolicyPrefix = "Policy"

// Fields returns every flat field, status fields first, then one per
// policy key in documentation order.
func Fields() []Field {
	fs := append([]Field(nil), statusFields...)
	for _, k := range policy.Keys() {
		fs = append(fs, keyField(k))
	}
	return fs
}

// FieldNames returns the names of [Fields], in their order.
func FieldNames() []string {
	var names []string
	for _, f := range Fields() {
		names = append(names, f.Name)
	}
	return names
}

// Flat returns the document as one flat object of Boolean, Int64 and
// String values, as Intune's custom compliance reads a discovery script's
// output; now is when it is read (for StatusAgeSeconds). Every field is
// present: a value the document lacks is false, 0 or "".
func (d Document) Flat(now time.Time) map[string]any {
	m := map[string]any{}
	for _, f := range Fields() {
		m[f.Name] = f.value(d, now)
	}
	return m
}

// Field returns the value of the flat field named name, matched without
// regard to case, and false if there is none.
func (d Document) Field(name string, now time.Time) (any, bool) {
	for _, f := range Fields() {
		if strings.EqualFold(f.Name, name) {
			return f.value(d, now), true
		}
	}
	return nil, false
}

func lockOf(d Document) agent.LockStatus {
	if d.Lock == nil {
		return agent.LockStatus{}
	}
	return *d.Lock
}

func lastLock(d Document) agent.LockRecord {
	if l := lockOf(d).LastLock; l != nil {
		return *l
	}
	return agent.LockRecord{}
}

// timeText writes t in RFC 3339 (UTC), and the zero time as "".
func timeText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

var statusFields = []Field{
	{"SchemaVersion", String, "the document's schema, " + SchemaID, func(d Document, _ time.Time) any { return d.Schema }},
	{"AgentRunning", Boolean, "the agent answers (in the status file: it ran when it wrote the file)", func(d Document, _ time.Time) any { return d.Running }},
	{"AgentPID", Int64, "the agent's process id; 0 when it does not run", func(d Document, _ time.Time) any { return d.PID }},
	{"AgentVersion", String, "Grendel's version (the agent's, or this program's when the agent does not run)", func(d Document, _ time.Time) any { return d.Version }},
	{"AgentStartedAt", String, "when the agent started (RFC 3339, UTC); \"\" when it does not run", func(d Document, _ time.Time) any { return timeText(d.Started) }},
	{"AgentStartedBy", String, "what started the agent: systemd, supervisor or manual; \"\" when it does not run", func(d Document, _ time.Time) any { return string(d.StartedBy) }},
	{"StatusWrittenAt", String, "when the document was written (RFC 3339, UTC)", func(d Document, _ time.Time) any { return timeText(d.WrittenAt) }},
	{"StatusAgeSeconds", Int64, "seconds since the document was written, when it was read: the heartbeat's age for a status file", func(d Document, now time.Time) any {
		return max(0, int64(now.Sub(d.WrittenAt)/time.Second))
	}},
	{"PolicyFingerprint", String, "sha256: and the hex SHA-256 of every key's effective value: the same on every machine that enforces the same policy", func(d Document, _ time.Time) any { return d.PolicyFingerprint }},
	{"PolicyFailedClosed", Boolean, "a managed or --policy file is invalid and strict defaults apply to its keys", func(d Document, _ time.Time) any { return d.Policy.FailedClosed }},
	{"PolicyProblemCount", Int64, "policy problems that are not mere warnings", func(d Document, _ time.Time) any {
		n := 0
		for _, p := range d.Policy.Problems {
			if !p.Warning {
				n++
			}
		}
		return n
	}},
	{"PolicyStale", Boolean, "the policy files changed and the agent has not finished reading them", func(d Document, _ time.Time) any { return d.PolicyStale != nil }},
	{"TrayShown", Boolean, "the tray icon is shown", func(d Document, _ time.Time) any { return d.Tray }},
	{"IdleWatchWorks", Boolean, "the agent watches idle time and the source answers", func(d Document, _ time.Time) any {
		l := lockOf(d)
		return d.Lock != nil && l.IdleSource != "" && l.IdleError == ""
	}},
	{"LockState", String, "the idle watch's state: active, warning, locking, locked, privacy, presenting; \"\" without one", func(d Document, _ time.Time) any { return string(lockOf(d).State) }},
	{"LockChain", String, "the lock chain's methods in order, comma-separated", func(d Document, _ time.Time) any { return strings.Join(lockOf(d).Methods, ",") }},
	{"LockReadiness", String, "what a look at the chain without locking found: locks, maybe (only a try tells) or none (only covers the screen); \"\" before the first look", func(d Document, _ time.Time) any {
		if r := lockOf(d).Readiness; r != nil {
			return string(r.Verdict)
		}
		return ""
	}},
	{"LastLockAt", String, "when the last lock started (RFC 3339, UTC); \"\" for none since the agent started", func(d Document, _ time.Time) any { return timeText(lastLock(d).At) }},
	{"LastLockOutcome", String, "what the last lock gave: locked, covered or failed; \"\" for none", func(d Document, _ time.Time) any { return lastLock(d).Outcome }},
	{"LastLockVerified", Boolean, "a check confirmed that the last lock locked the session", func(d Document, _ time.Time) any { return lastLock(d).Verified }},
	{"OSLockBackstop", String, "the desktop's own lock as a backstop: ok, too-late, off or unknown; \"\" when not read", func(d Document, _ time.Time) any {
		if d.OSLock == nil {
			return ""
		}
		return string(d.OSLock.Verdict)
	}},
	{"OSLockEnabled", Boolean, "the desktop locks by itself after some idle time", func(d Document, _ time.Time) any { return d.OSLock != nil && d.OSLock.Enabled }},
	{"AutostartInPlace", Boolean, "Grendel starts at this user's login", func(d Document, _ time.Time) any { return d.Autostart != nil && d.Autostart.InPlace }},
}

// keyField is the flat field of one policy key: its effective value,
// durations in whole seconds, lists as JSON text.
func keyField(k policy.Definition) Field {
	f := Field{Name: PolicyPrefix + k.FlatName(), Doc: "the effective value of " + string(k.Name)}
	switch k.Type {
	case policy.TypeBool:
		f.Type = Boolean
	case policy.TypeInt, policy.TypeDuration:
		f.Type = Int64
		f.Doc += map[bool]string{true: ", in seconds", false: ""}[k.Type == policy.TypeDuration]
	default:
		f.Type = String
		if k.Type == policy.TypeStringList || k.Type == policy.TypeArgv {
			f.Doc += ", as a JSON array"
		}
	}
	f.value = func(d Document, _ time.Time) any { return keyValue(d.Policy, k, f.Type) }
	return f
}

// keyValue reads key k's value from the report as a flat value of type t;
// a key the report lacks gives false, 0 or "".
func keyValue(r policy.Report, k policy.Definition, t Type) any {
	var raw json.RawMessage
	for _, kr := range r.Keys {
		if kr.Key == k.Name {
			raw = kr.Value
		}
	}
	switch {
	case k.Type == policy.TypeDuration:
		d, _ := r.Duration(k.Name)
		return int64(d / time.Second)
	case t == Boolean:
		var b bool
		_ = json.Unmarshal(raw, &b)
		return b
	case t == Int64:
		var n int64
		_ = json.Unmarshal(raw, &n)
		return n
	case k.Type == policy.TypeEnum:
		var s string
		_ = json.Unmarshal(raw, &s)
		return s
	}
	var b bytes.Buffer
	if json.Compact(&b, raw) != nil {
		return ""
	}
	return b.String()
}

// FieldTable returns the README's table of the flat fields (Markdown).
func FieldTable() string {
	var b strings.Builder
	b.WriteString("| Field | Type | What it says |\n|---|---|---|\n")
	for _, f := range Fields() {
		b.WriteString("| `" + f.Name + "` | " + string(f.Type) + " | " + strings.ReplaceAll(f.Doc, "|", `\|`) + " |\n")
	}
	return b.String()
}
