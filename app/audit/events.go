package audit

import (
	"regexp"
	"strings"
	"sync"
	"time"
)

// Name is an event's fixed name, as the file's "event" field and the
// journal's GRENDEL_EVENT hold it.
type Name string

// The events.
const (
	NameWarningShown        Name = "warning.shown"
	NameWarningCancelled    Name = "warning.cancelled"
	NameLockRequested       Name = "lock.requested"
	NameLockVerified        Name = "lock.verified"
	NameLockFailed          Name = "lock.failed"
	NamePresentationStarted Name = "presentation.started"
	NamePresentationEnded   Name = "presentation.ended"
	NamePolicyApplied       Name = "policy.applied"
	NamePolicyRejected      Name = "policy.rejected"
	NameAgentStarted        Name = "agent.started"
	NameAgentStopped        Name = "agent.stopped"
	NameAgentRestarted      Name = "agent.restarted"
	NameShareCreated        Name = "share.created"
	NameShareRotated        Name = "share.rotated"
	NameShareDeleted        Name = "share.deleted"
	NameShareExpired        Name = "share.expired"
	NameFileEncrypted       Name = "file.encrypted"
)

// Names lists every event name, in the order of the documentation.
func Names() []Name {
	return []Name{NameWarningShown, NameWarningCancelled, NameLockRequested, NameLockVerified, NameLockFailed,
		NamePresentationStarted, NamePresentationEnded, NamePolicyApplied, NamePolicyRejected,
		NameAgentStarted, NameAgentStopped, NameAgentRestarted,
		NameShareCreated, NameShareRotated, NameShareDeleted, NameShareExpired, NameFileEncrypted}
}

// Event is one thing Grendel enforced. Only this package's types
// implement it, so the set of events and of their fields is closed.
type Event interface {
	// Name returns the event's fixed name.
	Name() Name
	// fields appends the event's fields, already made safe.
	fields(f *Fields)
}

// Fields are an event's typed fields: field name → int64, bool or a
// string from a closed set (or a share ID).
type Fields map[string]any

func (f *Fields) int(k string, v int64) {
	if *f == nil {
		*f = Fields{}
	}
	(*f)[k] = v
}

func (f *Fields) bool(k string, v bool) {
	if *f == nil {
		*f = Fields{}
	}
	(*f)[k] = v
}

func (f *Fields) word(k, v string, allowed ...string) {
	if *f == nil {
		*f = Fields{}
	}
	for _, a := range allowed {
		if v == a {
			(*f)[k] = v
			return
		}
	}
	(*f)[k] = Other
}

func (f *Fields) token(k, v string) {
	if *f == nil {
		*f = Fields{}
	}
	if !tokenRE().MatchString(v) {
		v = Other
	}
	(*f)[k] = v
}

// method records a lock method's or verifier's name, as app/lock names
// them, in lower case ("LockWorkStation" as "lockworkstation"); IT's own
// lock command ("lock.command:PROGRAM") as [MethodCommand], without its
// program. These names come from Grendel's code, never from a user; the
// form of a token keeps out paths, addresses and sentences all the same.
func (f *Fields) method(k, v string) {
	if strings.HasPrefix(v, "lock.command:") {
		v = MethodCommand
	}
	f.token(k, strings.ToLower(v))
}

// MethodCommand is what the lock method of IT's lock.command is recorded
// as.
const MethodCommand = "command"

func (f *Fields) ms(k string, d time.Duration) { f.int(k, d.Milliseconds()) }

// Other is what a word outside its closed set is recorded as.
const Other = "other"

// InvalidShare is what a share ID that does not have the form of one is
// recorded as.
const InvalidShare = "invalid"

// tokenRE is the form of a lock method's name (app/lock's names, such as
// "gnome-screensaver" or "loginctl"): a short lower-case word that cannot
// hold a path, a space or an address. Like shareRE, it is compiled on first
// use: every process of the binary runs this package's init, and the
// counted repetition makes a large program (30 kB).
var tokenRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z][a-z0-9_-]{0,31}$`) })

// shareRE is the form of a share ID (app/vault's IDLen and alphabet).
var shareRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z2-7]{10}$`) })

// The lock reasons ([LockRequested.Reason]), as app/agent names them.
var lockReasons = []string{"idle", "user", "sleep", "locker-ended"}

