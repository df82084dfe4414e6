package statusschema

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"grendel/app/agent"
	"grendel/app/autostart"
	"grendel/app/compliance"
	"grendel/app/compliance/compliancetest"
	"grendel/app/oslock"

	"grendel/internal/testdir"
)

var (
	t0      = compliancetest.T0
	loaded  = compliancetest.Loaded
	running = compliancetest.Busy
)

// TestDocumentsValid: real documents (running and not, with problems and
// a failed-closed policy) match the schema, and read back the same.
func TestDocumentsValid(t *testing.T) {
	dir := testdir.New(t)
	good := loaded(t, dir, map[string]string{"user.json": `{"lock": {"idle_timeout": "3m"}}`})
	broken := loaded(t, dir, map[string]string{"extra.json": `{"lock": {"idle_timeout": 5`})
	if !broken.FailedClosed || len(broken.Problems) == 0 {
		t.Fatalf("the broken --policy file did not fail closed: %+v", broken)
	}
	around := compliance.Surroundings{
		Autostart: func() autostart.Status { return autostart.Status{Error: "no systemd"} },
		OSLock:    func() oslock.Setting { return oslock.Setting{Desktop: "kde", Known: true, Enabled: false} },
	}
	docs := map[string]compliance.Document{
		"running":                    compliance.FromAgent(running(good), t0),
		"running, failed closed":     compliance.FromAgent(running(broken), t0),
		"running, bare":              compliance.FromAgent(agent.Status{Version: "1", PID: 1, Started: t0, Policy: good, StartedBy: agent.StartedByHand}, t0),
		"not running":                compliance.NotRunning("1.2.3", good, around, t0),
		"not running, failed closed": compliance.NotRunning("1.2.3", broken, compliance.Surroundings{}, t0),
	}
	for name, d := range docs {
		b, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		if err := Validate(b); err != nil {
			t.Errorf("%s: %v\n%s", name, err, b)
			continue
		}
		back, err := compliance.Parse(b)
		if err != nil {
			t.Fatalf("%s: Parse: %v", name, err)
		}
		if again, _ := json.Marshal(back); string(again) != string(b) {
			t.Errorf("%s: read back as\n%s\nwant\n%s", name, again, b)
		}
		if back.Schema != compliance.SchemaID || back.PolicyFingerprint != d.Policy.Fingerprint() {
			t.Errorf("%s: schema %q, fingerprint %q", name, back.Schema, back.PolicyFingerprint)
		}
	}
	nr := docs["not running"]
	if nr.Running || nr.PID != 0 || !nr.Started.IsZero() || nr.Lock != nil || nr.OSLock.Verdict != oslock.NoBackstop || nr.Autostart.InPlace {
		t.Errorf("not running: %+v", nr)
	}
	var raw map[string]any
	b, _ := json.Marshal(nr)
	_ = json.Unmarshal(b, &raw)
	for _, absent := range []string{"pid", "started", "started_by", "lock"} {
		if _, ok := raw[absent]; ok {
			t.Errorf("not running: has %q: %s", absent, b)
		}
	}
	if !strings.HasPrefix(string(b), `{"schema":"grendel.status/1",`) {
		t.Errorf("the schema is not the first field: %.60s", b)
	}
}

// TestValidateRejects: what is not a document does not match the schema.
func TestValidateRejects(t *testing.T) {
	good, _ := json.Marshal(compliance.FromAgent(running(loaded(t, testdir.New(t), nil)), t0))
	for name, text := range compliancetest.NotDocuments(good) {
		if err := Validate([]byte(text)); !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: Validate = %v, want ErrInvalid", name, err)
		}
	}
}
