package audit

import (
	"os"
	"path/filepath"
	"testing"

	"grendel/internal/testdir"
	"grendel/policy"
)

// events is a Recorder that keeps the names of what it is given.
type events []Name

func (e *events) Record(ev Event) { *e = append(*e, ev.Name()) }

// TestPolicyTrail: a reload that finds the same effective policy with the
// same problems records nothing; a change of the problems alone (same
// fingerprint), of the fingerprint, or a return to an earlier policy
// records the policy again, with its rejected values.
func TestPolicyTrail(t *testing.T) {
	user := filepath.Join(testdir.New(t), "settings.json")
	var got events
	trail := &PolicyTrail{Recorder: &got}
	var fingerprint string
	step := func(name, file string, want []Name) {
		t.Helper()
		if err := os.WriteFile(user, []byte(file), 0o600); err != nil {
			t.Fatal(err)
		}
		got = nil
		snap := policy.Load(policy.Paths{User: user})
		recorded := trail.Record(snap)
		if recorded != (len(want) > 0) || len(got) != len(want) {
			t.Errorf("%s: Record = %v, recorded %v; want %v", name, recorded, got, want)
			return
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("%s: recorded %v; want %v", name, got, want)
				return
			}
		}
		fingerprint = snap.Fingerprint()
	}
	applied := []Name{NamePolicyApplied}
	rejected := []Name{NamePolicyApplied, NamePolicyRejected}

	step("first load", `{"lock": {"idle_timeout": "99h"}}`, rejected)
	first := fingerprint
	step("reload, nothing changed", `{"lock": {"idle_timeout": "99h"}}`, nil)
	step("another value out of bounds", `{"lock": {"idle_timeout": "98h"}}`, rejected)
	if fingerprint != first {
		t.Fatalf("the fingerprint changed (%s, %s): the step above did not test a change of the problems alone", first, fingerprint)
	}
	step("reload again", `{"lock": {"idle_timeout": "98h"}}`, nil)
	step("a second problem", `{"lock": {"idle_timeout": "98h"}, "lock.idel": 1}`, []Name{NamePolicyApplied, NamePolicyRejected, NamePolicyRejected})
	step("the value fixed", `{"lock": {"idle_timeout": "10m"}}`, applied)
	if fingerprint == first {
		t.Fatal("the fingerprint did not change with the value")
	}
	step("the periodic re-read", `{"lock": {"idle_timeout": "10m"}}`, nil)
	step("back to the first", `{"lock": {"idle_timeout": "99h"}}`, rejected)
}
