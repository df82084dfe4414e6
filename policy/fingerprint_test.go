package policy

import (
	"encoding/json"
	"regexp"
	"slices"
	"testing"
)

// TestFingerprint: the fingerprint changes with any value and with nothing
// else (order, sources, files, problems).
func TestFingerprint(t *testing.T) {
	base := Snapshot{Settings: Defaults()}
	want := base.Report().Fingerprint()
	if !regexp.MustCompile(`^sha256:[0-9a-f]{64}$`).MatchString(want) {
		t.Fatalf("Fingerprint() = %q, want sha256: and 64 hex digits", want)
	}
	same := []struct {
		name string
		edit func(*Report)
	}{
		{"keys reversed", func(r *Report) { slices.Reverse(r.Keys) }},
		{"other sources", func(r *Report) {
			for i := range r.Keys {
				r.Keys[i].Source, r.Keys[i].File, r.Keys[i].Limited = "managed", "/etc/grendel/policies/managed/a.json", true
			}
		}},
		{"files and problems", func(r *Report) {
			r.Read = []string{"/etc/x.json"}
			r.Problems = []Problem{{File: "/etc/x.json", Code: CodeSyntax}}
			r.FailedClosed = true
		}},
		{"value spaced", func(r *Report) { r.Keys[0].Value = json.RawMessage(" " + string(r.Keys[0].Value) + " ") }},
		{"display changed", func(r *Report) { r.Keys[0].Display = "five minutes" }},
	}
	for _, c := range same {
		r := base.Report()
		c.edit(&r)
		if got := r.Fingerprint(); got != want {
			t.Errorf("%s: Fingerprint() = %s, want %s", c.name, got, want)
		}
	}
	seen := map[string]string{want: "defaults"}
	for _, d := range Keys() {
		r := base.Report()
		for i := range r.Keys {
			if r.Keys[i].Key == d.Name {
				r.Keys[i].Value = changed(t, d, r.Keys[i].Value)
			}
		}
		got := r.Fingerprint()
		if other, ok := seen[got]; ok {
			t.Errorf("changing %s gives the fingerprint of %s: %s", d.Name, other, got)
		}
		seen[got] = string(d.Name)
	}
	if got := (&base).Fingerprint(); got != want {
		t.Errorf("Snapshot.Fingerprint() = %s, Report's %s", got, want)
	}
}

// changed returns a different JSON value of the same type.
func changed(t *testing.T, d Definition, v json.RawMessage) json.RawMessage {
	t.Helper()
	switch d.Type {
	case TypeBool:
		if string(v) == "true" {
			return json.RawMessage("false")
		}
		return json.RawMessage("true")
	case TypeDuration:
		if string(v) == `"1m"` {
			return json.RawMessage(`"2m"`)
		}
		return json.RawMessage(`"1m"`)
	case TypeInt:
		if string(v) == "1" {
			return json.RawMessage("2")
		}
		return json.RawMessage("1")
	case TypeEnum:
		for _, e := range d.Enum {
			if b, _ := json.Marshal(e); string(b) != string(v) {
				return b
			}
		}
	case TypeStringList, TypeArgv:
		return json.RawMessage(`["x"]`)
	}
	t.Fatalf("%s: no other value of %v", d.Name, d.Type)
	return nil
}
