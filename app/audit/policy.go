package audit

import (
	"encoding/json"
	"slices"
	"strings"
	"sync"

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

// PolicyTrail records each policy that takes effect ([PolicyEvents]) in
// its Recorder, unless it is the policy it recorded last: a reload, a
// file watcher's event or the periodic re-read of the registry that finds
// the same effective policy with the same problems adds nothing to the
// trail. A change of the fingerprint, of any other field of the events,
// or of the set of problems (their files, places, keys, codes and
// details, compared in memory and never recorded) records the policy
// again. It is safe for concurrent use; a nil Recorder records nothing.
type PolicyTrail struct {
	Recorder Recorder

	mu   sync.Mutex
	last string // what the last recorded policy looked like; "" before the first
}

// Record records the events of s unless s looks like the last policy
// recorded, and reports whether it recorded them.
func (t *PolicyTrail) Record(s *policy.Snapshot) bool {
	events := PolicyEvents(s)
	look := policySeen(events, s.Report().Problems)
	t.mu.Lock()
	defer t.mu.Unlock()
	if look == t.last {
		return false
	}
	t.last = look
	for _, e := range events {
		Record(t.Recorder, e)
	}
	return true
}

// policySeen returns what tells a policy apart for [PolicyTrail]: the
// fields of its applied event (the first of events; those of the
// rejected ones follow from the problems) and the set of its problems.
func policySeen(events []Event, problems []policy.Problem) string {
	var applied Fields
	events[0].fields(&applied)
	b, _ := json.Marshal(applied) // a map marshals in the order of its keys
	seen := make([]string, 0, len(problems))
	for _, p := range problems {
		pb, _ := json.Marshal(p)
		seen = append(seen, string(pb))
	}
	slices.Sort(seen)
	return string(b) + "\n" + strings.Join(seen, "\n")
}
