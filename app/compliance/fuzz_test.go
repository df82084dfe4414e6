package compliance

import (
	"encoding/json"
	"testing"
	"time"

	"grendel/app/agent"
	"grendel/policy"
)

// FuzzParse: a status file is hostile input for the root script that reads
// it. Parse never panics, and what it accepts writes back as a valid
// document with every flat field.
func FuzzParse(f *testing.F) {
	r := policy.Load(policy.Paths{}).Report()
	for _, d := range []Document{
		FromAgent(running(r), t0),
		FromAgent(agent.Status{Version: "1", PID: 1, Started: t0, Policy: r}, t0),
		NotRunning("1", r, Surroundings{}, t0),
	} {
		b, _ := json.Marshal(d)
		f.Add(b)
	}
	f.Add([]byte(`{"schema":"grendel.status/1"}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := Parse(b)
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
		if n := len(d.Flat(time.Now())); n != len(Fields()) {
			t.Fatalf("Flat has %d fields", n)
		}
	})
}
