package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"grendel/app/agent"
	"grendel/app/compliance"
	"grendel/app/compliance/statusschema"
	"grendel/app/ipc"
	"grendel/internal/testdir"
	"grendel/ui/exit"
)

// serveAgent runs an agent core behind the real socket until the test ends.
func serveAgent(t *testing.T, a *agent.Agent) {
	t.Helper()
	addr, err := ipc.DefaultAddress()
	if err != nil {
		t.Fatal(err)
	}
	srv, err := ipc.Listen(addr)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- srv.Serve(ctx, a.Handle) }()
	t.Cleanup(func() { cancel(); <-done })
}

// TestStatusFormats: the document, its flat form and one field, from no
// agent (exit 3, still a document), from a running one, and from a file.
func TestStatusFormats(t *testing.T) {
	isolate(t)

	out, errOut, code := run(t, processes{}, "status", "--json")
	if err := statusschema.Validate([]byte(out)); code != exit.NoAgent || err != nil || !strings.Contains(errOut, "not running") {
		t.Errorf("status --json without an agent = %d, %v\n%s%s", code, err, out, errOut)
	}
	var off compliance.Document
	if json.Unmarshal([]byte(out), &off) != nil || off.Running || off.Version != "9.9.9" || off.PID != 0 || len(off.Policy.Keys) == 0 {
		t.Errorf("status --json without an agent: %+v", off)
	}
	if out, _, code := run(t, processes{}, "status", "--field", "AgentRunning"); out != "false\n" || code != exit.NoAgent {
		t.Errorf("status --field AgentRunning without an agent = %d, %q", code, out)
	}

	a := agent.New(agent.Config{Version: "7.7.7"})
	serveAgent(t, a)
	out, _, code = run(t, processes{}, "status", "--json")
	doc, err := compliance.Parse([]byte(out))
	if code != exit.OK || err != nil || !doc.Running || doc.PID != os.Getpid() || doc.Version != "7.7.7" || doc.PolicyFingerprint != a.Policy().Fingerprint() {
		t.Errorf("status --json = %d, %v, %+v", code, err, doc)
	}
	if !strings.HasPrefix(out, "{\n  \"schema\": \"grendel.status/1\",") {
		t.Errorf("status --json does not start with the schema:\n%.80s", out)
	}

	if out, _, _ := run(t, processes{}, "status"); !strings.Contains(out, "Policy fingerprint: "+doc.PolicyFingerprint+"\n") {
		t.Errorf("status does not show the fingerprint:\n%s", out)
	}

	out, _, code = run(t, processes{}, "status", "--format", "intune")
	var flat map[string]any
	if code != exit.OK || strings.Count(out, "\n") != 1 || json.Unmarshal([]byte(out), &flat) != nil {
		t.Fatalf("status --format intune = %d\n%s", code, out)
	}
	for _, f := range compliance.Fields() {
		if _, ok := flat[f.Name]; !ok {
			t.Errorf("status --format intune lacks %s", f.Name)
		}
	}
	if flat["AgentRunning"] != true || flat["AgentPID"] != float64(os.Getpid()) || flat["AgentVersion"] != "7.7.7" || flat["PolicyLockIdleTimeoutSeconds"] != float64(300) {
		t.Errorf("status --format intune = %v", flat)
	}
	for field, want := range map[string]string{"AgentPID": strconv.Itoa(os.Getpid()), "agentrunning": "true", "PolicyFingerprint": doc.PolicyFingerprint, "PolicyLockIdleTimeoutSeconds": "300", "LastLockAt": ""} {
		if out, errOut, code := run(t, processes{}, "status", "--field", field); out != want+"\n" || code != exit.OK {
			t.Errorf("status --field %s = %d, %q, %q; want %q", field, code, out, errOut, want)
		}
	}

	// A file the agent wrote, read by a script outside the session.
	file := filepath.Join(testdir.New(t), compliance.FileName)
	written := doc.WrittenAt.Add(-time.Hour)
	doc.WrittenAt = written
	if err := compliance.WriteFile(file, doc); err != nil {
		t.Fatal(err)
	}
	out, _, code = run(t, processes{}, "status", "--from", file, "--format", "intune")
	if json.Unmarshal([]byte(out), &flat) != nil || code != exit.OK || flat["AgentPID"] != float64(os.Getpid()) || flat["StatusAgeSeconds"].(float64) < 3600 {
		t.Errorf("status --from FILE --format intune = %d\n%s", code, out)
	}
	if out, _, code := run(t, processes{}, "status", "--from", file, "--json"); code != exit.OK || statusschema.Validate([]byte(out)) != nil || !strings.Contains(out, written.Format(time.RFC3339Nano)) {
		t.Errorf("status --from FILE --json = %d\n%s", code, out)
	}
	broken := filepath.Join(testdir.New(t), "broken.json")
	os.WriteFile(broken, []byte(`{"schema": "grendel.status/1"}`), 0o600)
	if _, errOut, code := run(t, processes{}, "status", "--from", broken, "--json"); code != exit.Failure || !strings.Contains(errOut, "not a grendel.status/1 document") {
		t.Errorf("status --from a broken file = %d, %q", code, errOut)
	}
}

// TestStatusFormatUsage: flags that do not go together and names that do
// not exist are usage errors, and an unknown field lists the fields.
func TestStatusFormatUsage(t *testing.T) {
	isolate(t)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--field", "Nope"}, "unknown field Nope; the fields are: SchemaVersion, AgentRunning, "},
		{[]string{"--format", "xml"}, "unknown format xml; use text, json or intune"},
		{[]string{"--json", "--format", "intune"}, "--json and --format intune cannot go together"},
		{[]string{"--field", "AgentPID", "--format", "intune"}, "--field prints one value"},
		{[]string{"--from", "status.json"}, "--from goes with --json"},
	} {
		out, errOut, code := run(t, processes{}, append([]string{"status"}, c.args...)...)
		if code != exit.Usage || out != "" || !strings.Contains(errOut, c.want) {
			t.Errorf("status %v = %d, %q, %q; want exit 2 and %q", c.args, code, out, errOut, c.want)
		}
	}
}
