package i18n

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"

	"grendel/app/agent"
	"grendel/app/audit"
)

// AuditEntry writes one entry of the audit trail for people, in the
// user's language, without its time: "locked (idle) by loginctl,
// verified by logind after 1.2 seconds". The words of the entry's fields
// that have no translation (a policy key, a problem code, a share ID)
// are shown as they are.
func AuditEntry(e audit.Entry) string {
	word := func(k string) string { w, _ := e.Word(k); return w }
	num := func(k string) string { n, _ := e.Int(k); return Number(n) }
	dur := func(k string) string { d, _ := e.Duration(k); return Duration(d) }
	data := map[string]string{"Share": word("share")}
	switch e.Event {
	case audit.NameWarningShown:
		data["Duration"] = dur("lock_in_ms")
		return lang.X("audit.event.warning_shown", "idle warning shown: the lock follows in {{.Duration}} without input", data)
	case audit.NameWarningCancelled:
		return lang.X("audit.event.warning_cancelled", "idle warning cancelled by input")
	case audit.NameLockRequested:
		data["Reason"] = lockReason(word("reason"))
		return lang.X("audit.event.lock_requested", "lock requested ({{.Reason}})", data)
	case audit.NameLockVerified:
		d, _ := e.Duration("latency_ms")
		return LockOutcome(agent.LockRecord{Verified: true, Reason: word("reason"), Method: auditLocker(word("method")), VerifiedBy: word("verified_by"), Took: d})
	case audit.NameLockFailed:
		data["Reason"], data["N"] = lockReason(word("reason")), num("tried")
		if word("fallback") == audit.FallbackCovered {
			return lang.X("audit.event.lock_failed_covered", "lock failed ({{.Reason}}; {{.N}} methods tried): the screen was only covered by the privacy screen, NOT locked", data)
		}
		return lang.X("audit.event.lock_failed", "lock failed ({{.Reason}}; {{.N}} methods tried): nothing covered the screen", data)
	case audit.NamePresentationStarted:
		data["Duration"] = dur("for_ms")
		return lang.X("audit.event.presentation_started", "presentation mode started: auto-lock paused for {{.Duration}}", data)
	case audit.NamePresentationEnded:
		data["Duration"] = dur("duration_ms")
		switch word("ended_by") {
		case "user":
			return lang.X("audit.event.presentation_ended_user", "presentation mode ended by the user after {{.Duration}}", data)
		case "renewed":
			return lang.X("audit.event.presentation_renewed", "presentation mode renewed after {{.Duration}}", data)
		case "lock":
			return lang.X("audit.event.presentation_ended_lock", "presentation mode ended by a lock after {{.Duration}}", data)
		}
		return lang.X("audit.event.presentation_ended", "presentation mode ended after {{.Duration}}", data)
	case audit.NamePolicyApplied:
		data["Fingerprint"] = word("fingerprint")
		data["Managed"], data["Recommended"], data["User"] = num("keys_managed"), num("keys_recommended"), num("keys_user")
		data["Strict"], data["Problems"] = num("keys_strict_default"), num("problems")
		return lang.X("audit.event.policy_applied", "policy applied ({{.Fingerprint}}): {{.Managed}} keys set by IT, {{.Recommended}} recommended, {{.User}} by the user, {{.Strict}} on strict defaults; {{.Problems}} problems", data)
	case audit.NamePolicyRejected:
		data["Key"], data["Code"] = word("key"), word("code")
		if data["Key"] == "" {
			return lang.X("audit.event.policy_file_rejected", "policy file not used ({{.Code}})", data)
		}
		return lang.X("audit.event.policy_rejected", "policy value refused: {{.Key}} ({{.Code}})", data)
	case audit.NameAgentStarted:
		switch word("started_by") {
		case "systemd":
			return lang.X("audit.event.agent_started_systemd", "agent started by systemd")
		case "supervisor":
			return lang.X("audit.event.agent_started_supervisor", "agent started by grendel supervise")
		}
		return lang.X("audit.event.agent_started", "agent started")
	case audit.NameAgentStopped:
		data["Code"] = num("exit_code")
		if word("reason") == "quit" {
			return lang.X("audit.event.agent_quit", "agent stopped: the user quit Grendel (exit code {{.Code}})", data)
		}
		return lang.X("audit.event.agent_stopped", "agent stopped by a signal (exit code {{.Code}})", data)
	case audit.NameAgentRestarted:
		switch n, _ := e.Int("exit_code"); {
		case n == audit.ExitUnasked:
			return lang.X("audit.event.agent_restarted_unasked", "agent started again after it was ended from outside (nobody quit Grendel)")
		case n < 0:
			return lang.X("audit.event.agent_restarted_signal", "agent started again after it was ended by a signal")
		}
		data["Code"] = num("exit_code")
		return lang.X("audit.event.agent_restarted", "agent started again after it stopped with exit code {{.Code}}", data)
	case audit.NameShareCreated:
		return lang.X("audit.event.share_created", "share password {{.Share}} created", data)
	case audit.NameShareRotated:
		return lang.X("audit.event.share_rotated", "share password {{.Share}} replaced by a new one", data)
	case audit.NameShareDeleted:
		return lang.X("audit.event.share_deleted", "share password {{.Share}} deleted", data)
	case audit.NameShareExpired:
		return lang.X("audit.event.share_expired", "share password {{.Share}} expired and deleted", data)
	case audit.NameFileEncrypted:
		data["Format"] = word("format")
		verified, _ := e.Bool("verified")
		fallback, _ := e.Bool("fallback")
		switch {
		case !verified:
			return lang.X("audit.event.file_not_verified", "file encryption ({{.Format}}) failed its check; nothing was kept", data)
		case fallback:
			return lang.X("audit.event.file_encrypted_fallback", "file encrypted as a ZIP instead of a PDF and verified; password in share {{.Share}}", data)
		}
		return lang.X("audit.event.file_encrypted", "file encrypted ({{.Format}}) and verified; password in share {{.Share}}", data)
	}
	return string(e.Event)
}

