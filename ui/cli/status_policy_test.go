package cli

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"grendel/app/agent"
	"grendel/policy"
)

// The status never calls a policy in force that is not: not while a load
// has not finished, nor when a file was left out because it did not answer
// (issue 8, point 2).
func TestStatusPolicyState(t *testing.T) {
	since := time.Date(2026, 11, 22, 9, 30, 5, 0, time.Local)
	timeout := policy.Problem{File: "/home/u/.config/grendel/settings.json", Code: policy.CodeReadTimeout, Args: map[string]string{"Seconds": "3"}}
	for _, tc := range []struct {
		name string
		st   agent.Status
		want string
	}{
		{"stale", agent.Status{PolicyStale: &since}, "Policy: not up to date: the policy files changed at 09:30:05"},
		{"file left out", agent.Status{Policy: policy.Report{Problems: []policy.Problem{timeout}}}, "Policy: in force without a file that did not answer"},
		{"in force", agent.Status{}, "Policy: in force; files read: 0"},
	} {
		var b bytes.Buffer
		writeStatus(&b, tc.st)
		if !strings.Contains(b.String(), tc.want) {
			t.Errorf("%s: status lacks %q:\n%s", tc.name, tc.want, b.String())
		}
		if tc.name != "in force" && strings.Contains(b.String(), "Policy: in force;") {
			t.Errorf("%s: status says in force:\n%s", tc.name, b.String())
		}
	}
}