// WarningShown records that the idle countdown started; the lock follows after LockIn
// unless there is input.
type WarningShown struct{ LockIn time.Duration }

// Name implements [Event].
func (WarningShown) Name() Name         { return NameWarningShown }
func (e WarningShown) fields(f *Fields) { f.ms("lock_in_ms", e.LockIn) }

// WarningCancelled records that input during the countdown cancelled it.
type WarningCancelled struct{}

// Name implements [Event].
func (WarningCancelled) Name() Name     { return NameWarningCancelled }
func (WarningCancelled) fields(*Fields) {}

// LockRequested records that the lock chain was started, for Reason: "idle", "user",
// "sleep" or "locker-ended".
type LockRequested struct{ Reason string }

// Name implements [Event].
func (LockRequested) Name() Name         { return NameLockRequested }
func (e LockRequested) fields(f *Fields) { f.word("reason", e.Reason, lockReasons...) }

// LockVerified records that Method locked the session and VerifiedBy confirmed it,
// Latency after the lock was started.
type LockVerified struct {
	Reason             string
	Method, VerifiedBy string
	Latency            time.Duration
}

// Name implements [Event].
func (LockVerified) Name() Name { return NameLockVerified }
func (e LockVerified) fields(f *Fields) {
	f.word("reason", e.Reason, lockReasons...)
	f.method("method", e.Method)
	f.method("verified_by", e.VerifiedBy)
	f.ms("latency_ms", e.Latency)
}

// The fallbacks of a failed lock ([LockFailed.Fallback]).
const (
	// FallbackCovered: the privacy screen covers the displays.
	FallbackCovered = "covered"
	// FallbackNone: nothing covers the screen.
	FallbackNone = "none"
)

// LockFailed records that no method's lock was verified after Tried methods and
// Latency; Fallback says what the screen got instead.
type LockFailed struct {
	Reason   string
	Tried    int
	Fallback string
	Latency  time.Duration
}

// Name implements [Event].
func (LockFailed) Name() Name { return NameLockFailed }
func (e LockFailed) fields(f *Fields) {
	f.word("reason", e.Reason, lockReasons...)
	f.int("tried", int64(e.Tried))
	f.word("fallback", e.Fallback, FallbackCovered, FallbackNone)
	f.ms("latency_ms", e.Latency)
}

// PresentationStarted records that presentation mode paused the idle lock for For.
type PresentationStarted struct{ For time.Duration }

// Name implements [Event].
func (PresentationStarted) Name() Name         { return NamePresentationStarted }
func (e PresentationStarted) fields(f *Fields) { f.ms("for_ms", e.For) }

// PresentationEnded records that presentation mode ended after Lasted, by EndedBy:
// "user", "renewed", "lock" or "time" (app/agent's PresentRecord).
type PresentationEnded struct {
	Lasted  time.Duration
	EndedBy string
}

// Name implements [Event].
func (PresentationEnded) Name() Name { return NamePresentationEnded }
func (e PresentationEnded) fields(f *Fields) {
	f.ms("duration_ms", e.Lasted)
	f.word("ended_by", e.EndedBy, "user", "renewed", "lock", "time")
}

// PolicyApplied records that a policy took effect. Make it with [PolicyEvents].
type PolicyApplied struct {
	// fingerprint is the policy's fingerprint ([policy.Report.Fingerprint],
	// as grendel status shows it).
	fingerprint string
	// sources counts the keys by the kind of source of their value.
	sources map[string]int
	files   int
	// problems counts the problems found.
	problems     int
	failedClosed bool
}

// Name implements [Event].
func (PolicyApplied) Name() Name { return NamePolicyApplied }
func (e PolicyApplied) fields(f *Fields) {
	f.bool("failed_closed", e.failedClosed) // makes f
	(*f)["fingerprint"] = e.fingerprint     // "sha256:" and hex digits, made by PolicyEvents
	for _, k := range sourceKinds {
		f.int("keys_"+k, int64(e.sources[k]))
	}
	f.int("sources", int64(e.files))
	f.int("problems", int64(e.problems))
}

// PolicyRejected records that a value of a policy source was refused. Make it with
// [PolicyEvents].
type PolicyRejected struct {
	// key is a key of the policy table, "" for a whole file, or
	// [Other] for a key the table does not have (an unknown key is
	// something a person typed); code is a [policy.Code], or [Other].
	key, code string
}

