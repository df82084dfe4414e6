package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"grendel/app/audit"
	"grendel/app/audit/audittest"
	"grendel/scripts/internal/wineprefix"
)

// The Windows event log under Wine.
//
// Wine 8.0 keeps no event log: RegisterEventSourceW is a stub that returns
// the same handle for every source name, registered or not, and
// ReportEventW prints the event's string on Wine's debug channel
// "eventlog", as a trace for information, a warning for a warning and an
// error for an error:
//
//	0124:trace:eventlog:ReportEventW L"Grendel: agent started\r\nevent=agent.started role=agent seq=1 …"
//	0130:warn:eventlog:ReportEventW L"Grendel: agent restarted after it ended\r\nevent=agent.restarted …"
//
// That output is the witness the tests below read: Wine, not Grendel,
// says which type and text reached the real ReportEventW. Wine writes it
// to the Unix standard error of the process, which a Windows program
// cannot read back (Wine passes a child's standard input and output, not
// its standard error, to the Unix side, so a Windows test that starts
// itself again sees nothing), and a child started from inside Wine gets
// the Unix standard error of its parent. So the check lives here, on the
// Linux side: the program runs under wine with WINEDEBUG=[eventlogDebug]
// and its standard error in a file, the Run value's supervisor and every
// agent it starts included.
//
// Wine shortens a string of more than about 290 characters and marks it
// with "..." (its debugstr_wn); policy.applied's text is longer, so of
// those only the beginning can be compared.

// eventlogDebug turns every Wine debug channel off but eventlog.
const eventlogDebug = "-all,+eventlog"

// eventlogEnv is p's environment with Wine's eventlog channel on.
func eventlogEnv(p *wineprefix.Prefix) []string {
	env := slices.DeleteFunc(slices.Clone(p.Env), func(e string) bool { return strings.HasPrefix(e, "WINEDEBUG=") })
	return append(env, "WINEDEBUG="+eventlogDebug)
}

// runEventlog runs a command in p, as p.Run does, with Wine's eventlog
// channel on, and returns its standard output and its standard error
// (Wine's eventlog lines and the program's own) apart. Both go to files,
// as in p.Run.
func runEventlog(p *wineprefix.Prefix, limit time.Duration, name string, args ...string) (stdout, stderr string, err error) {
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	dir, err := os.MkdirTemp("", "grendel-wine-eventlog-")
	if err != nil {
		return "", "", err
	}
	defer os.RemoveAll(dir)
	out, err := os.Create(filepath.Join(dir, "stdout"))
	if err != nil {
		return "", "", err
	}
	defer out.Close()
	errf, err := os.Create(filepath.Join(dir, "stderr"))
	if err != nil {
		return "", "", err
	}
	defer errf.Close()
	cmd := p.Command(ctx, name, args...)
	cmd.Env = eventlogEnv(p)
	cmd.Stdout, cmd.Stderr = out, errf
	err = cmd.Run()
	if ctx.Err() != nil {
		err = fmt.Errorf("%v: not done within %s", err, limit)
	}
	o, _ := os.ReadFile(out.Name())
	e, _ := os.ReadFile(errf.Name())
	return string(o), string(e), err
}

// reported is one event as Wine's ReportEventW printed it.
type reported struct {
	class string // trace (information), warn (warning) or err (error)
	text  string // the string, escaped as Wine prints it
	cut   bool   // Wine shortened it
}

// eventlogLine is a line of Wine's eventlog channel from ReportEventW.
var eventlogLine = regexp.MustCompile(`^[0-9a-f]+:(trace|warn|err):eventlog:ReportEventW L"(.*)"(\.\.\.)?$`)

// reportedEvents returns the events in Wine's debug output out.
func reportedEvents(out string) []reported {
	var r []reported
	for _, line := range strings.Split(out, "\n") {
		if m := eventlogLine.FindStringSubmatch(strings.TrimSuffix(line, "\r")); m != nil {
			r = append(r, reported{class: m[1], text: m[2], cut: m[3] != ""})
		}
	}
	return r
}

