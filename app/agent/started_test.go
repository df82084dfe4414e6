package agent

import "testing"

func TestStartedBy(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		want Starter
	}{
		{nil, StartedByHand},
		{map[string]string{"INVOCATION_ID": "5f2c0e1d8a7b4c3e9f1a2b3c4d5e6f70"}, StartedBySystemd},
		{map[string]string{SupervisedEnv: "1"}, StartedBySupervisor},
		// The supervisor's agent under a unit is the supervisor's.
		{map[string]string{SupervisedEnv: "1", "INVOCATION_ID": "5f2c"}, StartedBySupervisor},
		// Only "1" counts; an empty INVOCATION_ID is no unit.
		{map[string]string{SupervisedEnv: "0"}, StartedByHand},
		{map[string]string{SupervisedEnv: "", "INVOCATION_ID": ""}, StartedByHand},
	} {
		if got := startedBy(func(k string) string { return tc.env[k] }); got != tc.want {
			t.Errorf("startedBy(%v) = %q, want %q", tc.env, got, tc.want)
		}
	}
}