// Name implements [Event].
func (PolicyRejected) Name() Name { return NamePolicyRejected }
func (e PolicyRejected) fields(f *Fields) {
	// Both were checked by PolicyEvents: a key of the table and a code
	// of policy.Messages.
	if *f == nil {
		*f = Fields{}
	}
	if e.key != "" {
		(*f)["key"] = e.key
	}
	(*f)["code"] = e.code
}

// AgentStarted records that the resident agent started, by StartedBy ("systemd",
// "supervisor", "manual").
type AgentStarted struct{ StartedBy string }

// Name implements [Event].
func (AgentStarted) Name() Name { return NameAgentStarted }
func (e AgentStarted) fields(f *Fields) {
	f.word("started_by", e.StartedBy, "systemd", "supervisor", "manual")
}

// AgentStopped records that the resident agent stopped, for Reason: "quit" (the user
// confirmed, policy allowing) or "signal", with ExitCode.
type AgentStopped struct {
	Reason   string
	ExitCode int
}

// Name implements [Event].
func (AgentStopped) Name() Name { return NameAgentStopped }
func (e AgentStopped) fields(f *Fields) {
	f.word("reason", e.Reason, "quit", "signal")
	f.int("exit_code", int64(e.ExitCode))
}

// AgentRestarted records that the supervisor started the agent again after it ended
// with ExitCode, or [ExitSignal] or [ExitUnasked].
type AgentRestarted struct{ ExitCode int }

// The exit codes of [AgentRestarted] that are not the agent's own.
const (
	// ExitSignal: the agent was ended by a signal.
	ExitSignal = -1
	// ExitUnasked: the agent ended with exit code 0 although nobody quit
	// it, so it was ended from outside: on Windows whoever ends a process
	// chooses its exit code, and TerminateProcess and taskkill /F give 0.
	ExitUnasked = -2
)

// Name implements [Event].
func (AgentRestarted) Name() Name         { return NameAgentRestarted }
func (e AgentRestarted) fields(f *Fields) { f.int("exit_code", int64(e.ExitCode)) }

func shareField(f *Fields, id string) {
	if !shareRE().MatchString(id) {
		id = InvalidShare
	}
	if *f == nil {
		*f = Fields{}
	}
	(*f)["share"] = id
}

// ShareCreated records that a share password was created; Share is its ID.
type ShareCreated struct{ Share string }

// Name implements [Event].
func (ShareCreated) Name() Name         { return NameShareCreated }
func (e ShareCreated) fields(f *Fields) { shareField(f, e.Share) }

// ShareRotated records that a share's password was replaced.
type ShareRotated struct{ Share string }

// Name implements [Event].
func (ShareRotated) Name() Name         { return NameShareRotated }
func (e ShareRotated) fields(f *Fields) { shareField(f, e.Share) }

// ShareDeleted records that a share was deleted by the user.
type ShareDeleted struct{ Share string }

// Name implements [Event].
func (ShareDeleted) Name() Name         { return NameShareDeleted }
func (e ShareDeleted) fields(f *Fields) { shareField(f, e.Share) }

// ShareExpired records that an expired share was deleted (the janitor, or share
// purge).
type ShareExpired struct{ Share string }

// Name implements [Event].
func (ShareExpired) Name() Name         { return NameShareExpired }
func (e ShareExpired) fields(f *Fields) { shareField(f, e.Share) }

// FileEncrypted records that a file was encrypted for sending: Format is
// what was written ("office", "workbook" for a CSV file converted, "zip",
// "pdf"), Fallback is true when a ZIP replaced the format asked for,
// Verified whether the checks passed, Share the share that holds its
// password ("" when there is none: a check failed).
type FileEncrypted struct {
	Format   string
	Fallback bool
	Verified bool
	Share    string
}

// Name implements [Event].
func (FileEncrypted) Name() Name { return NameFileEncrypted }
func (e FileEncrypted) fields(f *Fields) {
	f.word("format", e.Format, "office", "workbook", "zip", "pdf")
	f.bool("fallback", e.Fallback)
	f.bool("verified", e.Verified)
	if e.Share != "" {
		shareField(f, e.Share)
	}
}