// auditLocker names a lock method that the audit trail recorded in lower
// case ("lockworkstation") as [LockerName] names it ("the lock of
// Windows"); IT's lock command, recorded without its program, as
// "lock.command".
func auditLocker(m string) string {
	if m == audit.MethodCommand {
		return "lock.command"
	}
	for name := range lockerText {
		if strings.EqualFold(name, m) {
			return LockerName(name)
		}
	}
	return m
}

// lockReason writes why a lock was started, as [LockOutcome] does.
func lockReason(r string) string {
	if why, ok := lockReasonText[r]; ok {
		return lang.X("lock.reason."+r, why)
	}
	return r
}

// AuditProblem says that a line of the audit trail could not be read and
// was skipped.
func AuditProblem(p audit.ReadProblem) string {
	data := map[string]string{"File": p.File, "Line": strconv.Itoa(p.Line)}
	switch p.Code {
	case audit.ProblemTooLong:
		return lang.X("audit.problem.too_long", "{{.File}} line {{.Line}}: too long for an entry; skipped", data)
	case audit.ProblemUnfinished:
		return lang.X("audit.problem.unfinished", "{{.File}} line {{.Line}}: the file ends inside an entry (a write cut short); skipped", data)
	}
	return lang.X("audit.problem.broken", "{{.File}} line {{.Line}}: not an entry of Grendel's audit trail (damaged?); skipped", data)
}

// AuditFailure says that the audit trail cannot be written to a sink
// ("file", "journal", "eventlog"), once: later failures are counted.
func AuditFailure(sink string, err error) string {
	return lang.X("audit.sink_failed", "the audit trail cannot be written to {{.Sink}} ({{.Error}}); Grendel goes on enforcing the policy",
		map[string]string{"Sink": sink, "Error": OSError(err)})
}
