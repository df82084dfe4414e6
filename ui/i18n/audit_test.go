package i18n

import (
	"errors"
	"os"
	"strings"
	"testing"

	"grendel/app/audit"
)

// envAuditLang makes the test binary the child of TestAuditLanguages.
const envAuditLang = "GRENDEL_I18N_TEST_AUDIT_LANG"

// auditEntries has an entry for every branch of AuditEntry.
func auditEntries() []audit.Entry {
	e := func(n audit.Name, f audit.Fields) audit.Entry { return audit.Entry{Event: n, Fields: f} }
	share := audit.Fields{"share": "abcdefgh23"}
	return []audit.Entry{
		e(audit.NameWarningShown, audit.Fields{"lock_in_ms": int64(30000)}),
		e(audit.NameWarningCancelled, nil),
		e(audit.NameLockRequested, audit.Fields{"reason": "sleep"}),
		e(audit.NameLockVerified, audit.Fields{"reason": "idle", "method": "i3lock", "verified_by": "x11-grab", "latency_ms": int64(1200)}),
		e(audit.NameLockVerified, audit.Fields{"reason": "user", "method": "lockworkstation", "verified_by": "wts-session", "latency_ms": int64(300)}),
		e(audit.NameLockVerified, audit.Fields{"reason": "user", "method": "command", "verified_by": "logind", "latency_ms": int64(300)}),
		e(audit.NameLockFailed, audit.Fields{"reason": "user", "tried": int64(2), "fallback": "covered"}),
		e(audit.NameLockFailed, audit.Fields{"reason": "user", "tried": int64(2), "fallback": "none"}),
		e(audit.NamePresentationStarted, audit.Fields{"for_ms": int64(3600000)}),
		e(audit.NamePresentationEnded, audit.Fields{"duration_ms": int64(60000), "ended_by": "user"}),
		e(audit.NamePresentationEnded, audit.Fields{"duration_ms": int64(60000), "ended_by": "renewed"}),
		e(audit.NamePresentationEnded, audit.Fields{"duration_ms": int64(60000), "ended_by": "lock"}),
		e(audit.NamePresentationEnded, audit.Fields{"duration_ms": int64(60000), "ended_by": "time"}),
		e(audit.NamePolicyApplied, audit.Fields{"fingerprint": "0123456789abcdef", "keys_managed": int64(3), "problems": int64(1)}),
		e(audit.NamePolicyRejected, audit.Fields{"key": "lock.idle_timeout", "code": "out_of_range"}),
		e(audit.NamePolicyRejected, audit.Fields{"code": "syntax"}),
		e(audit.NameAgentStarted, audit.Fields{"started_by": "systemd"}),
		e(audit.NameAgentStarted, audit.Fields{"started_by": "supervisor"}),
		e(audit.NameAgentStarted, audit.Fields{"started_by": "manual"}),
		e(audit.NameAgentStopped, audit.Fields{"reason": "quit", "exit_code": int64(0)}),
		e(audit.NameAgentStopped, audit.Fields{"reason": "signal", "exit_code": int64(12)}),
		e(audit.NameAgentRestarted, audit.Fields{"exit_code": int64(2)}),
		e(audit.NameAgentRestarted, audit.Fields{"exit_code": int64(-1)}),
		e(audit.NameAgentRestarted, audit.Fields{"exit_code": int64(-2)}),
		e(audit.NameShareCreated, share),
		e(audit.NameShareRotated, share),
		e(audit.NameShareDeleted, share),
		e(audit.NameShareExpired, share),
		e(audit.NameFileEncrypted, audit.Fields{"format": "office", "verified": true, "fallback": false, "share": "abcdefgh23"}),
		e(audit.NameFileEncrypted, audit.Fields{"format": "zip", "verified": true, "fallback": true, "share": "abcdefgh23"}),
		e(audit.NameFileEncrypted, audit.Fields{"format": "zip", "verified": false, "fallback": false}),
	}
}

// TestAuditLanguages renders every kind of entry, problem and failure in
// each language: a text of its own for each, every placeholder filled,
// the share ID and the numbers where the entry has them.
func TestAuditLanguages(t *testing.T) {
	if l := os.Getenv(envAuditLang); l != "" {
		if err := Load(); err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, e := range auditEntries() {
			got := AuditEntry(e)
			if got == "" || strings.Contains(got, "{{") || strings.Contains(got, "<no value>") || seen[got] || got == string(e.Event) {
				t.Errorf("%s: AuditEntry(%s %v) = %q", l, e.Event, e.Fields, got)
			}
			seen[got] = true
			if s, ok := e.Word("share"); ok && !strings.Contains(got, s) {
				t.Errorf("%s: AuditEntry(%s) = %q lacks the share ID", l, e.Event, got)
			}
			if c, ok := e.Int("exit_code"); ok && c >= 0 && !strings.Contains(got, Number(c)) {
				t.Errorf("%s: AuditEntry(%s) = %q lacks the exit code", l, e.Event, got)
			}
		}
		if got, want := AuditEntry(auditEntries()[4]), LockerName("LockWorkStation"); !strings.Contains(got, want) {
			t.Errorf("%s: AuditEntry(lockworkstation) = %q, want it to name %q", l, got, want)
		}
		for _, c := range []audit.ProblemCode{audit.ProblemBroken, audit.ProblemTooLong, audit.ProblemUnfinished} {
			got := AuditProblem(audit.ReadProblem{File: "audit.jsonl.2", Line: 17, Code: c})
			if !strings.HasPrefix(got, "audit.jsonl.2 ") || !strings.Contains(got, "17") || seen[got] {
				t.Errorf("%s: AuditProblem(%s) = %q", l, c, got)
			}
			seen[got] = true
		}
		if got := AuditFailure("journal", errors.New("boom")); !strings.Contains(got, "journal") || !strings.Contains(got, "boom") {
			t.Errorf("%s: AuditFailure = %q", l, got)
		}
		return
	}
	for _, l := range Languages {
		t.Run(l, func(t *testing.T) { inLanguage(t, "TestAuditLanguages", envAuditLang, l) })
	}
}
