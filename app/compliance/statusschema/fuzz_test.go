package statusschema

import (
	"encoding/json"
	"testing"
	"time"

	"grendel/app/agent"
	"grendel/app/compliance"
	"grendel/policy"
)

// FuzzParse: a status file is hostile input for the root script that reads
// it. compliance.Parse never panics, and what it accepts writes back as a
// document valid against the schema, with every flat field.
func FuzzParse(f *testing.F) {
	r := policy.Load(policy.Paths{}).Report()
	for _, d := range []compliance.Document{
		compliance.FromAgent(running(r), t0),
		compliance.FromAgent(agent.Status{Version: "1", PID: 1, Started: t0, Policy: r}, t0),
		compliance.NotRunning("1", r, compliance.Surroundings{}, t0),
	} {
		b, _ := json.Marshal(d)
		f.Add(b)
	}
	f.Add([]byte(`{"schema":"grendel.status/1"}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := compliance.Parse(b)
		if err != nil {
			return
		}
		again, err := json.Marshal(d)
		if err != nil {
			t.Fatalf("Marshal: %v", err)
		}
		if err := Validate(again); err != nil {
			t.Fatalf("accepted %s\nbut wrote back %s: %v", b, again, err)
		}
		if n := len(d.Flat(time.Now())); n != len(compliance.Fields()) {
			t.Fatalf("Flat has %d fields", n)
		}
	})
}