// wineEscape escapes s as Wine's debugstr_wn prints a string.
func wineEscape(s string) string {
	var b strings.Builder
	for _, c := range s {
		switch {
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\r':
			b.WriteString(`\r`)
		case c == '\t':
			b.WriteString(`\t`)
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteRune(c)
		case c < ' ' || c >= 127:
			fmt.Fprintf(&b, `\%04x`, c)
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}

// eventlogMessages are the events' fixed English messages, as IT reads
// them in the event log (README "Audit trail"); written out here, apart
// from app/audit's table, so that the test says what they must be.
var eventlogMessages = map[audit.Name]string{
	"warning.shown":        "Grendel: idle warning shown",
	"warning.cancelled":    "Grendel: idle warning cancelled by input",
	"lock.requested":       "Grendel: lock requested",
	"lock.verified":        "Grendel: lock verified",
	"lock.failed":          "Grendel: lock failed",
	"presentation.started": "Grendel: presentation mode started",
	"presentation.ended":   "Grendel: presentation mode ended",
	"policy.applied":       "Grendel: policy applied",
	"policy.rejected":      "Grendel: policy value rejected",
	"agent.started":        "Grendel: agent started",
	"agent.stopped":        "Grendel: agent stopped",
	"agent.restarted":      "Grendel: agent restarted after it ended",
	"share.created":        "Grendel: share password created",
	"share.rotated":        "Grendel: share password rotated",
	"share.deleted":        "Grendel: share password deleted",
	"share.expired":        "Grendel: expired share password deleted",
	"file.encrypted":       "Grendel: file encrypted",
}

// eventlogClass is the Wine debug class an event's type prints as: a
// lock that failed, a policy value refused and an agent that had to be
// restarted are warnings, everything else information.
func eventlogClass(n audit.Name) string {
	switch n {
	case "lock.failed", "policy.rejected", "agent.restarted":
		return "warn"
	}
	return "trace"
}

// expectedText is the event log's text of an audit file's entry: the
// message, and on the next line the event, the role, the sequence number
// and the schema, then the fields as key=value in the order of their
// names.
func expectedText(t *testing.T, e audit.Entry) string {
	msg, ok := eventlogMessages[e.Event]
	if !ok {
		t.Errorf("the audit file has an event this test does not know: %s", e.Event)
		msg = "?"
	}
	s := fmt.Sprintf("%s\r\nevent=%s role=%s seq=%d schema=%s", msg, e.Event, e.Role, e.Seq, e.Schema)
	keys := make([]string, 0, len(e.Fields))
	for k := range e.Fields {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		s += fmt.Sprintf(" %s=%v", k, e.Fields[k])
	}
	return s
}

// auditDirWine is the audit trail's directory in p (%LOCALAPPDATA%\Grendel
// of the prefix's user).
func auditDirWine(t *testing.T, p *wineprefix.Prefix) string {
	t.Helper()
	dirs, _ := filepath.Glob(filepath.Join(p.Dir, "drive_c", "users", "*", "AppData", "Local", "Grendel"))
	if len(dirs) != 1 {
		t.Fatalf("the audit trail's directory in the prefix: %q, want one", dirs)
	}
	return dirs[0]
}

// matchEventlog checks that the events Wine's ReportEventW printed in
// outs are exactly the entries of the audit file (want): each with the
// type of its event and the same text, the fixed message and the fixed
// fields, nothing more and nothing missing. It returns what is amiss.
func matchEventlog(t *testing.T, want []audit.Entry, outs ...string) []string {
	var got []reported
	for _, out := range outs {
		got = append(got, reportedEvents(out)...)
	}
	used := make([]bool, len(got))
	var problems []string
	for _, e := range want {
		text, class := wineEscape(expectedText(t, e)), eventlogClass(e.Event)
		found := -1
		for i, r := range got {
			if used[i] || r.class != class {
				continue
			}
			if r.text == text || r.cut && len(r.text) > 200 && strings.HasPrefix(text, r.text) {
				found = i
				if !r.cut {
					break
				}
			}
		}
		if found < 0 {
			problems = append(problems, fmt.Sprintf("not in the event log: %s %q", class, text))
			continue
		}
		used[found] = true
	}
	for i, r := range got {
		if !used[i] {
			problems = append(problems, fmt.Sprintf("in the event log but not in the audit file: %s %q (shortened by Wine: %t)", r.class, r.text, r.cut))
		}
	}
	return problems
}

// checkEventlogWine compares what reached the event log (Wine's eventlog
// lines in outs) with the audit file of the prefix from its entry skip on,
// which the same processes wrote, and looks for the texts the test used
// (secrets, labels, file names, typed values) in both. An entry is
// written to the file before the event log, so a line still missing is
// waited for, at most 10 seconds. It returns the entries it compared.
func checkEventlogWine(t *testing.T, p *wineprefix.Prefix, skip int, outs func() []string, secrets ...string) []audit.Entry {
	t.Helper()
	dir := auditDirWine(t, p)
	var problems []string
	var entries []audit.Entry
	for start := time.Now(); ; time.Sleep(200 * time.Millisecond) {
		all, err := audittest.Entries(dir)
		if err != nil || len(all) < skip {
			t.Fatalf("reading the audit file: %d entries, %v", len(all), err)
		}
		entries = all[skip:]
		if problems = matchEventlog(t, entries, outs()...); len(problems) == 0 || time.Since(start) > 10*time.Second {
			break
		}
	}
	for _, pr := range problems {
		t.Error(pr)
	}
	events := map[audit.Name]int{}
	classes := map[string]int{}
	for _, e := range entries {
		events[e.Event]++
		classes[eventlogClass(e.Event)]++
	}
	t.Logf("the event log under Wine had the audit file's %d entries (%v), by type %v", len(entries), events, classes)
	// The event log's texts only: the rest of a standard error is the
	// program's own (the agent reports a policy value it refused, to IT
	// who set it).
	texts := slices.Clone(secrets)
	for _, s := range secrets {
		texts = append(texts, wineEscape(s))
	}
	for _, out := range outs() {
		for _, r := range reportedEvents(out) {
			if found := audittest.Find([]byte(r.text), texts...); len(found) > 0 {
				t.Errorf("the event log holds %q: %s %q", found, r.class, r.text)
			}
		}
	}
	if found, err := audittest.Leaks(dir, secrets...); err != nil || len(found) > 0 {
		t.Errorf("the audit file holds %q (%v)", found, err)
	}
	return entries
}

// policyKeyWine is the registry key of machine policy (Group Policy's).
const policyKeyWine = `HKLM\Software\Policies\Grendel\Grendel`

// checkRejectedPolicyWine sets a value IT typed wrong in the registry
// (ShareGenerator: typed, a word outside its set), waits at most a minute
// for the agent to record policy.rejected, and removes the value again.
func checkRejectedPolicyWine(t *testing.T, p *wineprefix.Prefix, typed string) {
	t.Helper()
	if out, err := p.Run(time.Minute, "wine", "reg", "add", policyKeyWine, "/v", "ShareGenerator", "/t", "REG_SZ", "/d", typed, "/f"); err != nil {
		t.Fatalf("reg add: %v\n%s", err, out)
	}
	dir := auditDirWine(t, p)
	for start := time.Now(); ; time.Sleep(time.Second) {
		entries, err := audittest.Entries(dir)
		if err != nil {
			t.Fatalf("reading the audit file: %v", err)
		}
		if slices.ContainsFunc(entries, func(e audit.Entry) bool {
			k, _ := e.Word("key")
			return e.Event == audit.NamePolicyRejected && k == "share.generator"
		}) {
			t.Logf("the agent recorded the rejected ShareGenerator %s after reg add", time.Since(start).Round(100*time.Millisecond))
			break
		}
		if time.Since(start) > time.Minute {
			t.Errorf("no policy.rejected of share.generator within a minute of reg add")
			break
		}
	}
	if out, err := p.Run(time.Minute, "wine", "reg", "delete", policyKeyWine, "/v", "ShareGenerator", "/f"); err != nil {
		t.Errorf("reg delete: %v\n%s", err, out)
	}
}

// checkUnregisteredSourceWine runs a portable copy of grendel.exe (exe)
// after the uninstall, when the event source is no longer registered:
// share new and delete must work, report no failure of the eventlog sink,
// write the file, and reach ReportEventW all the same, as they do on
// Windows, which logs an unregistered source's events in the Application
// log without a description. (Wine's RegisterEventSourceW succeeds for
// every name, registered or not, so the sink's failure path cannot be
// reached under Wine; the unit tests of app/audit take it with a fake.)
func checkUnregisteredSourceWine(t *testing.T, p *wineprefix.Prefix, exe string) {
	if out, err := p.Run(30*time.Second, "wine", "reg", "query", `HKLM\SYSTEM\CurrentControlSet\Services\EventLog\Application\Grendel`); err == nil {
		t.Errorf("the event source is still registered after the uninstall:\n%s", out)
	}
	before, err := audittest.Entries(auditDirWine(t, p))
	if err != nil {
		t.Fatalf("reading the audit file: %v", err)
	}
	const label = "Loonstroken-Q4.zip"
	out, created, err := runEventlog(p, time.Minute, "wine", exe, "share", "new", "--label", label, "--print")
	lines := strings.Split(strings.TrimSpace(strings.ReplaceAll(out, "\r", "")), "\n")
	if err != nil || len(lines) != 2 {
		t.Fatalf("the portable grendel.exe share new --print = %v\n%s\n%s", err, out, created)
	}
	id, pw := lines[0], lines[1]
	_, deleted, err := runEventlog(p, time.Minute, "wine", exe, "share", "delete", id)
	if err != nil {
		t.Errorf("the portable grendel.exe share delete %s = %v\n%s", id, err, deleted)
	}
	for _, line := range strings.Split(created+deleted, "\n") {
		// Wine's lines aside, a line that names the sink is the
		// program's report of its failure.
		if !eventlogLine.MatchString(strings.TrimSuffix(line, "\r")) && strings.Contains(line, "eventlog") {
			t.Errorf("the portable grendel.exe reported: %s", line)
		}
	}
	entries := checkEventlogWine(t, p, len(before), func() []string { return []string{created, deleted} }, label, pw)
	var names []audit.Name
	for _, e := range entries {
		names = append(names, e.Event)
	}
	if !slices.Equal(names, []audit.Name{audit.NameShareCreated, audit.NameShareDeleted}) {
		t.Errorf("the portable grendel.exe recorded %v, want share.created and share.deleted", names)
	}
}

// TestMatchEventlog: the comparison of TestMSIWine, on lines Wine 8.0
// printed there, finds a wrong type, a missing event, one too many and a
// changed text, and takes a shortened line by its beginning.
func TestMatchEventlog(t *testing.T) {
	entry := func(seq uint64, n audit.Name, f audit.Fields) audit.Entry {
		return audit.Entry{Schema: "grendel.audit/1", Seq: seq, Role: audit.RoleAgent, Event: n, Fields: f}
	}
	want := []audit.Entry{
		entry(1, "agent.started", audit.Fields{"started_by": "supervisor"}),
		entry(2, "policy.applied", audit.Fields{"failed_closed": true, "fingerprint": "sha256:86031c412b0fb61c2eec87e5e64415336f736406a6a7ee1da33dd2ab21333905",
			"keys_default": int64(0), "keys_managed": int64(0), "keys_other": int64(0), "keys_policy_flag": int64(0), "keys_recommended": int64(0),
			"keys_strict_default": int64(17), "keys_user": int64(0), "problems": int64(3), "sources": int64(2)}),
		entry(3, "policy.rejected", audit.Fields{"code": "untrusted_owner"}),
	}
	const (
		started  = `02a0:trace:eventlog:ReportEventW L"Grendel: agent started\r\nevent=agent.started role=agent seq=1 schema=grendel.audit/1 started_by=supervisor"`
		applied  = `02a0:trace:eventlog:ReportEventW L"Grendel: policy applied\r\nevent=policy.applied role=agent seq=2 schema=grendel.audit/1 failed_closed=true fingerprint=sha256:86031c412b0fb61c2eec87e5e64415336f736406a6a7ee1da33dd2ab21333905 keys_default=0 keys_managed=0 keys_other=0 keys_policy_flag=0 keys_recommended=0 keys_strict_defau"...`
		rejected = `02a0:warn:eventlog:ReportEventW L"Grendel: policy value rejected\r\nevent=policy.rejected role=agent seq=3 schema=grendel.audit/1 code=untrusted_owner"`
	)
	for _, c := range []struct {
		name     string
		out      string
		problems int
	}{
		{"as Wine printed it", "grendel: policy reloaded\n" + started + "\n" + applied + "\r\n" + rejected + "\n", 0},
		{"a warning as information", started + "\n" + applied + "\n" + strings.Replace(rejected, ":warn:", ":trace:", 1), 2},
		{"one missing", started + "\n" + rejected, 1},
		{"one too many", started + "\n" + applied + "\n" + rejected + "\n" + started, 1},
		{"another text", strings.Replace(started, "started_by=supervisor", "started_by=manual", 1) + "\n" + applied + "\n" + rejected, 2},
		{"another beginning", started + "\n" + strings.Replace(applied, "keys_managed=0", "keys_managed=1", 1) + "\n" + rejected, 2},
	} {
		if got := matchEventlog(t, want, c.out); len(got) != c.problems {
			t.Errorf("%s: matchEventlog = %q, want %d problems", c.name, got, c.problems)
		}
	}
	// Wine printed "b=c ünï" as b=c \00fcn\00ef.
	if got, want := wineEscape("b=c ünï\t\"\\"), `b=c \00fcn\00ef\t\"\\`; got != want {
		t.Errorf("wineEscape = %s, want %s", got, want)
	}
}
