package audit

import (
	"slices"
	"strings"

	"grendel/policy"
)

// sourceKinds are the kinds of policy source counted by [PolicyApplied],
// as field names (keys_KIND); a kind not listed counts as "other".
var sourceKinds = []string{"default", "recommended", "user", "managed", "policy_flag", "strict_default", Other}

// PolicyEvents returns the events of a policy taking effect: one
// [PolicyApplied] with the fingerprint of its values and how many keys
// each kind of source set, then one [PolicyRejected] per problem that is
// not a mere warning, with its key (when it is one of the table's) and
// its code. No path, no value and no text of a problem is kept.
func PolicyEvents(s *policy.Snapshot) []Event {
	r := s.Report()
	applied := PolicyApplied{sources: map[string]int{}, files: len(r.Read), problems: len(r.Problems), failedClosed: r.FailedClosed,
		fingerprint: r.Fingerprint()}
	for _, k := range r.Keys {
		kind := strings.ReplaceAll(k.Source, "-", "_")
		if !slices.Contains(sourceKinds, kind) {
			kind = Other
		}
		applied.sources[kind]++
	}
	events := []Event{applied}
	for _, p := range r.Problems {
		if p.Warning {
			continue
		}
		rej := PolicyRejected{code: Other}
		if _, ok := policy.Messages[p.Code]; ok {
			rej.code = string(p.Code)
		}
		if p.Key != "" {
			rej.key = Other
			if _, ok := policy.Lookup(policy.Key(p.Key)); ok {
				rej.key = p.Key
			}
		}
		events = append(events, rej)
	}
	return events
}
