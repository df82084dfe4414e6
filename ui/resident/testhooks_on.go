//go:build grendel_testhooks

package resident

import "os"

// crashForTest makes the agent panic once it holds the single-instance
// lock when GRENDEL_TEST_CRASH_AGENT is 1: the integration tests' crash
// loop under `grendel supervise`. It exists only in binaries built with
// the grendel_testhooks tag; a release binary ignores the variable.
func crashForTest() {
	if os.Getenv("GRENDEL_TEST_CRASH_AGENT") == "1" {
		panic("GRENDEL_TEST_CRASH_AGENT=1: crashing on purpose (test hook)")
	}
}
