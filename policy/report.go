package policy

import (
	"encoding/json"
	"time"
)

// Report is a Snapshot in a form that travels as JSON: from the agent to a
// UI process, and out of `grendel policy show --json`.
type Report struct {
	// Keys lists every key's effective value, in documentation order.
	Keys []KeyReport `json:"keys"`
	// Problems lists every problem found, as in [Snapshot.Problems].
	Problems []Problem `json:"problems"`
	// FailedClosed is [Snapshot.FailedClosed].
	FailedClosed bool `json:"failed_closed"`
	// Read lists the files read, weakest first.
	Read []string `json:"read"`
}

// KeyReport is one key's effective value and where it came from.
type KeyReport struct {
	Key Key `json:"key"`
	// Value is the value as a policy file would write it.
	Value json.RawMessage `json:"value"`
	// Display is the value for people: "5m", "true", `["a","b"]`.
	Display string `json:"display"`
	Source  string `json:"source"`
	File    string `json:"file,omitempty"`
	Limited bool   `json:"limited,omitempty"`
	// Cause is, for the source "strict-default", the kind of the invalid
	// file: "managed" or "policy-flag".
	Cause string `json:"cause,omitempty"`
}

// Report turns the snapshot into a [Report].
func (s *Snapshot) Report() Report {
	r := Report{Problems: s.Problems, FailedClosed: s.FailedClosed, Read: s.Read}
	if r.Problems == nil {
		r.Problems = []Problem{}
	}
	for _, k := range keys {
		v := s.Settings.get(k)
		raw, _ := json.Marshal(jsonValue(v))
		src := s.Sources[k.Name]
		kr := KeyReport{Key: k.Name, Value: raw, Display: FormatValue(v), Source: src.Kind.String(), File: src.File, Limited: src.Limited}
		if src.Kind == SourceStrictDefault {
			kr.Cause = src.Cause.String()
		}
		r.Keys = append(r.Keys, kr)
	}
	return r
}

// Duration returns the value of the duration key k, and whether the
// report holds one.
func (r Report) Duration(k Key) (time.Duration, bool) {
	for _, kr := range r.Keys {
		if kr.Key != k {
			continue
		}
		var s string
		if json.Unmarshal(kr.Value, &s) != nil {
			return 0, false
		}
		d, err := ParseDuration(s)
		return d, err == nil
	}
	return 0, false
}

// MarshalJSON writes a problem with its English message beside the data.
func (p Problem) MarshalJSON() ([]byte, error) {
	type plain Problem
	return json.Marshal(struct {
		plain
		Message string `json:"message"`
	}{plain(p), p.Message()})
}

// UnmarshalJSON reads what MarshalJSON wrote.
func (p *Problem) UnmarshalJSON(b []byte) error {
	type plain Problem
	return json.Unmarshal(b, (*plain)(p))
}
