package vault

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"
)

// indexCases feed TestParseIndex and the seeds of FuzzLoadIndex.
var indexCases = []struct {
	name    string
	data    string
	err     error // wrapped by the error, or nil
	ids     []string
	problem int // CodeBadEntry problems
}{
	{name: "empty index", data: `{"version":1,"shares":[]}`},
	{name: "null shares", data: `{"version":1,"shares":null}`},
	{name: "one share", ids: []string{"abcdefghij"}, data: `{"version":1,"shares":[{"id":"abcdefghij","label":"report.pdf",
		"recipient":"Anna","channel":"phone","created":"2026-03-02T09:00:00Z","expires":"2026-03-09T09:00:00Z",
		"last_copied":"2026-03-02T10:00:00Z","settings":{"kind":"passphrase","words":6,"language":"nl"},"entropy":72}]}`},
	{name: "unknown fields ignored", ids: []string{"abcdefghij"}, data: `{"version":1,"future":true,"shares":[{"id":"abcdefghij",
		"label":"x","channel":"sms","created":"2026-03-02T09:00:00Z","expires":"2026-03-09T09:00:00Z","settings":{"kind":"random","length":20,"language":"de"},"colour":"red"}]}`},
	{name: "repaired entry", ids: []string{"abcdefghij"}, problem: 5, data: `{"version":1,"shares":[{"id":"abcdefghij",
		"label":"","recipient":"a\u0000b","channel":"pigeon","created":"2026-03-02T09:00:00Z","settings":{"kind":"pin"}}]}`},
	{name: "bad and repeated IDs dropped", ids: []string{"abcdefghij"}, problem: 3, data: `{"version":1,"shares":[
		{"id":"../../etc","label":"x","channel":"other","expires":"2026-03-09T09:00:00Z"},
		{"id":"abcdefghij","label":"x","channel":"other","expires":"2026-03-09T09:00:00Z"},
		{"id":"abcdefghij","label":"y","channel":"other","expires":"2026-03-09T09:00:00Z"},
		{"label":"z","channel":"other","expires":"2026-03-09T09:00:00Z"}]}`},
	{name: "newer version", data: `{"version":2,"shares":"whatever"}`, err: ErrIndexVersion},
	{name: "no version", data: `{"shares":[]}`, err: ErrCorruptIndex},
	{name: "negative version", data: `{"version":-1}`, err: ErrCorruptIndex},
	{name: "empty file", data: ``, err: ErrCorruptIndex},
	{name: "not JSON", data: `shares: none`, err: ErrCorruptIndex},
	{name: "truncated", data: `{"version":1,"shares":[{"id":"abcdefghij","lab`, err: ErrCorruptIndex},
	{name: "array", data: `[]`, err: ErrCorruptIndex},
	{name: "trailing data", data: `{"version":1} {"version":1}`, err: ErrCorruptIndex},
	{name: "bad time", data: `{"version":1,"shares":[{"id":"abcdefghij","created":"yesterday"}]}`, err: ErrCorruptIndex},
	{name: "wrong type", data: `{"version":"1"}`, err: ErrCorruptIndex},
	// Cases found by fuzzing go here.
}

func TestParseIndex(t *testing.T) {
	for _, tt := range indexCases {
		t.Run(tt.name, func(t *testing.T) {
			shares, problems, err := parseIndex([]byte(tt.data))
			if !errors.Is(err, tt.err) || (err == nil) != (tt.err == nil) {
				t.Fatalf("parseIndex = %v, want %v", err, tt.err)
			}
			var ids []string
			for _, s := range shares {
				ids = append(ids, s.ID)
			}
			if len(ids) != len(tt.ids) || (len(ids) > 0 && ids[0] != tt.ids[0]) {
				t.Errorf("IDs = %q, want %q", ids, tt.ids)
			}
			if len(problems) != tt.problem {
				t.Errorf("%d problems %v, want %d", len(problems), problems, tt.problem)
			}
		})
	}
}

func TestParseIndexRepairs(t *testing.T) {
	shares, _, err := parseIndex([]byte(indexCases[4].data))
	if err != nil || len(shares) != 1 {
		t.Fatalf("parseIndex = %v, %v", shares, err)
	}
	s := shares[0]
	if s.Label != RecoveredLabel || s.Recipient != "" || s.Channel != ChannelOther || s.Settings != DefaultSettings() || !s.Expired(s.Created) {
		t.Errorf("repaired share = %+v", s)
	}
}

// FuzzLoadIndex checks that the index parser never panics, and that what
// it accepts has valid, distinct IDs and survives a round trip unchanged
// and without problems.
func FuzzLoadIndex(f *testing.F) {
	for _, tt := range indexCases {
		f.Add([]byte(tt.data))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		shares, _, err := parseIndex(data)
		if err != nil {
			if !errors.Is(err, ErrCorruptIndex) && !errors.Is(err, ErrIndexVersion) {
				t.Fatalf("parseIndex error %v wraps neither ErrCorruptIndex nor ErrIndexVersion", err)
			}
			if shares != nil {
				t.Fatalf("parseIndex failed but returned shares")
			}
			return
		}
		seen := map[string]bool{}
		for _, s := range shares {
			if !ValidID(s.ID) || seen[s.ID] {
				t.Fatalf("accepted ID %q: invalid or repeated", s.ID)
			}
			seen[s.ID] = true
			if _, err := s.Settings.Normalize(); err != nil || !s.Channel.Valid() || checkText("label", s.Label, true) != nil {
				t.Fatalf("accepted share %+v is not valid", s)
			}
		}
		out, err := marshalIndex(shares)
		if err != nil {
			t.Fatalf("marshalIndex of accepted shares: %v", err)
		}
		again, problems, err := parseIndex(out)
		if err != nil || len(problems) > 0 {
			t.Fatalf("parseIndex(marshalIndex(…)) = %v, %v", problems, err)
		}
		out2, err := marshalIndex(again)
		if err != nil || !bytes.Equal(out, out2) {
			t.Fatalf("round trip changed the index:\n%s\n%s", out, out2)
		}
		if !json.Valid(out) {
			t.Fatalf("marshalIndex wrote invalid JSON")
		}
	})
}

func FuzzParseJournal(f *testing.F) {
	for _, s := range []string{`{"version":1,"ids":["abcdefghij"]}`, `{"version":1,"ids":null}`, `{"version":2}`, `{`, ``, `{"version":1,"ids":["x","abcdefghij","abcdefghij"]}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ids, err := parseJournal(data)
		if err != nil {
			if !errors.Is(err, errCorruptJournal) && !errors.Is(err, ErrIndexVersion) {
				t.Fatalf("parseJournal error %v", err)
			}
			for _, id := range salvageIDs(data, journalIDPattern()) {
				if !ValidID(id) {
					t.Fatalf("salvaged %q", id)
				}
			}
			return
		}
		seen := map[string]bool{}
		for _, id := range ids {
			if !ValidID(id) || seen[id] {
				t.Fatalf("ID %q: invalid or repeated", id)
			}
			seen[id] = true
		}
	})
}
