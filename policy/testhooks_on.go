//go:build grendel_testhooks

package policy

import "os"

// testRoot lets integration tests point the system policy directory at a
// temporary one. It exists only in binaries built with the
// grendel_testhooks tag: a release binary ignores the variable, so a user
// cannot escape managed policy through the environment.
func testRoot() string { return os.Getenv("GRENDEL_TEST_POLICY_ROOT") }
